"""Reads of region data worth naming. Query counts stay flat whatever the number of rows.

The page selectors return small frozen dataclasses that hold model instances already loaded
with everything the templates touch, so rendering a page never triggers a query of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from duallife.engine.places import is_valid_lg_code, is_valid_prefecture_code

from .models import (
    Indicator,
    Industry,
    IndustryEmployment,
    Municipality,
    NetMigration,
    Prefecture,
    PrefectureIndicator,
    RegionPack,
    RentBenchmark,
    Route,
    Source,
    SupportProgram,
)

# Conventions of region packs: the aggregate area for the whole country, the total row of the
# industry table, and the industries the Tohoku overview compares.
NATIONAL_AREA_KEY = "national"
TOTAL_INDUSTRY_KEY = "total"
OVERVIEW_INDUSTRY_KEYS = ("manufacturing", "creative")

# Municipality kinds, in display order, recognised by the last character of the name.
MUNICIPALITY_KINDS = (("市", _("市")), ("区", _("区")), ("町", _("町")), ("村", _("村")))


# --- small building blocks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A source and the years of the figures taken from it, shown under a block of figures."""

    source: Source
    years: tuple[int, ...]


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: Decimal | None
    national_rank: int | None
    decimals: int

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class MunicipalityGroup:
    kind: str
    label: str
    municipalities: tuple[Municipality, ...]


def citations(items: Iterable[Any]) -> list[Citation]:
    """The distinct sources of ``items`` (anything with ``source`` and ``year``), in first-seen order."""
    years: dict[int, set[int]] = defaultdict(set)
    sources: dict[int, Source] = {}
    for item in items:
        if item is None:
            continue
        sources.setdefault(item.source_id, item.source)
        years[item.source_id].add(item.year)
    return [Citation(source=sources[pk], years=tuple(sorted(years[pk]))) for pk in sources]


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _indicator_values(
    indicators: list[Indicator], rows: Iterable[PrefectureIndicator]
) -> tuple[dict[int, dict[int, PrefectureIndicator]], dict[int, int]]:
    """Index values by prefecture then indicator; each indicator's display precision.

    The precision is the largest number of decimal places any value of the indicator needs, so a
    column reads consistently (49.00畳 next to 49.05畳, but 77.3% rather than 77.30%).
    """
    by_prefecture: dict[int, dict[int, PrefectureIndicator]] = defaultdict(dict)
    decimals: dict[int, int] = {indicator.pk: 0 for indicator in indicators}
    for row in rows:
        by_prefecture[row.prefecture_id][row.indicator_id] = row
        decimals[row.indicator_id] = max(decimals.get(row.indicator_id, 0), _decimals(row.value))
    return by_prefecture, decimals


def _values_for(
    prefecture_id: int | None,
    indicators: list[Indicator],
    by_prefecture: dict[int, dict[int, PrefectureIndicator]],
    decimals: dict[int, int],
) -> list[IndicatorValue]:
    rows = by_prefecture.get(prefecture_id, {}) if prefecture_id else {}
    values = []
    for indicator in indicators:
        row = rows.get(indicator.pk)
        values.append(
            IndicatorValue(
                indicator=indicator,
                value=row.value if row else None,
                national_rank=row.national_rank if row else None,
                decimals=decimals.get(indicator.pk, 0),
            )
        )
    return values


def reference_municipality() -> Municipality | None:
    """The Tokyo side of every comparison (東京都特別区部 in the Tohoku pack), with its rent."""
    return (
        Municipality.objects.filter(role=Municipality.Role.REFERENCE)
        .select_related("prefecture", "rent__source")
        .order_by("code")
        .first()
    )


