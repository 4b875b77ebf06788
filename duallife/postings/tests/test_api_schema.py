"""Schemathesis reads the OpenAPI document and throws generated requests at the public read
endpoints of sheets, organisations and vocabularies.

Checks: no 5xx, every status code is declared, every response body matches its schema. A
published sheet, a closed one and a few organisations exist, so 200 answers are checked too.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duallife.postings.models import SpecSheet
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

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/(sheets|organizations|vocabulary)", method="GET"
)


@pytest.fixture
def catalogue(world, make_sheet):
    """Sheets and organisations to find, and the WSGI app called without closing the test's
    connection (see ``duallife/simulator/tests/test_api_schema.py``)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    make_sheet(SpecSheet.Status.PUBLISHED)
    make_sheet(SpecSheet.Status.CLOSED)
    make_sheet(SpecSheet.Status.DRAFT)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield world
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@SETTINGS
def test_read_endpoints_hold_their_schema(case, catalogue):
    case.call_and_validate(checks=CHECKS)
