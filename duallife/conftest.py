"""Shared fixtures for app tests."""

import pytest

from duallife.regions.services import region_pack_load


@pytest.fixture
def region_pack(db):
    """The real Tohoku region pack, loaded into the test database."""
    return region_pack_load(slug="tohoku")
