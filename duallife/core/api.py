"""What every app's API router shares: session authentication and the error shape.

The API instance and its one exception handler live in :mod:`duallife.api`, at the top of the
layers; the pieces here sit at the bottom so every app's router can use them. Every error the API
answers is ``{"detail": "<message>", "errors": [<fields at fault>]}``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema, Status
from ninja.errors import HttpError
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf

from .ids import MAX_ID  # the largest id a path or query parameter may carry

__all__ = ["AUTH_RESPONSES", "MAX_ID", "ErrorOut", "error", "session_auth"]


class ErrorOut(Schema):
    detail: str = Field(description="利用者にそのまま見せられる日本語のメッセージ")
    errors: list[str] = Field(default_factory=list, description="問題のあった入力項目")


#: The answers of an endpoint that needs a signed-in user.
AUTH_RESPONSES = {401: ErrorOut, 403: ErrorOut}


def error(status: int, detail: str, *fields: str) -> Status:
    """An error answer built by hand (for refusals that are not a service's domain error)."""
    return Status(status, {"detail": str(detail), "errors": list(fields)})


class SessionCsrfAuth(APIKeyCookie):
    """Django's session, CSRF checked for a logged-in user only (so anonymous callers get 401)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF")
        return user


session_auth = SessionCsrfAuth()
