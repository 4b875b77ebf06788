"""Who may do what with a draft's camps (合宿), on top of :mod:`.permissions`.

A camp is public; registering is for the event's players (as themselves) and the members of its
teams (for their team); the organiser creates camps, sees the registrants and records attendance.
A camp id outside the event answers 404.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import DraftCamp, DraftEvent
from .permissions import player_of, teams_of


def get_camp(event: DraftEvent, camp_pk) -> DraftCamp:
    """The event's camp, or 404 (an id that is not a positive integer is a 404 too)."""
    try:
        camp_pk = int(camp_pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(DraftCamp.objects.select_related("event"), event=event, pk=camp_pk)


def may_register(user, event: DraftEvent) -> bool:
    """A player of the event, or a member of one of its teams."""
    return player_of(user, event) is not None or teams_of(user, event).exists()
