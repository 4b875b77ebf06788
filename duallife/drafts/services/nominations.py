"""After a run: the player's answer, the team's message to the player, and what came of it.

- :func:`nomination_respond`: the nominated player accepts or declines, from the nomination day to
  the end of the negotiation window; the nominating team hears the answer;
- :func:`nomination_message_save`: the nominating team (or the organiser) writes the message shown
  with the nomination, until the window ends; the player hears about a new one;
- :func:`nomination_question_ask`: the nominated player asks the nominating team a question from
  the nomination page while it waits for their answer; it is a message of the team and player's
  thread (:mod:`.messages`), which the team answers there and both read;
- :func:`nomination_outcome_record`: what came of an accepted nomination (moved, dual life, side
  job, none), by the organiser or the nominating team — the figures later KPIs read.

Notices are sent inside each transaction (a rolled-back action leaves none; ``notify`` queues the
emails for after the commit) and name players by their display name only. Each raises
:class:`~duallife.drafts.errors.DraftError` with a message in the user's language and saves nothing
when refused. Notifications are :class:`~duallife.core.texts.Text`, worded when read.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from ..errors import DraftError
from ..links import nominations_url
from ..models import DraftMessage, Nomination
from ..permissions.nominations import (
    answer_refusal,
    nomination_message_refusal,
    outcome_refusal,
    question_refusal,
)
from ..selectors.teams import team_members
from .messages import draft_message_post

MESSAGE_MAX = 1000
OUTCOME_NOTE_MAX = 300


def nomination_respond(*, nomination: Nomination, by, accept: bool) -> Nomination:
    """The nominated talent accepts or declines, within the negotiation window (from the
    nomination day, when the results are announced, to its last day)."""
    with transaction.atomic():
        locked = (
            Nomination.objects.select_for_update()
            .with_run("player__talent", "run__event")
            .get(pk=nomination.pk)
        )
        refusal = answer_refusal(by, locked)
        if refusal:
            raise DraftError(refusal)
        locked.status = Nomination.Status.ACCEPTED if accept else Nomination.Status.DECLINED
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "responded_at"])
        _notify_answer(locked)
    return locked


def nomination_question_ask(*, nomination: Nomination, by, body: str) -> DraftMessage:
    """The nominated player asks the nominating team a question before answering; the team's
    members hear about it (as with every message of the thread) and answer in the thread."""
    refusal = question_refusal(by, nomination)
    if refusal:
        raise DraftError(refusal)
    return draft_message_post(
        event=nomination.run.event, team=nomination.team, player=nomination.player, by=by, body=body
    )


def nomination_outcome_record(*, nomination: Nomination, by, outcome: str, note: str = "") -> Nomination:
    """What came of a nomination (moved, dual life, side job, none), recorded by the organiser or
    the nominating team — the figures later KPIs read."""
    if outcome not in Nomination.Outcome.values:
        raise DraftError(_("その後の状況は、移住・二地域居住・副業・協業・なしから選んでください。"))
    note = (note or "").strip()
    if len(note) > OUTCOME_NOTE_MAX:
        raise DraftError(_("メモは%(max)d文字以内で入力してください。") % {"max": OUTCOME_NOTE_MAX})
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().with_run("run__event", "team").get(pk=nomination.pk)
        refusal = outcome_refusal(by, locked)
        if refusal:
            raise DraftError(refusal)
        locked.outcome, locked.outcome_note, locked.outcome_recorded_at = outcome, note, timezone.now()
        locked.save(update_fields=["outcome", "outcome_note", "outcome_recorded_at"])
    return locked


def nomination_message_save(*, nomination: Nomination, by, message: str) -> Nomination:
    """The nominating team's message to the player (the team's members or the organiser), until
    the negotiation window ends; an empty message removes it. The player hears about a new one."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise DraftError(_("メッセージは%(max)d文字以内で入力してください。") % {"max": MESSAGE_MAX})
    with transaction.atomic():
        locked = (
            Nomination.objects.select_for_update()
            .with_run("run__event", "team__organization")
            .get(pk=nomination.pk)
        )
        refusal = nomination_message_refusal(by, locked)
        if refusal:
            raise DraftError(refusal)
        changed = locked.message != message
        locked.message = message
        locked.save(update_fields=["message"])
        if changed and message:
            _notify_message(locked)
    return locked


# --- who hears about what ------------------------------------------------------------------------


def _notify_answer(answered: Nomination) -> None:
    """The people acting for the nominating team hear the player's answer."""
    nomination = Nomination.objects.with_run("run__event", "team__organization", "player__talent").get(
        pk=answered.pk
    )
    name = nomination.player.talent.display_name
    event = nomination.run.event
    team = nomination.team.organization.name
    if nomination.status == Nomination.Status.ACCEPTED:
        title = Text(gettext_lazy("%(name)sさんが指名を受諾しました"), name=name)
        body = Text(
            gettext_lazy(
                "「%(event)s」で%(team)sが指名した%(name)sさんが、指名を受諾しました。"
                "メッセージで今後の進め方を相談しましょう。"
            ),
            event=event.name,
            team=team,
            name=name,
        )
    elif nomination.status == Nomination.Status.DECLINED:
        title = Text(gettext_lazy("%(name)sさんが指名を辞退しました"), name=name)
        body = Text(
            gettext_lazy("「%(event)s」で%(team)sが指名した%(name)sさんが、指名を辞退しました。"),
            event=event.name,
            team=team,
            name=name,
        )
    else:
        return
    url = nominations_url(event.pk)
    for user in team_members(nomination.team):
        notify(user=user, kind=Kind.DRAFT, title=title, body=body, url=url)


def _notify_message(written: Nomination) -> None:
    """The nominated player hears that the team wrote them a message."""
    nomination = Nomination.objects.with_run("run__event", "team__organization", "player__talent__user").get(
        pk=written.pk
    )
    user = nomination.player.talent.user
    if not user.is_active:
        return
    notify(
        user=user,
        kind=Kind.DRAFT,
        title=Text(
            gettext_lazy("%(team)sからメッセージが届きました"), team=nomination.team.organization.name
        ),
        body=Text(
            gettext_lazy("「%(event)s」の指名に、チームからのメッセージが届きました。"),
            event=nomination.run.event.name,
        ),
        url=nominations_url(nomination.run.event_id),
    )
