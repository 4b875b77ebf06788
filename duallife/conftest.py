"""Shared fixtures for app tests."""

import pytest

from duallife.regions.services import region_pack_load


@pytest.fixture
def region_pack(db):
    """The real Tohoku region pack, loaded into the test database."""
    return region_pack_load(slug="tohoku")


@pytest.fixture(autouse=True)
def japanese_by_default():
    """Every test starts in Japanese, the default language, whatever an earlier request activated."""
    from django.utils import translation

    with translation.override("ja"):
        yield
