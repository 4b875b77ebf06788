"""Recommendations both ways — sheets for a talent, talents for a sheet — with reasons as codes.

Pure Python: frozen dataclasses in (:mod:`.model`), hard rules that are never broken
(:mod:`.rules`), a scored fit with short concrete reasons and a congestion adjustment
(:mod:`.score`), and deterministic top-k (:mod:`.rank`, ties by id). :mod:`.fast` gives the same
results with numpy and scipy for many sheets or talents at once (indexes built once, batches).
"""

from .fast import (
    FastPathMismatch,
    SheetIndex,
    TalentIndex,
    round_like_python,
    top_sheets_batch,
    top_talents_batch,
)
from .model import Context, Reason, Recommendation, Route, RouteTable, Sheet, Style, Talent
from .rank import recommend_sheets, recommend_talents
from .rules import allowed, blockers
from .score import Scored, congestion_factor, crowding, is_personal, score_pair
from .wording import japanese

__all__ = [
    "Context",
    "FastPathMismatch",
    "Reason",
    "Recommendation",
    "Route",
    "RouteTable",
    "Scored",
    "Sheet",
    "SheetIndex",
    "Style",
    "Talent",
    "TalentIndex",
    "allowed",
    "blockers",
    "congestion_factor",
    "crowding",
    "is_personal",
    "japanese",
    "recommend_sheets",
    "recommend_talents",
    "round_like_python",
    "score_pair",
    "top_sheets_batch",
    "top_talents_batch",
]
