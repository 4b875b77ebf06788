"""Pages composed from several apps: the home page, which leads a visitor to the work (a search
of the open sheets, the newest of them, live figures, the next drafts, what a dual life costs,
sign-up as the main action) and gives a signed-in person their dashboard: a section for each
role they have, what waits for an answer first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from duallife.core.audience import PUBLIC, audience
from duallife.regions.selectors.overview import pack_prefectures

from .context_processors import header as header_context
from .selectors import dashboards
from .selectors import home as selectors


@require_safe
@audience(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return dashboard(request)
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


def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in person's home (the header's counts, read once per request, feed its badges)."""
    context = header_context(request)
    roles = context["header"].roles
    context.update(
        {
            "talent": dashboards.talent_section(request.user) if roles.talent else None,
            "company": dashboards.company_section(request.user) if roles.company else None,
            "staff": dashboards.staff_section(request.user, operator=roles.operator) if roles.staff else None,
            "checkins": dashboards.open_checkins(request.user) if roles.talent or roles.company else [],
        }
    )
    return render(request, "site/dashboard.html", context)
