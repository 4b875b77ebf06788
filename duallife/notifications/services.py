"""Telling people things: one in-app notification, and an email unless they turned it off."""

from __future__ import annotations

from django.db import transaction

from .models import EmailPreference, Kind, Notification

TITLE_MAX = 200


def email_wanted(*, user, kind: str) -> bool:
    """Whether ``user`` gets emails of ``kind`` (default: yes; never without a usable address)."""
    if not user.is_active or not user.email:
        return False
    preference = EmailPreference.objects.filter(user=user, kind=kind).values_list("email", flat=True).first()
    return True if preference is None else preference


def notify(*, user, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    """Write a notification for ``user`` and queue its email after the transaction commits.

    ``title`` and ``body`` are plain text in Japanese; ``url`` a path on this site (no host).
    """
    if kind not in Kind.values:
        raise ValueError(f"notify: unknown kind {kind!r}")
    notification = Notification.objects.create(
        user=user, kind=kind, title=title[:TITLE_MAX], body=body, url=url
    )
    if email_wanted(user=user, kind=kind):
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def notification_email_send(*, notification_id: int) -> bool:
    """Send the email of one notification, once. Returns whether an email went out."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils import timezone

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("user").filter(pk=notification_id).first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        if not email_wanted(user=notification.user, kind=notification.kind):
            return False
        link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
        send_mail(
            subject=f"[デュアルライフ東北] {notification.title}",
            message="\n\n".join(part for part in (notification.body, link) if part),
            from_email=None,
            recipient_list=[notification.user.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        return True
