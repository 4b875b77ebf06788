"""Writes of recommendations, one module per topic: the stored lists (``recommendations``),
``saved_searches`` and the weekly ``digests``. Keyword-only, one service per use case."""
