"""Test data and test helpers, one module per domain, for the tests of every app.

Builders are plain functions with keyword arguments and sensible defaults (``make_user``,
``make_company``, ``make_talent``, ``make_sheet`` …); they save through the services where a
service exists. Fixtures that the tests of several apps use are in :mod:`duallife.testing.fixtures`,
a pytest plugin loaded by ``duallife/conftest.py``. This package imports nothing itself, so the
pure-Python engine tests can use its Django-free modules (``speclint``, ``skills``).
"""
