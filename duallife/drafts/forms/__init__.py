"""Forms of the draft's pages, one module per topic (parsing and ranges only; rules live in the services)."""
