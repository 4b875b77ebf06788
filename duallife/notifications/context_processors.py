"""The unread count in the header, for logged-in users.

Lazy: the one count query runs only when a template shows it (full pages do, htmx partials that
do not extend ``base.html`` don't).
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread_notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
