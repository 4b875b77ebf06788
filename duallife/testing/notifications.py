"""Reading notifications in tests as a person reads them: worded in Japanese (the default)."""

from __future__ import annotations

from django.utils import translation

from duallife.notifications.models import Notification


def told(*, title: str = "", body: str = "", **where) -> list[Notification]:
    """Notifications matching ``where`` whose Japanese title and body contain ``title``/``body``."""
    with translation.override("ja"):
        return [
            n
            for n in Notification.objects.filter(**where).order_by("pk")
            if title in n.title and body in n.body
        ]
