"""Preference lists (希望リスト): a player's list is theirs alone; a team's is written by the people
acting for the team and read by the organiser. Every list locks at the preference deadline."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import DraftEvent
from .events import preferences_open


def choices_refusal(event: DraftEvent) -> str | None:
    """Why the event's lists may not change any more (the deadline passed), or ``None``."""
    if not preferences_open(event):
        return _("希望リストは締切を過ぎたため変更できません。")
    return None
