"""Worked examples: the policy report's table 5-6-2 (rent + two round trips to Tokyo)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from duallife.engine.costs import (
    CostInput,
    CostInputError,
    Destination,
    Mode,
    Subsidy,
    break_even_trips,
    compare_destinations,
    round_half_up,
    simulate,
)

TOKYO = "131008"
TOKYO_RENT = 105_167

# code, name, one-way minutes, round-trip fare, monthly rent (table 5-6-1)
CITIES = [
    ("022012", "青森市", 3 * 60 + 32, 34_940, 48_747),
    ("032018", "盛岡市", 2 * 60 + 12, 29_620, 50_302),
    ("041009", "仙台市", 1 * 60 + 54, 21_120, 62_065),
    ("052019", "秋田市", 3 * 60 + 52, 35_560, 48_648),
    ("062014", "山形市", 2 * 60 + 45, 21_280, 53_001),
    ("072010", "福島市", 1 * 60 + 33, 17_160, 50_388),
    ("151009", "新潟市", 2 * 60 + 3, 20_460, 53_330),
    ("172014", "金沢市", 2 * 60 + 30, 28_360, 55_486),
    ("221007", "静岡市", 1 * 60 + 15, 11_880, 61_015),
]

# table 5-6-2: rent + 2 round trips, as printed in the report
TABLE_5_6_2 = {
    "022012": 118_627,
    "032018": 109_542,
    "052019": 119_768,
    "062014": 95_561,
    "041009": 104_305,
    "072010": 84_708,
    "151009": 94_250,
    "172014": 112_206,
    "221007": 84_775,
}


def scenario(code, minutes, fare, rent, **kwargs):
    values = {
        "origin_code": TOKYO,
        "destination_code": code,
        "mode": Mode.A,
        "trips_per_month": 2,
        "origin_rent_yen": TOKYO_RENT,
        "destination_rent_yen": rent,
        "round_trip_fare_yen": fare,
        "one_way_minutes": minutes,
    }
    values.update(kwargs)
    return CostInput(**values)


@pytest.mark.parametrize(("code", "name", "minutes", "fare", "rent"), CITIES)
def test_two_round_trips_reproduce_table_5_6_2(code, name, minutes, fare, rent):
    result = simulate(scenario(code, minutes, fare, rent))

    assert result.monthly_total_yen == TABLE_5_6_2[code], name
    assert result.baseline_total_yen == 105_167
    assert result.difference_yen == TABLE_5_6_2[code] - 105_167
    assert result.monthly_rent_yen == rent
    assert result.monthly_travel_yen == 2 * fare
    assert result.monthly_subsidy_yen == 0
    assert result.monthly_travel_minutes == 4 * minutes
    assert result.one_way_minutes == minutes


def test_comparison_of_all_cities_is_sorted_by_code_and_matches_the_table():
    destinations = [Destination(code, rent, fare, minutes) for code, _, minutes, fare, rent in CITIES]
    results = compare_destinations(
        origin_code=TOKYO,
        origin_rent_yen=TOKYO_RENT,
        destinations=reversed(destinations),
        mode="A",
        trips_per_month=Decimal("2"),
    )
    assert [r.destination_code for r in results] == sorted(TABLE_5_6_2)
    assert {r.destination_code: r.monthly_total_yen for r in results} == TABLE_5_6_2


def test_sendai_break_even_is_just_over_two_trips():
    result = simulate(scenario("041009", 114, 21_120, 62_065))
    assert result.break_even_trips_per_month == Decimal("2.04")
    exact = break_even_trips(rent_yen=62_065, baseline_yen=TOKYO_RENT, fare_yen=21_120, subsidy=None)
    assert exact == Fraction(105_167 - 62_065, 21_120)


def test_break_even_with_a_monthly_cap_continues_at_full_fare():
    # Sendai with 50 % off up to 15,000 yen a month: the cap binds at 15000/10560 ≈ 1.42 trips.
    subsidy = Subsidy(rate=Decimal("0.5"), cap_per_month_yen=15_000)
    exact = break_even_trips(rent_yen=62_065, baseline_yen=TOKYO_RENT, fare_yen=21_120, subsidy=subsidy)
    assert exact == Fraction(105_167 - 62_065 + 15_000, 21_120)
    result = simulate(scenario("041009", 114, 21_120, 62_065, subsidy=subsidy))
    assert result.monthly_subsidy_yen == 15_000
    assert result.monthly_total_yen == 104_305 - 15_000
    assert result.break_even_trips_per_month == Decimal("2.75")


def test_per_trip_cap_limits_the_subsidy():
    subsidy = Subsidy(rate=1, cap_per_trip_yen=5_000)
    result = simulate(scenario("041009", 114, 21_120, 62_065, subsidy=subsidy, trips_per_month="3.0"))
    assert result.monthly_subsidy_yen == 15_000
    assert result.monthly_total_yen == 62_065 + 3 * 21_120 - 15_000


def test_full_subsidy_without_monthly_cap_has_no_break_even_limit():
    result = simulate(scenario("041009", 114, 21_120, 62_065, subsidy=Subsidy(rate=1)))
    assert result.break_even_trips_per_month is None
    assert result.monthly_total_yen == 62_065


def test_rent_above_tokyo_is_never_cheaper():
    result = simulate(scenario("041009", 114, 21_120, 62_065, rent_override_yen=120_000))
    assert result.break_even_trips_per_month == 0
    assert result.monthly_rent_yen == 120_000
    assert result.rent_overridden


def test_mode_b_adds_net_travel_cost_to_life_in_tokyo():
    subsidy = Subsidy(rate=Decimal("0.25"))
    result = simulate(scenario("041009", 114, 21_120, 62_065, mode="B", subsidy=subsidy))
    assert result.monthly_rent_yen == TOKYO_RENT
    assert result.baseline_total_yen == TOKYO_RENT
    assert result.monthly_subsidy_yen == 10_560
    assert result.difference_yen == 2 * 21_120 - 10_560
    assert result.break_even_trips_per_month is None


def test_mode_b_override_is_the_tokyo_rent_for_scenario_and_baseline():
    result = simulate(scenario("041009", 114, 21_120, 62_065, mode="B", rent_override_yen=80_000))
    assert result.monthly_rent_yen == 80_000
    assert result.baseline_total_yen == 80_000
    assert result.difference_yen == 42_240


def test_fractional_trips_round_half_up_once_per_figure():
    # 0.5 trips of a 21,121-yen fare = 10,560.5 yen → 10,561
    result = simulate(scenario("041009", 113, 21_121, 62_065, trips_per_month="0.5"))
    assert result.monthly_travel_yen == 10_561
    assert result.monthly_total_yen == 62_065 + 10_561
    # 0.1 trips × 2 × 113 minutes = 22.6 minutes → 23
    assert (
        simulate(scenario("041009", 113, 21_121, 62_065, trips_per_month="0.1")).monthly_travel_minutes == 23
    )


def test_round_half_up():
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(7, 2)) == 4
    assert round_half_up(Fraction(249, 100)) == 2
    assert round_half_up(0) == 0


def test_mode_a_override_is_ignored_in_comparison_but_mode_b_override_applies():
    destinations = [Destination(code, rent, fare, minutes) for code, _, minutes, fare, rent in CITIES]
    a = compare_destinations(
        origin_code=TOKYO,
        origin_rent_yen=TOKYO_RENT,
        destinations=destinations,
        mode="A",
        trips_per_month=2,
        rent_override_yen=1,
    )
    assert {r.destination_code: r.monthly_total_yen for r in a} == TABLE_5_6_2
    b = compare_destinations(
        origin_code=TOKYO,
        origin_rent_yen=TOKYO_RENT,
        destinations=destinations,
        mode="B",
        trips_per_month=2,
        rent_override_yen=90_000,
    )
    assert all(r.monthly_rent_yen == 90_000 for r in b)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"trips_per_month": -1}, "trips_per_month"),
        ({"trips_per_month": 32}, "trips_per_month"),
        ({"trips_per_month": "1.25"}, "trips_per_month"),
        ({"trips_per_month": "abc"}, "trips_per_month"),
        ({"trips_per_month": "NaN"}, "trips_per_month"),
        ({"trips_per_month": "Infinity"}, "trips_per_month"),
        ({"trips_per_month": 2.0}, "trips_per_month"),
        ({"trips_per_month": True}, "trips_per_month"),
        ({"mode": "C"}, "mode"),
        ({"rent_override_yen": -5}, "rent_yen"),
        ({"rent_override_yen": 10**12}, "rent_yen"),
        ({"round_trip_fare_yen": -1}, "round_trip_fare_yen"),
        ({"destination_code": TOKYO}, "destination"),
        ({"one_way_minutes": 1.5}, "one_way_minutes"),
    ],
)
def test_invalid_inputs_raise_a_japanese_error(changes, field):
    with pytest.raises(CostInputError) as info:
        scenario("041009", 114, 21_120, 62_065, **changes)
    assert info.value.field == field
    assert any("\u3040" <= ch <= "\u30ff" for ch in str(info.value))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rate": "1.01"}, "subsidy_rate"),
        ({"rate": -0.1}, "subsidy_rate"),
        ({"rate": "x"}, "subsidy_rate"),
        ({"rate": "0.5", "cap_per_trip_yen": -1}, "subsidy_cap_per_trip_yen"),
        ({"rate": "0.5", "cap_per_month_yen": "100"}, "subsidy_cap_per_month_yen"),
    ],
)
def test_invalid_subsidy_raises_a_japanese_error(kwargs, field):
    with pytest.raises(CostInputError) as info:
        Subsidy(**kwargs)
    assert info.value.field == field


def test_duplicate_destinations_are_rejected():
    d = Destination("041009", 62_065, 21_120, 114)
    with pytest.raises(CostInputError):
        compare_destinations(
            origin_code=TOKYO, origin_rent_yen=TOKYO_RENT, destinations=[d, d], mode="A", trips_per_month=1
        )


def test_missing_rents_are_errors_only_where_the_mode_needs_them():
    with pytest.raises(CostInputError) as info:
        scenario("041009", 114, 21_120, None)
    assert info.value.field == "destination_rent_yen"
    assert (
        simulate(scenario("041009", 114, 21_120, None, rent_override_yen=50_000)).monthly_total_yen == 92_240
    )
    assert simulate(scenario("041009", 114, 21_120, None, mode="B")).monthly_rent_yen == TOKYO_RENT
    with pytest.raises(CostInputError) as info:
        scenario("041009", 114, 21_120, 62_065, origin_rent_yen=None)
    assert info.value.field == "origin_rent_yen"
    with pytest.raises(CostInputError):
        scenario("041009", 114, 21_120, 62_065, origin_rent_yen=None, mode="B")
    result = simulate(
        scenario("041009", 114, 21_120, 62_065, origin_rent_yen=None, mode="B", rent_override_yen=9)
    )
    assert result.baseline_total_yen == 9


@pytest.mark.parametrize("rate", ["1e-999999", "1e999999", "0.1234567", Fraction(1, 10**7)])
def test_absurd_rate_precision_is_rejected_quickly(rate):
    with pytest.raises(CostInputError) as info:
        Subsidy(rate=rate)
    assert info.value.field == "subsidy_rate"


def test_huge_trip_exponents_are_rejected():
    for trips in ("1e999999", "1e-999999"):
        with pytest.raises(CostInputError):
            scenario("041009", 114, 21_120, 62_065, trips_per_month=trips)
