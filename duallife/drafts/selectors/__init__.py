"""Reads of the draft worth naming, one module per topic as in every layer; each page's reads take
a fixed number of queries, whatever the number of events, teams, players, camps or threads."""
