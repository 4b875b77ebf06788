"""Nomination runs are the organiser's: they happen after the preference deadline, from the
nomination day to the end of the negotiation window (ADR 0010). A run is looked up by its number
within its event only (another number is a 404)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from duallife.core.formats import format_date

from ..models import DraftEvent, DraftRun
from .events import as_id, negotiation_open, nomination_day_reached, preferences_open


def run_refusal(event: DraftEvent) -> str | None:
    """Why no run may happen today, or ``None`` (the schedule only; the organiser check and what
    is left to nominate are the service's)."""
    if preferences_open(event):
        return _("希望リストの締切前は指名を実行できません。締切後に実行してください。")
    if not nomination_day_reached(event):
        return _("指名は指名日（%(date)s）から実行できます。") % {"date": format_date(event.nomination_on)}
    if not negotiation_open(event):
        return _("交渉期間が終わったため、指名は実行できません（選手が回答できないため）。")
    return None


def get_run(event: DraftEvent, number) -> DraftRun:
    """The event's run by its number, or 404."""
    number = as_id(number)
    return get_object_or_404(
        DraftRun.objects.select_related("event", "created_by"), event=event, number=number
    )
