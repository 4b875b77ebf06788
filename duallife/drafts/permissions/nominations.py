"""Who may see a nomination and what each side may do with it.

A nomination is known to its player, the people acting for its team and the organiser; to anyone
else it is a 404. The player answers it from the nomination day to the end of the negotiation
window; the team (or the organiser) writes its message until the window ends; the outcome of an
accepted one is recorded by the team or the organiser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from duallife.core.formats import format_date

from ..models import DraftEvent, DraftPlayer, DraftTeam, Nomination
from .events import as_id, negotiation_open, nomination_day_reached, organizes
from .messages import messaging_open
from .players import player_of
from .teams import acts_for, teams_of


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


def roles_of(user, event: DraftEvent) -> Roles:
    return Roles(
        organiser=organizes(user, event),
        teams=list(teams_of(user, event).order_by("organization__name", "pk")),
        player=player_of(user, event),
    )


def get_nomination_for_user(user, pk) -> tuple[Nomination, Roles]:
    """The nomination and the user's roles in its event, or 404 for anyone it does not concern."""
    pk = as_id(pk)
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


def answer_refusal(user, nomination: Nomination, *, event: DraftEvent | None = None) -> str | None:
    """Why ``user`` may not accept or decline ``nomination`` now, or ``None`` (its player loaded;
    ``event``: the nomination's, when the caller has it already)."""
    if nomination.player.talent.user_id != getattr(user, "pk", None):
        return _("指名に回答できるのは、指名された本人だけです。")
    if nomination.status != Nomination.Status.PENDING:
        return _("この指名には、すでに回答しています。")
    event = event or nomination.run.event
    if not nomination_day_reached(event):
        return _(
            "回答は、指名日（%(date)s）から受け付けます。指名日に結果が発表されてから回答してください。"
        ) % {"date": format_date(event.nomination_on)}
    if not negotiation_open(event):
        return _("交渉期間が終わったため、回答できません。主催者にご相談ください。")
    return None


def nomination_message_refusal(user, nomination: Nomination) -> str | None:
    """Why ``user`` may not write the team's message to the player now, or ``None``."""
    event = nomination.run.event
    if not (acts_for(user, nomination.team) or organizes(user, event)):
        return _("チームからのメッセージを書けるのは、指名したチームのメンバーと主催者です。")
    if not negotiation_open(event):
        return _("交渉期間が終わったため、メッセージは変更できません。")
    return None


def outcome_refusal(user, nomination: Nomination) -> str | None:
    """Why ``user`` may not record what came of ``nomination``, or ``None``."""
    if not (organizes(user, nomination.run.event) or acts_for(user, nomination.team)):
        return _("その後の状況を記録できるのは、主催者・事務局・指名したチームです。")
    if nomination.status != Nomination.Status.ACCEPTED:
        return _("その後の状況は、受諾された指名にだけ記録できます。")
    return None


def question_refusal(user, nomination: Nomination) -> str | None:
    """Why ``user`` may not ask the nominating team a question from the nomination page now, or
    ``None``: the nominated player, while the nomination waits for their answer and the event's
    messages are open (the question joins the team and player's message thread)."""
    if nomination.player.talent.user_id != getattr(user, "pk", None):
        return _("指名についてチームに質問できるのは、指名された本人だけです。")
    if nomination.status != Nomination.Status.PENDING:
        return _("回答した指名の相談は、チームとのメッセージで続けてください。")
    if not messaging_open(nomination.run.event):
        return _("交渉期間が終わったため、質問は送れません。")
    return None
