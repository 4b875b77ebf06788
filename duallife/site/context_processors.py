"""The header's roles and counts for a signed-in person (``header`` in every template).

Lazy: the queries run only when a template reads it (full pages do, htmx partials that do not
extend ``base.html`` don't), and once per request however often it is read.
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .selectors.navigation import header_counts


def header(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"header": SimpleLazyObject(lambda: header_counts(user))}
