"""Texts about an event's dates, shared by pages, notifications and refusals.

Dates go through :mod:`duallife.core.formats`, so they come out in the reader's language.
"""

from __future__ import annotations

from duallife.core.formats import format_date, format_datetime, format_time, tokyo_time

from .models import DraftCamp, DraftEvent


def schedule_text(event: DraftEvent) -> str:
    """The schedule, one step a line (what a notification of a new schedule repeats)."""
    return (
        f"エントリー受付：{format_date(event.entry_opens_on)}〜{format_date(event.entry_closes_on)}\n"
        f"希望リストの締切：{format_datetime(event.preferences_deadline)}\n"
        f"指名日：{format_date(event.nomination_on)}\n"
        f"交渉期間：{format_date(event.nomination_on)}〜{format_date(event.negotiation_until)}"
    )


def messaging_period(event: DraftEvent) -> str:
    """When teams and players may write: 「2027年1月10日から2027年3月31日まで」."""
    return f"{format_date(event.entry_opens_on)}から{format_date(event.negotiation_until)}まで"


def camp_when(camp: DraftCamp) -> str:
    """「2027年3月5日 13:00〜17:00（オンライン）」 (the end's day too when it is another day)."""
    start, end = tokyo_time(camp.starts_at), tokyo_time(camp.ends_at)
    until = format_time(camp.ends_at) if start.date() == end.date() else format_datetime(camp.ends_at)
    return f"{format_datetime(camp.starts_at)}〜{until}（{camp.get_mode_display()}）"
