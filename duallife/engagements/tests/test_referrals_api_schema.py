"""Schemathesis against the referrals and "who received my data" APIs, called as a coordinator
(a member of a body that has referred a company), as an operator and as a talent.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids,
bodies and query strings, with a referral, an application (so a provision record) and a staff
read present, so that 200/201/204/409 answers are checked too.
"""

import pytest

from duallife.accounts.services import personal_data_access_log
from duallife.engagements.services.referrals import referral_register
from duallife.organizations.models import Organization
from duallife.testing.fuzzing import CHECKS, SETTINGS, api_schema, calls_as, connection_kept

schema = api_schema(r"^/api/v1/my/(referrals|data-provisions)")


@pytest.fixture
def signed_in(world, application):
    """Session cookies of a coordinator, an operator and a talent, and the WSGI app called without
    closing the test's connection (see ``duallife/simulator/tests/test_api_schema.py``)."""
    referral_register(
        referrer=Organization.objects.get(slug="miyagi-pref"), company=world.company, by=world.coordinator
    )
    personal_data_access_log(by=world.coordinator, subject=world.talent, what="人材プロフィールの閲覧")
    with connection_kept():
        yield calls_as({"coordinator": world.coordinator, "operator": world.operator, "talent": world.talent})


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
