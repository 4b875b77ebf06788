"""Who is who in a draft event, decided in one place.

- the **organiser**: members of the event's organising body, and operators (:func:`organizes`);
- a **team**: the event's :class:`DraftTeam` rows whose organisation the user is a member of
  (:func:`teams_of`; a person may act for more than one);
- a **player**: the user's own :class:`DraftPlayer` entry (:func:`player_of`).

Players' pitches and display names are shown to the organiser and the event's teams only
(:func:`can_see_players`); a talent's contact details are never shown anywhere in a draft.
Lookups by id answer 404 for anything outside the event, so that ids do not leak.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from .membership import teams_acted_for
from .models import DraftEvent, DraftPlayer, DraftTeam
from .services import can_organize


def organizes(user, event: DraftEvent) -> bool:
    return can_organize(user, event)


def teams_of(user, event: DraftEvent):
    """The event's teams the user acts for, as a member of the lead organisation or of a
    consortium partner (empty for anonymous users)."""
    return teams_acted_for(user, event)


def player_of(user, event: DraftEvent) -> DraftPlayer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return DraftPlayer.objects.filter(event=event, talent__user=user).select_related("talent").first()


def can_see_players(user, event: DraftEvent) -> bool:
    return organizes(user, event) or teams_of(user, event).exists()


def get_event(pk) -> DraftEvent:
    """The event, or 404 (any id that is not a positive integer is a 404 too)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(DraftEvent.objects.select_related("organizer"), pk=pk)


def get_team(event: DraftEvent, team_pk) -> DraftTeam:
    try:
        team_pk = int(team_pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(
        DraftTeam.objects.select_related("organization", "event"), event=event, pk=team_pk
    )


def get_player(event: DraftEvent, player_pk) -> DraftPlayer:
    try:
        player_pk = int(player_pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(DraftPlayer.objects.select_related("talent", "event"), event=event, pk=player_pk)
