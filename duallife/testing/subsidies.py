"""Support programs, contracts to claim for and claims in each state, for the subsidy tests.

``make_program(world, **rules)``: a program of Miyagi's body (``miyagi-pref``) for the current
fiscal year that pays companies half of each round trip to Miyagi over ¥10,000 (rules overridable),
with a budget; ``contract_of(world)``: a contract of ``world.company`` with ``world.talent`` on a
published Sendai sheet; ``claim_of(program, contract, by, fares=…)``: a draft with those trips (a
day in the fiscal year each); ``submitted``/``approved``/…: the same claim taken through the steps.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from duallife.engagements.services.applications import application_submit
from duallife.engine.subsidies import fiscal_year_of
from duallife.organizations.models import Organization
from duallife.postings.models import SpecSheet
from duallife.regions.models import Municipality
from duallife.subsidies.models import Claim, Program, ProgramVersion
from duallife.subsidies.services.claims import claim_create, claim_report, claim_submit, claim_trip_add
from duallife.subsidies.services.reviews import claim_approve, claim_fix, claim_pay

from .engagements import APPLY_MESSAGE, record, to_offer
from .files import pdf
from .postings import SENDAI, make_sheet
from .talents import make_talent_user

#: The pack's round trip 東京–仙台 (the fare a trip to Sendai is prefilled with).
SENDAI_FARE = 21_120


def rules(**overrides: Any) -> dict[str, Any]:
    year = fiscal_year_of(timezone.localdate())
    data: dict[str, Any] = {
        "name": "副業人材の往復支援（試験）",
        "owner": "宮城県",
        "fiscal_year": year,
        "budget_yen": 1_000_000,
        "payee": "company",
        "source": "試験用の要綱",
        "source_date": "2026-04-01",
        "rate": "1/2",
        "min_round_trip_yen": 10_000,
        "destination_prefectures": ["04"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_program(
    world=None, *, slug: str = "miyagi-test", budget_yen: int = 1_000_000, **overrides
) -> Program:
    data = rules(budget_yen=budget_yen, **overrides)
    program = Program.objects.create(
        slug=slug,
        fiscal_year=data["fiscal_year"],
        name=data["name"],
        owner_name=data["owner"],
        budget_yen=data["budget_yen"],
        payee=data["payee"],
        owner_organization=Organization.objects.filter(slug="miyagi-pref").first(),
    )
    ProgramVersion.objects.create(
        program=program,
        number=1,
        rules=data,
        source=data["source"],
        source_date=datetime.date.fromisoformat(data["source_date"]),
        notes=data.get("notes", ""),
    )
    return program


def trip_day() -> datetime.date:
    """A past day of the current fiscal year (today on its first day)."""
    today = timezone.localdate()
    start = datetime.date(fiscal_year_of(today), 4, 1)
    return max(start, today - datetime.timedelta(days=1))


def contract_of(world, *, talent_user=None, sheet=None, **terms):
    """A contract of ``world.company`` with ``talent_user`` (default ``world.talent``)."""
    sheet = sheet or make_sheet(world, SpecSheet.Status.PUBLISHED, openings=50)
    user = talent_user or world.talent
    application = application_submit(sheet=sheet, by=user, message=APPLY_MESSAGE, shared_fields=["name"])
    return record(to_offer(application, world.owner), world.owner, **terms)


def contracts_for(world, count: int) -> list:
    """``count`` contracts of ``world.company`` on one sheet, each with a new talent."""
    sheet = make_sheet(world, SpecSheet.Status.PUBLISHED, openings=count + 1)
    return [
        contract_of(world, talent_user=make_talent_user(f"claimant{n}"), sheet=sheet) for n in range(count)
    ]


def claim_of(
    program: Program, contract, by, *, fares=(SENDAI_FARE,), receipts: bool = False, **trip
) -> Claim:
    claim = claim_create(program=program, contract=contract, by=by)
    sendai = Municipality.objects.get(code=SENDAI)
    for fare in fares:
        claim_trip_add(
            claim=claim,
            by=by,
            date=trip.get("date", trip_day()),
            origin_prefecture=trip.get("origin_prefecture", "13"),
            destination=trip.get("destination", sendai),
            round_trip_fare_yen=fare,
            fare_reason="" if fare == SENDAI_FARE else "早割",
            lodging_nights=trip.get("lodging_nights", 0),
            lodging_yen_per_night=trip.get("lodging_yen_per_night", 0),
            receipt=pdf() if receipts else None,
        )
    return claim


def submitted(program, contract, by, **kwargs) -> Claim:
    return claim_submit(claim=claim_of(program, contract, by, **kwargs), by=by, declared=True)


def approved(program, contract, by, reviewer, **kwargs) -> Claim:
    return claim_approve(claim=submitted(program, contract, by, **kwargs), by=reviewer)


def reported(program, contract, by, reviewer, **kwargs) -> Claim:
    kwargs.setdefault("receipts", True)
    return claim_report(claim=approved(program, contract, by, reviewer, **kwargs), by=by)


def fixed(program, contract, by, reviewer, *, amount: int | None = None, **kwargs) -> Claim:
    claim = reported(program, contract, by, reviewer, **kwargs)
    amount = claim.approved_yen if amount is None else amount
    return claim_fix(
        claim=claim, by=reviewer, amount_yen=amount, note="" if amount == claim.approved_yen else "一部"
    )


def paid(program, contract, by, reviewer, payer, **kwargs) -> Claim:
    claim = fixed(program, contract, by, reviewer, **kwargs)
    return claim_pay(claim=claim, by=payer, paid_on=timezone.localdate(), reference="振込 0001")
