"""Reads of the public results page, in two queries.

A nominated player appears by display name only if they agreed (``name_public``), otherwise as
an anonymous label (:func:`player_label`), and then without the team's message (written to the
player, it often names them). The rows carry strings only: no talent object reaches the template,
so no real name or contact can leak. Who sees the results, and when, is
:mod:`duallife.drafts.permissions.results`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import DraftEvent, DraftTeam, Nomination


def player_label(*, name_public: bool, display_name: str) -> str:
    """What the public results call a nominated player: their display name only if they agreed."""
    if name_public and display_name:
        return display_name
    return _("選手（非公開）")


@dataclass(frozen=True)
class ResultRow:
    pk: int
    run_number: int
    player: str  # display name or the anonymous label
    named: bool
    message: str
    status: str
    status_label: str


@dataclass(frozen=True)
class TeamResults:
    team: DraftTeam
    rows: list[ResultRow]


def event_results(event: DraftEvent) -> list[TeamResults]:
    """Every team of the event with its nominations (all rounds), in two queries."""
    teams = list(
        DraftTeam.objects.filter(event=event)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )
    labels = dict(Nomination.Status.choices)
    rows: dict[int, list[ResultRow]] = defaultdict(list)
    for values in (
        Nomination.objects.filter(run__event=event)
        .order_by("run__number", "pk")
        .values(
            "pk",
            "team_id",
            "status",
            "message",
            "run__number",
            "player__name_public",
            "player__talent__display_name",
        )
    ):
        named = bool(values["player__name_public"] and values["player__talent__display_name"])
        rows[values["team_id"]].append(
            ResultRow(
                pk=values["pk"],
                run_number=values["run__number"],
                player=player_label(
                    name_public=values["player__name_public"],
                    display_name=values["player__talent__display_name"],
                ),
                named=named,
                # a team's message speaks to the player, often by name: public only with theirs
                message=values["message"] if named else "",
                status=values["status"],
                status_label=str(labels.get(values["status"], values["status"])),
            )
        )
    return [TeamResults(team=team, rows=rows.get(team.pk, [])) for team in teams]
