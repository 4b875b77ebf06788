"""Background work of recommendations. Each task calls one service and is safe to run twice.

A task imports its service inside the function: services queue tasks (``on_commit``), so the
task module is imported by them, never the other way round at import time.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(name="recommendations.refresh_talent")
def refresh_talent_recommendations(talent_id: int) -> int:
    """After a profile changes (queued after commit)."""
    from .services.recommendations import recommendations_refresh_talent

    report = recommendations_refresh_talent(talent_id=talent_id)
    return report.own + report.elsewhere


@shared_task(name="recommendations.refresh_sheet")
def refresh_sheet_recommendations(sheet_id: int) -> int:
    """After a sheet is published, changed or closed (queued after commit)."""
    from .services.recommendations import recommendations_refresh_sheet

    report = recommendations_refresh_sheet(sheet_id=sheet_id)
    return report.own + report.elsewhere


@shared_task(name="recommendations.rebuild_all")
def rebuild_all_recommendations() -> int:
    """Nightly: every list from scratch, with the day's applicant counts. Scheduled in settings."""
    from .services.recommendations import recommendations_rebuild_all

    report = recommendations_rebuild_all()
    return report.sheet_entries + report.talent_entries


@shared_task(name="recommendations.send_weekly_digests")
def send_weekly_digests() -> int:
    """Weekly (Monday morning, Japan time): the digests of new matches. A second run in the same
    week sends nothing. Scheduled in settings; ``duallife send-digests`` does the same from cron."""
    from .services.digests import digests_send_weekly

    return digests_send_weekly(now=timezone.now()).sent
