"""Reads for the cost simulator: region data in, engine inputs and results out.

The HTML page, the JSON API and the ``simulate`` command all go through these functions, so a
figure is computed one way only. Every problem with the request raises :class:`SimulatorError`
(or a subclass) whose message is Japanese and can be shown to the user as it is.

Query counts are flat: :func:`cost_quote` takes two queries, :func:`cost_dataset` two, whatever
the number of destinations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext as _

from duallife.engine.costs import (
    CostInput,
    CostInputError,
    CostResult,
    Destination,
    Mode,
    Subsidy,
    compare_destinations,
    simulate,
)
from duallife.engine.places import is_valid_lg_code
from duallife.regions.models import Municipality, Prefecture, RentBenchmark, Route, Source

#: 東京都特別区部: the Tokyo side of every comparison unless another origin is asked for.
REFERENCE_CODE = "131008"


# --- Errors -------------------------------------------------------------------------------------


class SimulatorError(Exception):
    """A request the simulator cannot answer. ``str(error)`` is a Japanese message."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class MalformedCode(SimulatorError):
    """Not a six-digit 全国地方公共団体コード with a correct check digit."""


class UnknownMunicipality(SimulatorError):
    """A well-formed code that no loaded region pack knows."""


class NoRouteData(SimulatorError):
    """No fare and travel time between the two places."""


class NoRentData(SimulatorError):
    """No benchmark rent for a place the scenario needs one for."""


class InvalidInput(SimulatorError):
    """A number out of range, a bad mode, a subsidy that does not add up."""


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
    """One simulated scenario with the places, the route and the sources behind it."""

    origin: Municipality
    destination: Municipality
    route: Route
    result: CostResult
    sources: tuple[SourceUse, ...]
    subsidy: Subsidy | None
    rent_override_yen: int | None


@dataclass(frozen=True)
class DestinationData:
    municipality: Municipality
    route: Route
    rent: RentBenchmark

    @property
    def code(self) -> str:
        return self.municipality.code


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
    """The origin and every destination with both a route to it and a benchmark rent."""

    origin: Municipality
    origin_rent: RentBenchmark | None
    destinations: tuple[DestinationData, ...]  # by municipality code

    def get(self, code: str) -> DestinationData | None:
        return next((d for d in self.destinations if d.code == code), None)

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


# --- Parsing ------------------------------------------------------------------------------------


def parse_lg_code(value: object, *, label: str = "地域", field: str | None = None) -> str:
    """A 全国地方公共団体コード from user input, or :class:`MalformedCode`."""
    text = str(value if value is not None else "").strip()
    shown = text if len(text) <= 12 else text[:12] + "…"
    if not text:
        raise MalformedCode(f"{label}のコードを指定してください。", field=field)
    if len(text) != 6 or not text.isascii() or not text.isdigit():
        raise MalformedCode(
            f"{label}のコード「{shown}」は6桁の地方公共団体コードではありません。", field=field
        )
    if not is_valid_lg_code(text):
        raise MalformedCode(
            f"{label}のコード「{shown}」は検査数字が一致しないか、存在しない都道府県の番号です。",
            field=field,
        )
    return text


def build_subsidy(
    rate: Decimal | int | str | None,
    cap_per_trip_yen: int | None = None,
    cap_per_month_yen: int | None = None,
) -> Subsidy | None:
    """The subsidy the user described, or ``None`` when there is none."""
    if rate is None:
        if cap_per_trip_yen is not None or cap_per_month_yen is not None:
            raise InvalidInput("補助の上限を指定するときは補助率も指定してください。", field="subsidy_rate")
        return None
    try:
        return Subsidy(rate=rate, cap_per_trip_yen=cap_per_trip_yen, cap_per_month_yen=cap_per_month_yen)
    except CostInputError as exc:
        raise InvalidInput(exc.message, field=exc.field) from exc


def parse_mode(value: object) -> Mode:
    try:
        return Mode(str(value).strip().upper() if value is not None else "A")
    except ValueError:
        raise InvalidInput("試算の種類は A か B で指定してください。", field="mode") from None


# --- Internals ----------------------------------------------------------------------------------


def _rent_of(municipality: Municipality) -> RentBenchmark | None:
    try:
        return municipality.rent
    except ObjectDoesNotExist:
        return None


