"""Schemathesis against the referrals and "who received my data" APIs, called as a coordinator
(a member of a body that has referred a company), as an operator and as a talent.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids,
bodies and query strings, with a referral, an application (so a provision record) and a staff
read present, so that 200/201/204/409 answers are checked too.
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duallife.accounts.services import personal_data_access_log
from duallife.engagements.services.referrals import referral_register
from duallife.organizations.models import Organization
from duallife.wsgi import application as wsgi_application

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
    path_regex=r"^/api/v1/my/(referrals|data-provisions)"
)


@pytest.fixture
def signed_in(world, application):
    """Session cookies of a coordinator, an operator and a talent, and the WSGI app called without
    closing the test's connection (see ``duallife/simulator/tests/test_api_schema.py``)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    referral_register(
        referrer=Organization.objects.get(slug="miyagi-pref"), company=world.company, by=world.coordinator
    )
    personal_data_access_log(by=world.coordinator, subject=world.talent, what="人材プロフィールの閲覧")
    token = _get_new_csrf_string()
    session_name, csrf_name = django_settings.SESSION_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME
    headers: dict[str, dict] = {}
    for name, user in (
        ("coordinator", world.coordinator),
        ("operator", world.operator),
        ("talent", world.talent),
    ):
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
def test_referral_and_provision_apis_hold_their_schema_for_a_coordinator(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["coordinator"])
    assert response.status_code != 401  # really signed in


@schema.parametrize()
@SETTINGS
def test_referral_and_provision_apis_hold_their_schema_for_an_operator(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["operator"])
    assert response.status_code != 401


@schema.parametrize()
@SETTINGS
def test_referral_and_provision_apis_hold_their_schema_for_a_talent(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["talent"])
    assert response.status_code != 401
