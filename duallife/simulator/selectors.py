"""Reads for the cost simulator: region data in, engine inputs and results out.

The HTML page, the JSON API and the ``simulate`` command all go through these functions, so a
figure is computed one way only. Every problem with the request raises
:class:`~duallife.simulator.errors.SimulatorError` (or a subclass) whose message is Japanese and can
be shown to the user as it is.

Places go through their gateways (ADR 0018, :mod:`duallife.engine.costs.gateways`): any
Tokyo-area municipality may be the origin and any place of the pack the destination; the fares
are the route's between their gateways, and a place without its own rent uses its gateway's.

A support program (:mod:`duallife.subsidies`) may take the place of the subsidy a person typed in
(mode B only): its rules go through the support engine for one month's trips as one claim, and the
amount becomes the month's fixed support in the cost engine (ADR 0024).

Query counts are flat: :func:`cost_quote` takes two queries, :func:`cost_dataset` three (two with
the origins of :func:`origin_municipalities`), whatever the number of destinations;
:func:`support_programs` one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from duallife.engine.costs import (
    CostInput,
    CostInputError,
    CostResult,
    Destination,
    Leg,
    Lodging,
    Mode,
    NoAccess,
    Place,
    Subsidy,
    Trip,
    compare_destinations,
    door_to_door,
    leg_from,
    lodging_from,
    normalise_text,
    parse_trips_per_month,
    plan_trip,
    rents_needed,
    simulate,
    subsidy_from,
)
from duallife.engine.costs import parse_mode as _engine_parse_mode
from duallife.engine.costs.gateways import route_key
from duallife.engine.places import is_valid_lg_code
from duallife.engine.subsidies import Outcome, Reason, Rules, fiscal_year_of
from duallife.regions.models import Municipality, Prefecture, RentBenchmark, Route, Source
from duallife.subsidies.models import Program
from duallife.subsidies.selectors.programs import fiscal_year_day, latest_versions, month_support
from duallife.subsidies.selectors.rules import rules_of

from .errors import (
    InvalidInput,
    MalformedCode,
    NoRegionData,
    NoRentData,
    NoRouteData,
    UnknownMunicipality,
    UnknownProgram,
)

#: 東京都特別区部: the Tokyo side of every comparison and the default origin, the gateway of every
#: Tokyo-area origin (see docs/adr/0003-cost-simulator.md and 0018).
REFERENCE_CODE = "131008"
#: The prefectures an origin may lie in: 埼玉県, 千葉県, 東京都, 神奈川県 (JIS X 0401).
TOKYO_AREA = ("11", "12", "13", "14")
ORIGIN_ROLES = (Municipality.Role.REFERENCE, Municipality.Role.ORIGIN)
DESTINATION_ROLES = (Municipality.Role.PACK, Municipality.Role.COMPARISON)
ORIGIN_LABEL = gettext_noop("出発地")
DESTINATION_LABEL = gettext_noop("目的地")


# --- Small value types --------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceUse:
    """A cited source and what the result used it for."""

    title: str
    publisher: str
    url: str
    published: str
    year: int
    used_for: str


@dataclass(frozen=True)
class CostQuote:
    """One simulated scenario with the places, the route and the sources behind it.

    ``route`` runs between the two gateways; ``origin_rent_place`` and ``destination_rent_place``
    are the places whose benchmark rents were used (a gateway's when the place has none; ``None``
    where the scenario used none).
    """

    origin: Municipality
    destination: Municipality
    route: Route
    result: CostResult
    sources: tuple[SourceUse, ...]
    subsidy: Subsidy | None
    rent_override_yen: int | None
    origin_rent_place: Municipality | None = None
    destination_rent_place: Municipality | None = None
    #: What the chosen support program pays for the month (``None``: no program chosen).
    support: SupportQuote | None = None

    @property
    def origin_gateway(self) -> Municipality:
        return gateway_of(self.origin)

    @property
    def destination_gateway(self) -> Municipality:
        return gateway_of(self.destination)


@dataclass(frozen=True)
class DestinationData:
    """A destination of the dataset: its route (between the gateways) and the rent it uses."""

    municipality: Municipality
    route: Route
    rent: RentBenchmark | None

    @property
    def code(self) -> str:
        return self.municipality.code

    @property
    def gateway(self) -> Municipality:
        return gateway_of(self.municipality)

    @property
    def is_gateway(self) -> bool:
        """A place with its own route (the report's cities): the comparison lists these."""
        return self.gateway.pk == self.municipality.pk

    @property
    def rent_from_gateway(self) -> bool:
        return self.rent is not None and self.rent.municipality_id != self.municipality.pk


@dataclass(frozen=True)
class PrefectureGroup:
    prefecture: Prefecture
    destinations: tuple[DestinationData, ...]


@dataclass(frozen=True)
class ComparisonRow:
    destination: DestinationData
    result: CostResult


@dataclass(frozen=True)
class CostDataset:
    """The origin and every destination with a route between their gateways, by code."""

    origin: Municipality
    origin_rent: RentBenchmark | None
    destinations: tuple[DestinationData, ...]  # by municipality code
    _by_code: dict[str, DestinationData] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {d.code: d for d in self.destinations})

    def get(self, code: str) -> DestinationData | None:
        return self._by_code.get(code)

    def compared(self, chosen: str | None = None) -> tuple[DestinationData, ...]:
        """The comparison's places: those with a route of their own and a rent, and the chosen one."""
        return tuple(
            d for d in self.destinations if d.rent is not None and (d.is_gateway or d.code == chosen)
        )

    def groups(self) -> list[PrefectureGroup]:
        """Destinations grouped by prefecture, in JIS X 0401 order, municipalities by code."""
        by_prefecture: dict[str, list[DestinationData]] = {}
        prefectures: dict[str, Prefecture] = {}
        for dest in self.destinations:
            pref = dest.municipality.prefecture
            prefectures[pref.code] = pref
            by_prefecture.setdefault(pref.code, []).append(dest)
        return [
            PrefectureGroup(prefectures[code], tuple(by_prefecture[code])) for code in sorted(by_prefecture)
        ]


