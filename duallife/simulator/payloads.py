"""Plain-data (JSON-ready) forms of simulator results, shared by the API and the command."""

from __future__ import annotations

from duallife.engine.costs import CostResult
from duallife.regions.models import Municipality

from .selectors import CostQuote, SourceUse
from .texts import MODE_LABELS


def place_payload(m: Municipality) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "prefecture_code": m.prefecture.code,
        "prefecture": m.prefecture.name,
    }


def source_payload(s: SourceUse) -> dict:
    return {
        "title": s.title,
        "publisher": s.publisher,
        "url": s.url,
        "published": s.published,
        "year": s.year,
        "used_for": s.used_for,
    }


def result_payload(r: CostResult) -> dict:
    """The figures of a result. Decimals become JSON numbers (at most two decimals)."""
    be = r.break_even_trips_per_month
    return {
        "mode": r.mode.value,
        "mode_label": str(MODE_LABELS[r.mode]),
        "trips_per_month": float(r.trips_per_month),
        "monthly_rent_yen": r.monthly_rent_yen,
        "monthly_travel_yen": r.monthly_travel_yen,
        "monthly_subsidy_yen": r.monthly_subsidy_yen,
        "monthly_total_yen": r.monthly_total_yen,
        "baseline_total_yen": r.baseline_total_yen,
        "difference_yen": r.difference_yen,
        "break_even_trips_per_month": None if be is None else float(be),
        "one_way_minutes": r.one_way_minutes,
        "monthly_travel_minutes": r.monthly_travel_minutes,
    }


def quote_payload(quote: CostQuote) -> dict:
    """The JSON body of ``GET /api/v1/simulator/cost``; ``simulate --format json`` prints the same."""
    subsidy = quote.subsidy
    return {
        "origin": place_payload(quote.origin),
        "destination": place_payload(quote.destination),
        "rent_override_yen": quote.rent_override_yen,
        "subsidy": None
        if subsidy is None
        else {
            "rate": float(subsidy.rate),
            "cap_per_trip_yen": subsidy.cap_per_trip_yen,
            "cap_per_month_yen": subsidy.cap_per_month_yen,
        },
        "travel_mode": quote.route.mode,
        **result_payload(quote.result),
        "sources": [source_payload(s) for s in quote.sources],
    }