def routes_to_reference(
    municipality_ids: Iterable[int], reference: Municipality | None
) -> dict[int, list[Route]]:
    """Routes between each municipality and the reference place, fastest first, in one query."""
    ids = list(municipality_ids)
    if reference is None or not ids:
        return {}
    routes = (
        Route.objects.filter(
            Q(origin=reference, destination_id__in=ids) | Q(origin_id__in=ids, destination=reference)
        )
        .select_related("source")
        .order_by("one_way_minutes", "round_trip_fare_yen", "mode")
    )
    result: dict[int, list[Route]] = defaultdict(list)
    for route in routes:
        other = route.destination_id if route.origin_id == reference.pk else route.origin_id
        result[other].append(route)
    return dict(result)


def municipality_kind(municipality: Municipality) -> str:
    """「市」「区」「町」「村」 from the end of the name; 「」 for anything else."""
    last = municipality.name[-1:] if municipality.name else ""
    return last if last in {kind for kind, _label in MUNICIPALITY_KINDS} else ""


def group_municipalities(municipalities: Iterable[Municipality]) -> list[MunicipalityGroup]:
    """Cities, wards, towns and villages, each in code order; empty groups left out."""
    buckets: dict[str, list[Municipality]] = defaultdict(list)
    for municipality in municipalities:
        buckets[municipality_kind(municipality)].append(municipality)
    groups = [
        MunicipalityGroup(kind=kind, label=str(label), municipalities=tuple(buckets[kind]))
        for kind, label in MUNICIPALITY_KINDS
        if buckets.get(kind)
    ]
    if buckets.get(""):
        groups.append(MunicipalityGroup(kind="", label=str(_("その他")), municipalities=tuple(buckets[""])))
    return groups


def published_programs() -> QuerySet[SupportProgram]:
    """Support programs the public may see, with their places loaded."""
    return SupportProgram.objects.filter(is_published=True).select_related("prefecture", "municipality")


# --- the list of prefectures ----------------------------------------------------------------------


def pack_prefectures(pack_slug: str | None = None) -> QuerySet[Prefecture]:
    """The prefectures a region pack covers, in JIS X 0401 order.

    Each carries ``municipality_count`` and its capital's ``capital_name`` and ``capital_code``,
    all in one query.
    """
    slug = pack_slug or settings.DEFAULT_REGION_PACK
    capitals = Municipality.objects.filter(prefecture=OuterRef("pk"), is_capital=True).order_by("code")
    return (
        Prefecture.objects.filter(pack__slug=slug)
        .annotate(
            municipality_count=Count("municipalities"),
            capital_name=Subquery(capitals.values("name")[:1]),
            capital_code=Subquery(capitals.values("code")[:1]),
        )
        .order_by("code")
    )


# --- the Tohoku overview ------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    """One line of the side-by-side comparison: a prefecture through its capital, or Tokyo."""

    prefecture: Prefecture
    place: Municipality | None
    route: Route | None
    rent: RentBenchmark | None
    indicators: list[IndicatorValue]
    industries: list[IndustryEmployment | None]


@dataclass(frozen=True)
class MigrationTable:
    prefecture: Prefecture
    years: tuple[int, ...]
    rows: tuple[tuple[int, tuple[int | None, ...]], ...]  # (month, value per year)
    citations: list[Citation]


@dataclass(frozen=True)
class RegionOverview:
    pack: RegionPack | None
    rows: list[OverviewRow]
    reference: OverviewRow | None
    national_industries: list[IndustryEmployment | None]
    indicators: list[Indicator]
    industries: list[Industry]
    access_citations: list[Citation]
    indicator_citations: list[Citation]
    industry_citations: list[Citation]
    migration: MigrationTable | None


