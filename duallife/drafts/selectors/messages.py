"""Reads of a draft's message threads, in a fixed number of queries whatever their number."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Q, Subquery

from ..models import DraftEvent, DraftMessage, DraftPlayer, DraftTeam


@dataclass(frozen=True)
class ThreadRow:
    team: DraftTeam
    player: DraftPlayer
    last_at: datetime.datetime
    count: int
    preview: str
    last_from_team: bool


def threads(
    event: DraftEvent, *, team_ids: list[int] | None = None, player_id: int | None = None
) -> list[ThreadRow]:
    """The event's threads, latest activity first: those of ``team_ids`` and of ``player_id``
    (both ``None``: every thread of the event). Three queries."""
    messages = DraftMessage.objects.filter(event=event)
    if team_ids is not None or player_id is not None:
        which = Q(pk__in=[])
        if team_ids:
            which |= Q(team_id__in=team_ids)
        if player_id is not None:
            which |= Q(player_id=player_id)
        messages = messages.filter(which)
    last = DraftMessage.objects.filter(team=OuterRef("team"), player=OuterRef("player")).order_by(
        "-created_at", "-pk"
    )
    rows = list(
        messages.values("team", "player")
        .annotate(
            last_at=Max("created_at"),
            count=Count("pk"),
            preview=Subquery(last.values("body")[:1]),
            last_from_team=Subquery(last.values("from_team")[:1]),
        )
        .order_by("-last_at", "team", "player")
    )
    teams = DraftTeam.objects.select_related("organization").in_bulk({r["team"] for r in rows})
    players = DraftPlayer.objects.select_related("talent").in_bulk({r["player"] for r in rows})
    return [
        ThreadRow(
            team=teams[r["team"]],
            player=players[r["player"]],
            last_at=r["last_at"],
            count=r["count"],
            preview=r["preview"] or "",
            last_from_team=bool(r["last_from_team"]),
        )
        for r in rows
    ]


def thread_messages(team: DraftTeam, player: DraftPlayer) -> list[DraftMessage]:
    """The pair's messages, oldest first."""
    return list(DraftMessage.objects.filter(team=team, player=player).order_by("created_at", "pk"))
