"""Schemathesis reads the OpenAPI document and throws generated requests at the notification
endpoints, as a logged-in user (session cookie and CSRF token sent), so the 200 answers are
checked too.

Checks: no 5xx, every status code is declared, every response body matches its schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duallife.notifications.models import Kind
from duallife.notifications.services import notify
from duallife.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
CSRF_SECRET = "A" * 32  # a well-formed token, sent as both cookie and header

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/my/notification"
)


@pytest.fixture
def logged_in(alice, client):
    """Credentials of a logged-in ``alice`` with a few notifications, and the WSGI app called without
    closing the test's connection (see ``duallife/simulator/tests/test_api_schema.py``)."""
    from django.conf import settings as django_settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for i in range(3):
        notify(user=alice, kind=Kind.MESSAGE, title=f"メッセージ {i}", url="/applications/1/")
    client.force_login(alice)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    credentials = {
        "headers": {"X-CSRFToken": CSRF_SECRET},
        "cookies": {
            django_settings.SESSION_COOKIE_NAME: session,
            django_settings.CSRF_COOKIE_NAME: CSRF_SECRET,
        },
    }
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield credentials
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@SETTINGS
def test_notification_endpoints_hold_their_schema(case, logged_in):
    case.call_and_validate(checks=CHECKS, **logged_in)


@schema.parametrize()
@SETTINGS
def test_notification_endpoints_hold_their_schema_for_anonymous_callers(case, db):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        case.call_and_validate(checks=CHECKS)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
