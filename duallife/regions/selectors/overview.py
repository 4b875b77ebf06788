"""The Tohoku overview (``/regions/``): the pack's prefectures compared, and the list of
prefectures the home page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from ..models import (
    Indicator,
    Industry,
    IndustryEmployment,
    Municipality,
    Prefecture,
    PrefectureIndicator,
    RegionPack,
    RentBenchmark,
    Route,
)
from .figures import (
    NATIONAL_AREA_KEY,
    OVERVIEW_INDUSTRY_KEYS,
    Citation,
    IndicatorValue,
    MigrationTable,
    citations,
    indicator_values,
    migration_table,
    reference_municipality,
    routes_to_reference,
    rows_of,
    values_for,
)


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
    by_prefecture, decimals = indicator_values(indicators, indicator_rows)

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
            indicators=values_for(prefecture.pk, indicators, by_prefecture, decimals),
            industries=[by_area.get((prefecture.pk, industry.pk)) for industry in industries],
        )

    rows = [row_for(p, capitals.get(p.pk)) for p in prefectures]
    reference_row = row_for(reference_prefecture, reference) if reference_prefecture else None
    everything = [*rows, reference_row] if reference_row else rows
    shown_indicator_rows = [v for r in everything for v in rows_of(r.prefecture, by_prefecture)]
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
