"""Pieces every engagements router shares: the error shape and the mapping of domain errors."""

from __future__ import annotations

from ninja import Status

from duallife.postings.api import ErrorOut, session_auth

from ..errors import EngagementError

__all__ = [
    "AUTH_RESPONSES",
    "MFA_REQUIRED",
    "NOT_FOUND",
    "ErrorOut",
    "domain_error",
    "error",
    "session_auth",
    "staff_without_mfa",
]

AUTH_RESPONSES = {401: ErrorOut, 403: ErrorOut}
MFA_REQUIRED = "個人情報を扱うには、二段階認証の設定が必要です。設定してから、もう一度お試しください。"


def staff_without_mfa(user) -> bool:
    """A coordinator or operator who has not set up MFA yet: refused (403) before personal data."""
    from duallife.accounts.mfa import mfa_setup_required

    return mfa_setup_required(user)


NOT_FOUND = "見つかりません。"


def error(status: int, detail: str, *fields: str) -> Status:
    return Status(status, {"detail": detail, "errors": list(fields)})


def domain_error(exc: EngagementError) -> Status:
    """An :class:`EngagementError` as the API's JSON: 400, 403, 409 or 429 by its kind."""
    return error(exc.status, exc.message, *([exc.field] if exc.field else []))