def region_overview(pack_slug: str | None = None) -> RegionOverview:
    """Everything the Tohoku overview shows, in a fixed number of queries."""
    slug = pack_slug or settings.DEFAULT_REGION_PACK
    prefectures = list(pack_prefectures(slug).select_related("pack"))
    pack = prefectures[0].pack if prefectures else None
    reference = reference_municipality()
    reference_prefecture = reference.prefecture if reference else None

    capitals = {
        m.prefecture_id: m
        for m in Municipality.objects.filter(prefecture__in=prefectures, is_capital=True)
        .select_related("rent__source")
        .order_by("code")
    }
    routes = routes_to_reference((m.pk for m in capitals.values()), reference)

    indicators = list(Indicator.objects.filter(values__prefecture__pack__slug=slug).distinct())
    indicator_rows = list(
        PrefectureIndicator.objects.filter(indicator__in=indicators).select_related("source")
    )
    by_prefecture, decimals = _indicator_values(indicators, indicator_rows)

    industries = list(Industry.objects.filter(key__in=OVERVIEW_INDUSTRY_KEYS))
    shown_ids = [p.pk for p in prefectures] + ([reference_prefecture.pk] if reference_prefecture else [])
    employment = list(
        IndustryEmployment.objects.filter(industry__in=industries)
        .filter(Q(prefecture_id__in=shown_ids) | Q(area_key=NATIONAL_AREA_KEY))
        .select_related("source")
        .order_by("-year")
    )
    by_area: dict[tuple[Any, int], IndustryEmployment] = {}
    for row in employment:  # newest year first: keep the first seen
        area = row.prefecture_id if row.prefecture_id else row.area_key
        by_area.setdefault((area, row.industry_id), row)

    def row_for(prefecture: Prefecture, place: Municipality | None) -> OverviewRow:
        place_routes = routes.get(place.pk, []) if place else []
        return OverviewRow(
            prefecture=prefecture,
            place=place,
            route=place_routes[0] if place_routes else None,
            rent=getattr(place, "rent", None) if place else None,
            indicators=_values_for(prefecture.pk, indicators, by_prefecture, decimals),
            industries=[by_area.get((prefecture.pk, industry.pk)) for industry in industries],
        )

    rows = [row_for(p, capitals.get(p.pk)) for p in prefectures]
    reference_row = row_for(reference_prefecture, reference) if reference_prefecture else None
    everything = [*rows, reference_row] if reference_row else rows
    shown_indicator_rows = [v for r in everything for v in _rows_of(r.prefecture, by_prefecture)]
    national = [by_area.get((NATIONAL_AREA_KEY, industry.pk)) for industry in industries]

    return RegionOverview(
        pack=pack,
        rows=rows,
        reference=reference_row,
        national_industries=national,
        indicators=indicators,
        industries=industries,
        access_citations=citations([*(r.route for r in everything), *(r.rent for r in everything)]),
        indicator_citations=citations(shown_indicator_rows),
        industry_citations=citations([*(e for r in everything for e in r.industries), *national]),
        migration=migration_table(reference_prefecture) if reference_prefecture else None,
    )


def _rows_of(
    prefecture: Prefecture, by_prefecture: dict[int, dict[int, PrefectureIndicator]]
) -> list[PrefectureIndicator]:
    return list(by_prefecture.get(prefecture.pk, {}).values())


def migration_table(prefecture: Prefecture) -> MigrationTable | None:
    """Monthly net in-migration of ``prefecture``: one row per month, one column per year."""
    rows = list(NetMigration.objects.filter(prefecture=prefecture).select_related("source"))
    if not rows:
        return None
    years = tuple(sorted({r.year for r in rows}))
    values = {(r.year, r.month): r.net_migrants for r in rows}
    table = tuple(
        (month, tuple(values.get((year, month)) for year in years))
        for month in range(1, 13)
        if any((year, month) in values for year in years)
    )
    return MigrationTable(prefecture=prefecture, years=years, rows=table, citations=citations(rows))


# --- a prefecture ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorComparison:
    indicator: Indicator
    here: IndicatorValue
    reference: IndicatorValue


@dataclass(frozen=True)
class IndustryRow:
    industry: Industry
    depth: int
    here: IndustryEmployment | None
    national: IndustryEmployment | None
    reference: IndustryEmployment | None
    in_chart: bool


