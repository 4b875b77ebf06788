"""Schemathesis against the scouts and 気になる API, called as a logged-in talent and as a company
member.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids,
bodies and query strings, with a pending scout, a published sheet and a 気になる present so that
200/201/409 answers happen too.
"""

import pytest

from duallife.engagements.services.interests import interest_toggle
from duallife.testing.engagements import send
from duallife.testing.fuzzing import CHECKS, SETTINGS, api_schema, calls_as, connection_kept

schema = api_schema(r"^/api/v1/my/(scouts|interests)")


@pytest.fixture
def signed_in(world, sheet):
    """Session cookies of the talent and of a company member, and the WSGI app called without
    closing the test's connection (see ``duallife/simulator/tests/test_api_schema.py``)."""
    send(world, sheet)
    interest_toggle(by=world.talent, sheet=sheet)
    with connection_kept():
        yield calls_as({"talent": world.talent, "company": world.owner})


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
