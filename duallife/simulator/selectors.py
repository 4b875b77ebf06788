"""Reads for the cost simulator: region data in, engine inputs and results out.

The HTML page, the JSON API and the ``simulate`` command all go through these functions, so a
figure is computed one way only. Every problem with the request raises
:class:`~duallife.simulator.errors.SimulatorError` (or a subclass) whose message is Japanese and can
be shown to the user as it is.

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
from django.utils.translation import gettext_noop, pgettext

from duallife.engine.costs import (
    CostInput,
    CostInputError,
    CostResult,
    Destination,
    Mode,
    Subsidy,
    compare_destinations,
    normalise_text,
    rents_needed,
    simulate,
    subsidy_from,
)
from duallife.engine.costs import parse_mode as _engine_parse_mode
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

#: 東京都特別区部: the Tokyo side of every comparison, and the only origin the simulator accepts
#: (its modes, labels and sentences are written for Tokyo; see docs/adr/0003-cost-simulator.md).
REFERENCE_CODE = "131008"
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
    """The origin: only the reference place (東京都特別区部, 131008); blank means it too."""
    if value is None or (isinstance(value, str) and not normalise_text(value)):
        return REFERENCE_CODE
    code = parse_lg_code(value, label=ORIGIN_LABEL, field="origin")
    if code != REFERENCE_CODE:
        raise InvalidInput(
            gettext_noop(
                "出発地は東京都特別区部（%(code)s）だけを指定できます。東北側の地域は目的地に指定してください。"
            ),
            field="origin",
            code=REFERENCE_CODE,
        )
    return code


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
    need_origin, need_destination = rents_needed(mode, rent_overridden=rent_override_yen is not None)
    if need_origin and origin_rent is None:
        field = "origin" if mode is Mode.A else "rent_yen"
        raise NoRentData(
            gettext_noop("%(place)sの家賃データがありません。"), field=field, place=_display_name(origin)
        )
    if need_destination and destination_rent is None:
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
                origin_rent_yen=origin_rent.monthly_rent_yen if origin_rent else None,
                destination_rent_yen=destination_rent.monthly_rent_yen if destination_rent else None,
                round_trip_fare_yen=route.round_trip_fare_yen,
                one_way_minutes=route.one_way_minutes,
                subsidy=subsidy,
                rent_override_yen=rent_override_yen,
            )
        )
    except CostInputError as exc:
        raise InvalidInput.from_engine(exc) from exc

    pair = f"{_display_name(origin)}–{_display_name(destination)}"
    uses: list[tuple[Source, int, str]] = [
        (route.source, route.year, _("往復運賃・片道所要時間（%(pair)s）") % {"pair": pair})
    ]
    if need_origin and origin_rent is not None:
        label = _("家賃（%(place)s）") % {"place": _display_name(origin)}
        uses.append((origin_rent.source, origin_rent.year, label))
    if need_destination and destination_rent is not None:
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
    origin_code = parse_origin(origin_code)
    destination_code = parse_lg_code(destination_code, label=DESTINATION_LABEL, field="destination")
    mode = parse_mode(mode)
    if origin_code == destination_code:
        raise InvalidInput(
            gettext_noop("出発地と目的地が同じです。別の地域を選んでください。"), field="destination"
        )
    places = {m.code: m for m in _municipality_queryset().filter(code__in=[origin_code, destination_code])}
    if origin_code not in places:
        raise _unknown_origin(origin_code)
    if destination_code not in places:
        raise UnknownMunicipality(
            gettext_noop("%(label)sのコード「%(code)s」の地域は登録されていません。"),
            field="destination",
            label=DESTINATION_LABEL,
            code=destination_code,
        )
    origin, destination = places[origin_code], places[destination_code]
    routes = list(
        Route.objects.select_related("source").filter(
            Q(origin=origin, destination=destination) | Q(origin=destination, destination=origin)
        )
    )
    if not routes:
        raise NoRouteData(
            gettext_noop("%(origin)sと%(destination)sの間の運賃・所要時間のデータがありません。"),
            field="destination",
            origin=_display_name(origin),
            destination=_display_name(destination),
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
    origin_code = parse_origin(origin_code)
    origin = _municipality_queryset().filter(code=origin_code).first()
    if origin is None:
        raise _unknown_origin(origin_code)
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
    need_origin, _need_destination = rents_needed(mode, rent_overridden=rent_override_yen is not None)
    if need_origin and dataset.origin_rent is None:
        raise NoRentData(
            gettext_noop("%(place)sの家賃データがありません。"),
            field="origin",
            place=_display_name(dataset.origin),
        )
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
        raise InvalidInput.from_engine(exc) from exc
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
