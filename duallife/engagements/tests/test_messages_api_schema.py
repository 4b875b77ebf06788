"""Schemathesis against the messages API, called as the talent, a company member and a coordinator.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids,
pages, bodies and files (multipart), with an application and a few messages present.
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duallife.engagements.services.messages import message_post
from duallife.wsgi import application as wsgi_application

from .messages_files import pdf, private_root

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
    path_regex=r"^/api/v1/my/(applications/\{application_id\}/messages|messages/)"
)


@pytest.fixture
def signed_in(staff_mfa, application, settings, tmp_path):
    """Session cookies of three people with a part in the thread, a few messages, files stored in
    a throw-away folder, and the WSGI app called without closing the test's connection (see
    ``duallife/simulator/tests/test_api_schema.py``)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    world = staff_mfa
    private_root(settings, tmp_path / "media")
    message_post(application=application, by=world.talent, body="よろしくお願いします。")
    message_post(application=application, by=world.owner, body="資料です。", attachment=pdf())
    token = _get_new_csrf_string()
    session_name, csrf_name = django_settings.SESSION_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME
    headers: dict[str, dict] = {}
    for name, user in (("talent", world.talent), ("company", world.member), ("staff", world.coordinator)):
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


@pytest.mark.parametrize("who", ["talent", "company", "staff"])
@schema.parametrize()
@SETTINGS
def test_messages_api_holds_its_schema_for_generated_ids(case, signed_in, who):
    response = case.call_and_validate(checks=CHECKS, **signed_in[who])
    assert response.status_code != 401  # really signed in


@pytest.mark.parametrize("who", ["talent", "company", "staff"])
@schema.parametrize()
@SETTINGS
def test_messages_api_holds_its_schema_on_a_real_thread(case, signed_in, application, who):
    if case.path_parameters and "application_id" in case.path_parameters:
        case.path_parameters["application_id"] = application.pk
    response = case.call_and_validate(checks=CHECKS, **signed_in[who])
    assert response.status_code not in (401, 404)
