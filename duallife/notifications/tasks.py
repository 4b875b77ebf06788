"""Background work of notifications. Each task is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from .services import notification_email_send


@shared_task(name="notifications.send_notification_email")
def send_notification_email(notification_id: int) -> bool:
    """Email one notification (once: a second run finds it already sent)."""
    return notification_email_send(notification_id=notification_id)
