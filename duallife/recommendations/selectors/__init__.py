"""Reads of recommendations worth naming, one module per topic: the stored lists
(``recommendations``), the engine's inputs (``loading``), ``saved_searches`` and ``digests``."""
