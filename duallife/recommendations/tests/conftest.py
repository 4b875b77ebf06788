"""Fixtures of the recommendation tests, on top of ``world`` and ``make_sheet``
(duallife/testing/fixtures.py)."""

import pytest

from duallife.recommendations.services.recommendations import recommendations_rebuild_all
from duallife.testing.recommendations import Published, fitting_talent


@pytest.fixture
def sheet(make_sheet):
    return make_sheet(Published)


@pytest.fixture
def me(world, sheet):
    """A talent fitting ``sheet``, with the lists rebuilt."""
    profile = fitting_talent("me")
    recommendations_rebuild_all()
    return profile
