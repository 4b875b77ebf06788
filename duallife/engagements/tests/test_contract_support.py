"""A contract's part of the application page lists the travel-cost support programs its payee side
may claim for the sheet's visits: a company's members the programs paying companies, the talent
those paying talents, each with a link to start a claim for this contract. Staff and anyone outside
the contract get no such list (outsiders get no page at all). A fixed few queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.contracts import add_months
from duallife.postings.models import SpecSheet
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE, record, to_offer
from duallife.testing.subsidies import SENDAI_FARE, make_program

pytestmark = pytest.mark.django_db

PANEL = "使える交通費支援"
#: The application page of a running contract for a company member, the support programs included.
PAGE_QUERIES = 22


@pytest.fixture
def contract(world, make_sheet):
    """Six months from 40 days ago, on a Sendai sheet with two visits a month."""
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=2, visits_per_month=2)
    application = application_submit(
        sheet=sheet, by=world.talent, message=APPLY_MESSAGE, shared_fields=["name"]
    )
    starts_on = timezone.localdate() - datetime.timedelta(days=40)
    return record(
        to_offer(application, world.owner), world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6)
    )


def _page(client, user, contract):
    client.force_login(user)
    return client.get(reverse("engagements:application_detail", args=[contract.application_id]))


def _claim_links(html: str) -> list[str]:
    return re.findall(r'href="([^"]*/claims/new/\?contract=\d+)"', html)


def test_the_company_sees_its_programs_with_a_link_to_claim_for_this_contract(client, world, contract):
    program = make_program(world)
    make_program(world, slug="for-talents", payee="talent", name="人材に支払う支援（試験）")

    html = _page(client, world.member, contract).content.decode()

    assert PANEL in html
    assert program.name in html
    assert f"{2 * SENDAI_FARE // 2:,}円" in html
    assert "人材に支払う支援" not in html
    claim = reverse("subsidies:claim_start", args=[program.pk]) + f"?contract={contract.pk}"
    assert _claim_links(html) == [claim]
    assert "この制度で申請する" in html


def test_the_talent_sees_only_the_programs_that_pay_talents(client, world, contract):
    make_program(world)

    assert PANEL not in _page(client, world.talent, contract).content.decode()

    for_talents = make_program(world, slug="for-talents", payee="talent", name="人材に支払う支援（試験）")
    html = _page(client, world.talent, contract).content.decode()

    assert _claim_links(html) == [
        reverse("subsidies:claim_start", args=[for_talents.pk]) + f"?contract={contract.pk}"
    ]
    assert "副業人材の往復支援（試験）" not in html


def test_another_company_gets_no_page_and_staff_no_claim_links(client, world, contract):
    make_program(world)
    give_mfa(world.coordinator)

    assert _page(client, world.stranger, contract).status_code == 404
    staff = _page(client, world.coordinator, contract)
    assert staff.status_code == 200
    assert PANEL not in staff.content.decode()
    assert not _claim_links(staff.content.decode())
    client.logout()
    anonymous = client.get(reverse("engagements:application_detail", args=[contract.application_id]))
    assert anonymous.status_code == 302


def test_a_program_whose_contract_length_rule_the_contract_breaks_is_not_offered(client, world, contract):
    make_program(world, max_contract_months=3)

    assert PANEL not in _page(client, world.owner, contract).content.decode()


def test_the_programs_cost_the_page_a_fixed_few_queries(
    client, world, contract, django_assert_max_num_queries
):
    client.force_login(world.owner)
    url = reverse("engagements:application_detail", args=[contract.application_id])

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    without = count()
    make_program(world, slug="one")
    one = count()
    for slug in ("two", "three", "four"):
        make_program(world, slug=slug)
    with django_assert_max_num_queries(PAGE_QUERIES):
        html = client.get(url).content.decode()

    assert one == count() <= without + 4
    assert len(_claim_links(html)) == 4
