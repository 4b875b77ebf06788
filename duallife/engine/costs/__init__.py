"""Dual-life cost simulator: monthly rent and travel between Tokyo and a Tohoku city.

Pure Python (no Django). Build a :class:`CostInput` (or a list of :class:`Destination`) and call
:func:`simulate` (or :func:`compare_destinations`). Invalid inputs raise
:class:`CostInputError` with a Japanese message.
"""

from .compute import (
    break_even_trips,
    compare_destinations,
    exact_monthly_total,
    monthly_subsidy,
    per_trip_subsidy,
    round_half_up,
    simulate,
)
from .types import (
    MAX_RENT_YEN,
    MAX_SUBSIDY_CAP_YEN,
    MAX_TRIPS_PER_MONTH,
    CostInput,
    CostInputError,
    CostResult,
    Destination,
    Mode,
    Subsidy,
    normalise_text,
    parse_mode,
    parse_number,
    parse_percent,
    parse_rate,
    parse_trips_per_month,
    parse_yen,
    rents_needed,
    subsidy_from,
)

__all__ = [
    "MAX_RENT_YEN",
    "MAX_SUBSIDY_CAP_YEN",
    "MAX_TRIPS_PER_MONTH",
    "CostInput",
    "CostInputError",
    "CostResult",
    "Destination",
    "Mode",
    "Subsidy",
    "break_even_trips",
    "compare_destinations",
    "exact_monthly_total",
    "monthly_subsidy",
    "normalise_text",
    "parse_mode",
    "parse_number",
    "parse_percent",
    "parse_rate",
    "parse_trips_per_month",
    "parse_yen",
    "per_trip_subsidy",
    "rents_needed",
    "round_half_up",
    "simulate",
    "subsidy_from",
]