@dataclass(frozen=True)
class Extras:
    """What the person added to every trip and month: the two legs and the lodging."""

    origin_leg: Leg | None = None
    destination_leg: Leg | None = None
    lodging: Lodging | None = None


@dataclass(frozen=True)
class ProgramChoice:
    """A support program of a fiscal year with its latest rules, as the simulator offers it."""

    program: Program
    rules: Rules

    @property
    def slug(self) -> str:
        return self.program.slug


@dataclass(frozen=True)
class SupportQuote:
    """What a program pays towards one month of the scenario's trips: the month's trips as one
    claim under its rules, each per-year cap taken as a twelfth a month (see
    :func:`duallife.subsidies.selectors.programs.month_support`)."""

    program: Program
    rules: Rules
    outcome: Outcome
    monthly_yen: int
    capped_by_year: bool  # the twelfth of a per-year cap cut the amount
    trips: int
    round_trip_fare_yen: int  # one round trip, door to door (the route and the legs entered)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The engine's reasons. The month's trips are alike, so the first trip's stand for all."""
        return tuple(reason for reason in self.outcome.reasons if dict(reason.figures).get("trip", 1) == 1)


# --- Parsing ------------------------------------------------------------------------------------


def parse_lg_code(value: object, *, label: str = "地域", field: str | None = None) -> str:
    """A 全国地方公共団体コード from user input (NFKC: 全角数字も可), or :class:`MalformedCode`."""
    text = normalise_text(value) if isinstance(value, str) else ("" if value is None else str(value))
    if not text:
        raise MalformedCode(gettext_noop("%(label)sのコードを指定してください。"), field=field, label=label)
    # Echo the value only when it is short and printable (never control characters such as NUL).
    if len(text) > 12 or not text.isprintable():
        raise MalformedCode(
            gettext_noop("%(label)sのコードは6桁の地方公共団体コードで指定してください。"),
            field=field,
            label=label,
        )
    if len(text) != 6 or not text.isascii() or not text.isdigit():
        raise MalformedCode(
            gettext_noop("%(label)sのコード「%(code)s」は6桁の地方公共団体コードではありません。"),
            field=field,
            label=label,
            code=text,
        )
    if not is_valid_lg_code(text):
        raise MalformedCode(
            gettext_noop(
                "%(label)sのコード「%(code)s」は検査数字が一致しないか、存在しない都道府県の番号です。"
            ),
            field=field,
            label=label,
            code=text,
        )
    return text


