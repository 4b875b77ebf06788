"""Pages composed from several apps. Today: the home page, which leads to the work: a search of
the open sheets, the newest of them, live figures, the next drafts, what a dual life costs, and
sign-up as the main action."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from duallife.core.audience import PUBLIC, audience
from duallife.regions.selectors.overview import pack_prefectures

from . import selectors


@require_safe
@audience(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    overview = list(pack_prefectures())
    towns = [(p.capital_code, p.capital_name, p) for p in overview if p.capital_code]
    town = request.GET.get("town", "")
    if town not in {code for code, _name, _prefecture in towns}:
        town = selectors.DEFAULT_TOWN
    headline = selectors.cost_headline(town) if towns else None
    context = {
        "overview": overview,
        "figures": selectors.home_figures(),
        "sheets": selectors.featured_sheets(),
        "events": selectors.next_events(),
        "towns": towns,
        "town": town,
        "headline": headline,
        "cheaper": headline is not None and headline.result.difference_yen < 0,
        "difference": abs(headline.result.difference_yen) if headline else 0,
        "trips": selectors.HEADLINE_TRIPS,
    }
    return render(request, "site/home.html", context)
