"""A fixed support a month (what a support program's rules pay for the month's trips, worked out
by the subsidies engine) taken off a side job's month: as it is, never more than the trips cost."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duallife.engine.costs import (
    CostInput,
    CostInputError,
    Destination,
    Mode,
    Subsidy,
    compare_destinations,
    exact_monthly_total,
    simulate,
)

TOKYO = "131008"
TOKYO_RENT = 105_167
SENDAI_FARE = 21_120


def side_job(**changes) -> CostInput:
    values = {
        "origin_code": TOKYO,
        "destination_code": "041009",
        "mode": Mode.B,
        "trips_per_month": 2,
        "origin_rent_yen": TOKYO_RENT,
        "destination_rent_yen": 62_065,
        "round_trip_fare_yen": SENDAI_FARE,
        "one_way_minutes": 114,
    }
    values.update(changes)
    return CostInput(**values)


def test_the_support_is_taken_off_the_month_as_it_is():
    result = simulate(side_job(monthly_support_yen=16_120))

    assert result.monthly_travel_yen == 2 * SENDAI_FARE
    assert result.monthly_subsidy_yen == 16_120
    assert result.monthly_total_yen == TOKYO_RENT + 2 * SENDAI_FARE - 16_120
    assert result.difference_yen == 2 * SENDAI_FARE - 16_120
    assert result.break_even_trips_per_month is None


def test_the_support_never_pays_more_than_the_trips_cost():
    result = simulate(side_job(monthly_support_yen=100_000))

    assert result.monthly_subsidy_yen == 2 * SENDAI_FARE
    assert result.monthly_total_yen == TOKYO_RENT
    assert simulate(side_job(trips_per_month=0, monthly_support_yen=5_000)).monthly_subsidy_yen == 0


def test_a_support_of_nothing_leaves_the_month_as_it_was():
    assert (
        simulate(side_job(monthly_support_yen=0)).monthly_total_yen == simulate(side_job()).monthly_total_yen
    )


def test_the_support_and_a_subsidy_rate_cannot_both_be_given():
    with pytest.raises(CostInputError) as caught:
        side_job(monthly_support_yen=1_000, subsidy=Subsidy(rate="0.5"))

    assert caught.value.field == "subsidy"
    assert "どちらか一方" in str(caught.value)


def test_the_support_belongs_to_the_side_job_from_tokyo():
    with pytest.raises(CostInputError) as caught:
        side_job(mode=Mode.A, monthly_support_yen=1_000)

    assert caught.value.field == "mode"


@pytest.mark.parametrize("value", [-1, 1.5, True, "1000", 100_000_001])
def test_a_support_that_is_not_a_whole_number_of_yen_is_refused(value):
    with pytest.raises(CostInputError) as caught:
        side_job(monthly_support_yen=value)

    assert caught.value.field == "monthly_support_yen"
    with pytest.raises(CostInputError):
        Destination(
            code="041009", rent_yen=1, round_trip_fare_yen=1, one_way_minutes=1, monthly_support_yen=value
        )


def test_each_destination_of_a_comparison_gets_its_own_support():
    rows = compare_destinations(
        origin_code=TOKYO,
        origin_rent_yen=TOKYO_RENT,
        destinations=[
            Destination("041009", 62_065, SENDAI_FARE, 114, monthly_support_yen=16_120),
            Destination("022012", 48_747, 34_940, 212),
        ],
        mode=Mode.B,
        trips_per_month=2,
    )

    by_code = {row.destination_code: row for row in rows}
    assert by_code["041009"].monthly_subsidy_yen == 16_120
    assert by_code["022012"].monthly_subsidy_yen == 0
    assert by_code["022012"].monthly_total_yen == TOKYO_RENT + 2 * 34_940


@settings(deadline=None)
@given(
    trips=st.integers(min_value=0, max_value=310).map(lambda tenths: Decimal(tenths) / 10),
    fare=st.integers(min_value=0, max_value=60_000),
    support=st.integers(min_value=0, max_value=2_000_000),
)
def test_a_support_lowers_the_month_but_never_below_staying_at_home(trips, fare, support):
    without = simulate(side_job(trips_per_month=trips, round_trip_fare_yen=fare))
    supported = side_job(trips_per_month=trips, round_trip_fare_yen=fare, monthly_support_yen=support)
    result = simulate(supported)

    assert result.baseline_total_yen <= result.monthly_total_yen <= without.monthly_total_yen
    assert result.monthly_subsidy_yen <= result.monthly_travel_yen
    assert exact_monthly_total(supported) >= result.baseline_total_yen
