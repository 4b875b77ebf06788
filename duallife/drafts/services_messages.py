"""Messages between a draft's team and one of its players (one thread per pair).

``draft_message_post`` writes one message, from the team (a member of its organisation) or from the
player themself, while the event runs — from the day entry opens to the last day of the negotiation
window — and tells the other side (the player, or every member of the team's organisation but the
writer) with a link to the thread. The product shows a talent only by display name here; what a
player types is theirs to share.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import User
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from .membership import team_members
from .models import DraftEvent, DraftMessage, DraftPlayer, DraftTeam
from .permissions_messages import writer_side
from .services import DraftError

BODY_MAX = 2000
#: How much of a message a notification repeats.
NOTICE_BODY_CHARS = 200


def thread_url(event_id: int, team_id: int, player_id: int) -> str:
    return reverse("drafts:thread", args=[event_id, team_id, player_id])


def _jp_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def messaging_open(event: DraftEvent, today: datetime.date | None = None) -> bool:
    """Whether teams and players may write: from the entry opening to the negotiation window's end."""
    today = today or timezone.localdate()
    return event.entry_opens_on <= today <= event.negotiation_until


def messaging_period(event: DraftEvent) -> str:
    """「2027年1月10日から2027年3月31日まで」."""
    return f"{_jp_date(event.entry_opens_on)}から{_jp_date(event.negotiation_until)}まで"


def _team_members(team: DraftTeam) -> list[User]:
    return team_members(team)


def _notify_other_side(
    message: DraftMessage, *, event: DraftEvent, team: DraftTeam, player: DraftPlayer, by
) -> None:
    url = thread_url(event.pk, team.pk, player.pk)
    body = message.body[:NOTICE_BODY_CHARS]
    if message.from_team:
        recipient = player.talent.user
        if recipient.is_active:
            notify(
                user=recipient,
                kind=Kind.DRAFT,
                title=f"ドラフト会議「{event.name}」: {team.organization.name}からメッセージが届きました",
                body=body,
                url=url,
            )
        return
    for user in _team_members(team):
        if user.pk == by.pk:
            continue
        notify(
            user=user,
            kind=Kind.DRAFT,
            title=f"ドラフト会議「{event.name}」: {player.talent.display_name}さんからメッセージが届きました",
            body=body,
            url=url,
        )


def draft_message_post(
    *, event: DraftEvent, team: DraftTeam, player: DraftPlayer, by, body: str
) -> DraftMessage:
    """``by`` writes in the thread of ``team`` and ``player`` (both of ``event``)."""
    if team.event_id != event.pk or player.event_id != event.pk:
        raise DraftError("メッセージは、同じドラフト会議のチームと選手の間でだけ送れます。")
    side = writer_side(by, team, player)
    if side is None:
        raise DraftError("このやりとりにメッセージを送れるのは、選手本人とチームのメンバーだけです。")
    body = (body or "").strip()
    if not body:
        raise DraftError("メッセージを入力してください。")
    if len(body) > BODY_MAX:
        raise DraftError(f"メッセージは{BODY_MAX:,}文字以内で入力してください（いま{len(body):,}文字）。")
    if not messaging_open(event):
        raise DraftError(
            f"メッセージを送れるのは、このドラフト会議の期間中（{messaging_period(event)}）だけです。"
        )
    with transaction.atomic():
        message = DraftMessage.objects.create(
            event=event, team=team, player=player, from_team=side == "team", author=by, body=body
        )
        _notify_other_side(message, event=event, team=team, player=player, by=by)
    return message
