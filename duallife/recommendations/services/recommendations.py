"""Keeping the stored recommendations in step with profiles and sheets.

- :func:`recommendations_refresh_talent`: after a profile is saved — the talent's own list of sheets,
  and their place in every open sheet's list of talents.
- :func:`recommendations_refresh_sheet`: after a sheet is published or changed — the sheet's list of
  talents, and its place in every talent's list; a sheet no longer open leaves every list.
- :func:`recommendations_rebuild_all`: the nightly run — every list from scratch (applicant counts,
  and so congestion, change through the day; this is where they are caught up).

The talent side is congestion-aware (a swamped sheet ranks lower for marginal fits); the sheet side
is the plain fit (a company wants the best people). Lists keep :data:`~.models.KEEP` entries after a
rebuild; between rebuilds an incremental refresh may add an entry to a full list (pages read the
best :data:`KEEP` in order, so this only costs a row).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

from duallife.engine.recommend import Context, Recommendation, Sheet, Talent, score_pair
from duallife.engine.recommend.fast import SheetIndex, TalentIndex, top_sheets_batch, top_talents_batch
from duallife.recommendations.tasks import refresh_sheet_recommendations, refresh_talent_recommendations
from duallife.talents.models import TalentProfile

from ..models import KEEP, SheetRecommendation, TalentRecommendation
from ..reasons import reasons_json
from ..selectors.loading import (
    engine_sheet,
    engine_sheets,
    engine_talent,
    open_sheets_with_inputs,
    recommendation_context,
    talents_with_inputs,
)

BATCH = 1000
CHUNK = 500
_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar("recommendations_deferred", default=False)


@contextmanager
def recommendations_deferred() -> Iterator[None]:
    """Within this block, profile and sheet changes queue no refresh (the demo loader, which
    rebuilds everything once at the end)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def after_talent_change(talent_id: int) -> None:
    """Queue a refresh of ``talent_id``'s recommendations once the current transaction commits."""
    if _deferred.get():
        return

    # robust: the profile is saved whatever happens here; the nightly rebuild catches up
    transaction.on_commit(lambda: refresh_talent_recommendations.delay(talent_id), robust=True)


def after_sheet_change(sheet_id: int) -> None:
    """Queue a refresh of ``sheet_id``'s recommendations once the current transaction commits."""
    if _deferred.get():
        return

    transaction.on_commit(lambda: refresh_sheet_recommendations.delay(sheet_id), robust=True)


def sheet_recommendations_drop(*, sheet_id: int) -> None:
    """A sheet closed: it leaves every list at once (called inside the closing transaction)."""
    SheetRecommendation.objects.filter(sheet_id=sheet_id).delete()
    TalentRecommendation.objects.filter(sheet_id=sheet_id).delete()


# --- scoring (the engine's fast path does the work) ------------------------------------------------


def _scored_where(
    talents: list[Talent], sheets: list[Sheet], ctx: Context, pairs, *, congestion: bool
) -> list[Recommendation]:
    """The reasons of the chosen (talent, sheet) index pairs, from the pure scorer."""
    found = []
    for t, s in pairs:
        scored = score_pair(talents[t], sheets[s], ctx, congestion=congestion)
        if scored is not None:
            found.append(Recommendation(talents[t].id, sheets[s].id, scored.score, scored.reasons))
    return found


# --- writes ------------------------------------------------------------------------------------


def _room(model, owner_field: str, owner_ids: set[int]) -> dict[int, tuple[int, float]]:
    """(entries, lowest score) of each owner's stored list (asked in chunks: SQLite caps how many
    parameters a query may have)."""
    ordered = sorted(owner_ids)
    room: dict[int, tuple[int, float]] = {}
    for start in range(0, len(ordered), CHUNK):
        rows = (
            model.objects.filter(**{f"{owner_field}__in": ordered[start : start + CHUNK]})
            .values(owner_field)
            .annotate(n=Count("pk"), low=Min("score"))
        )
        room.update({row[owner_field]: (row["n"], row["low"]) for row in rows})
    return room


def _earns_place(score: float, room: tuple[int, float] | None) -> bool:
    if room is None:
        return True
    entries, lowest = room
    return entries < KEEP or score > lowest


def _sheet_rows(items: list[Recommendation], now) -> list[SheetRecommendation]:
    return [
        SheetRecommendation(
            talent_id=r.talent,
            sheet_id=r.sheet,
            score=r.score,
            reasons=reasons_json(r.reasons),
            computed_at=now,
        )
        for r in items
    ]


def _talent_rows(items: list[Recommendation], now) -> list[TalentRecommendation]:
    return [
        TalentRecommendation(
            sheet_id=r.sheet,
            talent_id=r.talent,
            score=r.score,
            reasons=reasons_json(r.reasons),
            computed_at=now,
        )
        for r in items
    ]


