"""A program's rules as the engine takes them, and a claim as the engine sees it.

- :func:`rules_of`: the checked rules of a stored version (its JSON back into the file's types).
- :func:`engine_claim`: a claim and its trips as an engine :class:`~duallife.engine.subsidies.Claim`.
- :func:`granted_before`: what the person and the company were granted before, under the program's
  slug (the caps count 交付決定 amounts, the fixed amount once fixed).
- :func:`claim_assessment`: the engine's answer for a claim now, under the version it would use.
"""

from __future__ import annotations

import datetime

from django.db.models import Sum

from duallife.engine.subsidies import Claim as EngineClaim
from duallife.engine.subsidies import Granted, Outcome, Reason, Rules, Trip, assess, rules_from_mapping

from ..models import Claim, ClaimTrip, GrantTotal, Program, ProgramVersion

#: States whose amount counts against caps and the budget.
GRANTED_STATES = (Claim.State.APPROVED, Claim.State.REPORTED, Claim.State.FIXED, Claim.State.PAID)


def rules_of(version: ProgramVersion) -> Rules:
    data = dict(version.rules)
    if isinstance(data.get("source_date"), str):
        data["source_date"] = datetime.date.fromisoformat(data["source_date"])
    return rules_from_mapping(data)


def latest_version(program: Program) -> ProgramVersion | None:
    return program.versions.order_by("-number").first()


def contract_months(contract) -> int:
    """Whole months a contract runs, the last part-month counted (0 when it has no end date)."""
    if contract.ends_on is None:
        return 0
    start, end = contract.starts_on, contract.ends_on
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day >= start.day:
        months += 1
    return max(1, months)


def engine_trip(trip: ClaimTrip) -> Trip:
    return Trip(
        date=trip.date,
        origin_prefecture=trip.origin_prefecture,
        destination_prefecture=trip.destination.prefecture.code,
        round_trip_fare_yen=trip.round_trip_fare_yen,
        lodging_nights=trip.lodging_nights,
        lodging_yen_per_night=trip.lodging_yen_per_night,
        other_subsidy=trip.other_subsidy,
    )


def engine_claim(claim: Claim, trips: list[ClaimTrip] | None = None) -> EngineClaim:
    if trips is None:
        trips = list(claim.trips.select_related("destination__prefecture"))
    return EngineClaim(
        id=claim.pk,
        person=claim.talent_id,
        company=claim.company_id,
        contract_months=contract_months(claim.contract),
        trips=tuple(engine_trip(trip) for trip in trips),
    )


def _total(slug: str, years, holder: str, holder_id: int) -> int:
    return (
        GrantTotal.objects.filter(
            program_slug=slug, fiscal_year__in=list(years), holder=holder, holder_id=holder_id
        ).aggregate(total=Sum("granted_yen"))["total"]
        or 0
    )


def granted_before(program: Program, claim: Claim, rules: Rules) -> Granted:
    """What was granted before ``claim`` under ``program`` (the claim itself not counted)."""
    span = rules.multi_year_span or 1
    years = range(program.fiscal_year - span + 1, program.fiscal_year + 1)
    others = Claim.objects.filter(program=program, state__in=GRANTED_STATES).exclude(pk=claim.pk)
    return Granted(
        person_fy_yen=_total(program.slug, [program.fiscal_year], GrantTotal.Holder.PERSON, claim.talent_id),
        person_span_yen=_total(program.slug, years, GrantTotal.Holder.PERSON, claim.talent_id),
        company_fy_yen=_total(
            program.slug, [program.fiscal_year], GrantTotal.Holder.COMPANY, claim.company_id
        ),
        company_people=frozenset(
            others.filter(company_id=claim.company_id).values_list("talent_id", flat=True).distinct()
        ),
        person_claims=others.filter(talent_id=claim.talent_id).count(),
    )


def claim_assessment(claim: Claim, version: ProgramVersion | None = None) -> Outcome:
    """The engine's answer for ``claim`` under ``version`` (default: the claim's own)."""
    version = version or claim.version
    rules = rules_of(version)
    return assess(rules, engine_claim(claim), granted_before(claim.program, claim, rules))


def reasons_to_json(outcome: Outcome) -> list[dict]:
    """The reasons of ``outcome`` as JSON (dates as ISO text), to keep with the claim."""
    return [
        {
            "code": reason.code,
            "figures": [
                [name, {"date": value.isoformat()} if isinstance(value, datetime.date) else value]
                for name, value in reason.figures
            ],
        }
        for reason in outcome.reasons
    ]


def reasons_from_json(data: list[dict]) -> list[Reason]:
    return [
        Reason(
            item["code"],
            tuple(
                (name, datetime.date.fromisoformat(value["date"]) if isinstance(value, dict) else value)
                for name, value in item.get("figures", [])
            ),
        )
        for item in data
    ]