@dataclass(frozen=True)
class PrefecturePage:
    prefecture: Prefecture
    capital: Municipality | None
    capital_routes: list[Route]
    capital_rent: RentBenchmark | None
    reference: Municipality | None
    reference_rent: RentBenchmark | None
    indicators: list[IndicatorComparison]
    industries: list[IndustryRow]
    municipality_groups: list[MunicipalityGroup]
    municipality_count: int
    programs: list[SupportProgram]
    access_citations: list[Citation]
    rent_citations: list[Citation]
    indicator_citations: list[Citation]
    industry_citations: list[Citation]

    @property
    def reference_prefecture(self) -> Prefecture | None:
        return self.reference.prefecture if self.reference else None

    @property
    def chart_industries(self) -> list[IndustryRow]:
        return [row for row in self.industries if row.in_chart]


def prefecture_page(code: str) -> PrefecturePage | None:
    """A prefecture covered by a loaded region pack, or ``None`` for any other code."""
    if not is_valid_prefecture_code(code):
        return None
    prefecture = Prefecture.objects.filter(code=code, pack__isnull=False).first()
    if prefecture is None:
        return None
    reference = reference_municipality()
    reference_prefecture = reference.prefecture if reference else None

    municipalities = list(
        prefecture.municipalities.filter(role=Municipality.Role.PACK)
        .select_related("rent__source")
        .order_by("code")
    )
    capital = next((m for m in municipalities if m.is_capital), None)
    routes = routes_to_reference([capital.pk] if capital else [], reference)
    capital_routes = routes.get(capital.pk, []) if capital else []
    capital_rent = getattr(capital, "rent", None) if capital else None
    reference_rent = getattr(reference, "rent", None) if reference else None

    indicators = list(Indicator.objects.filter(values__prefecture=prefecture).distinct())
    indicator_rows = list(
        PrefectureIndicator.objects.filter(indicator__in=indicators).select_related("source")
    )
    by_prefecture, decimals = _indicator_values(indicators, indicator_rows)
    here = _values_for(prefecture.pk, indicators, by_prefecture, decimals)
    there = _values_for(
        reference_prefecture.pk if reference_prefecture else None, indicators, by_prefecture, decimals
    )
    shown = [*_rows_of(prefecture, by_prefecture)]
    if reference_prefecture:
        shown += _rows_of(reference_prefecture, by_prefecture)

    industries, industry_citations = _industry_rows(prefecture, reference_prefecture)

    programs = list(
        published_programs().filter(prefecture=prefecture).order_by("municipality__code", "category", "name")
    )
    return PrefecturePage(
        prefecture=prefecture,
        capital=capital,
        capital_routes=capital_routes,
        capital_rent=capital_rent,
        reference=reference,
        reference_rent=reference_rent,
        indicators=[
            IndicatorComparison(indicator=i, here=h, reference=t)
            for i, h, t in zip(indicators, here, there, strict=True)
        ],
        industries=industries,
        municipality_groups=group_municipalities(municipalities),
        municipality_count=len(municipalities),
        programs=programs,
        access_citations=citations(capital_routes),
        rent_citations=citations([capital_rent, reference_rent]),
        indicator_citations=citations(shown),
        industry_citations=industry_citations,
    )


