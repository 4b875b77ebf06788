"""The support engine: the rules a program states, applied to claims with their reasons."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duallife.engine.subsidies import (
    Claim,
    Granted,
    RulesError,
    Trip,
    assess,
    assess_in_order,
    fiscal_year_of,
    rules_from_mapping,
)

NATIONAL = {
    "name": "副業人材の交通費支援",
    "owner": "内閣府",
    "fiscal_year": 2026,
    "budget_yen": 100_000_000,
    "payee": "company",
    "source": "field notes §1",
    "source_date": datetime.date(2026, 4, 1),
    "rate": "1/2",
    "min_round_trip_yen": 10_000,
    "cap_per_person_per_fy_yen": 500_000,
    "cap_per_person_multi_year_yen": 1_500_000,
    "multi_year_span": 3,
    "origin_prefectures": ["11", "12", "13", "14"],
}
KUMAMOTO = NATIONAL | {
    "min_round_trip_yen": 10_000,
    "floor_scope": "claim",
    "floor_voids_lodging": True,
    "covers_lodging": True,
    "lodging_cap_per_night_yen": 10_800,
    "cap_per_person_per_fy_yen": 250_000,
    "destination_prefectures": ["43"],
}
KUMAMOTO.pop("cap_per_person_multi_year_yen")
KUMAMOTO.pop("multi_year_span")
DAY = datetime.date(2026, 6, 10)


def trip(fare: int, *, day=DAY, origin="13", destination="04", nights=0, per_night=0, other=False) -> Trip:
    return Trip(day, origin, destination, fare, nights, per_night, other)


def claim(*trips: Trip, person="p1", company="c1", months=6, id=1) -> Claim:
    return Claim(id, person, company, months, tuple(trips))


def codes(outcome) -> list[str]:
    return [reason.code for reason in outcome.reasons]


def test_the_fiscal_year_runs_from_april_to_march():
    assert fiscal_year_of(datetime.date(2027, 3, 31)) == 2026
    assert fiscal_year_of(datetime.date(2027, 4, 1)) == 2027


def test_half_of_each_round_trip_over_the_floor_is_paid():
    rules = rules_from_mapping(NATIONAL)
    outcome = assess(rules, claim(trip(21_120), trip(21_121)))
    assert (outcome.eligible, outcome.payable_yen, outcome.eligible_costs_yen) == (True, 21_120, 42_241)


@pytest.mark.parametrize(("inclusive", "fare", "counts"), [(False, 10_000, False), (True, 10_000, True)])
def test_over_and_at_least_the_floor_differ_at_the_floor(inclusive, fare, counts):
    rules = rules_from_mapping(NATIONAL | {"floor_inclusive": inclusive})
    outcome = assess(rules, claim(trip(fare), trip(20_000)))
    assert outcome.payable_yen == (15_000 if counts else 10_000)
    assert ("below_floor" in codes(outcome)) is not counts


def test_a_trip_below_the_floor_voids_a_kumamoto_claim_lodging_included():
    rules = rules_from_mapping(KUMAMOTO)
    outcome = assess(
        rules, claim(trip(40_000, destination="43", nights=1, per_night=9_000), trip(8_000, destination="43"))
    )
    assert (outcome.eligible, outcome.payable_yen) == (False, 0)
    assert codes(outcome) == ["below_floor_voids_claim"]
    assert outcome.reasons[0].figure("trip") == 2


def test_lodging_is_capped_per_night_where_it_is_covered():
    rules = rules_from_mapping(KUMAMOTO)
    outcome = assess(rules, claim(trip(40_000, destination="43", nights=2, per_night=12_000)))
    assert outcome.eligible_costs_yen == 40_000 + 2 * 10_800
    assert outcome.payable_yen == (40_000 + 21_600) // 2
    assert "lodging_capped" in codes(outcome)
    national = assess(rules_from_mapping(NATIONAL), claim(trip(40_000, nights=2, per_night=8_000)))
    assert national.payable_yen == 20_000
    assert "lodging_not_covered" in codes(national)


def test_trips_outside_the_year_the_areas_or_paid_by_another_subsidy_do_not_count():
    rules = rules_from_mapping(NATIONAL | {"no_stacking": True, "destination_prefectures": ["04"]})
    outcome = assess(
        rules,
        claim(
            trip(20_000, day=datetime.date(2027, 4, 1)),
            trip(20_000, origin="27"),
            trip(20_000, destination="05"),
            trip(20_000, other=True),
            trip(30_000),
        ),
    )
    assert outcome.payable_yen == 15_000
    assert codes(outcome) == [
        "outside_fiscal_year",
        "origin_outside_area",
        "destination_outside_area",
        "paid_by_another_subsidy",
    ]
    nothing = assess(rules, claim(trip(20_000, origin="27")))
    assert (nothing.eligible, codes(nothing)) == (False, ["origin_outside_area", "no_eligible_trip"])


def test_the_caps_count_what_was_granted_before_and_say_how_much_was_left():
    rules = rules_from_mapping(NATIONAL)
    outcome = assess(rules, claim(trip(100_000)), Granted(person_fy_yen=480_000, person_span_yen=480_000))
    assert (outcome.eligible, outcome.payable_yen) == (True, 20_000)
    cut = outcome.reasons[-1]
    assert cut.code == "capped_per_person_year"
    assert (cut.figure("left"), cut.figure("asked")) == (20_000, 50_000)
    spent = assess(rules, claim(trip(100_000)), Granted(person_fy_yen=0, person_span_yen=1_500_000))
    assert (spent.eligible, spent.payable_yen, codes(spent)) == (True, 0, ["capped_per_person_span"])


def test_claims_in_order_share_the_persons_cap_and_the_companys_people():
    rules = rules_from_mapping(NATIONAL | {"max_people_per_company_per_fy": 1, "cap_per_claim_yen": 300_000})
    outcomes = assess_in_order(
        rules,
        [
            claim(trip(800_000), id="a"),
            claim(trip(800_000), id="b"),
            claim(trip(20_000), person="p2", id="c"),
            claim(trip(20_000), person="p2", company="c2", id="d"),
        ],
    )
    assert [o.payable_yen for o in outcomes] == [300_000, 200_000, 0, 10_000]
    assert codes(outcomes[0]) == ["capped_per_claim"]
    assert codes(outcomes[2]) == ["too_many_people"]


def test_amounts_are_rounded_down_to_the_programs_unit():
    rules = rules_from_mapping(NATIONAL | {"round_down_to_yen": 1000})
    outcome = assess(rules, claim(trip(21_120)))
    assert outcome.payable_yen == 10_000
    assert outcome.reasons[0].figures == (("from", 10_560), ("to", 10_000), ("unit", 1000))


def test_a_contract_too_long_or_one_claim_too_many_is_refused():
    rules = rules_from_mapping(NATIONAL | {"max_contract_months": 12, "max_claims_per_person_per_fy": 2})
    assert codes(assess(rules, claim(trip(20_000), months=13))) == ["contract_too_long"]
    assert codes(assess(rules, claim(trip(20_000)), Granted(person_claims=2))) == ["too_many_claims"]
    assert codes(assess(rules, claim())) == ["no_trips"]


def test_every_problem_of_the_rules_is_listed_with_its_key():
    with pytest.raises(RulesError) as caught:
        rules_from_mapping(
            {
                "name": "",
                "fiscal_year": "2026",
                "payee": "bank",
                "rate": "3/2",
                "budget_yen": -1,
                "floor_scope": "week",
                "origin_prefectures": ["48"],
                "covers_lodging": "yes",
                "cap_per_person_multi_year_yen": 1,
                "lodging_cap_per_night_yen": 1000,
                "surprise": 1,
            }
        )
    problems = dict(caught.value.problems)
    assert problems == {
        "surprise": "unknown_key",
        "owner": "missing",
        "source": "missing",
        "source_date": "missing",
        "name": "not_text",
        "fiscal_year": "not_a_year",
        "payee": "not_a_payee",
        "rate": "not_a_rate",
        "budget_yen": "not_yen",
        "covers_lodging": "not_a_flag",
        "floor_scope": "not_a_scope",
        "origin_prefectures": "not_prefectures",
        "multi_year_span": "span_and_cap_go_together",
        "lodging_cap_per_night_yen": "lodging_not_covered",
    }


def test_rates_are_fractions_of_at_most_one():
    assert rules_from_mapping(NATIONAL | {"rate": "8/10"}).rate == Fraction(4, 5)
    for bad in ("0/2", "1/0", "1.5/2", "half", "１/２", 0.5):
        with pytest.raises(RulesError):
            rules_from_mapping(NATIONAL | {"rate": bad})


# --- Properties -------------------------------------------------------------------------------------

fares = st.integers(min_value=0, max_value=300_000)
trips = st.builds(
    trip,
    fares,
    nights=st.integers(min_value=0, max_value=3),
    per_night=st.integers(min_value=0, max_value=20_000),
)
programs = st.fixed_dictionaries(
    {
        "rate": st.sampled_from(["1/2", "1/3", "2/3", "8/10", "1/1"]),
        "cap_per_claim_yen": st.integers(min_value=0, max_value=400_000),
        "cap_per_person_per_fy_yen": st.integers(min_value=0, max_value=600_000),
        "covers_lodging": st.booleans(),
        "round_down_to_yen": st.sampled_from([1, 100, 1000]),
    }
)


@settings(max_examples=200, deadline=None)
@given(programs, st.lists(trips, min_size=1, max_size=4))
def test_the_payable_amount_never_exceeds_the_rate_of_the_costs_nor_a_cap(program, claim_trips):
    rules = rules_from_mapping(NATIONAL | program)
    outcome = assess(rules, claim(*claim_trips))
    assert 0 <= outcome.payable_yen <= rules.rate * outcome.eligible_costs_yen
    assert outcome.payable_yen <= rules.cap_per_claim_yen
    assert outcome.payable_yen <= rules.cap_per_person_per_fy_yen


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["p1", "p2"]), st.lists(trips, min_size=1, max_size=3)), max_size=8)
)
def test_a_persons_total_in_a_year_never_passes_the_cap_whatever_the_order(claims):
    rules = rules_from_mapping(NATIONAL)
    built = [claim(*t, person=p, id=n) for n, (p, t) in enumerate(claims)]
    for order in (built, list(reversed(built))):
        totals: dict = {}
        for one, outcome in zip(order, assess_in_order(rules, order), strict=True):
            totals[one.person] = totals.get(one.person, 0) + outcome.payable_yen
        assert all(total <= 500_000 for total in totals.values())


@settings(max_examples=200, deadline=None)
@given(programs, st.lists(trips, min_size=1, max_size=3), st.integers(min_value=0, max_value=2), fares)
def test_raising_a_fare_never_lowers_the_payable_amount(program, claim_trips, index, more):
    rules = rules_from_mapping(NATIONAL | program | {"floor_inclusive": True})
    index = index % len(claim_trips)
    raised = list(claim_trips)
    old = raised[index]
    raised[index] = trip(
        old.round_trip_fare_yen + more, nights=old.lodging_nights, per_night=old.lodging_yen_per_night
    )
    assert assess(rules, claim(*raised)).payable_yen >= assess(rules, claim(*claim_trips)).payable_yen
