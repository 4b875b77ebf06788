"""Fixtures for the tests of every app (a pytest plugin: ``pytest_plugins`` in duallife/conftest.py).

- ``region_pack``: the real Tohoku region pack in the test database.
- ``small_vocabulary`` (also offered as ``vocabulary``): six skills, four themes, one industry
  group. The organisations, talents and vocabulary tests override ``vocabulary`` with the real one.
- ``world``: the marketplace of :func:`duallife.testing.postings.make_world`;
  ``make_sheet(status, **overrides)``: a sheet of it taken to ``status``.
- ``site_url``, ``smtp_sink``, ``smtp_down``: email delivery to a real local SMTP server, or to
  none.
- ``shared_small_demo``: the region pack and the small demo, built once for a test module and
  rolled back after it (each test's own writes are rolled back after the test, as always);
  ``shared_vocabulary``: the same for the region pack and the real vocabulary.
- Every test starts in Japanese, with an empty cache; ``admin_user`` has MFA on.
- Private files (attachments, receipts, the demo's receipts) go to a temporary folder of the
  session, never to ``var/private``; a test that looks at the files sets its own (``private_root``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from duallife.demo.services import demo_data_create
from duallife.regions.services import region_pack_load

from .accounts import with_totp
from .mail import SITE_URL, Recorder, SmtpSink, free_port
from .postings import World, make_world
from .postings import make_sheet as _make_sheet
from .vocabulary import forget_vocabulary, load_vocabulary_for_tests, make_small_vocabulary


@pytest.fixture(autouse=True, scope="session")
def private_files_of_the_session(tmp_path_factory):
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        yield


@pytest.fixture(autouse=True)
def japanese_by_default():
    """Every test starts in Japanese, the default language, whatever an earlier request activated."""
    with translation.override("ja"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits (allauth) and used one-time codes (MFA) live in the cache: start every test
    with none, whatever an earlier test consumed."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with an authenticator app: staff must have MFA to open the admin
    (``duallife.accounts.middleware.StaffMFAMiddleware``)."""
    return with_totp(admin_user)


@pytest.fixture
def region_pack(_region_pack_of_the_module, db):
    """The real Tohoku region pack, loaded into the test database: once for a test module (see
    ``_region_pack_of_the_module``), or for the test itself in a module with transactional tests."""
    return _region_pack_of_the_module or region_pack_load(slug="tohoku")


_COMMITTING_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _transactional(item: pytest.Item) -> bool:
    """Whether the test commits (a transactional test, or one with a live server)."""
    marker = item.get_closest_marker("django_db")
    options = marker.kwargs if marker else {}
    wants_commits = bool(options.get("transaction") or options.get("serialized_rollback"))
    return wants_commits or bool(set(getattr(item, "fixturenames", ())) & _COMMITTING_FIXTURES)


@pytest.fixture(scope="module")
def _region_pack_of_the_module(request, django_db_setup, django_db_blocker):
    """Loading the pack writes about 500 rows (a quarter of a second): done once for a test
    module and rolled back after it, like ``shared_small_demo``. Not in a module that also has
    transactional tests: those commit, and must not find an open transaction around them."""
    module_items = [item for item in request.session.items if item.module is request.module]
    if any(_transactional(item) for item in module_items):
        yield None
        return
    with _kept_for_the_module(django_db_blocker):
        yield region_pack_load(slug="tohoku")


#: The password of every user of ``shared_small_demo``.
DEMO_PASSWORD = "demo-password-123"


@contextmanager
def _kept_for_the_module(django_db_blocker) -> Iterator[None]:
    """Rows written inside the block stay for every test of a module: they are written once in an
    outer transaction rolled back when the module is done. Each test still runs in its own
    transaction inside it (as with Django's ``TestCase.setUpTestData``), so what a test writes is
    gone for the next one."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            cache.clear()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            forget_vocabulary()


@pytest.fixture(scope="module")
def shared_small_demo(django_db_setup, django_db_blocker):
    """The region pack and the small demo, for every test of a module. Returns the demo's report."""
    with _kept_for_the_module(django_db_blocker):
        region_pack_load(slug="tohoku")
        yield demo_data_create(password=DEMO_PASSWORD, small=True)


@pytest.fixture(scope="module")
def shared_vocabulary(django_db_setup, django_db_blocker):
    """The region pack and the real vocabulary, for every test of a module (the talents' and the
    organisations' pages read them and never change them). Returns (pack, vocabulary report)."""
    with _kept_for_the_module(django_db_blocker):
        yield region_pack_load(slug="tohoku"), load_vocabulary_for_tests()


@pytest.fixture
def small_vocabulary(db):
    # Before (a copy built by an earlier test) and after (these rows are rolled back).
    yield make_small_vocabulary()
    forget_vocabulary()


@pytest.fixture
def vocabulary(small_vocabulary):
    return small_vocabulary


@pytest.fixture
def world(region_pack, small_vocabulary) -> World:
    return make_world()


@pytest.fixture
def make_sheet(world):
    """Create a sheet of ``world.company`` (or ``organization``) and take it to ``status``."""
    return partial(_make_sheet, world)


@pytest.fixture
def site_url(settings) -> str:
    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on localhost, and Django sending to it (no TLS, no login)."""
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield SmtpSink(host="127.0.0.1", port=port, recorder=recorder)
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings):
    """Django's SMTP backend pointed at a localhost port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
