"""The cost simulator page: a GET form, the result, and a comparison of every destination.

Without JavaScript the form submits normally and the whole page comes back. With htmx the form
asks the same URL with ``HX-Request`` and gets a partial: the result (swapped into the live
region), the comparison and the per-field errors (swapped out of band). The address bar keeps
the query string (``hx-push-url``), so a result can be shared and reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from duallife.core.audience import PUBLIC, audience
from duallife.core.formats import localized_name
from duallife.core.views import bad_request
from duallife.engine.costs import Mode, Subsidy

from .errors import SimulatorError, translated_message
from .forms import DEFAULT_TRIPS, SimulatorForm
from .selectors import (
    REFERENCE_CODE,
    ComparisonRow,
    CostDataset,
    CostQuote,
    Extras,
    ProgramChoice,
    compare_all,
    cost_dataset,
    dataset_sources,
    origin_municipalities,
    origin_places,
    parse_fiscal_year,
    parse_origin,
    quote_from_dataset,
    support_programs,
)
from .texts import (
    break_even_sentence,
    difference_sentence,
    leg_note,
    lodging_note,
    origin_short_name,
    support_sentences,
    trips_text,
)

# Where a domain error is shown: the form field it is about (None: the error summary only).
ERROR_FIELDS = {
    "destination": "destination",
    "trips_per_month": "trips_per_month",
    "mode": "mode",
    "rent_yen": "rent_yen",
    "destination_rent_yen": "rent_yen",
    "subsidy_rate": "subsidy_percent",
    "subsidy_cap_per_trip_yen": "subsidy_cap_per_trip_yen",
    "subsidy_cap_per_month_yen": "subsidy_cap_per_month_yen",
    "origin": "origin",
    "origin_leg_yen": "origin_leg_yen",
    "origin_leg_minutes": "origin_leg_minutes",
    "destination_leg_yen": "destination_leg_yen",
    "destination_leg_minutes": "destination_leg_minutes",
    "lodging_nights_per_month": "lodging_nights_per_month",
    "lodging_yen_per_night": "lodging_yen_per_night",
    "program": "program",
    "fiscal_year": "fiscal_year",
}


@dataclass(frozen=True)
class Scenario:
    mode: Mode = Mode.A
    trips_per_month: Decimal = DEFAULT_TRIPS
    rent_override_yen: int | None = None
    subsidy: Subsidy | None = None
    extras: Extras = field(default_factory=Extras)
    program: ProgramChoice | None = None


def _dataset(query, origins) -> CostDataset | None:
    """The origin asked for and its destinations; the default origin when that one is unusable
    (the form then says why); ``None`` when no region pack is loaded (the page says so)."""
    try:
        origin = parse_origin(query.get("origin"))
    except SimulatorError:
        origin = REFERENCE_CODE
    for code in dict.fromkeys((origin, REFERENCE_CODE)):
        try:
            return cost_dataset(code, origins=origins)
        except SimulatorError:
            continue
    return None


def _programs(query) -> list[ProgramChoice]:
    """The support programs of the fiscal year asked for (today's when it is unusable: the form
    then says why), for the list and the scenario (one query)."""
    try:
        year = parse_fiscal_year(query.get("fiscal_year"))
    except SimulatorError:
        year = parse_fiscal_year(None)
    return support_programs(year)


@audience(PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    try:
        query = request.GET
    except TooManyFieldsSent as exc:
        # The site's 400 page, also with DEBUG on (whose technical page would read GET again).
        return bad_request(request, exc)
    # Four queries whatever the scenario: the origins (the list and the one asked for), the routes,
    # the destinations, and the support programs with their rules.
    origins = origin_municipalities()
    dataset = _dataset(query, origins)
    programs = _programs(query)
    bound = any(name in query for name in SimulatorForm.base_fields)
    data = None
    if bound:
        # A shared link may name only some fields (?destination=041009): the rest take defaults,
        # the side job from Tokyo first (the API's default stays A: its callers rely on it).
        data = query.copy()
        data.setdefault("mode", Mode.B.value)
        data.setdefault("trips_per_month", str(DEFAULT_TRIPS))
    form = SimulatorForm(
        data, dataset=dataset, origins=origin_places(origins) if dataset else (), programs=programs
    )
    quote = None
    scenario = Scenario()
    if bound and form.is_valid() and dataset is not None:
        cleaned = form.cleaned_data
        scenario = Scenario(
            mode=cleaned["mode"],
            trips_per_month=cleaned["trips_per_month"],
            rent_override_yen=cleaned["rent_yen"],
            subsidy=cleaned["subsidy"],
            extras=cleaned["extras"],
            program=cleaned["support"],
        )
        try:
            quote = quote_from_dataset(
                dataset,
                destination_code=cleaned["destination"],
                mode=scenario.mode,
                trips_per_month=scenario.trips_per_month,
                rent_override_yen=scenario.rent_override_yen,
                subsidy=scenario.subsidy,
                extras=scenario.extras,
                program=scenario.program,
            )
        except SimulatorError as exc:
            form.add_error(ERROR_FIELDS.get(exc.field or ""), translated_message(exc))
            scenario = Scenario()

    context = {
        "form": form,
        "dataset": dataset,
        "quote": quote,
        "summary": _summary(quote) if quote else None,
        "comparison": _comparison(dataset, scenario, quote) if dataset else None,
    }
    if request.htmx:
        status = 400 if form.errors else 200
        response = render(request, "simulator/_partial.html", context, status=status)
    else:
        response = render(request, "simulator/index.html", context)
    # The same URL answers a page or a partial: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _summary(quote: CostQuote) -> dict:
    r = quote.result
    origin = origin_short_name(quote.origin.code, localized_name(quote.origin))
    dest = localized_name(quote.destination)
    values = {"dest": dest, "origin": origin, "trips": trips_text(r.trips_per_month)}
    if r.mode is Mode.A:
        heading = _("%(dest)sに住み、%(origin)sへ月%(trips)s往復する場合") % values
        baseline_label = _("%(origin)sで暮らす場合") % values
    else:
        heading = _("%(origin)sに住み、%(dest)sへ月%(trips)s往復する場合") % values
        baseline_label = _("往復せず%(origin)sだけで暮らす場合") % values
    rent_place = quote.destination_rent_place if r.mode is Mode.A else quote.origin_rent_place
    home = quote.destination if r.mode is Mode.A else quote.origin
    rent_note = ""
    if r.rent_overridden:
        rent_note = _("（入力値）")
    elif rent_place is not None and rent_place.pk != home.pk:
        rent_note = _("（%(place)sの目安）") % {"place": localized_name(rent_place)}
    route = quote.route
    caveats = []
    if route.destination.pk != quote.destination.pk and r.destination_leg is None:
        caveats.append(
            _(
                "運賃と時間は%(gateway)sまでのものです。%(gateway)sから%(dest)sまでの移動は含まれていません（入力すると加算します）。"
            )
            % {"gateway": localized_name(route.destination), "dest": dest}
        )
    if quote.origin.code != REFERENCE_CODE and r.origin_leg is None:
        caveats.append(
            _("%(origin)sから東京駅までの移動は含まれていません（入力すると加算します）。")
            % {"origin": localized_name(quote.origin)}
        )
    return {
        "heading": heading,
        "caveats": caveats,
        "baseline_label": baseline_label,
        "difference": difference_sentence(r, origin_name=origin, destination_name=dest),
        "break_even": break_even_sentence(r, origin_name=origin),
        "origin_name": origin,
        "rent_note": rent_note,
        "route": _("%(a)s–%(b)s（%(mode)s）")
        % {
            "a": localized_name(route.origin),
            "b": localized_name(route.destination),
            "mode": route.mode,
        },
        "origin_leg": leg_note(r.origin_leg),
        "destination_leg": leg_note(r.destination_leg),
        "lodging": lodging_note(r.lodging),
        "support": support_sentences(quote.support, lodging=r.lodging) if quote.support else None,
    }


def _comparison(dataset: CostDataset, scenario: Scenario, quote: CostQuote | None) -> dict | None:
    try:
        rows = compare_all(
            dataset,
            mode=scenario.mode,
            trips_per_month=scenario.trips_per_month,
            rent_override_yen=scenario.rent_override_yen,
            subsidy=scenario.subsidy,
            extras=scenario.extras,
            chosen=quote.destination.code if quote else None,
            program=scenario.program,
        )
    except SimulatorError:
        return None
    if not rows:
        return None
    origin = origin_short_name(dataset.origin.code, localized_name(dataset.origin))
    selected = quote.destination.code if quote else None
    baseline = rows[0].result.baseline_total_yen
    cheapest = min(rows, key=lambda row: (row.result.monthly_total_yen, row.destination.code))
    dearest = max(rows, key=lambda row: (row.result.monthly_total_yen, row.destination.code))
    values = {
        "trips": trips_text(scenario.trips_per_month),
        "origin": origin,
        "mode": _("東北に住み東京へ通う") if scenario.mode is Mode.A else _("東京に住み東北で副業する"),
    }
    caption = _("月%(trips)s往復・%(mode)s場合の月額（円）") % values
    rent_applies = scenario.rent_override_yen is not None and scenario.mode is Mode.B
    if scenario.program is not None:
        caption += _("（%(program)sの支援を地域ごとに反映）") % {"program": scenario.program.program.name}
        if rent_applies:
            caption += _("（入力した家賃を反映）")
    elif scenario.subsidy is not None and rent_applies:
        caption += _("（入力した補助と家賃を反映）")
    elif scenario.subsidy is not None:
        caption += _("（入力した補助を反映）")
    elif rent_applies:
        caption += _("（入力した家賃を反映）")
    if scenario.extras.origin_leg or scenario.extras.destination_leg or scenario.extras.lodging:
        caption += _("（入力した区間・宿泊費を反映）")
    chart_label = _(
        "各地域の月額合計の棒グラフ。最も安いのは%(cheap)s（%(cheap_yen)s円）、"
        "最も高いのは%(dear)s（%(dear_yen)s円）。%(origin)sで暮らす場合は%(base)s円。"
        "同じ数値を表にも載せています。"
    ) % {
        "cheap": localized_name(cheapest.destination.municipality),
        "cheap_yen": f"{cheapest.result.monthly_total_yen:,}",
        "dear": localized_name(dearest.destination.municipality),
        "dear_yen": f"{dearest.result.monthly_total_yen:,}",
        "origin": origin,
        "base": f"{baseline:,}",
    }
    return {
        "rows": rows,
        "caption": caption,
        "selected": selected,
        "baseline": baseline,
        "baseline_label": (_("%(origin)sで暮らす場合") if scenario.mode is Mode.A else _("往復しない場合"))
        % {"origin": origin},
        "chart_label": chart_label,
        "chart": _chart_data(rows, baseline, selected, origin, scenario.mode),
        "sources": dataset_sources(dataset, selected),
        "show_lodging": scenario.extras.lodging is not None,
        "mode": scenario.mode.value,
        "show_subsidy": scenario.subsidy is not None or scenario.program is not None,
    }


def _chart_data(
    rows: list[ComparisonRow], baseline: int, selected: str | None, origin: str, mode: Mode
) -> dict:
    return {
        "categories": [localized_name(row.destination.municipality) for row in rows],
        "codes": [row.destination.code for row in rows],
        "totals": [row.result.monthly_total_yen for row in rows],
        "selected": selected,
        "baseline": baseline,
        "baselineName": (_("%(origin)sで暮らす場合") if mode is Mode.A else _("往復しない場合"))
        % {"origin": origin},
        "seriesName": _("月額合計"),
        "unit": _("円"),
    }
