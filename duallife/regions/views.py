"""Public region pages: the Tohoku overview, a prefecture, a municipality. Read-only, no login."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from duallife.core.audience import PUBLIC, audience
from duallife.core.templatetags.jpformat import localized_name
from duallife.postings.selectors import work_in_place

from .selectors.figures import MigrationTable
from .selectors.municipalities import municipality_page
from .selectors.overview import region_overview
from .selectors.prefectures import PrefecturePage, prefecture_page

SIMULATOR_TRIPS_PER_MONTH = 2


@audience(PUBLIC)
def overview(request: HttpRequest) -> HttpResponse:
    data = region_overview()
    return render(
        request,
        "regions/overview.html",
        {
            "overview": data,
            "migration_chart": _migration_chart(data.migration) if data.migration else None,
        },
    )


@audience(PUBLIC)
def prefecture_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = prefecture_page(code)
    if page is None:
        raise Http404(_("この都道府県のページはありません。"))
    return render(
        request,
        "regions/prefecture.html",
        {
            "page": page,
            "work": work_in_place(prefecture=page.prefecture.code),
            "industry_chart": _industry_chart(page),
            "trips_per_month": SIMULATOR_TRIPS_PER_MONTH,
            "prefecture_interest": _prefecture_interest(request, page.prefecture),
        },
    )


def _prefecture_interest(request: HttpRequest, prefecture) -> dict:
    """The 気になる button and, for the area's coordinators, the count (engagements)."""
    from duallife.engagements.views.scouts import prefecture_page_context

    return prefecture_page_context(request, prefecture)


@audience(PUBLIC)
def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = municipality_page(code)
    if page is None:
        raise Http404(_("この市町村のページはありません。"))
    return render(
        request,
        "regions/municipality.html",
        {
            "page": page,
            "work": work_in_place(prefecture=page.prefecture.code, municipality=page.municipality.code),
            "trips_per_month": SIMULATOR_TRIPS_PER_MONTH,
        },
    )


# --- chart data (rendered with json_script, drawn by regions/charts.js) ---------------------------


def _industry_chart(page: PrefecturePage) -> dict:
    rows = page.chart_industries
    series = [(localized_name(page.prefecture), [r.here for r in rows])]
    if any(r.national for r in rows):
        series.append((_("全国"), [r.national for r in rows]))
    if page.reference_prefecture and any(r.reference for r in rows):
        series.append((localized_name(page.reference_prefecture), [r.reference for r in rows]))
    return {
        "type": "bar",
        "unit": "%",
        "categories": [localized_name(r.industry) for r in rows],
        "series": [
            {"name": name, "data": [float(e.share_percent) if e else None for e in cells]}
            for name, cells in series
        ],
    }


def _migration_chart(table: MigrationTable) -> dict:
    return {
        "type": "line",
        "unit": _("人"),
        "categories": [_("%(month)d月") % {"month": month} for month, _values in table.rows],
        "series": [
            {
                "name": _("%(year)d年") % {"year": year},
                "data": [values[index] for _month, values in table.rows],
            }
            for index, year in enumerate(table.years)
        ],
    }
