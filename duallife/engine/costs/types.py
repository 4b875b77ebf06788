"""Inputs and outputs of the dual-life cost simulator: frozen dataclasses, validated on creation.

Every invalid value raises :class:`CostInputError` with a Japanese message that can be shown to
a user as it is, and the name of the field at fault.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
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
#: A leg the pack has no figures for (home to Tokyo station, the gateway to the town): a round
#: trip by local train, bus or taxi stays far below this; a day each way covers the islands' ships.
MAX_LEG_YEN = 200_000
MAX_LEG_MINUTES = 24 * 60
#: Lodging: no more nights than a month has days.
MAX_LODGING_NIGHTS = 31
MAX_LODGING_YEN_PER_NIGHT = 1_000_000


def gettext_noop(text: str) -> str:
    """Marks a message for the translation catalogue (``makemessages`` finds this name)."""
    return text


class CostInputError(ValueError):
    """An input the simulator cannot use. ``str(error)`` is a Japanese message for the user.

    ``template`` and ``params`` keep the message's parts, so a page in another language can
    translate the template (and the labels among the params) before filling it in.
    """

    def __init__(self, template: str, *, field: str | None = None, **params: object):
        message = template % params  # always formatted: a literal percent sign is written %%
        super().__init__(message)
        self.message = message
        self.template = template
        self.params = params
        self.field = field


#: Field labels inside messages (a page in another language translates them with the message).
TRIPS_LABEL = gettext_noop("月あたりの往復回数")
RATE_LABEL = gettext_noop("補助率")
PERCENT_LABEL = gettext_noop("補助率（%）")
RENT_LABEL = gettext_noop("家賃")
CAP_PER_TRIP_LABEL = gettext_noop("1往復あたりの補助上限")
CAP_PER_MONTH_LABEL = gettext_noop("月あたりの補助上限")
SUPPORT_LABEL = gettext_noop("月あたりの支援額")
ORIGIN_LEG_YEN_LABEL = gettext_noop("出発地から東京駅までの往復運賃")
ORIGIN_LEG_MINUTES_LABEL = gettext_noop("出発地から東京駅までの片道時間")
DESTINATION_LEG_YEN_LABEL = gettext_noop("経由地から目的地までの往復運賃")
DESTINATION_LEG_MINUTES_LABEL = gettext_noop("経由地から目的地までの片道時間")
LODGING_NIGHTS_LABEL = gettext_noop("月の宿泊数")
LODGING_YEN_LABEL = gettext_noop("1泊あたりの宿泊費")
#: The labels of each leg's two fields, by the leg's kind.
LEG_LABELS = {
    "origin": (ORIGIN_LEG_YEN_LABEL, ORIGIN_LEG_MINUTES_LABEL),
    "destination": (DESTINATION_LEG_YEN_LABEL, DESTINATION_LEG_MINUTES_LABEL),
}


class Mode(StrEnum):
    """Which life is simulated, and what it is compared with.

    - ``A`` (東北に住み東京へ通う): live at the destination, make N round trips a month to the
      origin (Tokyo). Compared with living at the origin.
    - ``B`` (東京に住み東北で副業): live at the origin, make N round trips a month to a side job at
      the destination. Compared with staying at the origin without those trips.
    """

    A = "A"
    B = "B"


def _check_int(value: object, *, field: str, label: str, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CostInputError(
            gettext_noop("%(label)sは整数（円・分）で指定してください。"), field=field, label=label
        )
    if value < 0:
        raise CostInputError(gettext_noop("%(label)sは0以上で指定してください。"), field=field, label=label)
    if value > maximum:
        raise CostInputError(
            gettext_noop("%(label)sは%(maximum)s以下で指定してください。"),
            field=field,
            label=label,
            maximum=f"{maximum:,}",
        )


# --- Parsing what people type ---------------------------------------------------------------------
#
# The page, the API and the ``simulate`` command hand the text a person typed to these functions,
# so "2", "２", " 2 " and "2.0" mean the same everywhere and the same texts are refused everywhere.

#: A plain decimal number: ASCII digits (after NFKC), at most one point, an optional sign.
#: No exponent (``1e3``), no digit separators (``1_000``, ``1,000``), no ``NaN`` or ``Infinity``.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
#: Longer number texts are refused before Decimal sees them.
_MAX_NUMBER_TEXT = 30


def normalise_text(value: str) -> str:
    """NFKC (全角の数字・英字を半角に: 「２．５」→「2.5」, 「Ｂ」→「B」) without surrounding blanks."""
    return unicodedata.normalize("NFKC", value).strip()


def parse_number(value: object, *, field: str, label: str, example: str) -> Decimal | None:
    """A number from text (or an int or a finite Decimal); ``None`` for ``None`` or blank text."""
    if value is None:
        return None
    if isinstance(value, str):
        text = normalise_text(value)
        if not text:
            return None
        if len(text) > _MAX_NUMBER_TEXT or not _PLAIN_NUMBER.fullmatch(text):
            raise CostInputError(
                gettext_noop("%(label)sは数字で指定してください（例: %(example)s）。"),
                field=field,
                label=label,
                example=example,
            )
        return Decimal(text)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CostInputError(
                gettext_noop("%(label)sは有限の数値で指定してください。"), field=field, label=label
            )
        return value
    raise CostInputError(gettext_noop("%(label)sは数値で指定してください。"), field=field, label=label)


def parse_yen(value: object, *, field: str, label: str, maximum: int) -> int | None:
    """A whole number of yen, 0 ≤ yen ≤ maximum; ``None`` for ``None`` or blank text."""
    return _parse_whole(
        value,
        field=field,
        label=label,
        maximum=maximum,
        example="45000",
        whole=gettext_noop("%(label)sは整数（円）で指定してください。"),
    )


def _parse_whole(
    value: object, *, field: str, label: str, maximum: int, example: str, whole: str
) -> int | None:
    number = parse_number(value, field=field, label=label, example=example)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CostInputError(whole, field=field, label=label)
    if number < 0:
        raise CostInputError(gettext_noop("%(label)sは0以上で指定してください。"), field=field, label=label)
    if number > maximum:
        raise CostInputError(
            gettext_noop("%(label)sは%(maximum)s以下で指定してください。"),
            field=field,
            label=label,
            maximum=f"{maximum:,}",
        )
    return int(number)


def parse_minutes(value: object, *, field: str, label: str, maximum: int = MAX_LEG_MINUTES) -> int | None:
    """A whole number of minutes, 0 ≤ minutes ≤ maximum; ``None`` for ``None`` or blank text."""
    return _parse_whole(
        value,
        field=field,
        label=label,
        maximum=maximum,
        example="30",
        whole=gettext_noop("%(label)sは整数（分）で指定してください。"),
    )


def parse_nights(value: object) -> int | None:
    """Nights a month, a whole number from 0 to 31 (no month has more days)."""
    field = "lodging_nights_per_month"
    number = parse_number(value, field=field, label=LODGING_NIGHTS_LABEL, example="2")
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CostInputError(gettext_noop("月の宿泊数は整数（泊）で指定してください。"), field=field)
    if number < 0 or number > MAX_LODGING_NIGHTS:
        raise CostInputError(
            gettext_noop("月の宿泊数は0以上31以下（1か月の日数まで）で指定してください。"), field=field
        )
    return int(number)


def leg_from(kind: str, yen: object, minutes: object) -> Leg | None:
    """A leg the person entered (text or numbers), or ``None`` when they entered neither figure.

    ``kind`` is ``"origin"`` (home to Tokyo station) or ``"destination"`` (the gateway to the
    town). One figure alone is fine: the other counts as 0.
    """
    yen_label, minutes_label = LEG_LABELS[kind]
    round_trip = parse_yen(yen, field=f"{kind}_leg_yen", label=yen_label, maximum=MAX_LEG_YEN)
    one_way = parse_minutes(minutes, field=f"{kind}_leg_minutes", label=minutes_label)
    if round_trip is None and one_way is None:
        return None
    return Leg(kind=kind, round_trip_yen=round_trip or 0, one_way_minutes=one_way or 0)


def lodging_from(nights: object, yen_per_night: object) -> Lodging | None:
    """The lodging a person described, or ``None``; one figure without the other is refused."""
    count = parse_nights(nights)
    price = parse_yen(
        yen_per_night,
        field="lodging_yen_per_night",
        label=LODGING_YEN_LABEL,
        maximum=MAX_LODGING_YEN_PER_NIGHT,
    )
    if count is None and price is None:
        return None
    if count is None or price is None:
        raise CostInputError(
            gettext_noop("宿泊費を加えるときは、月の宿泊数と1泊あたりの宿泊費の両方を指定してください。"),
            field="lodging_nights_per_month" if count is None else "lodging_yen_per_night",
        )
    return Lodging(nights_per_month=count, yen_per_night=price)


def parse_trips_per_month(value: object) -> Decimal:
    """Trips per month as a Decimal with at most one decimal place, 0 ≤ trips ≤ 31."""
    field = "trips_per_month"
    trips = parse_number(value, field=field, label=TRIPS_LABEL, example="2, 1.5")
    if trips is None:
        raise CostInputError(gettext_noop("月あたりの往復回数を指定してください。"), field=field)
    if trips < 0 or trips > MAX_TRIPS_PER_MONTH:
        raise CostInputError(gettext_noop("月あたりの往復回数は0以上31以下で指定してください。"), field=field)
    if trips != trips.quantize(Decimal("0.1")):
        raise CostInputError(
            gettext_noop("月あたりの往復回数は小数第1位までで指定してください。"), field=field
        )
    return trips.quantize(Decimal("0.1"))


def parse_rate(value: object) -> Fraction:
    """A subsidy rate between 0 and 1 inclusive, kept exact (at most six decimal places)."""
    field = "subsidy_rate"
    out_of_range = gettext_noop("補助率は0以上1以下（0%%〜100%%）で指定してください。")
    if isinstance(value, Fraction):
        rate = value
    else:
        number = parse_number(value, field=field, label=RATE_LABEL, example="0.5")
        if number is None:
            raise CostInputError(gettext_noop("補助率を指定してください。"), field=field)
        # Range and precision are checked on the Decimal, before it becomes an exact fraction.
        if number < 0 or number > 1:
            raise CostInputError(out_of_range, field=field)
        if number != number.quantize(Decimal("0.000001")):
            raise CostInputError(gettext_noop("補助率は小数第6位までで指定してください。"), field=field)
        rate = Fraction(number)
    if rate < 0 or rate > 1:
        raise CostInputError(out_of_range, field=field)
    if rate.denominator > MAX_RATE_DENOMINATOR:
        raise CostInputError(gettext_noop("補助率の分母が大きすぎます。"), field=field)
    return rate


def parse_percent(value: object) -> Decimal | None:
    """A subsidy rate typed as a percentage (0–100, four decimals) as a rate 0–1; ``None`` if blank."""
    field = "subsidy_percent"
    number = parse_number(value, field=field, label=PERCENT_LABEL, example="50")
    if number is None:
        return None
    if number < 0 or number > 100:
        raise CostInputError(gettext_noop("補助率（%%）は0以上100以下で指定してください。"), field=field)
    if number != number.quantize(Decimal("0.0001")):
        raise CostInputError(gettext_noop("補助率（%%）は小数第4位までで指定してください。"), field=field)
    return number / 100


def parse_mode(value: object) -> Mode:
    """``A`` or ``B`` (after NFKC, so 「Ａ」 too; upper case only); ``None`` or blank means ``A``."""
    if isinstance(value, Mode):
        return value
    text = normalise_text(value) if isinstance(value, str) else value
    if text is None or text == "":
        return Mode.A
    if text in (Mode.A.value, Mode.B.value):
        return Mode(text)
    raise CostInputError(gettext_noop("試算の種類は A か B で指定してください。"), field="mode")


def rents_needed(mode: Mode, *, rent_overridden: bool) -> tuple[bool, bool]:
    """Which benchmark rents a scenario uses: ``(origin's, destination's)``.

    The baseline is life at the origin, so mode A always needs the origin's rent, and the
    destination's unless the user gave their own rent. Mode B lives at the origin: its rent is
    needed unless overridden; the destination's is never used.
    """
    if mode is Mode.A:
        return True, not rent_overridden
    return not rent_overridden, False


def subsidy_from(
    rate: object,
    cap_per_trip_yen: object = None,
    cap_per_month_yen: object = None,
) -> Subsidy | None:
    """The subsidy a person described (text or numbers), or ``None`` when there is none.

    A cap without a rate is refused: a cap limits a subsidy, it is not one.
    """
    if isinstance(rate, str) and not normalise_text(rate):
        rate = None
    per_trip = parse_yen(
        cap_per_trip_yen,
        field="subsidy_cap_per_trip_yen",
        label=CAP_PER_TRIP_LABEL,
        maximum=MAX_SUBSIDY_CAP_YEN,
    )
    per_month = parse_yen(
        cap_per_month_yen,
        field="subsidy_cap_per_month_yen",
        label=CAP_PER_MONTH_LABEL,
        maximum=MAX_SUBSIDY_CAP_YEN,
    )
    if rate is None:
        if per_trip is not None or per_month is not None:
            raise CostInputError(
                gettext_noop("補助の上限を指定するときは補助率も指定してください。"), field="subsidy_rate"
            )
        return None
    return Subsidy(rate=rate, cap_per_trip_yen=per_trip, cap_per_month_yen=per_month)


def _check_support(value: object) -> None:
    if value is not None:
        _check_int(value, field="monthly_support_yen", label=SUPPORT_LABEL, maximum=MAX_SUBSIDY_CAP_YEN)


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
                label=CAP_PER_TRIP_LABEL,
                maximum=MAX_SUBSIDY_CAP_YEN,
            )
        if self.cap_per_month_yen is not None:
            _check_int(
                self.cap_per_month_yen,
                field="subsidy_cap_per_month_yen",
                label=CAP_PER_MONTH_LABEL,
                maximum=MAX_SUBSIDY_CAP_YEN,
            )


@dataclass(frozen=True, slots=True)
class Leg:
    """A stretch of every trip that the region pack has no figures for, as the person entered it:
    ``origin`` from home to Tokyo station, ``destination`` from the gateway city to the town.
    A round-trip fare and a one-way time, like the pack's routes. Absent (``None`` where a leg
    is expected), a leg adds nothing and is shown as not included."""

    kind: str
    round_trip_yen: int = 0
    one_way_minutes: int = 0

    def __post_init__(self) -> None:
        if self.kind not in LEG_LABELS:
            raise CostInputError(gettext_noop("区間の種類が不正です。"), field="leg")
        yen_label, minutes_label = LEG_LABELS[self.kind]
        _check_int(self.round_trip_yen, field=f"{self.kind}_leg_yen", label=yen_label, maximum=MAX_LEG_YEN)
        _check_int(
            self.one_way_minutes,
            field=f"{self.kind}_leg_minutes",
            label=minutes_label,
            maximum=MAX_LEG_MINUTES,
        )


@dataclass(frozen=True, slots=True)
class Lodging:
    """Nights a month away from home and their price: ``nights × price`` is added to each month."""

    nights_per_month: int
    yen_per_night: int

    def __post_init__(self) -> None:
        field = "lodging_nights_per_month"
        if isinstance(self.nights_per_month, bool) or not isinstance(self.nights_per_month, int):
            raise CostInputError(gettext_noop("月の宿泊数は整数（泊）で指定してください。"), field=field)
        if not 0 <= self.nights_per_month <= MAX_LODGING_NIGHTS:
            raise CostInputError(
                gettext_noop("月の宿泊数は0以上31以下（1か月の日数まで）で指定してください。"), field=field
            )
        _check_int(
            self.yen_per_night,
            field="lodging_yen_per_night",
            label=LODGING_YEN_LABEL,
            maximum=MAX_LODGING_YEN_PER_NIGHT,
        )

    @property
    def monthly_yen(self) -> int:
        return self.nights_per_month * self.yen_per_night


@dataclass(frozen=True, slots=True)
class Destination:
    """A place to compare: its code, benchmark rent, and access to the origin."""

    code: str
    rent_yen: int
    round_trip_fare_yen: int
    one_way_minutes: int
    #: The leg from the gateway to this destination, when the person entered one.
    leg: Leg | None = None
    #: A fixed support a month for this row's trips (see ``CostInput.monthly_support_yen``).
    monthly_support_yen: int | None = None

    def __post_init__(self) -> None:
        if self.leg is not None and not isinstance(self.leg, Leg):
            raise CostInputError(gettext_noop("区間の指定が不正です。"), field="destination_leg_yen")
        _check_support(self.monthly_support_yen)
        if not isinstance(self.code, str) or not self.code:
            raise CostInputError(gettext_noop("目的地のコードがありません。"), field="destination")
        _check_int(self.rent_yen, field="rent_yen", label=RENT_LABEL, maximum=MAX_RENT_YEN)
        _check_int(
            self.round_trip_fare_yen,
            field="round_trip_fare_yen",
            label=gettext_noop("往復運賃"),
            maximum=MAX_FARE_YEN,
        )
        _check_int(
            self.one_way_minutes,
            field="one_way_minutes",
            label=gettext_noop("片道所要時間"),
            maximum=MAX_ONE_WAY_MINUTES,
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
    ``monthly_support_yen`` is a support amount for the month's trips worked out elsewhere (a
    support program's rules, :mod:`duallife.engine.subsidies`): it is taken off the month as it
    is, never more than the month's travel. It replaces ``subsidy`` (not both) and belongs to
    mode B, whose trips go from the origin to the destination.
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
    #: Home to Tokyo station and the gateway to the town: added to every trip when entered.
    origin_leg: Leg | None = None
    destination_leg: Leg | None = None
    lodging: Lodging | None = None
    monthly_support_yen: int | None = None

    def __post_init__(self) -> None:
        for name, leg, kind in (
            ("origin_leg_yen", self.origin_leg, "origin"),
            ("destination_leg_yen", self.destination_leg, "destination"),
        ):
            if leg is not None and (not isinstance(leg, Leg) or leg.kind != kind):
                raise CostInputError(gettext_noop("区間の指定が不正です。"), field=name)
        if self.lodging is not None and not isinstance(self.lodging, Lodging):
            raise CostInputError(gettext_noop("宿泊の指定が不正です。"), field="lodging_nights_per_month")
        for name, code in (("origin", self.origin_code), ("destination", self.destination_code)):
            if not isinstance(code, str) or not code:
                raise CostInputError(gettext_noop("地域のコードがありません。"), field=name)
        if self.origin_code == self.destination_code:
            raise CostInputError(
                gettext_noop("出発地と目的地が同じです。別の地域を選んでください。"), field="destination"
            )
        object.__setattr__(self, "mode", parse_mode(self.mode))
        object.__setattr__(self, "trips_per_month", parse_trips_per_month(self.trips_per_month))
        for name, rent, label in (
            ("origin_rent_yen", self.origin_rent_yen, gettext_noop("出発地の家賃")),
            ("destination_rent_yen", self.destination_rent_yen, gettext_noop("目的地の家賃")),
        ):
            if rent is not None:
                _check_int(rent, field=name, label=label, maximum=MAX_RENT_YEN)
        _check_int(
            self.round_trip_fare_yen,
            field="round_trip_fare_yen",
            label=gettext_noop("往復運賃"),
            maximum=MAX_FARE_YEN,
        )
        _check_int(
            self.one_way_minutes,
            field="one_way_minutes",
            label=gettext_noop("片道所要時間"),
            maximum=MAX_ONE_WAY_MINUTES,
        )
        if self.rent_override_yen is not None:
            _check_int(self.rent_override_yen, field="rent_yen", label=RENT_LABEL, maximum=MAX_RENT_YEN)
        need_origin, need_destination = rents_needed(
            self.mode, rent_overridden=self.rent_override_yen is not None
        )
        if need_origin and self.origin_rent_yen is None:
            raise CostInputError(
                gettext_noop("出発地の家賃データがありません。家賃を入力してください。"),
                field="origin_rent_yen",
            )
        if need_destination and self.destination_rent_yen is None:
            raise CostInputError(
                gettext_noop("目的地の家賃データがありません。家賃を入力してください。"),
                field="destination_rent_yen",
            )
        if self.subsidy is not None and not isinstance(self.subsidy, Subsidy):
            raise CostInputError(gettext_noop("補助の指定が不正です。"), field="subsidy")
        _check_support(self.monthly_support_yen)
        if self.monthly_support_yen is not None:
            if self.subsidy is not None:
                raise CostInputError(
                    gettext_noop(
                        "補助率による補助と月あたりの支援額は、どちらか一方だけを指定してください。"
                    ),
                    field="subsidy",
                )
            if self.mode is not Mode.B:
                raise CostInputError(
                    gettext_noop("月あたりの支援額は、東京に住み東北で副業する試算（B）でだけ使えます。"),
                    field="mode",
                )


@dataclass(frozen=True, slots=True)
class CostResult:
    """Monthly figures of one scenario, in integer yen and whole minutes.

    Each figure is computed exactly and rounded half up to the yen (or minute) once, at the end,
    on its own. So ``monthly_rent_yen + monthly_travel_yen − monthly_subsidy_yen`` may differ
    from ``monthly_total_yen`` by one yen when trips or the subsidy rate are fractional;
    ``monthly_total_yen`` is the authoritative figure and ``difference_yen`` is
    ``monthly_total_yen − baseline_total_yen`` exactly (the baseline is a whole number).

    ``monthly_travel_yen`` and ``one_way_minutes`` are door to door: the route between the two
    gateways plus the legs entered (``route_…`` keep the route alone); ``monthly_lodging_yen``
    is part of ``monthly_total_yen`` and never of the baseline.

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
    #: Lodging a month (nights × price); 0 without lodging.
    monthly_lodging_yen: int = 0
    #: One round trip door to door (the route plus the legs entered) and the route alone.
    round_trip_fare_yen: int = 0
    route_one_way_minutes: int = 0
    route_round_trip_fare_yen: int = 0
    #: What the person entered (``None``: not included).
    origin_leg: Leg | None = None
    destination_leg: Leg | None = None
    lodging: Lodging | None = None

    @property
    def is_cheaper(self) -> bool:
        return self.difference_yen < 0
