"""A prefecture's page (``/regions/<JIS code>/``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from duallife.engine.places import is_valid_prefecture_code

from ..models import (
    Indicator,
    Industry,
    IndustryEmployment,
    Municipality,
    Prefecture,
    PrefectureIndicator,
    RentBenchmark,
    Route,
    SupportProgram,
)
from .figures import (
    NATIONAL_AREA_KEY,
    TOTAL_INDUSTRY_KEY,
    Citation,
    IndicatorValue,
    MunicipalityGroup,
    citations,
    group_municipalities,
    indicator_values,
    published_programs,
    reference_municipality,
    routes_to_reference,
    rows_of,
    values_for,
)


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
    by_prefecture, decimals = indicator_values(indicators, indicator_rows)
    here = values_for(prefecture.pk, indicators, by_prefecture, decimals)
    there = values_for(
        reference_prefecture.pk if reference_prefecture else None, indicators, by_prefecture, decimals
    )
    shown = [*rows_of(prefecture, by_prefecture)]
    if reference_prefecture:
        shown += rows_of(reference_prefecture, by_prefecture)

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
