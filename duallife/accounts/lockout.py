"""django-axes under allauth: which login a failed attempt counts against.

allauth authenticates with ``email=…`` (its form field is ``login``); Django's own forms use
``username``. Axes locks per (this value, IP address): see ``AXES_LOCKOUT_PARAMETERS``.
"""

from __future__ import annotations


def username_from_request(request, credentials: dict | None) -> str:
    credentials = credentials or {}
    post = getattr(request, "POST", {}) if request is not None else {}
    for value in (
        credentials.get("email"),
        post.get("login"),
        post.get("email"),
        credentials.get("username"),
        post.get("username"),
    ):
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return ""


def lockout_response(request, original_response=None, credentials=None):
    """The Japanese lockout page, status 429 (``AXES_LOCKOUT_CALLABLE``)."""
    from django.conf import settings
    from django.shortcuts import render

    cooloff = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cooloff.total_seconds() // 60)) if cooloff else None
    return render(
        request,
        "account/lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
