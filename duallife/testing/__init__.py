"""Test data and test helpers, one module per domain, for the tests of every app.

Builders are plain functions with keyword arguments and sensible defaults (``make_user``,
``make_company``, ``make_talent``, ``make_sheet`` …); they save through the services where a
service exists. Fixtures that the tests of several apps use are in :mod:`duallife.testing.fixtures`,
a pytest plugin loaded by ``duallife/conftest.py``. The pure-Python engine's tests keep their
helpers inside the engine (``duallife/engine/<topic>/testing.py``), so the engine imports nothing
from outside it.
"""
