"""Recommendations both ways — sheets for a talent, talents for a sheet — with reasons in Japanese.

Pure Python: frozen dataclasses in (:mod:`.model`), hard rules that are never broken
(:mod:`.rules`), a scored fit with short concrete reasons and a congestion adjustment
(:mod:`.score`), and deterministic top-k (:mod:`.rank`, ties by id).
"""

from .model import Context, Recommendation, Route, RouteTable, Sheet, Style, Talent
from .rank import recommend_sheets, recommend_talents
from .rules import allowed, blockers
from .score import Scored, congestion_factor, crowding, score_pair

__all__ = [
    "Context",
    "Recommendation",
    "Route",
    "RouteTable",
    "Scored",
    "Sheet",
    "Style",
    "Talent",
    "allowed",
    "blockers",
    "congestion_factor",
    "crowding",
    "recommend_sheets",
    "recommend_talents",
    "score_pair",
]
