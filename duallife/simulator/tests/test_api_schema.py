"""Schemathesis reads the OpenAPI document and throws generated requests at the simulator API.

Checks: no 5xx, every status code is declared, every response body matches its schema. Bad
input answering 400 is expected (it is declared); a 500 or an undocumented shape is a failure.

Two runs: the published schema as it is (mostly malformed codes, so mostly 400s), and the same
schema narrowed to the codes in the Tohoku pack, so that generated numbers reach the engine and
the 200 responses are checked too.
"""

import copy

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duallife.api import api
from duallife.testing.simulator import TABLE_5_6_2, TOKYO
from duallife.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)

published = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/simulator/"
)


def _narrowed_schema():
    document = copy.deepcopy(api.get_openapi_schema(path_prefix="/api/v1/"))
    for param in document["paths"]["/api/v1/simulator/cost"]["get"]["parameters"]:
        if param["name"] == "destination":
            param["schema"]["enum"] = sorted(TABLE_5_6_2)
        elif param["name"] == "origin":
            param["schema"]["enum"] = [TOKYO]
    narrowed = schemathesis.openapi.from_dict(document).include(path_regex=r"^/api/v1/simulator/cost$")
    narrowed.app = application
    return narrowed


narrowed = _narrowed_schema()


@pytest.fixture
def loaded(region_pack):
    """The pack, and the WSGI app called directly without closing the test's DB connection.

    Each WSGI request fires ``request_started``/``request_finished``, whose handler closes a
    connection that is inside a transaction — which the test's is. Django's own test client
    disconnects that handler for the same reason; do likewise while Schemathesis calls the app.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield region_pack
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@published.parametrize()
@SETTINGS
def test_published_schema_holds(case, loaded):
    case.call_and_validate(checks=CHECKS)


@narrowed.parametrize()
@SETTINGS
def test_schema_holds_for_known_destinations(case, loaded):
    response = case.call_and_validate(checks=CHECKS)
    if response.status_code == 200:
        body = response.json()
        assert body["difference_yen"] == body["monthly_total_yen"] - body["baseline_total_yen"]
        assert body["monthly_subsidy_yen"] <= body["monthly_travel_yen"]
