"""Properties of the cost simulator that hold for any valid input."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from duallife.engine.costs import CostInput, Mode, Subsidy, exact_monthly_total, simulate

trips = st.integers(min_value=0, max_value=310).map(lambda tenths: Decimal(tenths) / 10)
rents = st.integers(min_value=0, max_value=300_000)
fares = st.integers(min_value=0, max_value=60_000)
rates = st.fractions(min_value=0, max_value=1, max_denominator=1000)
caps = st.none() | st.integers(min_value=0, max_value=200_000)
subsidies = st.none() | st.builds(Subsidy, rate=rates, cap_per_trip_yen=caps, cap_per_month_yen=caps)
modes = st.sampled_from([Mode.A, Mode.B])


@st.composite
def scenarios(draw, trips_strategy=trips):
    return CostInput(
        origin_code="131008",
        destination_code="041009",
        mode=draw(modes),
        trips_per_month=draw(trips_strategy),
        origin_rent_yen=draw(rents),
        destination_rent_yen=draw(rents),
        round_trip_fare_yen=draw(fares),
        one_way_minutes=draw(st.integers(min_value=0, max_value=600)),
        subsidy=draw(subsidies),
        rent_override_yen=draw(st.none() | rents),
    )


def replace(data: CostInput, **changes) -> CostInput:
    values = {name: getattr(data, name) for name in CostInput.__dataclass_fields__}
    values.update(changes)
    return CostInput(**values)


@given(scenarios(), trips)
def test_total_never_falls_as_trips_rise(data, other_trips):
    low, high = sorted([data.trips_per_month, other_trips])
    assert (
        simulate(replace(data, trips_per_month=low)).monthly_total_yen
        <= simulate(replace(data, trips_per_month=high)).monthly_total_yen
    )
    assert exact_monthly_total(data, low) <= exact_monthly_total(data, high)


@given(scenarios())
def test_a_subsidy_never_raises_the_total(data):
    without = simulate(replace(data, subsidy=None))
    with_subsidy = simulate(data)
    assert with_subsidy.monthly_total_yen <= without.monthly_total_yen
    assert with_subsidy.monthly_subsidy_yen <= with_subsidy.monthly_travel_yen


@given(scenarios())
def test_monthly_cap_and_per_trip_cap_are_respected(data):
    result = simulate(data)
    subsidy = data.subsidy
    if subsidy is None:
        assert result.monthly_subsidy_yen == 0
        return
    if subsidy.cap_per_month_yen is not None:
        assert result.monthly_subsidy_yen <= subsidy.cap_per_month_yen
    if subsidy.cap_per_trip_yen is not None:
        assert Fraction(result.monthly_subsidy_yen) <= subsidy.cap_per_trip_yen * Fraction(data.trips_per_month) + Fraction(1, 2)


@given(scenarios())
def test_figures_are_consistent(data):
    result = simulate(data)
    assert result.difference_yen == result.monthly_total_yen - result.baseline_total_yen
    parts = result.monthly_rent_yen + result.monthly_travel_yen - result.monthly_subsidy_yen
    assert abs(parts - result.monthly_total_yen) <= 1
    assert result.monthly_travel_minutes == round(data.trips_per_month * 2 * data.one_way_minutes + Decimal("0.0001"))


@given(scenarios())
def test_break_even_is_consistent_with_totals(data):
    result = simulate(data)
    be = result.break_even_trips_per_month
    if data.mode is Mode.B:
        assert be is None
        return
    baseline = result.baseline_total_yen
    if be is None:
        # Unlimited: even a very large number of trips stays within the baseline.
        assert exact_monthly_total(data, 10**9) <= baseline
        return
    assert be >= 0
    if be > 0 or exact_monthly_total(data, 0) <= baseline:
        # At break-even the total is not above the baseline (exactly, and so after rounding).
        assert exact_monthly_total(data, be) <= baseline
        at_be = simulate(replace(data, trips_per_month=0)) if be < Decimal("0.1") else None
        if at_be is not None:
            assert at_be.monthly_total_yen <= baseline
    # A bit above it (break-even is floored to 0.01, so +0.01 is past the exact point), it is dearer.
    assert exact_monthly_total(data, be + Decimal("0.01")) > baseline


@given(scenarios(trips_strategy=trips))
def test_trips_within_break_even_are_not_dearer(data):
    result = simulate(data)
    if data.mode is Mode.B:
        return
    be = result.break_even_trips_per_month
    if be is None or data.trips_per_month <= be:
        assert result.monthly_total_yen <= result.baseline_total_yen
    else:
        assert exact_monthly_total(data) > result.baseline_total_yen
