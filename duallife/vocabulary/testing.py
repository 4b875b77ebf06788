"""Kept for the demo tests that still import from here; use :mod:`duallife.testing.vocabulary`."""

from duallife.testing.vocabulary import forget_vocabulary, load_vocabulary_for_tests

__all__ = ["forget_vocabulary", "load_vocabulary_for_tests"]
