"""What a claim is paid under a program's rules, and why.

The order of the rules: the claim's own limits (contract length, claims and people per year),
then each trip (fiscal year, areas, stacking, the fare floor, lodging), then the rate and the
rounding, then every cap in turn (per claim, per person and year, per company and year, per
person over the multi-year span), each counting what was granted before.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from .types import Claim, Granted, Outcome, Reason, Rules, Trip


def fiscal_year_of(day: datetime.date) -> int:
    """The Japanese fiscal year (April–March) a day falls in: 2027-03-31 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def _below_floor(rules: Rules, fare: int) -> bool:
    if rules.min_round_trip_yen is None:
        return False
    if rules.floor_inclusive:
        return fare < rules.min_round_trip_yen
    return fare <= rules.min_round_trip_yen


def _claim_refusal(rules: Rules, claim: Claim, granted: Granted) -> Reason | None:
    if rules.max_contract_months is not None and claim.contract_months > rules.max_contract_months:
        return Reason(
            "contract_too_long", (("months", claim.contract_months), ("limit", rules.max_contract_months))
        )
    if (
        rules.max_claims_per_person_per_fy is not None
        and granted.person_claims >= rules.max_claims_per_person_per_fy
    ):
        return Reason("too_many_claims", (("limit", rules.max_claims_per_person_per_fy),))
    if (
        rules.max_people_per_company_per_fy is not None
        and claim.person not in granted.company_people
        and len(granted.company_people) >= rules.max_people_per_company_per_fy
    ):
        return Reason("too_many_people", (("limit", rules.max_people_per_company_per_fy),))
    if not claim.trips:
        return Reason("no_trips")
    return None


def _trip_refusal(rules: Rules, number: int, trip: Trip) -> Reason | None:
    """Why a whole trip (fare and lodging) is out, or None."""
    if fiscal_year_of(trip.date) != rules.fiscal_year:
        return Reason(
            "outside_fiscal_year", (("trip", number), ("date", trip.date), ("fiscal_year", rules.fiscal_year))
        )
    if rules.origin_prefectures and trip.origin_prefecture not in rules.origin_prefectures:
        return Reason("origin_outside_area", (("trip", number), ("prefecture", trip.origin_prefecture)))
    if rules.destination_prefectures and trip.destination_prefecture not in rules.destination_prefectures:
        return Reason(
            "destination_outside_area", (("trip", number), ("prefecture", trip.destination_prefecture))
        )
    if rules.no_stacking and trip.other_subsidy:
        return Reason("paid_by_another_subsidy", (("trip", number),))
    return None


def _lodging(rules: Rules, number: int, trip: Trip, reasons: list[Reason]) -> int:
    if trip.lodging_nights <= 0:
        return 0
    if not rules.covers_lodging:
        reasons.append(Reason("lodging_not_covered", (("trip", number),)))
        return 0
    per_night = trip.lodging_yen_per_night
    cap = rules.lodging_cap_per_night_yen
    if cap is not None and per_night > cap:
        reasons.append(Reason("lodging_capped", (("trip", number), ("per_night", per_night), ("cap", cap))))
        per_night = cap
    return trip.lodging_nights * per_night


def _eligible_costs(rules: Rules, claim: Claim, reasons: list[Reason]) -> tuple[int, int, bool]:
    """(eligible costs, trips that count, whether a floor voids the whole claim)."""
    costs = 0
    counted = 0
    for number, trip in enumerate(claim.trips, start=1):
        refusal = _trip_refusal(rules, number, trip)
        if refusal is not None:
            reasons.append(refusal)
            continue
        fare = trip.round_trip_fare_yen
        if _below_floor(rules, fare):
            floor = (("trip", number), ("fare", fare), ("floor", rules.min_round_trip_yen))
            if rules.floor_scope == "claim":
                reasons.append(Reason("below_floor_voids_claim", floor))
                return 0, 0, True
            reasons.append(Reason("below_floor", floor))
            if rules.floor_voids_lodging:
                if trip.lodging_nights > 0:
                    reasons.append(Reason("lodging_voided_by_floor", (("trip", number),)))
                continue
            fare = 0
        lodging = _lodging(rules, number, trip, reasons)
        if fare or lodging:
            counted += 1
        costs += fare + lodging
    return costs, counted, False


def _cut(amount: int, cap: int | None, already: int, code: str, reasons: list[Reason]) -> int:
    """``amount`` cut to what is left of ``cap`` after ``already`` was granted."""
    if cap is None:
        return amount
    left = max(0, cap - already)
    if amount > left:
        reasons.append(Reason(code, (("cap", cap), ("granted", already), ("left", left), ("asked", amount))))
        return left
    return amount


NOTHING_GRANTED = Granted()


def assess(rules: Rules, claim: Claim, granted: Granted = NOTHING_GRANTED) -> Outcome:
    """What ``claim`` is paid under ``rules``, given what was granted before it."""
    refusal = _claim_refusal(rules, claim, granted)
    if refusal is not None:
        return Outcome(False, 0, 0, (refusal,))
    reasons: list[Reason] = []
    costs, counted, voided = _eligible_costs(rules, claim, reasons)
    if voided or counted == 0:
        if not voided:
            reasons.append(Reason("no_eligible_trip"))
        return Outcome(False, 0, 0, tuple(reasons))
    raw = costs * rules.rate.numerator // rules.rate.denominator
    amount = raw - raw % rules.round_down_to_yen
    if amount != raw:
        reasons.append(
            Reason("rounded_down", (("from", raw), ("to", amount), ("unit", rules.round_down_to_yen)))
        )
    amount = _cut(amount, rules.cap_per_claim_yen, 0, "capped_per_claim", reasons)
    amount = _cut(
        amount, rules.cap_per_person_per_fy_yen, granted.person_fy_yen, "capped_per_person_year", reasons
    )
    amount = _cut(
        amount, rules.cap_per_company_per_fy_yen, granted.company_fy_yen, "capped_per_company_year", reasons
    )
    amount = _cut(
        amount,
        rules.cap_per_person_multi_year_yen,
        granted.person_span_yen,
        "capped_per_person_span",
        reasons,
    )
    return Outcome(True, amount, costs, tuple(reasons))


def assess_in_order(rules: Rules, claims: Iterable[Claim]) -> list[Outcome]:
    """Each claim in turn, counting the grants of the claims before it (one program, one year:
    the multi-year total is the year's)."""
    person_yen: dict = {}
    person_claims: dict = {}
    company_yen: dict = {}
    company_people: dict = {}
    outcomes = []
    for claim in claims:
        granted = Granted(
            person_fy_yen=person_yen.get(claim.person, 0),
            person_span_yen=person_yen.get(claim.person, 0),
            company_fy_yen=company_yen.get(claim.company, 0),
            company_people=frozenset(company_people.get(claim.company, ())),
            person_claims=person_claims.get(claim.person, 0),
        )
        outcome = assess(rules, claim, granted)
        outcomes.append(outcome)
        if outcome.eligible:
            person_yen[claim.person] = person_yen.get(claim.person, 0) + outcome.payable_yen
            company_yen[claim.company] = company_yen.get(claim.company, 0) + outcome.payable_yen
            person_claims[claim.person] = person_claims.get(claim.person, 0) + 1
            company_people.setdefault(claim.company, set()).add(claim.person)
    return outcomes
