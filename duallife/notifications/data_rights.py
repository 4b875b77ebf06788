"""Data rights of notifications: what the account export holds, and what deleting an account erases.

The export's ``notifications`` section has every notification of the person (with read and email
times) and their email choices. Deleting the account deletes both: the user row stays, anonymised,
so ``CASCADE`` alone would keep them.
"""

from __future__ import annotations

from duallife.core.data_rights import erase_step, export_section
from duallife.notifications.models import EmailPreference, Kind, Notification


@export_section("notifications")
def export_notifications(user) -> dict:

    notifications = Notification.objects.filter(user=user).order_by("created_at", "pk")
    preferences = EmailPreference.objects.filter(user=user).order_by("kind")
    labels = dict(Kind.choices)
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "lines": [{"text": line.text, "url": line.url} for line in n.lines],
                "url": n.url,
                "created_at": n.created_at,
                "read_at": n.read_at,
                "emailed_at": n.emailed_at,
            }
            for n in notifications
        ],
        "email_preferences": [
            {
                "kind": p.kind,
                "label": str(labels.get(p.kind, p.kind)),
                "email": p.email,
                "updated_at": p.updated_at,
            }
            for p in preferences
        ],
    }


@erase_step("notifications")
def erase_notifications(user) -> None:

    Notification.objects.filter(user=user).delete()
    EmailPreference.objects.filter(user=user).delete()
