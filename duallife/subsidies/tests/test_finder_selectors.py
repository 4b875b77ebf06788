"""The finder's reads: each program's latest rules of a fiscal year in one query, and the programs
that pay towards a month of visits to a town at the region pack's fare, largest first, in four."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.engine.subsidies import fiscal_year_of
from duallife.regions.models import Municipality
from duallife.subsidies.models import ProgramVersion
from duallife.subsidies.selectors.programs import latest_versions, place_offers
from duallife.testing.postings import AKITA, SENDAI
from duallife.testing.subsidies import SENDAI_FARE, make_program, rules

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


def test_latest_versions_give_each_program_of_the_year_its_newest_rules_in_one_query(
    world, django_assert_num_queries
):
    year = fiscal_year_of(_today())
    changed = make_program(world, slug="changed")
    ProgramVersion.objects.create(
        program=changed,
        number=2,
        rules=rules(rate="1/3"),
        source="改訂",
        source_date=datetime.date(year, 4, 1),
    )
    make_program(world, slug="another")
    make_program(world, slug="last-year", fiscal_year=year - 1)

    with django_assert_num_queries(1):
        versions = latest_versions(fiscal_year=year)
        found = [(version.program.slug, version.number) for version in versions]

    assert found == [("another", 1), ("changed", 2)]


def test_place_offers_list_the_paying_programs_largest_first_in_four_queries(
    world, django_assert_num_queries
):
    make_program(world, slug="quarter", rate="1/4")
    make_program(world, slug="half")
    make_program(world, slug="akita", destination_prefectures=["05"])
    sendai = Municipality.objects.select_related("prefecture").get(code=SENDAI)

    with django_assert_num_queries(4):
        support = place_offers(sendai, trips_per_month=2, today=_today())

    assert support.round_trip_fare_yen == SENDAI_FARE
    assert support.trips_per_month == 2
    assert [(offer.program.slug, offer.monthly_yen) for offer in support.offers] == [
        ("half", SENDAI_FARE),
        ("quarter", SENDAI_FARE // 2),
    ]


def test_place_offers_keep_to_the_payee_and_the_contract_s_months(world):
    make_program(world, slug="companies")
    make_program(world, slug="talents", payee="talent")
    make_program(world, slug="short-contracts", max_contract_months=3)
    sendai = Municipality.objects.select_related("prefecture").get(code=SENDAI)

    for_talents = place_offers(sendai, trips_per_month=1, today=_today(), payee="talent")
    six_months = place_offers(sendai, trips_per_month=1, today=_today(), contract_months=6, payee="company")

    assert [offer.program.slug for offer in for_talents.offers] == ["talents"]
    assert [offer.program.slug for offer in six_months.offers] == ["companies"]


def test_place_offers_need_visits(world, django_assert_num_queries):
    make_program(world)
    akita = Municipality.objects.select_related("prefecture").get(code=AKITA)

    with django_assert_num_queries(0):
        assert place_offers(akita, trips_per_month=0, today=_today()) is None
    assert place_offers(akita, trips_per_month=2, today=_today()).offers == []
