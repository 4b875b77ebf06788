"""A player: a talent's own entry in an event, and when a player may enter, change their pitch or
withdraw. (The players' list is for the organiser and the event's teams.)"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..models import DraftEvent, DraftPlayer, Nomination
from .events import as_id, entry_open, preferences_open


def player_of(user, event: DraftEvent) -> DraftPlayer | None:
    """The user's own entry in ``event``, or ``None``."""
    if not getattr(user, "is_authenticated", False):
        return None
    return DraftPlayer.objects.filter(event=event, talent__user=user).select_related("talent").first()


def get_player(event: DraftEvent, player_pk) -> DraftPlayer:
    """The event's player, or 404."""
    player_pk = as_id(player_pk)
    return get_object_or_404(DraftPlayer.objects.select_related("talent", "event"), event=event, pk=player_pk)


def entry_refusal(event: DraftEvent) -> str | None:
    """Why nobody may enter ``event`` today, or ``None`` during the entry period."""
    if not entry_open(event):
        return _("エントリーの受付期間ではありません。")
    return None


def pitch_change_refusal(event: DraftEvent) -> str | None:
    """Why a player may no longer change their pitch (the preference deadline passed), or ``None``.
    Whether the results page shows their name changes at any time."""
    if not preferences_open(event):
        return _(
            "希望リストの締切を過ぎたため、自己アピールは変更できません。表示名の公開は引き続き変更できます。"
        )
    return None


def withdrawal_refusal(player: DraftPlayer, *, event: DraftEvent | None = None) -> str | None:
    """Why ``player`` may not withdraw now, or ``None``: the preference deadline has passed, or a
    nomination names them."""
    event = event or player.event
    if not preferences_open(event):
        return _(
            "希望リストの締切を過ぎたため、エントリーは取り消せません。締切後の辞退は主催者にご連絡ください。"
        )
    if Nomination.objects.filter(player=player).exists():
        return _(
            "指名を受けているため、エントリーは取り消せません。"
            "指名を受けるかどうかは、指名の一覧で回答してください。"
        )
    return None
