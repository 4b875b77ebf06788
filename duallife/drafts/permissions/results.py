"""Who sees an event's results: everyone once they are announced — the event has at least one run
and the nomination day has come — and before that only the organiser, as a preview."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..models import DraftEvent
from ..selectors.runs import has_runs
from .events import nomination_day_reached, organizes


def results_announced(event: DraftEvent, *, today: datetime.date | None = None) -> bool:
    """Public once the event has at least one run and the nomination day has come."""
    return nomination_day_reached(event, today=today) and has_runs(event)


@dataclass(frozen=True)
class ResultsAccess:
    visible: bool  # the viewer sees the results
    preview: bool  # ... only because they organise the event (not announced yet)
    announced: bool


def results_access(user, event: DraftEvent, *, today: datetime.date | None = None) -> ResultsAccess:
    announced = results_announced(event, today=today)
    if announced:
        return ResultsAccess(visible=True, preview=False, announced=True)
    preview = organizes(user, event) and has_runs(event)
    return ResultsAccess(visible=preview, preview=preview, announced=False)
