"""The arithmetic of the cost simulator.

Money is exact until the end: fares and rents are integers, trips have at most one decimal and
are held in tenths, subsidy rates are exact fractions. Each output figure is rounded half up
to the yen (or minute) once, from its exact value.

Monthly cost as a function of trips ``t`` (rent ``R``, round-trip fare ``F``, per-trip subsidy
``p = min(F × rate, cap_per_trip)``, monthly cap ``C``)::

    cost(t) = R + F·t − min(p·t, C)

It is piecewise linear and never decreasing: slope ``F − p ≥ 0`` until the monthly cap is
reached at ``t = C / p``, slope ``F`` after that.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from .types import CostInput, CostInputError, CostResult, Destination, Mode, Subsidy


def round_half_up(value: Fraction | int) -> int:
    """Round a non-negative exact value to the nearest integer, halves upwards."""
    value = Fraction(value)
    if value < 0:
        raise ValueError("round_half_up expects a non-negative value")
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def _floor_2dp(value: Fraction) -> Decimal:
    scaled = (value * 100).__floor__()
    return (Decimal(scaled) / 100).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)


def per_trip_subsidy(fare_yen: int, subsidy: Subsidy | None) -> Fraction:
    """Exact subsidy for one round trip: ``min(fare × rate, cap_per_trip)``."""
    if subsidy is None:
        return Fraction(0)
    amount = fare_yen * subsidy.rate
    if subsidy.cap_per_trip_yen is not None:
        amount = min(amount, Fraction(subsidy.cap_per_trip_yen))
    return amount


def monthly_subsidy(fare_yen: int, trips: Fraction, subsidy: Subsidy | None) -> Fraction:
    """Exact subsidy for a month: ``min(per_trip × trips, cap_per_month)``."""
    if subsidy is None:
        return Fraction(0)
    amount = per_trip_subsidy(fare_yen, subsidy) * trips
    if subsidy.cap_per_month_yen is not None:
        amount = min(amount, Fraction(subsidy.cap_per_month_yen))
    return amount


def home_and_baseline_rent(data: CostInput) -> tuple[int, int]:
    """The rent paid in the scenario and the rent of the baseline (life at the origin)."""
    if data.mode is Mode.A:
        home = data.destination_rent_yen if data.rent_override_yen is None else data.rent_override_yen
        return home, data.origin_rent_yen
    home = data.origin_rent_yen if data.rent_override_yen is None else data.rent_override_yen
    return home, home


def exact_monthly_total(data: CostInput, trips: Fraction | Decimal | int | None = None) -> Fraction:
    """The unrounded monthly total, optionally at another number of trips (for analysis/tests)."""
    t = Fraction(data.trips_per_month if trips is None else trips)
    rent, _ = home_and_baseline_rent(data)
    fare = data.round_trip_fare_yen
    return rent + fare * t - monthly_subsidy(fare, t, data.subsidy)


def break_even_trips(
    *, rent_yen: int, baseline_yen: int, fare_yen: int, subsidy: Subsidy | None
) -> Fraction | None:
    """The largest ``t ≥ 0`` with ``cost(t) ≤ baseline``, exactly.

    Returns ``None`` when every ``t`` qualifies (the cost stops rising while still at or under
    the baseline) and ``0`` when not even ``t = 0`` does (the rent alone is above the baseline).
    """
    if rent_yen > baseline_yen:
        return Fraction(0)
    gap = Fraction(baseline_yen - rent_yen)
    p = per_trip_subsidy(fare_yen, subsidy)
    cap = None if subsidy is None else subsidy.cap_per_month_yen
    # The monthly cap binds from t = cap / p onwards (never if there is no cap or no subsidy).
    cap_reached_at = None if cap is None or p == 0 else Fraction(cap) / p
    slope = fare_yen - p
    if slope > 0:
        t = gap / slope
        if cap_reached_at is None or t <= cap_reached_at:
            return t
    elif cap_reached_at is None:
        return None
    # The cap is reached before the baseline: from there, every trip costs the full fare.
    assert cap_reached_at is not None
    cost_at_cap = rent_yen + slope * cap_reached_at
    return cap_reached_at + (baseline_yen - cost_at_cap) / fare_yen


def simulate(data: CostInput) -> CostResult:
    """Monthly cost of one scenario compared with its baseline. See :class:`CostResult`."""
    trips = Fraction(data.trips_per_month)
    fare = data.round_trip_fare_yen
    rent, baseline = home_and_baseline_rent(data)
    travel = fare * trips
    subsidy = monthly_subsidy(fare, trips, data.subsidy)
    total = round_half_up(rent + travel - subsidy)
    if data.mode is Mode.A:
        exact = break_even_trips(rent_yen=rent, baseline_yen=baseline, fare_yen=fare, subsidy=data.subsidy)
        break_even = None if exact is None else _floor_2dp(exact)
    else:
        # Mode B keeps the same home; the trips only add cost (or nothing, if fully subsidised),
        # so "how many trips until it is dearer than not going" has no useful answer. Whether
        # the side job pays for its trips depends on its income, which this engine does not know.
        break_even = None
    return CostResult(
        origin_code=data.origin_code,
        destination_code=data.destination_code,
        mode=Mode(data.mode),
        trips_per_month=Decimal(data.trips_per_month),
        monthly_rent_yen=rent,
        monthly_travel_yen=round_half_up(travel),
        monthly_subsidy_yen=round_half_up(subsidy),
        monthly_total_yen=total,
        baseline_total_yen=baseline,
        difference_yen=total - baseline,
        break_even_trips_per_month=break_even,
        one_way_minutes=data.one_way_minutes,
        monthly_travel_minutes=round_half_up(trips * 2 * data.one_way_minutes),
        rent_overridden=data.rent_override_yen is not None,
    )


def compare_destinations(
    *,
    origin_code: str,
    origin_rent_yen: int,
    destinations: Iterable[Destination],
    mode: Mode | str,
    trips_per_month: Decimal | int | str,
    subsidy: Subsidy | None = None,
    rent_override_yen: int | None = None,
) -> list[CostResult]:
    """The same scenario for every destination, sorted by destination code.

    The rent override means "my home's rent". In mode B that home is at the origin and is the
    same for every destination, so it applies to every row. In mode A the home is at one chosen
    destination, so the comparison uses each destination's benchmark rent and ignores it.
    """
    override = rent_override_yen if Mode(mode) is Mode.B else None
    results = []
    seen: set[str] = set()
    for dest in sorted(destinations, key=lambda d: d.code):
        if dest.code in seen:
            raise CostInputError(f"目的地が重複しています: {dest.code}", field="destinations")
        seen.add(dest.code)
        results.append(
            simulate(
                CostInput(
                    origin_code=origin_code,
                    destination_code=dest.code,
                    mode=mode,
                    trips_per_month=trips_per_month,
                    origin_rent_yen=origin_rent_yen,
                    destination_rent_yen=dest.rent_yen,
                    round_trip_fare_yen=dest.round_trip_fare_yen,
                    one_way_minutes=dest.one_way_minutes,
                    subsidy=subsidy,
                    rent_override_yen=override,
                )
            )
        )
    return results
