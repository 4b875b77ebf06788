"""Background work of engagements. Each task calls one service and is safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(name="engagements.expire_scouts")
def expire_scouts() -> int:
    """Pending scouts past their answer date become expired; senders are told. Daily."""
    from .services.scouts import scouts_expire

    return scouts_expire(now=timezone.now())


@shared_task(name="engagements.process_checkins")
def process_checkins() -> dict:
    """Start contracts whose first day has come, ask for due check-ins, alert coordinators of
    missed or worrying ones. Daily."""
    from .services.contracts import checkins_process_due

    return checkins_process_due(today=timezone.localdate())


@shared_task(name="engagements.purge_consent_records")
def purge_consent_records() -> int:
    """Delete provision records older than their three-year retention. Daily."""
    from .services.consent import consents_purge_expired

    return consents_purge_expired(today=timezone.localdate())
