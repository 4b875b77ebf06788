"""Helpers for tests in any app that need the real vocabulary in the test database.

``load_vocabulary_for_tests()`` loads ``data/vocabulary/*.csv`` (the same service as
``duallife load-vocabulary``) and returns the report; call it from a fixture that has database
access. ``duallife/vocabulary/tests/conftest.py`` wraps it as the ``vocabulary`` fixture.
"""

from __future__ import annotations

from .selectors import skill_vocabulary_invalidate
from .services import VocabularyLoadReport, vocabulary_load


def load_vocabulary_for_tests() -> VocabularyLoadReport:
    return vocabulary_load()


def forget_vocabulary() -> None:
    """Drop the cached skill vocabulary (call after a test that loaded one, as its data is rolled back)."""
    skill_vocabulary_invalidate()
