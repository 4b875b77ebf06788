"""The tests' shared fixtures are a plugin: duallife/testing/fixtures.py (see its docstring)."""

import pytest

# Helpers in duallife.testing assert too: show their values when they fail.
pytest.register_assert_rewrite("duallife.testing")

pytest_plugins = ["duallife.testing.fixtures"]
