"""Messages between a draft's team and one of its players (one thread per pair).

``draft_message_post`` writes one message, from the team (a member of its organisation) or from the
player themself, while the event runs — from the day entry opens to the last day of the negotiation
window — and tells the other side (the player, or every member of the team's organisation but the
writer) with a link to the thread. The product shows a talent only by display name here; what a
player types is theirs to share.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from ..errors import DraftError
from ..links import nomination_url, thread_url
from ..models import DraftEvent, DraftMessage, DraftPlayer, DraftTeam
from ..permissions.messages import messaging_open, writer_side
from ..selectors.nominations import pending_nomination_id
from ..selectors.teams import team_members
from ..texts import messaging_period

BODY_MAX = 2000
#: How much of a message a notification repeats.
NOTICE_BODY_CHARS = 200


def _notify_other_side(
    message: DraftMessage, *, event: DraftEvent, team: DraftTeam, player: DraftPlayer, by
) -> None:
    url = thread_url(event.pk, team.pk, player.pk)
    body = message.body[:NOTICE_BODY_CHARS]
    if message.from_team:
        # a player still deciding on this team's nomination reads the answer where they decide
        pending = pending_nomination_id(team.pk, player.pk)
        url = nomination_url(pending) if pending else url
        recipient = player.talent.user
        if recipient.is_active:
            notify(
                user=recipient,
                kind=Kind.DRAFT,
                title=Text(
                    gettext_lazy("ドラフト会議「%(event)s」: %(team)sからメッセージが届きました"),
                    event=event.name,
                    team=team.organization.name,
                ),
                body=body,
                url=url,
            )
        return
    for user in team_members(team):
        if user.pk == by.pk:
            continue
        notify(
            user=user,
            kind=Kind.DRAFT,
            title=Text(
                gettext_lazy("ドラフト会議「%(event)s」: %(name)sさんからメッセージが届きました"),
                event=event.name,
                name=player.talent.display_name,
            ),
            body=body,
            url=url,
        )


def draft_message_post(
    *, event: DraftEvent, team: DraftTeam, player: DraftPlayer, by, body: str
) -> DraftMessage:
    """``by`` writes in the thread of ``team`` and ``player`` (both of ``event``)."""
    if team.event_id != event.pk or player.event_id != event.pk:
        raise DraftError(_("メッセージは、同じドラフト会議のチームと選手の間でだけ送れます。"))
    side = writer_side(by, team, player)
    if side is None:
        raise DraftError(_("このやりとりにメッセージを送れるのは、選手本人とチームのメンバーだけです。"))
    body = (body or "").strip()
    if not body:
        raise DraftError(_("メッセージを入力してください。"))
    if len(body) > BODY_MAX:
        raise DraftError(
            _("メッセージは%(max)s文字以内で入力してください（いま%(length)s文字）。")
            % {
                "max": number_format(BODY_MAX, force_grouping=True),
                "length": number_format(len(body), force_grouping=True),
            }
        )
    if not messaging_open(event):
        raise DraftError(
            _("メッセージを送れるのは、このドラフト会議の期間中（%(period)s）だけです。")
            % {"period": messaging_period(event)}
        )
    with transaction.atomic():
        message = DraftMessage.objects.create(
            event=event, team=team, player=player, from_team=side == "team", author=by, body=body
        )
        _notify_other_side(message, event=event, team=team, player=player, by=by)
    return message
