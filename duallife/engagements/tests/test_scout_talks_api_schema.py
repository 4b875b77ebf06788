"""Schemathesis against the casual talk's API (``scouts/{id}/talk``, ``talk/close`` and
``scouts/{id}/messages``), called as the scouted talent and as a company member.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids and
bodies, with a scout in a casual talk (holding a message) present so that 200/201/409 answers
happen too.
"""

import pytest

from duallife.testing.engagements import in_talk
from duallife.testing.fuzzing import CHECKS, SETTINGS, api_schema, calls_as, connection_kept

schema = api_schema(r"^/api/v1/my/scouts/\{scout_id\}/(talk|messages)")


@pytest.fixture
def signed_in(world, sheet):
    """Session cookies of the talent and of a company member, and the WSGI app called without
    closing the test's connection (see ``duallife/simulator/tests/test_api_schema.py``)."""
    in_talk(world, sheet)
    with connection_kept():
        yield calls_as({"talent": world.talent, "company": world.owner})


@schema.parametrize()
@SETTINGS
def test_the_talk_api_holds_its_schema_for_the_talent(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["talent"])
    assert response.status_code != 401  # really signed in


@schema.parametrize()
@SETTINGS
def test_the_talk_api_holds_its_schema_for_the_company(case, signed_in):
    response = case.call_and_validate(checks=CHECKS, **signed_in["company"])
    assert response.status_code != 401  # really signed in
