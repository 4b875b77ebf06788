"""Reads for the cost simulator: region data in, engine inputs and results out.

The HTML page, the JSON API and the ``simulate`` command all go through these functions, so a
figure is computed one way only. Every problem with the request raises
:class:`~duallife.simulator.errors.SimulatorError` (or a subclass) whose message is Japanese and can
be shown to the user as it is.

Places go through their gateways (ADR 0018, :mod:`duallife.engine.costs.gateways`): any
Tokyo-area municipality may be the origin and any place of the pack the destination; the fares
are the route's between their gateways, and a place without its own rent uses its gateway's.

Query counts are flat: :func:`cost_quote` takes two queries, :func:`cost_dataset` three, whatever
the number of destinations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
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
    leg_from,
    lodging_from,
    normalise_text,
    plan_trip,
    rents_needed,
    simulate,
    subsidy_from,
)
from duallife.engine.costs import parse_mode as _engine_parse_mode
from duallife.engine.costs.gateways import route_key
from duallife.engine.places import is_valid_lg_code
from duallife.regions.models import Municipality, Prefecture, RentBenchmark, Route, Source

from .errors import (
    InvalidInput,
    MalformedCode,
    NoRegionData,
    NoRentData,
    NoRouteData,
    UnknownMunicipality,
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
    try:
        result = simulate(
            CostInput(
                origin_code=origin.code,
                destination_code=destination.code,
                mode=mode,
                trips_per_month=trips_per_month,
                origin_rent_yen=trip.origin_rent.yen if trip.origin_rent else None,
                destination_rent_yen=trip.destination_rent.yen if trip.destination_rent else None,
                round_trip_fare_yen=route.round_trip_fare_yen,
                one_way_minutes=route.one_way_minutes,
                subsidy=subsidy,
                rent_override_yen=rent_override_yen,
                origin_leg=extras.origin_leg,
                destination_leg=extras.destination_leg,
                lodging=extras.lodging,
            )
        )
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
) -> CostQuote:
    """Simulate one scenario from the database (two queries)."""
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
    )


def cost_dataset(origin_code: object = REFERENCE_CODE) -> CostDataset:
    """The origin and every destination whose gateway has a route to the origin's (three queries).

    The gateways come with the routes (their rents included); each destination row brings only
    its prefecture and its own rent, and is pointed at its gateway here, so a page with every
    town builds a few hundred objects rather than thousands.
    """
    origin_code = parse_origin(origin_code)
    origin = _municipality_queryset().filter(code=origin_code, role__in=ORIGIN_ROLES).first()
    if origin is None:
        raise _unknown_origin(origin_code)
    hub = gateway_of(origin)
    best: dict[int, Route] = {}
    routes = Route.objects.select_related(
        "source",
        "origin__prefecture",
        "origin__rent__source",
        "destination__prefecture",
        "destination__rent__source",
    ).filter(Q(origin=hub) | Q(destination=hub))
    for route in routes:
        other = route.destination_id if route.origin_id == hub.pk else route.origin_id
        if other != hub.pk and (other not in best or _route_key(route) < _route_key(best[other])):
            best[other] = route
    gateways = {pk: (r.destination if r.origin_id == hub.pk else r.origin) for pk, r in best.items()}
    places = (
        Municipality.objects.select_related("prefecture", "rent__source")
        .filter(role__in=DESTINATION_ROLES, gateway__in=list(best))
        .order_by("code")
    )
    destinations = []
    for m in places:
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


@dataclass(frozen=True)
class PlaceName:
    """A place as a list of choices names it (``localized_name`` reads ``name`` / ``name_en``)."""

    code: str
    name: str
    name_en: str
    prefecture: PlaceName | None = None


def origin_places() -> list[PlaceName]:
    """The places to start from (the Tokyo area), by code, with their prefectures (one query)."""
    rows = (
        Municipality.objects.filter(role__in=ORIGIN_ROLES)
        .order_by("code")
        .values_list("code", "name", "name_en", "prefecture__code", "prefecture__name", "prefecture__name_en")
    )
    prefectures: dict[str, PlaceName] = {}
    places = []
    for code, name, name_en, pref_code, pref_name, pref_name_en in rows:
        prefecture = prefectures.setdefault(pref_code, PlaceName(pref_code, pref_name, pref_name_en))
        places.append(PlaceName(code, name, name_en, prefecture))
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
) -> list[ComparisonRow]:
    """The same scenario for the places with their own route (and ``chosen``, with its leg), by
    municipality code (no queries). The origin's leg and the lodging apply to every row.

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
