"""Schemathesis against the contracts and check-ins API, called as the talent and as a company member.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids and
bodies, with a running contract (a check-in due) and an application in 条件提示 present so that
200/201/409 answers are checked too.
"""

import datetime

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duallife.engagements.services.contracts import add_months
from duallife.wsgi import application as wsgi_application

from .contracts_helpers import applicant_in_offer, record, to_offer

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
    path_regex=r"^/api/v1/my/(contracts|checkins|applications/\{application_id\}/contract)"
)


@pytest.fixture
def signed_in(world, sheet, application):
    """A running contract and an open offer; session cookies of the talent and of a company member;
    the WSGI app called without closing the test's connection (see the simulator's schema test)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    starts_on = timezone.localdate() - datetime.timedelta(days=40)
    record(
        to_offer(application, world.owner), world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6)
    )
    applicant_in_offer(world, sheet, "waiting")
    token = _get_new_csrf_string()
    session_name, csrf_name = django_settings.SESSION_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME
    headers: dict[str, dict] = {}
    for name, user in (("talent", world.talent), ("company", world.owner)):
        client = Client()
        client.force_login(user)
        headers[name] = {
            "cookies": {session_name: client.cookies[session_name].value, csrf_name: token},
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
def test_contracts_api_holds_its_schema_for_the_talent(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["talent"])
    assert response.status_code != 401  # really signed in


@schema.parametrize()
@SETTINGS
def test_contracts_api_holds_its_schema_for_a_company_member(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["company"])
    assert response.status_code != 401  # really signed in