def _route_key(route: Route) -> tuple[int, int, int]:
    """Several routes between one pair: the fastest, then the cheapest, then the oldest row."""
    return (route.one_way_minutes, route.round_trip_fare_yen, route.pk)


def _display_name(municipality: Municipality) -> str:
    return municipality.name


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
            used_for="、".join(used),
        )
        for source, year, used in merged.values()
    )


def _simulate(
    *,
    origin: Municipality,
    destination: Municipality,
    route: Route,
    mode: Mode,
    trips_per_month: Decimal | int | str,
    subsidy: Subsidy | None,
    rent_override_yen: int | None,
) -> CostQuote:
    origin_rent = _rent_of(origin)
    destination_rent = _rent_of(destination)
    overridden = rent_override_yen is not None
    if origin_rent is None and (mode is Mode.A or not overridden):
        field = "origin" if mode is Mode.A else "rent_yen"
        raise NoRentData(f"{_display_name(origin)}の家賃データがありません。", field=field)
    if mode is Mode.A and destination_rent is None and not overridden:
        raise NoRentData(
            f"{_display_name(destination)}の家賃データがありません。家賃を入力すると試算できます。",
            field="rent_yen",
        )
    try:
        result = simulate(
            CostInput(
                origin_code=origin.code,
                destination_code=destination.code,
                mode=mode,
                trips_per_month=trips_per_month,
                origin_rent_yen=origin_rent.monthly_rent_yen if origin_rent else None,
                destination_rent_yen=destination_rent.monthly_rent_yen if destination_rent else None,
                round_trip_fare_yen=route.round_trip_fare_yen,
                one_way_minutes=route.one_way_minutes,
                subsidy=subsidy,
                rent_override_yen=rent_override_yen,
            )
        )
    except CostInputError as exc:
        raise InvalidInput(exc.message, field=exc.field) from exc

    pair = f"{_display_name(origin)}–{_display_name(destination)}"
    uses: list[tuple[Source, int, str]] = [
        (route.source, route.year, _("往復運賃・片道所要時間（%(pair)s）") % {"pair": pair})
    ]
    if origin_rent is not None and (mode is Mode.A or not overridden):
        label = _("家賃（%(place)s）") % {"place": _display_name(origin)}
        uses.append((origin_rent.source, origin_rent.year, label))
    if mode is Mode.A and destination_rent is not None and not overridden:
        label = _("家賃（%(place)s）") % {"place": _display_name(destination)}
        uses.append((destination_rent.source, destination_rent.year, label))
    return CostQuote(
        origin=origin,
        destination=destination,
        route=route,
        result=result,
        sources=_merge_sources(uses),
        subsidy=subsidy,
        rent_override_yen=rent_override_yen,
    )


def _municipality_queryset():
    return Municipality.objects.select_related("prefecture", "rent__source")


# --- Public reads -------------------------------------------------------------------------------


def cost_quote(
    *,
    origin_code: object = REFERENCE_CODE,
    destination_code: object,
    mode: object = Mode.A,
    trips_per_month: Decimal | int | str,
    rent_override_yen: int | None = None,
    subsidy: Subsidy | None = None,
) -> CostQuote:
    """Simulate one scenario from the database (two queries)."""
    origin_code = parse_lg_code(origin_code, label="出発地", field="origin")
    destination_code = parse_lg_code(destination_code, label="目的地", field="destination")
    mode = parse_mode(mode)
    if origin_code == destination_code:
        raise InvalidInput("出発地と目的地が同じです。別の地域を選んでください。", field="destination")
    places = {m.code: m for m in _municipality_queryset().filter(code__in=[origin_code, destination_code])}
    ends = ((origin_code, "出発地", "origin"), (destination_code, "目的地", "destination"))
    for code, label, field in ends:
        if code not in places:
            raise UnknownMunicipality(f"{label}のコード「{code}」の地域は登録されていません。", field=field)
    origin, destination = places[origin_code], places[destination_code]
    routes = list(
        Route.objects.select_related("source").filter(
            Q(origin=origin, destination=destination) | Q(origin=destination, destination=origin)
        )
    )
    if not routes:
        raise NoRouteData(
            f"{_display_name(origin)}と{_display_name(destination)}の間の運賃・所要時間のデータがありません。",
            field="destination",
        )
    return _simulate(
        origin=origin,
        destination=destination,
        route=min(routes, key=_route_key),
        mode=mode,
        trips_per_month=trips_per_month,
        subsidy=subsidy,
        rent_override_yen=rent_override_yen,
    )


