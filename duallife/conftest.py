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


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with an authenticator app: staff must have MFA to open the admin
    (``duallife.accounts.middleware.StaffMFAMiddleware``)."""
    from duallife.accounts.testing import with_totp

    return with_totp(admin_user)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits (allauth) and used one-time codes (MFA) live in the cache: start every test
    with none, whatever an earlier test consumed."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
