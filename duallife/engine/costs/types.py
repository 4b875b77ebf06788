"""Inputs and outputs of the dual-life cost simulator: frozen dataclasses, validated on creation.

Every invalid value raises :class:`CostInputError` with a Japanese message that can be shown to
a user as it is, and the name of the field at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction

#: Upper bound of trips per month: one round trip a day.
MAX_TRIPS_PER_MONTH = Decimal(31)
#: Upper bounds that catch typos and overflow attempts, far above any real figure.
MAX_RENT_YEN = 10_000_000
MAX_FARE_YEN = 1_000_000
MAX_SUBSIDY_CAP_YEN = 100_000_000
MAX_ONE_WAY_MINUTES = 24 * 60
#: Subsidy rates are kept exact; their precision is bounded so the arithmetic stays small.
MAX_RATE_DENOMINATOR = 1_000_000


class CostInputError(ValueError):
    """An input the simulator cannot use. ``str(error)`` is a Japanese message for the user."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Mode(StrEnum):
    """Which life is simulated, and what it is compared with.

    - ``A`` (東北に住み東京へ通う): live at the destination, make N round trips a month to the
      origin (Tokyo). Compared with living at the origin.
    - ``B`` (東京に住み東北で副業): live at the origin, make N round trips a month to a side job at
      the destination. Compared with staying at the origin without those trips.
    """

    A = "A"
    B = "B"

    @property
    def label(self) -> str:
        return MODE_LABELS[self]


MODE_LABELS = {
    Mode.A: "東北に住み、東京へ通う",
    Mode.B: "東京に住み、東北で副業する",
}


