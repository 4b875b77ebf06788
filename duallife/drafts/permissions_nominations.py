"""Who may see a run or a nomination: the access functions of the runs, results and nominations
pages, built on :mod:`duallife.drafts.permissions`.

A nomination is known to its player, the members of its team and the organiser; to anyone else
it is a 404. A run is looked up by its number within its event only (another number is a 404).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404

from .membership import acts_for
from .models import DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination
from .permissions import organizes, player_of, teams_of


@dataclass(frozen=True)
class Roles:
    """What ``user`` is in ``event``: organiser, the teams they act for, their player entry."""

    organiser: bool
    teams: list[DraftTeam] = field(default_factory=list)
    player: DraftPlayer | None = None

    @property
    def team_ids(self) -> set[int]:
        return {team.pk for team in self.teams}

    @property
    def any(self) -> bool:
        return self.organiser or bool(self.teams) or self.player is not None


def acts_for_team(user, team: DraftTeam) -> bool:
    """Whether ``user`` acts for the team (its organisation or a consortium partner)."""
    return acts_for(user, team)


def roles_of(user, event: DraftEvent) -> Roles:
    return Roles(
        organiser=organizes(user, event),
        teams=list(teams_of(user, event).order_by("organization__name", "pk")),
        player=player_of(user, event),
    )


def get_run(event: DraftEvent, number) -> DraftRun:
    """The event's run by its number, or 404."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(
        DraftRun.objects.select_related("event", "created_by"), event=event, number=number
    )


def get_nomination_for_user(user, pk) -> tuple[Nomination, Roles]:
    """The nomination and the user's roles in its event, or 404 for anyone it does not concern."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    nomination = get_object_or_404(
        Nomination.objects.with_run("run__event__organizer", "team__organization", "player__talent"),
        pk=pk,
    )
    roles = roles_of(user, nomination.run.event)
    concerned = (
        roles.organiser
        or nomination.team_id in roles.team_ids
        or (roles.player is not None and roles.player.pk == nomination.player_id)
    )
    if not concerned:
        raise Http404
    return nomination, roles
