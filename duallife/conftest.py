"""The tests' shared fixtures are a plugin: duallife/testing/fixtures.py (see its docstring)."""

from pathlib import Path

import pytest

# Helpers in duallife.testing assert too: show their values when they fail.
pytest.register_assert_rewrite("duallife.testing")

pytest_plugins = ["duallife.testing.fixtures"]

ENGINE = Path(__file__).resolve().parent / "engine"


def pytest_collection_modifyitems(config, items):
    """The engine's tests touch no database: they are ``once`` tests (CI runs them on SQLite)."""
    for item in items:
        if item.path.is_relative_to(ENGINE):
            item.add_marker(pytest.mark.once)