def parse_origin(value: object) -> str:
    """The origin: a municipality of the Tokyo area (東京圏); blank means 東京都特別区部 (131008)."""
    if value is None or (isinstance(value, str) and not normalise_text(value)):
        return REFERENCE_CODE
    code = parse_lg_code(value, label=ORIGIN_LABEL, field="origin")
    if code[:2] not in TOKYO_AREA:
        raise InvalidInput(
            gettext_noop(
                "出発地のコード「%(code)s」は東京圏の市区町村ではありません。"
                "出発地は埼玉県・千葉県・東京都・神奈川県の市区町村から指定してください。"
            ),
            field="origin",
            code=code,
        )
    return code


def build_extras(
    *,
    origin_leg_yen: object = None,
    origin_leg_minutes: object = None,
    destination_leg_yen: object = None,
    destination_leg_minutes: object = None,
    lodging_nights_per_month: object = None,
    lodging_yen_per_night: object = None,
) -> Extras:
    """The legs and lodging the person entered (text or numbers); blank means not included."""
    try:
        return Extras(
            origin_leg=leg_from("origin", origin_leg_yen, origin_leg_minutes),
            destination_leg=leg_from("destination", destination_leg_yen, destination_leg_minutes),
            lodging=lodging_from(lodging_nights_per_month, lodging_yen_per_night),
        )
    except CostInputError as exc:
        raise InvalidInput.from_engine(exc) from exc


def build_subsidy(
    rate: object,
    cap_per_trip_yen: object = None,
    cap_per_month_yen: object = None,
) -> Subsidy | None:
    """The subsidy the user described (text or numbers), or ``None`` when there is none."""
    try:
        return subsidy_from(rate, cap_per_trip_yen, cap_per_month_yen)
    except CostInputError as exc:
        raise InvalidInput.from_engine(exc) from exc


#: A program's identifier (``Program.slug``).
_PROGRAM_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def _text(value: object) -> str:
    return normalise_text(value) if isinstance(value, str) else ("" if value is None else str(value))