def _check_int(value: object, *, field: str, label: str, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CostInputError(f"{label}は整数（円・分）で指定してください。", field=field)
    if value < 0:
        raise CostInputError(f"{label}は0以上で指定してください。", field=field)
    if value > maximum:
        raise CostInputError(f"{label}は{maximum:,}以下で指定してください。", field=field)


def _to_decimal(value: object, *, field: str, label: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise CostInputError(f"{label}は数値で指定してください。", field=field)
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        raise CostInputError(f"{label}は数値で指定してください。", field=field) from None
    if not number.is_finite():
        raise CostInputError(f"{label}は有限の数値で指定してください。", field=field)
    return number


def parse_trips_per_month(value: object) -> Decimal:
    """Trips per month as a Decimal with at most one decimal place, 0 ≤ trips ≤ 31."""
    label = "月あたりの往復回数"
    trips = _to_decimal(value, field="trips_per_month", label=label)
    if trips < 0 or trips > MAX_TRIPS_PER_MONTH:
        raise CostInputError(f"{label}は0以上31以下で指定してください。", field="trips_per_month")
    if trips != trips.quantize(Decimal("0.1")):
        raise CostInputError(f"{label}は小数第1位までで指定してください。", field="trips_per_month")
    return trips.quantize(Decimal("0.1"))


def parse_rate(value: object) -> Fraction:
    """A subsidy rate between 0 and 1 inclusive, kept exact (at most six decimal places)."""
    label = "補助率"
    field = "subsidy_rate"
    if isinstance(value, Fraction):
        rate = value
    else:
        number = _to_decimal(value, field=field, label=label)
        # Range and precision are checked on the Decimal, before an exponent like 1e-999999
        # could turn into a huge exact fraction.
        if number < 0 or number > 1:
            raise CostInputError(f"{label}は0以上1以下（0%〜100%）で指定してください。", field=field)
        if number != number.quantize(Decimal("0.000001")):
            raise CostInputError(f"{label}は小数第6位までで指定してください。", field=field)
        rate = Fraction(number)
    if rate < 0 or rate > 1:
        raise CostInputError(f"{label}は0以上1以下（0%〜100%）で指定してください。", field=field)
    if rate.denominator > MAX_RATE_DENOMINATOR:
        raise CostInputError(f"{label}の分母が大きすぎます。", field=field)
    return rate


@dataclass(frozen=True, slots=True)
class Subsidy:
    """A travel subsidy.

    Per trip the subsidy is ``min(fare × rate, cap_per_trip_yen)``; per month it is
    ``min(per_trip × trips, cap_per_month_yen)``. A cap of ``None`` means no cap.
    """

    rate: Fraction | Decimal | int | str
    cap_per_trip_yen: int | None = None
    cap_per_month_yen: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "rate", parse_rate(self.rate))
        if self.cap_per_trip_yen is not None:
            _check_int(
                self.cap_per_trip_yen,
                field="subsidy_cap_per_trip_yen",
                label="1往復あたりの補助上限",
                maximum=MAX_SUBSIDY_CAP_YEN,
            )
        if self.cap_per_month_yen is not None:
            _check_int(
                self.cap_per_month_yen,
                field="subsidy_cap_per_month_yen",
                label="月あたりの補助上限",
                maximum=MAX_SUBSIDY_CAP_YEN,
            )


@dataclass(frozen=True, slots=True)
class Destination:
    """A place to compare: its code, benchmark rent, and access to the origin."""

    code: str
    rent_yen: int
    round_trip_fare_yen: int
    one_way_minutes: int

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code:
            raise CostInputError("目的地のコードがありません。", field="destination")
        _check_int(self.rent_yen, field="rent_yen", label="家賃", maximum=MAX_RENT_YEN)
        _check_int(
            self.round_trip_fare_yen, field="round_trip_fare_yen", label="往復運賃", maximum=MAX_FARE_YEN
        )
        _check_int(
            self.one_way_minutes, field="one_way_minutes", label="片道所要時間", maximum=MAX_ONE_WAY_MINUTES
        )


@dataclass(frozen=True, slots=True)
class CostInput:
    """One scenario.

    ``origin_rent_yen`` and ``destination_rent_yen`` are the benchmark rents of the two places;
    ``None`` where a place has none. A rent the scenario needs must be there: in mode A the
    origin's (the baseline) and the destination's unless overridden; in mode B the origin's
    unless overridden (the destination's is not used).
    ``rent_override_yen`` replaces the rent of the home the user lives in: the destination's in
    mode A, the origin's in mode B. The baseline is always life at the origin: in mode A the
    origin's benchmark rent, in mode B the same home as the scenario (override included), so the
    difference is exactly the net travel cost.
    """

    origin_code: str
    destination_code: str
    mode: Mode | str
    trips_per_month: Decimal | int | str
    origin_rent_yen: int | None
    destination_rent_yen: int | None
    round_trip_fare_yen: int
    one_way_minutes: int
    subsidy: Subsidy | None = None
    rent_override_yen: int | None = None

    def __post_init__(self) -> None:
        for name, code in (("origin", self.origin_code), ("destination", self.destination_code)):
            if not isinstance(code, str) or not code:
                raise CostInputError("地域のコードがありません。", field=name)
        if self.origin_code == self.destination_code:
            raise CostInputError("出発地と目的地が同じです。別の地域を選んでください。", field="destination")
        try:
            object.__setattr__(self, "mode", Mode(self.mode))
        except ValueError:
            raise CostInputError("試算の種類は A か B で指定してください。", field="mode") from None
        object.__setattr__(self, "trips_per_month", parse_trips_per_month(self.trips_per_month))
        for name, rent, label in (
            ("origin_rent_yen", self.origin_rent_yen, "出発地の家賃"),
            ("destination_rent_yen", self.destination_rent_yen, "目的地の家賃"),
        ):
            if rent is not None:
                _check_int(rent, field=name, label=label, maximum=MAX_RENT_YEN)
        _check_int(
            self.round_trip_fare_yen, field="round_trip_fare_yen", label="往復運賃", maximum=MAX_FARE_YEN
        )
        _check_int(
            self.one_way_minutes, field="one_way_minutes", label="片道所要時間", maximum=MAX_ONE_WAY_MINUTES
        )
        if self.rent_override_yen is not None:
            _check_int(self.rent_override_yen, field="rent_yen", label="家賃", maximum=MAX_RENT_YEN)
        overridden = self.rent_override_yen is not None
        if self.origin_rent_yen is None and (self.mode is Mode.A or not overridden):
            raise CostInputError(
                "出発地の家賃データがありません。家賃を入力してください。", field="origin_rent_yen"
            )
        if self.mode is Mode.A and self.destination_rent_yen is None and not overridden:
            raise CostInputError(
                "目的地の家賃データがありません。家賃を入力してください。", field="destination_rent_yen"
            )
        if self.subsidy is not None and not isinstance(self.subsidy, Subsidy):
            raise CostInputError("補助の指定が不正です。", field="subsidy")


@dataclass(frozen=True, slots=True)
class CostResult:
    """Monthly figures of one scenario, in integer yen and whole minutes.

    Each figure is computed exactly and rounded half up to the yen (or minute) once, at the end,
    on its own. So ``monthly_rent_yen + monthly_travel_yen − monthly_subsidy_yen`` may differ
    from ``monthly_total_yen`` by one yen when trips or the subsidy rate are fractional;
    ``monthly_total_yen`` is the authoritative figure and ``difference_yen`` is
    ``monthly_total_yen − baseline_total_yen`` exactly (the baseline is a whole number).

    ``break_even_trips_per_month`` (mode A only) is the largest number of round trips a month at
    which the total is not above the baseline, rounded *down* to two decimals so the claim
    "up to this many trips it is not dearer" stays true. ``None`` means there is no limit (e.g. a
    full subsidy without a monthly cap); ``0`` means it is never cheaper than the baseline
    (at best equal with no trips at all). In mode B it is always ``None``.
    """

    origin_code: str
    destination_code: str
    mode: Mode
    trips_per_month: Decimal
    monthly_rent_yen: int
    monthly_travel_yen: int
    monthly_subsidy_yen: int
    monthly_total_yen: int
    baseline_total_yen: int
    difference_yen: int
    break_even_trips_per_month: Decimal | None
    one_way_minutes: int
    monthly_travel_minutes: int
    rent_overridden: bool

    @property
    def is_cheaper(self) -> bool:
        return self.difference_yen < 0
