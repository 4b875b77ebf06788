"""Who takes part in a draft's message thread between a team and a player.

- ``"player"``: the player themself (writes as the player);
- ``"team"``: a member of the team's organisation (writes for the team);
- ``"organizer"``: the event's organiser and operators, who may read a thread but not write in it.

Anyone else has no side (the page answers 403).
"""

from __future__ import annotations

from typing import Literal

from .membership import acts_for
from .models import DraftPlayer, DraftTeam
from .permissions import organizes

Side = Literal["player", "team", "organizer"]


def is_team_member(user, team: DraftTeam) -> bool:
    return acts_for(user, team)


def writer_side(user, team: DraftTeam, player: DraftPlayer) -> Literal["player", "team"] | None:
    """The side ``user`` writes for in the thread of ``team`` and ``player``, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    if player.talent.user_id == user.pk:
        return "player"
    if is_team_member(user, team):
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
