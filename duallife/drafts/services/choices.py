"""Preference lists (希望リスト): a player ranks the event's teams, a team ranks its players.

A list is most wanted first; anyone left out is not acceptable; an entry may be a group ranked
equally (a tie), which only an event allowing ties accepts. Saving replaces the whole list, until
the preference deadline. Each raises :class:`~duallife.drafts.errors.DraftError` with a message in
the user's language and saves nothing when refused.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..errors import DraftError
from ..models import DraftEvent, DraftPlayer, DraftTeam, PlayerChoice, TeamChoice
from ..permissions.choices import choices_refusal
from ..permissions.players import player_of
from ..permissions.teams import acts_for

#: The refusals of a list, by what it ranks (one sentence each, worded when raised).
TEAM_LIST_ERRORS = {
    "tie": gettext_lazy("同じ順位のチームがあります。このドラフト会議では、順位をすべて別々にしてください。"),
    "twice": gettext_lazy("同じチームを2回選ぶことはできません。"),
    "unknown": gettext_lazy("このドラフト会議に参加していないチームが含まれています。"),
}
PLAYER_LIST_ERRORS = {
    "tie": gettext_lazy("同じ順位の選手があります。このドラフト会議では、順位をすべて別々にしてください。"),
    "twice": gettext_lazy("同じ選手を2回選ぶことはできません。"),
    "unknown": gettext_lazy("このドラフト会議に参加していない選手が含まれています。"),
}


def _lists_open(event: DraftEvent) -> None:
    refusal = choices_refusal(event)
    if refusal:
        raise DraftError(refusal)


def _save_ranking(
    owner,
    others: list,
    *,
    event: DraftEvent,
    allowed: set[int],
    model,
    owner_field: str,
    other_field: str,
    errors: dict,
):
    """``others``: most wanted first; an entry may be a list (a group ranked equally), which only
    an event allowing ties accepts."""
    groups = [list(entry) if isinstance(entry, (list, tuple)) else [entry] for entry in others]
    groups = [[getattr(o, "pk", o) for o in group] for group in groups if group]
    if any(len(group) > 1 for group in groups) and not event.allow_ties:
        raise DraftError(str(errors["tie"]))
    ids = [i for group in groups for i in group]
    if len(set(ids)) != len(ids):
        raise DraftError(str(errors["twice"]))
    unknown = [i for i in ids if i not in allowed]
    if unknown:
        raise DraftError(str(errors["unknown"]))
    with transaction.atomic():
        # Two saves of one list at once (a double click, two tabs) would each delete the old rows
        # and insert the new ones, and the second insert would break the unique constraint: the
        # owner's row is locked first, so they run one after the other.
        list(type(owner).objects.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True))
        model.objects.filter(**{owner_field: owner}).delete()
        model.objects.bulk_create(
            model(**{owner_field: owner, f"{other_field}_id": other, "rank": position})
            for position, group in enumerate(groups, start=1)
            for other in group
        )


def player_choices_save(*, player: DraftPlayer, by, teams: list) -> None:
    """The teams a player would accept, most wanted first (any left out: not acceptable; a list
    inside the list is a group ranked equally, where the event allows ties). Only the player
    (``by``) writes their list."""
    if player_of(by, player.event) != player:
        raise DraftError(_("この希望リストは、このドラフト会議にエントリーした選手本人だけが使えます。"))
    _lists_open(player.event)
    allowed = set(DraftTeam.objects.filter(event=player.event_id).values_list("pk", flat=True))
    _save_ranking(
        player,
        teams,
        event=player.event,
        allowed=allowed,
        model=PlayerChoice,
        owner_field="player",
        other_field="team",
        errors=TEAM_LIST_ERRORS,
    )


def team_choices_save(*, team: DraftTeam, by, players: list) -> None:
    """The players a team would nominate, most wanted first (any left out: not acceptable). Only
    people acting for the team (``by``) write its list."""
    if not acts_for(by, team):
        raise DraftError(_("チームの希望リストを変えられるのは、そのチームのメンバーだけです。"))
    _lists_open(team.event)
    allowed = set(DraftPlayer.objects.filter(event=team.event_id).values_list("pk", flat=True))
    _save_ranking(
        team,
        players,
        event=team.event,
        allowed=allowed,
        model=TeamChoice,
        owner_field="team",
        other_field="player",
        errors=PLAYER_LIST_ERRORS,
    )
