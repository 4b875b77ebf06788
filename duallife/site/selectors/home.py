"""Reads of the pages composed from several apps. The home page: what there is to do here (open
sheets, the companies behind them, the prefectures), the newest open sheets, the next drafts, and
what living in one capital and going to Tokyo twice a month costs."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from duallife.drafts.selectors.events import EventRow, event_list
from duallife.organizations.models import Organization
from duallife.postings.models import SpecSheet
from duallife.postings.selectors import published_sheets
from duallife.simulator.errors import SimulatorError
from duallife.simulator.selectors import CostQuote, cost_quote

FEATURED_SHEETS = 6
NEXT_EVENTS = 3
#: The headline's town unless the visitor picks another capital: Sendai.
DEFAULT_TOWN = "041009"
HEADLINE_TRIPS = 2


@dataclass(frozen=True)
class HomeFigures:
    open_sheets: int
    companies: int  # companies with at least one open sheet


def home_figures() -> HomeFigures:
    """One query."""
    counts = Organization.objects.filter(kind=Organization.Kind.COMPANY, is_active=True).aggregate(
        companies=Count("pk", filter=Q(spec_sheets__status=SpecSheet.Status.PUBLISHED), distinct=True),
        sheets=Count("spec_sheets", filter=Q(spec_sheets__status=SpecSheet.Status.PUBLISHED)),
    )
    return HomeFigures(open_sheets=counts["sheets"], companies=counts["companies"])


def featured_sheets() -> list[SpecSheet]:
    """The newest open sheets (one query and the details' prefetches)."""
    return list(published_sheets()[:FEATURED_SHEETS])


def next_events() -> list[EventRow]:
    """The drafts still to come or under way, soonest first (two queries)."""
    current, _past = event_list()
    return current[:NEXT_EVENTS]


def cost_headline(town: str) -> CostQuote | None:
    """Living in ``town`` and going to Tokyo twice a month (``None`` without the data)."""
    try:
        return cost_quote(destination_code=town, mode="A", trips_per_month=HEADLINE_TRIPS)
    except SimulatorError:
        return None
