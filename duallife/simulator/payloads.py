"""Plain-data (JSON-ready) forms of simulator results, shared by the API and the command."""

from __future__ import annotations

from duallife.engine.costs import CostResult, Leg, Lodging
from duallife.regions.models import Municipality
from duallife.subsidies.texts import reason_text

from .selectors import CostQuote, SourceUse, SupportQuote
from .texts import MODE_LABELS, leg_note, lodging_note, support_sentences


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


def leg_payload(leg: Leg | None) -> dict:
    """A leg as entered, or zeros with ``included: false`` and a note saying it is not included."""
    return {
        "round_trip_yen": leg.round_trip_yen if leg else 0,
        "one_way_minutes": leg.one_way_minutes if leg else 0,
        "included": leg is not None,
        "note": leg_note(leg),
    }


def lodging_payload(lodging: Lodging | None) -> dict:
    return {
        "nights_per_month": lodging.nights_per_month if lodging else 0,
        "yen_per_night": lodging.yen_per_night if lodging else 0,
        "monthly_yen": lodging.monthly_yen if lodging else 0,
        "included": lodging is not None,
        "note": lodging_note(lodging),
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
        "monthly_lodging_yen": r.monthly_lodging_yen,
        "round_trip_fare_yen": r.round_trip_fare_yen,
        "route_round_trip_fare_yen": r.route_round_trip_fare_yen,
        "route_one_way_minutes": r.route_one_way_minutes,
        "origin_leg": leg_payload(r.origin_leg),
        "destination_leg": leg_payload(r.destination_leg),
        "lodging": lodging_payload(r.lodging),
    }


def support_payload(support: SupportQuote | None, *, lodging: Lodging | None = None) -> dict | None:
    """A chosen program's support for the month: the amount, whether a per-year cap's twelfth cut
    it, and the engine's reasons as codes and sentences in the active language."""
    if support is None:
        return None
    words = support_sentences(support, lodging=lodging)
    return {
        "slug": support.program.slug,
        "fiscal_year": support.program.fiscal_year,
        "name": support.program.name,
        "payee": support.program.payee,
        "monthly_support_yen": support.monthly_yen,
        "capped_by_year": support.capped_by_year,
        "eligible": support.outcome.eligible,
        "reasons": [{"code": reason.code, "text": reason_text(reason)} for reason in support.reasons],
        "note": " ".join(filter(None, (words["capped"], words["lodging"], words["basis"]))),
    }


def quote_payload(quote: CostQuote) -> dict:
    """The JSON body of ``GET /api/v1/simulator/cost``; ``simulate --format json`` prints the same."""
    subsidy = quote.subsidy
    return {
        "origin": place_payload(quote.origin),
        "destination": place_payload(quote.destination),
        "origin_gateway": place_payload(quote.origin_gateway),
        "destination_gateway": place_payload(quote.destination_gateway),
        "rent_places": [
            place_payload(m) for m in (quote.origin_rent_place, quote.destination_rent_place) if m
        ],
        "rent_override_yen": quote.rent_override_yen,
        "subsidy": None
        if subsidy is None
        else {
            "rate": float(subsidy.rate),
            "cap_per_trip_yen": subsidy.cap_per_trip_yen,
            "cap_per_month_yen": subsidy.cap_per_month_yen,
        },
        "program": support_payload(quote.support, lodging=quote.result.lodging),
        "travel_mode": quote.route.mode,
        **result_payload(quote.result),
        "sources": [source_payload(s) for s in quote.sources],
    }
