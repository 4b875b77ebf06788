"""What the Schemathesis tests of the engagement routers share: the checks, Hypothesis settings,
the OpenAPI document of the WSGI app, and how to call it as a signed-in person.

``calls_as(people)`` logs each person in (a real session) and returns, per name, the keyword
arguments for ``case.call_and_validate``: their session and CSRF cookies and the CSRF header.
``connection_kept()`` keeps Django from closing the test's database connection at the end
of each WSGI request (see ``duallife/simulator/tests/test_api_schema.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache

import schemathesis
from django.conf import settings as django_settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

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


OPENAPI_PATH = "/api/v1/openapi.json"


@cache
def _openapi_document() -> str:
    """The document as the site serves it, fetched once per test process (building it costs about
    half a second, and every schema test module asks for it while tests are collected)."""
    response = Client().get(OPENAPI_PATH)
    assert response.status_code == 200, f"{OPENAPI_PATH} answered {response.status_code}"
    return response.content.decode()


def api_schema(path_regex: str):
    """The API's OpenAPI document, narrowed to the paths a test file covers; its operations are
    called on the WSGI app."""
    schema = schemathesis.openapi.from_dict(json.loads(_openapi_document()))
    schema.app = wsgi_application
    schema.location = OPENAPI_PATH
    return schema.include(path_regex=path_regex)


def calls_as(people: Mapping[str, object]) -> dict[str, dict]:
    token = _get_new_csrf_string()
    session_name, csrf_name = django_settings.SESSION_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME
    calls: dict[str, dict] = {}
    for name, user in people.items():
        client = Client()
        client.force_login(user)
        calls[name] = {
            "cookies": {session_name: client.cookies[session_name].value, csrf_name: token},
            "headers": {"X-CSRFToken": token},
        }
    return calls


@contextmanager
def connection_kept() -> Iterator[None]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
