"""Top-k in both directions: sheets for a talent, talents for a sheet. Deterministic: equal scores
are ordered by id (integers first by value, then strings: :func:`~duallife.engine.ids.id_order`)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from ..ids import id_order
from .model import Context, Recommendation, Sheet, Talent
from .score import score_pair


def recommend_sheets(
    talent: Talent, sheets: Iterable[Sheet], ctx: Context, *, k: int = 10, congestion: bool = True
) -> list[Recommendation]:
    """The ``k`` best sheets for ``talent`` that no hard rule forbids, best first."""
    scored = []
    for sheet in sheets:
        result = score_pair(talent, sheet, ctx, congestion=congestion)
        if result is not None:
            scored.append((-result.score, sheet.id, result))
    best = heapq.nsmallest(k, scored, key=lambda item: (item[0], id_order(item[1])))
    return [Recommendation(talent.id, sheet_id, result.score, result.reasons) for _, sheet_id, result in best]


def recommend_talents(
    sheet: Sheet, talents: Iterable[Talent], ctx: Context, *, k: int = 10, congestion: bool = False
) -> list[Recommendation]:
    """The ``k`` best talents for ``sheet`` (the caller passes only talents it may show), best first.

    Congestion is off by default here: a company looking for people wants the best fits.
    """
    scored = []
    for talent in talents:
        result = score_pair(talent, sheet, ctx, congestion=congestion)
        if result is not None:
            scored.append((-result.score, talent.id, result))
    best = heapq.nsmallest(k, scored, key=lambda item: (item[0], id_order(item[1])))
    return [
        Recommendation(talent_id, sheet.id, result.score, result.reasons) for _, talent_id, result in best
    ]