def _insert_all(model, items: list[Recommendation], now) -> None:
    """Write a whole list in one prepared statement, without building a model per row: a full
    rebuild writes about a hundred thousand rows, and no rule is checked on them."""
    fields = [model._meta.get_field(name) for name in ("talent", "sheet", "score", "reasons", "computed_at")]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    reasons, computed_at = fields[3], fields[4]
    at = computed_at.get_db_prep_value(now, connection)
    rows = [
        (r.talent, r.sheet, r.score, reasons.get_db_prep_value(reasons_json(r.reasons), connection), at)
        for r in items
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@dataclass(frozen=True)
class RefreshReport:
    own: int  # entries written to the changed item's own list
    elsewhere: int  # entries written to other lists


def recommendations_refresh_talent(*, talent_id: int) -> RefreshReport:
    """Recompute one talent's list of sheets and their entries in the sheets' lists of talents.

    A talent whose profile is gone, private or inactive leaves every sheet's list (a private
    profile keeps its own list of sheets: the talent may still look for work). The scoring runs
    before the (short) transaction that replaces the rows."""
    now = timezone.now()
    profile = talents_with_inputs().filter(pk=talent_id, user__is_active=True).first()
    own: list[Recommendation] = []
    candidates: dict[int, float] = {}
    if profile is not None:
        talent = engine_talent(profile)
        ctx = recommendation_context()
        index = SheetIndex(engine_sheets(open_sheets_with_inputs()), ctx)
        own = index.top_sheets(talent, KEEP, congestion=True)
        if profile.visibility != TalentProfile.Visibility.PRIVATE and len(index):
            plain = index.scores(talent, congestion=False)
            candidates = {int(index.ids[i]): float(plain[i]) for i in np.flatnonzero(plain > -np.inf)}
    with transaction.atomic():
        SheetRecommendation.objects.filter(talent_id=talent_id).delete()
        TalentRecommendation.objects.filter(talent_id=talent_id).delete()
        if profile is None:
            return RefreshReport(0, 0)
        SheetRecommendation.objects.bulk_create(_sheet_rows(own, now), ignore_conflicts=True)
        room = _room(TalentRecommendation, "sheet_id", set(candidates))
        chosen = [
            (0, index.position[sheet_id])
            for sheet_id, score in candidates.items()
            if _earns_place(score, room.get(sheet_id))
        ]
        elsewhere = _scored_where([talent], index.sheets, ctx, chosen, congestion=False)
        TalentRecommendation.objects.bulk_create(_talent_rows(elsewhere, now), ignore_conflicts=True)
    return RefreshReport(len(own), len(elsewhere))


def recommendations_refresh_sheet(*, sheet_id: int) -> RefreshReport:
    """Recompute one sheet's list of talents and its entries in the talents' lists of sheets.
    A sheet that is not open (any more) leaves every list. The scoring runs before the (short)
    transaction that replaces the rows."""
    now = timezone.now()
    row = open_sheets_with_inputs().filter(pk=sheet_id).first()
    own: list[Recommendation] = []
    candidates: dict[int, float] = {}
    if row is not None:
        sheet = engine_sheet(row)
        ctx = recommendation_context()
        profiles = list(talents_with_inputs().filter(user__is_active=True))
        index = TalentIndex([engine_talent(p) for p in profiles], ctx)
        shown = [p.pk for p in profiles if p.visibility != TalentProfile.Visibility.PRIVATE]
        own = index.top_talents(sheet, KEEP, congestion=False, allowed_ids=shown)
        aware = index.scores(sheet, congestion=True)
        candidates = {int(index.ids[i]): float(aware[i]) for i in np.flatnonzero(aware > -np.inf)}
    with transaction.atomic():
        sheet_recommendations_drop(sheet_id=sheet_id)
        if row is None:
            return RefreshReport(0, 0)
        TalentRecommendation.objects.bulk_create(_talent_rows(own, now), ignore_conflicts=True)
        room = _room(SheetRecommendation, "talent_id", set(candidates))
        chosen = [
            (index.position[talent_id], 0)
            for talent_id, score in candidates.items()
            if _earns_place(score, room.get(talent_id))
        ]
        elsewhere = _scored_where(index.talents, [sheet], ctx, chosen, congestion=True)
        SheetRecommendation.objects.bulk_create(_sheet_rows(elsewhere, now), ignore_conflicts=True)
    return RefreshReport(len(own), len(elsewhere))


@dataclass(frozen=True)
class RebuildReport:
    talents: int
    sheets: int
    sheet_entries: int
    talent_entries: int


def recommendations_rebuild_all() -> RebuildReport:
    """Every list from scratch, in one transaction (readers see the old lists until it commits)."""
    now = timezone.now()
    sheets = engine_sheets(open_sheets_with_inputs())
    profiles = list(talents_with_inputs().filter(user__is_active=True))
    talents = [engine_talent(p) for p in profiles]
    shown = [
        t for t, p in zip(talents, profiles, strict=True) if p.visibility != TalentProfile.Visibility.PRIVATE
    ]
    ctx = recommendation_context()
    sheet_side = [r for _, items in top_sheets_batch(talents, SheetIndex(sheets, ctx), KEEP) for r in items]
    talent_side = [r for _, items in top_talents_batch(sheets, TalentIndex(shown, ctx), KEEP) for r in items]
    with transaction.atomic():
        SheetRecommendation.objects.all().delete()
        TalentRecommendation.objects.all().delete()
        _insert_all(SheetRecommendation, sheet_side, now)
        _insert_all(TalentRecommendation, talent_side, now)
    return RebuildReport(len(talents), len(sheets), len(sheet_side), len(talent_side))