def cost_dataset(origin_code: object = REFERENCE_CODE) -> CostDataset:
    """The origin and all destinations with route and rent data (two queries)."""
    origin_code = parse_lg_code(origin_code, label="出発地", field="origin")
    origin = _municipality_queryset().filter(code=origin_code).first()
    if origin is None:
        raise UnknownMunicipality(
            f"出発地のコード「{origin_code}」の地域は登録されていません。", field="origin"
        )
    routes = Route.objects.select_related(
        "source",
        "origin__prefecture",
        "origin__rent__source",
        "destination__prefecture",
        "destination__rent__source",
    ).filter(Q(origin=origin) | Q(destination=origin))
    best: dict[str, DestinationData] = {}
    for route in routes:
        other = route.destination if route.origin_id == origin.pk else route.origin
        if other.pk == origin.pk:
            continue
        rent = _rent_of(other)
        if rent is None:
            continue
        current = best.get(other.code)
        if current is None or _route_key(route) < _route_key(current.route):
            best[other.code] = DestinationData(municipality=other, route=route, rent=rent)
    return CostDataset(
        origin=origin,
        origin_rent=_rent_of(origin),
        destinations=tuple(best[code] for code in sorted(best)),
    )


def quote_from_dataset(
    dataset: CostDataset,
    *,
    destination_code: object,
    mode: object = Mode.A,
    trips_per_month: Decimal | int | str,
    rent_override_yen: int | None = None,
    subsidy: Subsidy | None = None,
) -> CostQuote:
    """Like :func:`cost_quote`, for a destination of an already loaded dataset (no queries)."""
    code = parse_lg_code(destination_code, label="目的地", field="destination")
    dest = dataset.get(code)
    if dest is None:
        raise UnknownMunicipality(
            f"目的地のコード「{code}」の地域には試算に使えるデータがありません。", field="destination"
        )
    return _simulate(
        origin=dataset.origin,
        destination=dest.municipality,
        route=dest.route,
        mode=parse_mode(mode),
        trips_per_month=trips_per_month,
        subsidy=subsidy,
        rent_override_yen=rent_override_yen,
    )


def compare_all(
    dataset: CostDataset,
    *,
    mode: object = Mode.A,
    trips_per_month: Decimal | int | str,
    rent_override_yen: int | None = None,
    subsidy: Subsidy | None = None,
) -> list[ComparisonRow]:
    """The same scenario for every destination of the dataset, by municipality code (no queries).

    See :func:`duallife.engine.costs.compare_destinations` for how a rent override applies.
    """
    mode = parse_mode(mode)
    overridden = rent_override_yen is not None and mode is Mode.B
    if dataset.origin_rent is None and not overridden:
        raise NoRentData(f"{_display_name(dataset.origin)}の家賃データがありません。", field="origin")
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
                )
                for d in dataset.destinations
            ],
            mode=mode,
            trips_per_month=trips_per_month,
            subsidy=subsidy,
            rent_override_yen=rent_override_yen,
        )
    except CostInputError as exc:
        raise InvalidInput(exc.message, field=exc.field) from exc
    by_code = {d.code: d for d in dataset.destinations}
    return [ComparisonRow(destination=by_code[r.destination_code], result=r) for r in results]


def dataset_sources(dataset: CostDataset) -> tuple[SourceUse, ...]:
    """The sources behind a comparison of the whole dataset."""
    uses: list[tuple[Source, int, str]] = []
    for d in dataset.destinations:
        uses.append((d.route.source, d.route.year, _("往復運賃・片道所要時間")))
    if dataset.origin_rent is not None:
        uses.append((dataset.origin_rent.source, dataset.origin_rent.year, _("家賃")))
    for d in dataset.destinations:
        uses.append((d.rent.source, d.rent.year, _("家賃")))
    return _merge_sources(uses)
