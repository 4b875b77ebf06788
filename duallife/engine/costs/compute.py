"""The arithmetic of the cost simulator.

Monthly cost as a function of trips ``t`` (rent ``R`` plus lodging, round-trip fare ``F`` door to
door — the route plus the legs entered —, per-trip subsidy ``p = min(F × rate, cap_per_trip)``,
monthly cap ``C``)::

    cost(t) = R + F·t − min(p·t, C)

It is piecewise linear and never decreasing: slope ``F − p ≥ 0`` until the monthly cap is
reached at ``t = C / p``, slope ``F`` after that.

A fixed monthly support ``S`` (``CostInput.monthly_support_yen``: what a support program's rules
pay for the month's trips, worked out by :mod:`duallife.engine.subsidies`) takes the place of the
rate and caps: ``cost(t) = R + F·t − min(S, F·t)``, so the support never pays more than the trips.

Rounding: money stays exact until the end. Rents and fares are integers, trips are a fraction
``n / m`` (tenths for user input), the subsidy rate a fraction ``a / b``. Every amount is held as
an integer count of ``1 / (m·b)`` yen, so no float and no intermediate rounding is involved; each
output figure is then rounded half up to the yen (or minute) once, on its own. Plain integers
instead of :class:`fractions.Fraction` keep one scenario at a few microseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .types import (
    CostInput,
    CostInputError,
    CostResult,
    Destination,
    Leg,
    Lodging,
    Mode,
    Subsidy,
    gettext_noop,
    parse_mode,
)


def round_half_up(value: Fraction | int, denominator: int = 1) -> int:
    """Round the non-negative exact value ``value / denominator`` to an integer, halves upwards."""
    value = Fraction(value, denominator) if denominator != 1 else Fraction(value)
    if value < 0:
        raise ValueError("round_half_up expects a non-negative value")
    return _round_ratio(value.numerator, value.denominator)


def _round_ratio(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` (both ≥ 0, denominator > 0) rounded half up."""
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True, slots=True)
class _SubsidyTerms:
    """A subsidy applied to one fare, in integers over the rate's denominator ``b``."""

    b: int  # denominator of the rate
    per_trip_b: int  # per-trip subsidy × b
    cap_per_month: int | None
    fixed: int | None = None  # a fixed support a month, in place of the rate and caps

    @classmethod
    def of(cls, fare_yen: int, subsidy: Subsidy | None, fixed: int | None = None) -> _SubsidyTerms:
        if fixed is not None:
            return cls(1, 0, None, fixed)
        if subsidy is None:
            return cls(1, 0, None)
        rate = subsidy.rate  # a Fraction after validation
        b = rate.denominator
        per_trip = fare_yen * rate.numerator
        if subsidy.cap_per_trip_yen is not None:
            per_trip = min(per_trip, subsidy.cap_per_trip_yen * b)
        return cls(b, per_trip, subsidy.cap_per_month_yen)


@dataclass(frozen=True, slots=True)
class _Month:
    """One month's amounts as integer counts of ``1 / denominator`` yen."""

    denominator: int
    travel: int
    subsidy: int
    total: int


def _month(rent_yen: int, fare_yen: int, terms: _SubsidyTerms, n: int, m: int) -> _Month:
    """Amounts for ``n / m`` trips a month."""
    denominator = m * terms.b
    travel = fare_yen * n * terms.b
    subsidy = terms.per_trip_b * n
    if terms.cap_per_month is not None:
        subsidy = min(subsidy, terms.cap_per_month * denominator)
    if terms.fixed is not None:
        subsidy = min(terms.fixed * denominator, travel)
    return _Month(denominator, travel, subsidy, rent_yen * denominator + travel - subsidy)


def per_trip_subsidy(fare_yen: int, subsidy: Subsidy | None) -> Fraction:
    """Exact subsidy for one round trip: ``min(fare × rate, cap_per_trip)``."""
    terms = _SubsidyTerms.of(fare_yen, subsidy)
    return Fraction(terms.per_trip_b, terms.b)


def monthly_subsidy(fare_yen: int, trips: Fraction | Decimal | int, subsidy: Subsidy | None) -> Fraction:
    """Exact subsidy for a month: ``min(per_trip × trips, cap_per_month)``."""
    t = Fraction(trips)
    month = _month(0, fare_yen, _SubsidyTerms.of(fare_yen, subsidy), t.numerator, t.denominator)
    return Fraction(month.subsidy, month.denominator)


def home_and_baseline_rent(data: CostInput) -> tuple[int, int]:
    """The rent paid in the scenario and the rent of the baseline (life at the origin)."""
    override = data.rent_override_yen
    if data.mode is Mode.A:
        home = data.destination_rent_yen if override is None else override
        baseline = data.origin_rent_yen
    else:
        home = baseline = data.origin_rent_yen if override is None else override
    # CostInput guarantees the rents a mode needs are present.
    assert home is not None
    assert baseline is not None
    return home, baseline


def _legs(data: CostInput) -> tuple[Leg, ...]:
    return tuple(leg for leg in (data.origin_leg, data.destination_leg) if leg is not None)


def door_to_door(data: CostInput) -> tuple[int, int]:
    """One round trip's fare and one way's minutes: the route plus the legs entered."""
    legs = _legs(data)
    fare = data.round_trip_fare_yen + sum(leg.round_trip_yen for leg in legs)
    minutes = data.one_way_minutes + sum(leg.one_way_minutes for leg in legs)
    return fare, minutes


def monthly_lodging(data: CostInput) -> int:
    return data.lodging.monthly_yen if data.lodging is not None else 0


