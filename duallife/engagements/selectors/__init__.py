"""Reads of engagements worth naming, one module per part (the same parts as the services); bounded
queries."""
