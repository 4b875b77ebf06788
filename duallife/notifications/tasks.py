"""Background work of notifications. Each task is safe to run twice.

A task imports its service inside the function: services queue tasks (``on_commit``), so the
task module is imported by them, never the other way round at import time.
"""

from __future__ import annotations

import smtplib

from celery import shared_task

MAX_RETRIES = 5


@shared_task(name="notifications.send_notification_email", bind=True, max_retries=MAX_RETRIES)
def send_notification_email(self, notification_id: int) -> bool:
    """Email one notification (once: a second run finds it already sent).

    A mail server that is down or refuses is retried with growing pauses (2, 4, 8… minutes) when
    a worker runs the task; run eagerly (development, tests) the error is raised to the caller,
    which ``notify`` queued with ``robust=True``, so it is only logged.
    """
    from .services import notification_email_send

    try:
        return notification_email_send(notification_id=notification_id)
    except (smtplib.SMTPException, OSError) as exc:
        if self.request.is_eager:
            raise
        raise self.retry(exc=exc, countdown=120 * 2**self.request.retries) from exc


@shared_task(name="notifications.send_owed_emails")
def send_owed_emails() -> int:
    """Every few minutes: send the emails still owed (a broker that was down lost their task)."""
    from .services import notification_emails_send_due

    return notification_emails_send_due()