def parse_fiscal_year(value: object, *, today: datetime.date | None = None) -> int:
    """A fiscal year (April–March) by the year it starts in, 2000–2100; blank means today's."""
    current = fiscal_year_of(today or timezone.localdate())
    text = _text(value)
    if not text:
        return current
    if not (text.isascii() and text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        raise InvalidInput(
            gettext_noop("年度は西暦の4桁（2000〜2100、例: %(example)s）で指定してください。"),
            field="fiscal_year",
            example=current,
        )
    return int(text)


def parse_program(value: object) -> str | None:
    """A support program's identifier (its slug, e.g. ``miyagi-doublework``); ``None`` for blank."""
    text = _text(value)
    if not text:
        return None
    if not _PROGRAM_SLUG.fullmatch(text):
        raise InvalidInput(
            gettext_noop(
                "交通費支援の制度は、英数字とハイフンの識別子（例: miyagi-doublework）で指定してください。"
            ),
            field="program",
        )
    return text


def parse_mode(value: object) -> Mode:
    """``A`` or ``B``; see :func:`duallife.engine.costs.parse_mode`."""
    try:
        return _engine_parse_mode(value)
    except CostInputError as exc:
        raise InvalidInput.from_engine(exc) from exc


def _unknown_origin(code: str) -> UnknownMunicipality:
    if code == REFERENCE_CODE:
        return NoRegionData(
            gettext_noop("地域データがまだ読み込まれていないため、試算できません。"), field="origin"
        )
    return UnknownMunicipality(
        gettext_noop("%(label)sのコード「%(code)s」の地域は登録されていません。"),
        field="origin",
        label=ORIGIN_LABEL,
        code=code,
    )


def _unknown_destination(code: str) -> UnknownMunicipality:
    return UnknownMunicipality(
        gettext_noop("%(label)sのコード「%(code)s」の地域は登録されていません。"),
        field="destination",
        label=DESTINATION_LABEL,
        code=code,
    )


def _not_a_destination(place: Municipality) -> InvalidInput:
    return InvalidInput(
        gettext_noop("%(place)sは出発地（東京圏）の地域です。目的地には東北側の地域を指定してください。"),
        field="destination",
        place=_display_name(place),
    )


def _unknown_program(slug: str, year: int) -> UnknownProgram:
    """Why ``slug`` has no rules in ``year``: another year has it, it has none yet, or no such program."""
    years = sorted(set(Program.objects.filter(slug=slug).values_list("fiscal_year", flat=True)))
    if year in years:
        return UnknownProgram(
            gettext_noop("交通費支援の制度「%(slug)s」の%(year)s年度のルールがまだありません。"),
            field="program",
            slug=slug,
            year=year,
        )
    if years:
        return UnknownProgram(
            gettext_noop(
                "交通費支援の制度「%(slug)s」は%(year)s年度にはありません（%(years)s年度にあります）。"
            ),
            field="program",
            slug=slug,
            year=year,
            years=list_separator().join(str(y) for y in years),
        )
    return UnknownProgram(
        gettext_noop("交通費支援の制度「%(slug)s」は登録されていません。"), field="program", slug=slug
    )


# --- Internals ----------------------------------------------------------------------------------


def gateway_of(municipality: Municipality) -> Municipality:
    """The place whose fares ``municipality`` uses (itself where no gateway is recorded)."""
    if municipality.gateway_id in (None, municipality.pk):
        return municipality
    return municipality.gateway


def _rent_of(municipality: Municipality) -> RentBenchmark | None:
    try:
        return municipality.rent
    except ObjectDoesNotExist:
        return None


def _place(municipality: Municipality) -> Place:
    rent = _rent_of(municipality)
    if municipality.gateway_id in (None, municipality.pk):
        gateway_code = municipality.code
    elif Municipality.gateway.is_cached(municipality):
        gateway_code = municipality.gateway.code
    else:  # a gateway with a gateway of its own: the pack forbids it, the engine refuses it
        gateway_code = f"#{municipality.gateway_id}"
    return Place(
        code=municipality.code, gateway_code=gateway_code, rent_yen=rent.monthly_rent_yen if rent else None
    )


def _places(*municipalities: Municipality) -> dict[str, Place]:
    """The engine's view of some places and their gateways."""
    out: dict[str, Place] = {}
    for m in municipalities:
        for place in (m, gateway_of(m)):
            out[place.code] = _place(place)
    return out


def _rent_used(
    municipality: Municipality, code: str | None
) -> tuple[RentBenchmark | None, Municipality | None]:
    """The benchmark row the engine's rent came from: the place's own, or its gateway's."""
    for place in (municipality, gateway_of(municipality)):
        if place.code == code:
            return _rent_of(place), place
    return None, None


def _route_key(route: Route) -> tuple[int, int, int]:
    """Several routes between one pair: the fastest, then the cheapest, then the oldest row."""
    return (route.one_way_minutes, route.round_trip_fare_yen, route.pk)


def _display_name(municipality: Municipality) -> str:
    return municipality.name


def list_separator() -> str:
    """「、」 in Japanese; the English catalogue makes it ", "."""
    # Translators: separates the items of a list, e.g. what a source was used for.
    return pgettext("list separator", "、")


def _merge_sources(uses: Iterable[tuple[Source, int, str]]) -> tuple[SourceUse, ...]:
    merged: dict[tuple[int, int], tuple[Source, int, list[str]]] = {}
    for source, year, used_for in uses:
        entry = merged.setdefault((source.pk, year), (source, year, []))
        if used_for not in entry[2]:
            entry[2].append(used_for)
    return tuple(
        SourceUse(
            title=source.title,
            publisher=source.publisher,
            url=source.url,
            published=source.published,
            year=year,
            used_for=list_separator().join(used),
        )
        for source, year, used in merged.values()
    )


def _plan(origin: Municipality, destination: Municipality, routes: Iterable[Route]) -> Trip:
    try:
        return plan_trip(
            origin.code,
            destination.code,
            places=_places(origin, destination),
            routes={route_key(r.origin.code, r.destination.code) for r in routes},
        )
    except NoAccess as exc:
        raise NoRouteData(
            gettext_noop("%(origin)sと%(destination)sの間の運賃・所要時間のデータがありません。"),
            field="destination",
            origin=_display_name(gateway_of(origin)),
            destination=_display_name(gateway_of(destination)),
        ) from exc
    except CostInputError as exc:
        raise InvalidInput.from_engine(exc) from exc


def _whole_trips(trips: Decimal) -> int:
    """The trips of a month as a claim's number of trips: a program needs whole trips."""
    if trips != trips.to_integral_value():
        raise InvalidInput(
            gettext_noop(
                "交通費支援の制度を選んだときは、月あたりの往復回数を整数で指定してください"
                "（1か月の往復を1回の申請として計算します）。"
            ),
            field="trips_per_month",
        )
    return int(trips)


def _support(
    program: ProgramChoice,
    *,
    origin: Municipality,
    destination: Municipality,
    fare_yen: int,
    trips: Decimal,
    today: datetime.date | None,
) -> SupportQuote:
    """The program's support for one month of these trips (no queries)."""
    whole = _whole_trips(trips)
    outcome, monthly, capped = month_support(
        program.rules,
        day=fiscal_year_day(program.program.fiscal_year, today or timezone.localdate()),
        destination_prefecture=destination.prefecture.code,
        round_trip_fare_yen=fare_yen,
        trips_per_month=whole,
        origin_prefecture=origin.prefecture.code,
    )
    return SupportQuote(
        program=program.program,
        rules=program.rules,
        outcome=outcome,
        monthly_yen=monthly,
        capped_by_year=capped,
        trips=whole,
        round_trip_fare_yen=fare_yen,
    )


def _simulate(
    *,
    origin: Municipality,
    destination: Municipality,
    trip: Trip,
    route: Route,
    mode: Mode,
    trips_per_month: Decimal | int | str,
    subsidy: Subsidy | None,
    rent_override_yen: int | None,
    extras: Extras,
    program: ProgramChoice | None = None,
    today: datetime.date | None = None,
) -> CostQuote:
    need_origin, need_destination = rents_needed(mode, rent_overridden=rent_override_yen is not None)
    if need_origin and trip.origin_rent is None:
        field_ = "origin" if mode is Mode.A else "rent_yen"
        raise NoRentData(
            gettext_noop("%(place)sの家賃データがありません。"), field=field_, place=_display_name(origin)
        )
    if need_destination and trip.destination_rent is None:
        raise NoRentData(
            gettext_noop("%(place)sの家賃データがありません。家賃を入力すると試算できます。"),
            field="rent_yen",
            place=_display_name(destination),
        )
    scenario = {
        "origin_code": origin.code,
        "destination_code": destination.code,
        "mode": mode,
        "trips_per_month": trips_per_month,
        "origin_rent_yen": trip.origin_rent.yen if trip.origin_rent else None,
        "destination_rent_yen": trip.destination_rent.yen if trip.destination_rent else None,
        "round_trip_fare_yen": route.round_trip_fare_yen,
        "one_way_minutes": route.one_way_minutes,
        "subsidy": subsidy,
        "rent_override_yen": rent_override_yen,
        "origin_leg": extras.origin_leg,
        "destination_leg": extras.destination_leg,
        "lodging": extras.lodging,
    }
    support = None
    try:
        data = CostInput(**scenario)
        if program is not None:
            fare, _minutes = door_to_door(data)
            support = _support(
                program,
                origin=origin,
                destination=destination,
                fare_yen=fare,
                trips=data.trips_per_month,
                today=today,
            )
            data = CostInput(**scenario, monthly_support_yen=support.monthly_yen)
        result = simulate(data)
    except CostInputError as exc:
        raise InvalidInput.from_engine(exc) from exc

    origin_rent, origin_rent_place = _rent_used(
        origin, trip.origin_rent.code if need_origin and trip.origin_rent else None
    )
    destination_rent, destination_rent_place = _rent_used(
        destination, trip.destination_rent.code if need_destination and trip.destination_rent else None
    )
    pair = f"{_display_name(route.origin)}–{_display_name(route.destination)}"
    uses: list[tuple[Source, int, str]] = [
        (route.source, route.year, _("往復運賃・片道所要時間（%(pair)s）") % {"pair": pair})
    ]
    for rent, place in ((origin_rent, origin_rent_place), (destination_rent, destination_rent_place)):
        if rent is not None and place is not None:
            uses.append((rent.source, rent.year, _("家賃（%(place)s）") % {"place": _display_name(place)}))
    return CostQuote(
        origin=origin,
        destination=destination,
        route=route,
        result=result,
        sources=_merge_sources(uses),
        subsidy=subsidy,
        rent_override_yen=rent_override_yen,
        origin_rent_place=origin_rent_place,
        destination_rent_place=destination_rent_place,
        support=support,
    )


def _municipality_queryset():
    return Municipality.objects.select_related(
        "prefecture", "rent__source", "gateway__prefecture", "gateway__rent__source"
    )


def _route_queryset():
    return Route.objects.select_related("source", "origin", "destination")


# --- Public reads -------------------------------------------------------------------------------


def cost_quote(
    *,
    origin_code: object = REFERENCE_CODE,
    destination_code: object,
    mode: object = Mode.A,
    trips_per_month: Decimal | int | str,
    rent_override_yen: int | None = None,
    subsidy: Subsidy | None = None,
    extras: Extras | None = None,
    program: ProgramChoice | None = None,
    today: datetime.date | None = None,
) -> CostQuote:
    """Simulate one scenario from the database (two queries). ``program`` (mode B, whole trips)
    replaces ``subsidy``: see :func:`choose_program`."""
    origin_code = parse_origin(origin_code)
    destination_code = parse_lg_code(destination_code, label=DESTINATION_LABEL, field="destination")
    mode = parse_mode(mode)
    if origin_code == destination_code:
        raise InvalidInput(
            gettext_noop("出発地と目的地が同じです。別の地域を選んでください。"), field="destination"
        )
    places = {m.code: m for m in _municipality_queryset().filter(code__in=[origin_code, destination_code])}
    origin = places.get(origin_code)
    if origin is None or origin.role not in ORIGIN_ROLES:
        raise _unknown_origin(origin_code)
    destination = places.get(destination_code)
    if destination is None:
        raise _unknown_destination(destination_code)
    if destination.role not in DESTINATION_ROLES:
        raise _not_a_destination(destination)
    a, b = gateway_of(origin), gateway_of(destination)
    routes = list(_route_queryset().filter(Q(origin=a, destination=b) | Q(origin=b, destination=a)))
    trip = _plan(origin, destination, routes)
    return _simulate(
        origin=origin,
        destination=destination,
        trip=trip,
        route=min(routes, key=_route_key),
        mode=mode,
        trips_per_month=trips_per_month,
        subsidy=subsidy,
        rent_override_yen=rent_override_yen,
        extras=extras or Extras(),
        program=program,
        today=today,
    )


def cost_dataset(
    origin_code: object = REFERENCE_CODE, *, origins: Sequence[Municipality] | None = None
) -> CostDataset:
    """The origin and every destination whose gateway has a route to the origin's (three queries;
    two when ``origins``, from :func:`origin_municipalities`, hold the origin).

    The gateways come with the routes (their rents included); each destination row brings only
    its prefecture and its own rent, and is pointed at its gateway here, so a page with every
    town builds a few hundred objects rather than thousands.
    """
    origin_code = parse_origin(origin_code)
    if origins is None:
        origin = _municipality_queryset().filter(code=origin_code, role__in=ORIGIN_ROLES).first()
    else:
        origin = next((m for m in origins if m.code == origin_code), None)
    if origin is None:
        raise _unknown_origin(origin_code)
    hub = gateway_of(origin)
    best: dict[int, Route] = {}
    routes = list(
        Route.objects.select_related(
            "source",
            "origin__prefecture",
            "origin__rent__source",
            "destination__prefecture",
            "destination__rent__source",
        ).filter(Q(origin=hub) | Q(destination=hub))
    )
    for route in routes:
        other = route.destination_id if route.origin_id == hub.pk else route.origin_id
        if other != hub.pk and (other not in best or _route_key(route) < _route_key(best[other])):
            best[other] = route
    gateways = {pk: (r.destination if r.origin_id == hub.pk else r.origin) for pk, r in best.items()}
    wanted = Q(role__in=DESTINATION_ROLES, gateway__in=list(best))
    if origins is not None:
        # The list of origins brings no rents: the origin's row comes again with the destinations
        # (its rent with it), the hub as the routes hold it (with its rent).
        wanted |= Q(pk=origin.pk)
        hub = next((r.origin if r.origin_id == hub.pk else r.destination for r in routes), hub)
    places = Municipality.objects.select_related("prefecture", "rent__source").filter(wanted).order_by("code")
    destinations = []
    for m in places:
        if m.pk == origin.pk:
            origin = m if m.pk == hub.pk else _pointed_at(m, hub)
            continue
        gateway = gateways[m.gateway_id]
        if m.pk == gateway.pk:
            m = gateway  # the same row: keep the one the route holds
        else:
            m.gateway = gateway
        rent = _rent_of(m) or _rent_of(gateway)
        destinations.append(DestinationData(municipality=m, route=best[gateway.pk], rent=rent))
    return CostDataset(
        origin=origin,
        origin_rent=_rent_of(origin) or _rent_of(hub),
        destinations=tuple(destinations),
    )


def _pointed_at(municipality: Municipality, gateway: Municipality) -> Municipality:
    municipality.gateway = gateway
    return municipality


@dataclass(frozen=True)
class PlaceName:
    """A place as a list of choices names it (``localized_name`` reads ``name`` / ``name_en``)."""

    code: str
    name: str
    name_en: str
    prefecture: PlaceName | None = None


def origin_municipalities() -> list[Municipality]:
    """Every place to start from (the Tokyo area), by code, with its prefecture, each pointed at its
    gateway among them (one query). The page takes its list of origins and its origin from these
    (:func:`cost_dataset` reads the rents it needs with its own queries), so the programs it offers
    cost no more queries than before (ADR 0024)."""
    places = list(
        Municipality.objects.filter(role__in=ORIGIN_ROLES).select_related("prefecture").order_by("code")
    )
    by_pk = {m.pk: m for m in places}
    for m in places:
        gateway = by_pk.get(m.gateway_id)
        if gateway is not None and gateway.pk != m.pk:
            m.gateway = gateway
    return places


def origin_places(municipalities: Iterable[Municipality]) -> list[PlaceName]:
    """The places to start from as a list of choices names them, with their prefectures."""
    prefectures: dict[str, PlaceName] = {}
    places = []
    for m in municipalities:
        pref = m.prefecture
        prefecture = prefectures.setdefault(pref.code, PlaceName(pref.code, pref.name, pref.name_en))
        places.append(PlaceName(m.code, m.name, m.name_en, prefecture))
    return places


def quote_from_dataset(
    dataset: CostDataset,
    *,
    destination_code: object,
    mode: object = Mode.A,
    trips_per_month: Decimal | int | str,
    rent_override_yen: int | None = None,
    subsidy: Subsidy | None = None,
    extras: Extras | None = None,
    program: ProgramChoice | None = None,
    today: datetime.date | None = None,
) -> CostQuote:
    """Like :func:`cost_quote`, for a destination of an already loaded dataset (no queries)."""
    code = parse_lg_code(destination_code, label=DESTINATION_LABEL, field="destination")
    dest = dataset.get(code)
    if dest is None:
        raise UnknownMunicipality(
            gettext_noop("%(label)sのコード「%(code)s」の地域には試算に使えるデータがありません。"),
            field="destination",
            label=DESTINATION_LABEL,
            code=code,
        )
    return _simulate(
        origin=dataset.origin,
        destination=dest.municipality,
        trip=_plan(dataset.origin, dest.municipality, [dest.route]),
        route=dest.route,
        mode=parse_mode(mode),
        trips_per_month=trips_per_month,
        subsidy=subsidy,
        rent_override_yen=rent_override_yen,
        extras=extras or Extras(),
        program=program,
        today=today,
    )


def compare_all(
    dataset: CostDataset,
    *,
    mode: object = Mode.A,
    trips_per_month: Decimal | int | str,
    rent_override_yen: int | None = None,
    subsidy: Subsidy | None = None,
    extras: Extras | None = None,
    chosen: str | None = None,
    program: ProgramChoice | None = None,
    today: datetime.date | None = None,
) -> list[ComparisonRow]:
    """The same scenario for the places with their own route (and ``chosen``, with its leg), by
    municipality code (no queries). The origin's leg and the lodging apply to every row; a
    program's support is worked out for each row's own prefecture and fare.

    See :func:`duallife.engine.costs.compare_destinations` for how a rent override applies.
    """
    mode = parse_mode(mode)
    extras = extras or Extras()
    need_origin, _need_destination = rents_needed(mode, rent_overridden=rent_override_yen is not None)
    if need_origin and dataset.origin_rent is None:
        raise NoRentData(
            gettext_noop("%(place)sの家賃データがありません。"),
            field="origin",
            place=_display_name(dataset.origin),
        )
    compared = dataset.compared(chosen)
    try:
        supports = _row_supports(dataset, compared, program, trips_per_month, extras, chosen, today)
        results = compare_destinations(
            origin_code=dataset.origin.code,
            origin_rent_yen=dataset.origin_rent.monthly_rent_yen if dataset.origin_rent else None,
            destinations=[
                Destination(
                    code=d.code,
                    rent_yen=d.rent.monthly_rent_yen,
                    round_trip_fare_yen=d.route.round_trip_fare_yen,
                    one_way_minutes=d.route.one_way_minutes,
                    leg=extras.destination_leg if d.code == chosen else None,
                    monthly_support_yen=supports.get(d.code),
                )
                for d in compared
                if d.rent is not None
            ],
            mode=mode,
            trips_per_month=trips_per_month,
            subsidy=subsidy,
            rent_override_yen=rent_override_yen,
            origin_leg=extras.origin_leg,
            lodging=extras.lodging,
        )
    except CostInputError as exc:
        raise InvalidInput.from_engine(exc) from exc
    by_code = {d.code: d for d in compared}
    return [ComparisonRow(destination=by_code[r.destination_code], result=r) for r in results]


def _row_supports(
    dataset: CostDataset,
    compared: Iterable[DestinationData],
    program: ProgramChoice | None,
    trips_per_month: Decimal | int | str,
    extras: Extras,
    chosen: str | None,
    today: datetime.date | None,
) -> dict[str, int]:
    """Each compared place's monthly support under ``program`` (none without one), by code."""
    if program is None:
        return {}
    trips = parse_trips_per_month(trips_per_month)
    origin_leg = extras.origin_leg.round_trip_yen if extras.origin_leg else 0
    supports = {}
    for d in compared:
        # Door to door, as the engine adds it: the route, the origin's leg, the chosen town's leg.
        leg = extras.destination_leg.round_trip_yen if extras.destination_leg and d.code == chosen else 0
        support = _support(
            program,
            origin=dataset.origin,
            destination=d.municipality,
            fare_yen=d.route.round_trip_fare_yen + origin_leg + leg,
            trips=trips,
            today=today,
        )
        supports[d.code] = support.monthly_yen
    return supports


# --- Support programs ------------------------------------------------------------------------------


def support_programs(fiscal_year: int) -> list[ProgramChoice]:
    """The support programs of ``fiscal_year`` with their latest rules, by identifier (one query)."""
    return [
        ProgramChoice(version.program, rules_of(version))
        for version in latest_versions(fiscal_year=fiscal_year)
    ]


def choose_program(
    program: object,
    *,
    fiscal_year: object = None,
    mode: Mode,
    trips_per_month: Decimal,
    manual_subsidy: bool,
    programs: Sequence[ProgramChoice] | None = None,
    today: datetime.date | None = None,
) -> ProgramChoice | None:
    """The support program a person chose (by identifier and fiscal year, blank: today's), checked
    against the rest of the scenario; ``None`` when they chose none.

    A program goes with the side job from Tokyo (mode B), whole trips a month (they become one
    claim) and no subsidy typed in. ``programs`` are the fiscal year's when the caller has them
    (the page lists them); otherwise they are read (one query, and one more to say what is wrong
    with an unknown identifier).
    """
    slug = parse_program(program)
    year = parse_fiscal_year(fiscal_year, today=today)
    if slug is None:
        return None
    if manual_subsidy:
        raise InvalidInput(
            gettext_noop(
                "交通費支援の制度と、補助率・補助の上限は一緒に指定できません。"
                "制度を選ぶと、補助はその制度のルールで計算します。"
            ),
            field="program",
        )
    if programs is None:
        programs = support_programs(year)
    found = next((p for p in programs if p.slug == slug and p.program.fiscal_year == year), None)
    if found is None:
        raise _unknown_program(slug, year)
    if mode is not Mode.B:
        raise InvalidInput(
            gettext_noop("交通費支援の制度は、東京に住み東北で副業する試算（B）で選べます。"), field="program"
        )
    _whole_trips(trips_per_month)
    return found


def dataset_sources(dataset: CostDataset, chosen: str | None = None) -> tuple[SourceUse, ...]:
    """The sources behind a comparison of the dataset's places (see :meth:`CostDataset.compared`)."""
    compared = dataset.compared(chosen)
    uses: list[tuple[Source, int, str]] = []
    for d in compared:
        uses.append((d.route.source, d.route.year, _("往復運賃・片道所要時間")))
    if dataset.origin_rent is not None:
        uses.append((dataset.origin_rent.source, dataset.origin_rent.year, _("家賃")))
    for d in compared:
        if d.rent is not None:
            uses.append((d.rent.source, d.rent.year, _("家賃")))
    return _merge_sources(uses)
