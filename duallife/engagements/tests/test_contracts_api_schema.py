"""Schemathesis against the contracts and check-ins API, called as the talent and as a company member.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids and
bodies, with a running contract (a check-in due) and an application in 条件提示 present so that
200/201/409 answers are checked too.
"""

import datetime

import pytest
from django.utils import timezone

from duallife.engagements.services.contracts import add_months
from duallife.testing.engagements import applicant_in_offer, record, to_offer
from duallife.testing.fuzzing import CHECKS, SETTINGS, api_schema, calls_as, connection_kept

schema = api_schema(r"^/api/v1/my/(contracts|checkins|applications/\{application_id\}/contract)")


@pytest.fixture
def signed_in(world, sheet, application):
    """A running contract and an open offer; session cookies of the talent and of a company member;
    the WSGI app called without closing the test's connection (see the simulator's schema test)."""
    starts_on = timezone.localdate() - datetime.timedelta(days=40)
    record(
        to_offer(application, world.owner), world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6)
    )
    applicant_in_offer(world, sheet, "waiting")
    with connection_kept():
        yield calls_as({"talent": world.talent, "company": world.owner})


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
