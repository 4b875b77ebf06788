"""Who takes part in a draft's message thread between a team and a player, and when.

- ``"player"``: the player themself (writes as the player);
- ``"team"``: someone acting for the team (writes for the team);
- ``"organizer"``: the event's organiser and operators, who may read a thread but not write in it.

Anyone else has no side (the page answers 403). Teams and players write from the day entry opens
to the last day of the negotiation window.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.utils import timezone

from ..models import DraftEvent, DraftPlayer, DraftTeam
from .events import organizes
from .teams import acts_for

Side = Literal["player", "team", "organizer"]


def messaging_open(event: DraftEvent, today: datetime.date | None = None) -> bool:
    """Whether teams and players may write: from the entry opening to the negotiation window's end."""
    today = today or timezone.localdate()
    return event.entry_opens_on <= today <= event.negotiation_until


def writer_side(user, team: DraftTeam, player: DraftPlayer) -> Literal["player", "team"] | None:
    """The side ``user`` writes for in the thread of ``team`` and ``player``, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    if player.talent.user_id == user.pk:
        return "player"
    if acts_for(user, team):
        return "team"
    return None


def thread_side(user, team: DraftTeam, player: DraftPlayer) -> Side | None:
    """The side ``user`` reads the thread from: a writer's side, or the organiser's (read only)."""
    side = writer_side(user, team, player)
    if side is not None:
        return side
    if organizes(user, team.event):
        return "organizer"
    return None
