"""Who may do what with a draft's camps (合宿).

A camp is public; registering is for the event's players (as themselves) and the people acting
for its teams (for their team), before the camp starts and while seats are left; the organiser
creates, changes and cancels camps before they start, sees the registrants and records
attendance once a camp has started. A camp id outside the event answers 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CampRegistration, DraftCamp, DraftEvent, DraftTeam
from ..selectors.camps import seats_taken
from .events import as_id
from .players import player_of
from .teams import teams_of


def get_camp(event: DraftEvent, camp_pk) -> DraftCamp:
    """The event's camp, or 404 (an id that is not a positive integer is a 404 too)."""
    camp_pk = as_id(camp_pk)
    return get_object_or_404(DraftCamp.objects.select_related("event"), event=event, pk=camp_pk)


def camp_started(camp: DraftCamp, *, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) >= camp.starts_at


def may_register(user, event: DraftEvent) -> bool:
    """A player of the event, or someone acting for one of its teams."""
    return player_of(user, event) is not None or teams_of(user, event).exists()


@dataclass(frozen=True)
class Refusal:
    """Why something may not be done: ``code`` for a page that explains it in its own words,
    ``message`` (in the reader's language) for everyone else."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def camp_registration_refusal(user, camp: DraftCamp, *, team: DraftTeam | None = None) -> Refusal | None:
    """Why ``user`` may not take a seat at ``camp`` — as a player, or for ``team`` — or ``None``.

    ``login``: not signed in; ``not_team_member``: ``team`` is not one of the event's teams they act
    for; ``not_participant``: neither a player nor acting for a team; ``started``; ``registered``:
    they hold a seat already; ``full``. The service asks under its lock on the camp, so the count
    of seats it reads is the one it writes against."""
    if not getattr(user, "is_authenticated", False):
        return Refusal("login", _("参加登録するには、ログインしてください。"))
    event = camp.event
    if team is not None:
        if team.event_id != camp.event_id or not teams_of(user, event).filter(pk=team.pk).exists():
            return Refusal(
                "not_team_member", _("チームとして参加登録できるのは、そのチームのメンバーだけです。")
            )
    elif not may_register(user, event):
        return Refusal(
            "not_participant",
            _("合宿に参加登録できるのは、このドラフト会議の選手と、参加チームのメンバーです。"),
        )
    if camp_started(camp):
        return Refusal("started", _("この合宿はすでに始まっているため、参加登録は締め切りました。"))
    if CampRegistration.objects.filter(camp=camp, user=user).exists():
        return Refusal("registered", _("この合宿には、すでに参加登録しています。"))
    if seats_taken(camp) >= camp.capacity:
        return Refusal("full", _("この合宿は満席のため、参加登録できません。"))
    return None


def camp_edit_refusal(camp: DraftCamp) -> str | None:
    """Why ``camp`` may no longer be changed (it started), or ``None``."""
    if camp_started(camp):
        return _("始まった合宿は変更できません。")
    return None