def _industry_rows(
    prefecture: Prefecture, reference_prefecture: Prefecture | None
) -> tuple[list[IndustryRow], list[Citation]]:
    area_filter = Q(prefecture=prefecture) | Q(area_key=NATIONAL_AREA_KEY)
    if reference_prefecture:
        area_filter |= Q(prefecture=reference_prefecture)
    rows = list(
        IndustryEmployment.objects.filter(area_filter)
        .select_related("industry", "source")
        .order_by("-year", "industry__position", "industry__key")
    )
    latest: dict[tuple[Any, int], IndustryEmployment] = {}
    industries: dict[int, Industry] = {}
    for row in rows:  # newest year first
        area = row.prefecture_id if row.prefecture_id else row.area_key
        latest.setdefault((area, row.industry_id), row)
        industries.setdefault(row.industry_id, row.industry)
    present = [i for i in industries.values() if (prefecture.pk, i.pk) in latest]
    present.sort(key=lambda i: (i.position, i.key))
    parents = {i.parent_id for i in present if i.parent_id}
    result = []
    for industry in present:
        result.append(
            IndustryRow(
                industry=industry,
                depth=1 if industry.parent_id else 0,
                here=latest.get((prefecture.pk, industry.pk)),
                national=latest.get((NATIONAL_AREA_KEY, industry.pk)),
                reference=latest.get((reference_prefecture.pk, industry.pk))
                if reference_prefecture
                else None,
                in_chart=industry.key != TOTAL_INDUSTRY_KEY and industry.pk not in parents,
            )
        )
    cited = [e for r in result for e in (r.here, r.national, r.reference)]
    return result, citations(cited)


# --- a municipality -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityPage:
    municipality: Municipality
    routes: list[Route]
    rent: RentBenchmark | None
    capital: Municipality | None
    capital_routes: list[Route]
    capital_rent: RentBenchmark | None
    reference: Municipality | None
    reference_rent: RentBenchmark | None
    own_programs: list[SupportProgram]
    prefecture_programs: list[SupportProgram]
    access_citations: list[Citation]

    @property
    def prefecture(self) -> Prefecture:
        return self.municipality.prefecture

    @property
    def has_data(self) -> bool:
        """Both access to Tokyo and a rent benchmark are known: enough for the simulator."""
        return bool(self.routes) and self.rent is not None

    @property
    def has_any_data(self) -> bool:
        return bool(self.routes) or self.rent is not None

    @property
    def shows_capital_reference(self) -> bool:
        return not self.has_data and self.capital is not None and self.capital.pk != self.municipality.pk


def municipality_page(code: str) -> MunicipalityPage | None:
    """A municipality of a prefecture covered by a loaded pack, or ``None`` for any other code."""
    if not is_valid_lg_code(code):
        return None
    municipality = (
        Municipality.objects.filter(code=code, role=Municipality.Role.PACK, prefecture__pack__isnull=False)
        .select_related("prefecture", "rent__source")
        .first()
    )
    if municipality is None:
        return None
    reference = reference_municipality()
    rent = getattr(municipality, "rent", None)
    capital = (
        municipality
        if municipality.is_capital
        else (
            Municipality.objects.filter(prefecture_id=municipality.prefecture_id, is_capital=True)
            .select_related("rent__source")
            .order_by("code")
            .first()
        )
    )
    routes = routes_to_reference({municipality.pk, *([capital.pk] if capital else [])}, reference)
    own_routes = routes.get(municipality.pk, [])
    capital_routes = routes.get(capital.pk, []) if capital else []
    capital_rent = getattr(capital, "rent", None) if capital else None
    reference_rent = getattr(reference, "rent", None) if reference else None

    programs = list(
        published_programs()
        .filter(Q(municipality=municipality) | Q(prefecture_id=municipality.prefecture_id, municipality=None))
        .order_by("category", "name")
    )
    shows_capital = not (own_routes and rent) and capital is not None and capital.pk != municipality.pk
    if shows_capital:
        cited = citations([*capital_routes, capital_rent, reference_rent])
    else:
        cited = citations([*own_routes, rent, reference_rent])
    return MunicipalityPage(
        municipality=municipality,
        routes=own_routes,
        rent=rent,
        capital=capital,
        capital_routes=capital_routes,
        capital_rent=capital_rent,
        reference=reference,
        reference_rent=reference_rent,
        own_programs=[p for p in programs if p.municipality_id == municipality.pk],
        prefecture_programs=[p for p in programs if p.municipality_id is None],
        access_citations=cited,
    )