def exact_monthly_total(data: CostInput, trips: Fraction | Decimal | int | None = None) -> Fraction:
    """The unrounded monthly total, optionally at another number of trips (for analysis/tests)."""
    t = Fraction(data.trips_per_month if trips is None else trips)
    rent, _ = home_and_baseline_rent(data)
    fare, _minutes = door_to_door(data)
    fixed = rent + monthly_lodging(data)
    terms = _SubsidyTerms.of(fare, data.subsidy, data.monthly_support_yen)
    month = _month(fixed, fare, terms, t.numerator, t.denominator)
    return Fraction(month.total, month.denominator)


def break_even_trips(
    *, rent_yen: int, baseline_yen: int, fare_yen: int, subsidy: Subsidy | None
) -> Fraction | None:
    """The largest ``t ≥ 0`` with ``cost(t) ≤ baseline``, exactly.

    Returns ``None`` when every ``t`` qualifies (the cost stops rising while still at or under
    the baseline) and ``0`` when not even ``t = 0`` does (the rent alone is above the baseline).
    """
    return _break_even(rent_yen, baseline_yen, fare_yen, _SubsidyTerms.of(fare_yen, subsidy))


def _break_even(rent_yen: int, baseline_yen: int, fare_yen: int, terms: _SubsidyTerms) -> Fraction | None:
    if rent_yen > baseline_yen:
        return Fraction(0)
    gap = baseline_yen - rent_yen
    b, p_b, cap = terms.b, terms.per_trip_b, terms.cap_per_month
    slope_b = fare_yen * b - p_b  # (F − p) × b, never negative
    # The monthly cap binds from t = cap / p = cap·b / p_b (never without a cap or a subsidy).
    capped = cap is not None and p_b > 0
    if slope_b > 0:
        # Uncapped line reaches the baseline at t = gap / (F − p) = gap·b / slope_b.
        if not capped or gap * b * p_b <= cap * b * slope_b:
            return Fraction(gap * b, slope_b)
    elif not capped:
        return None
    # The cap is reached first (cost there: R + (F − p)·cap/p); from then on a trip costs F.
    cap_at = Fraction(cap * b, p_b)
    cost_at_cap = rent_yen + Fraction(slope_b, b) * cap_at
    return cap_at + (baseline_yen - cost_at_cap) / fare_yen


def _floor_2dp(value: Fraction) -> Decimal:
    return Decimal((value.numerator * 100) // value.denominator).scaleb(-2)


def simulate(data: CostInput) -> CostResult:
    """Monthly cost of one scenario compared with its baseline. See :class:`CostResult`."""
    trips = data.trips_per_month  # a Decimal with one decimal place after validation
    tenths = int(trips.scaleb(1))
    fare, minutes = door_to_door(data)
    rent, baseline = home_and_baseline_rent(data)
    lodging = monthly_lodging(data)
    terms = _SubsidyTerms.of(fare, data.subsidy, data.monthly_support_yen)
    month = _month(rent + lodging, fare, terms, tenths, 10)
    total = _round_ratio(month.total, month.denominator)
    if data.mode is Mode.A:
        # Lodging is a fixed monthly amount: it moves the line up like rent does.
        exact = _break_even(rent + lodging, baseline, fare, terms)
        break_even = None if exact is None else _floor_2dp(exact)
    else:
        # Mode B keeps the same home; the trips only add cost (or nothing, if fully subsidised),
        # so "how many trips until it is dearer than not going" has no useful answer. Whether
        # the side job pays for its trips depends on its income, which this engine does not know.
        break_even = None
    return CostResult(
        origin_code=data.origin_code,
        destination_code=data.destination_code,
        mode=data.mode,
        trips_per_month=trips,
        monthly_rent_yen=rent,
        monthly_travel_yen=_round_ratio(month.travel, month.denominator),
        monthly_subsidy_yen=_round_ratio(month.subsidy, month.denominator),
        monthly_total_yen=total,
        baseline_total_yen=baseline,
        difference_yen=total - baseline,
        break_even_trips_per_month=break_even,
        one_way_minutes=minutes,
        monthly_travel_minutes=_round_ratio(tenths * 2 * minutes, 10),
        rent_overridden=data.rent_override_yen is not None,
        monthly_lodging_yen=lodging,
        round_trip_fare_yen=fare,
        route_one_way_minutes=data.one_way_minutes,
        route_round_trip_fare_yen=data.round_trip_fare_yen,
        origin_leg=data.origin_leg,
        destination_leg=data.destination_leg,
        lodging=data.lodging,
    )


def compare_destinations(
    *,
    origin_code: str,
    origin_rent_yen: int | None,
    destinations: Iterable[Destination],
    mode: Mode | str,
    trips_per_month: Decimal | int | str,
    subsidy: Subsidy | None = None,
    rent_override_yen: int | None = None,
    origin_leg: Leg | None = None,
    lodging: Lodging | None = None,
) -> list[CostResult]:
    """The same scenario for every destination, sorted by destination code.

    The origin's leg and the lodging are the person's and apply to every row; a destination's
    own leg (``Destination.leg``) and fixed support (``Destination.monthly_support_yen``) only to
    its row.

    The rent override means "my home's rent". In mode B that home is at the origin and is the
    same for every destination, so it applies to every row. In mode A the home is at one chosen
    destination, so the comparison uses each destination's benchmark rent and ignores it.
    """
    override = rent_override_yen if parse_mode(mode) is Mode.B else None
    results = []
    seen: set[str] = set()
    for dest in sorted(destinations, key=lambda d: d.code):
        if dest.code in seen:
            raise CostInputError(
                gettext_noop("目的地が重複しています: %(code)s"), field="destinations", code=dest.code
            )
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
                    origin_leg=origin_leg,
                    destination_leg=dest.leg,
                    lodging=lodging,
                    monthly_support_yen=dest.monthly_support_yen,
                )
            )
        )
    return results
