"""Background work of the content app (Celery beat)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="content.purge_inquiries")
def purge_inquiries() -> int:
    """Daily: delete the inquiries answered more than three years ago."""
    from .services import inquiries_purge

    return inquiries_purge()
