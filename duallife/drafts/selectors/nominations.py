"""Reads of the nominations page: per player, per team, the whole event (filterable by status),
and the outcome summary, each in one query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from ..models import DraftEvent, DraftPlayer, Nomination


def _nominations() -> QuerySet[Nomination]:
    # a run's stored input and result can be megabytes of JSON: never decoded once per row
    return Nomination.objects.with_run("run", "team__organization", "player__talent").order_by(
        "run__number", "team__organization__name", "pk"
    )


def nominations_of_player(player: DraftPlayer) -> list[Nomination]:
    return list(_nominations().filter(player=player))


def nominations_of_teams(team_ids) -> list[Nomination]:
    return list(_nominations().filter(team_id__in=list(team_ids)))


def pending_nomination_id(team_id: int, player_id: int) -> int | None:
    """The nomination of ``player_id`` by ``team_id`` still waiting for an answer, if any."""
    return (
        Nomination.objects.filter(team_id=team_id, player_id=player_id, status=Nomination.Status.PENDING)
        .values_list("pk", flat=True)
        .first()
    )


def nominations_of_event(event: DraftEvent, *, status: str = "") -> list[Nomination]:
    nominations = _nominations().filter(run__event=event)
    if status:
        nominations = nominations.filter(status=status)
    return list(nominations)


@dataclass(frozen=True)
class OutcomeCount:
    value: str
    label: str
    count: int


def outcome_summary(event: DraftEvent) -> list[OutcomeCount]:
    """Accepted nominations per recorded outcome, plus those not recorded yet (one query)."""
    counts = dict(
        Nomination.objects.filter(run__event=event, status=Nomination.Status.ACCEPTED)
        .values("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    rows = [
        OutcomeCount(value, str(label), counts.get(value, 0)) for value, label in Nomination.Outcome.choices
    ]
    rows.append(OutcomeCount("", _("未記録"), counts.get("", 0)))
    return rows
