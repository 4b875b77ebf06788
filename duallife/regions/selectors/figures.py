"""What the region pages share: citations of sources, indicator values, the reference municipality
and its routes, municipalities grouped by kind, support programmes, the migration table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import (
    Indicator,
    Municipality,
    NetMigration,
    Prefecture,
    PrefectureIndicator,
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


def indicator_values(
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


def values_for(
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


def rows_of(
    prefecture: Prefecture, by_prefecture: dict[int, dict[int, PrefectureIndicator]]
) -> list[PrefectureIndicator]:
    return list(by_prefecture.get(prefecture.pk, {}).values())


@dataclass(frozen=True)
class MigrationTable:
    prefecture: Prefecture
    years: tuple[int, ...]
    rows: tuple[tuple[int, tuple[int | None, ...]], ...]  # (month, value per year)
    citations: list[Citation]


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
