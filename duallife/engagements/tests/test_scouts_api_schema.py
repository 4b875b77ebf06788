"""Schemathesis against the scouts and 気になる API, called as a logged-in talent and as a company
member.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids,
bodies and query strings, with a pending scout, a published sheet and a 気になる present so that
200/201/409 answers happen too.
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duallife.engagements.services.interests import interest_toggle
from duallife.wsgi import application as wsgi_application

from .scouts_helpers import send

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_application).include(
    path_regex=r"^/api/v1/my/(scouts|interests)"
)


@pytest.fixture
def signed_in(world, sheet):
    """Session cookies of the talent and of a company member, and the WSGI app called without
    closing the test's connection (see ``duallife/simulator/tests/test_api_schema.py``)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    send(world, sheet)
    interest_toggle(by=world.talent, sheet=sheet)
    token = _get_new_csrf_string()
    session_name, csrf_name = django_settings.SESSION_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME
    headers: dict[str, dict] = {}
    for name, user in (("talent", world.talent), ("company", world.owner)):
        client = Client()
        client.force_login(user)
        session = client.cookies[session_name].value
        headers[name] = {
            "cookies": {session_name: session, csrf_name: token},
            "headers": {"X-CSRFToken": token},
        }
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield headers
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@SETTINGS
def test_scouts_api_holds_its_schema_for_a_talent(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["talent"])
    assert response.status_code != 401  # really signed in


@schema.parametrize()
@SETTINGS
def test_scouts_api_holds_its_schema_for_a_company(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["company"])
    assert response.status_code != 401  # really signed in
