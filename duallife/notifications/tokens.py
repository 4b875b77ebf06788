"""Unsubscribe tokens: a signed (user id, kind) pair that turns one kind of email off.

The token is the whole capability, so the link works without logging in — from a phone's mail
app, or by a mail provider's one-click POST (RFC 8058). It is signed with ``SECRET_KEY`` and a
salt used for nothing else, so no other signed value of the site can pass for one, and it cannot
be altered to name another user or kind. It carries no expiry: an old email's link still works.
Rotating ``SECRET_KEY`` invalidates every link (the page then explains how to change settings
after logging in).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.translation import gettext as _

from .errors import UnsubscribeTokenError
from .models import Kind

SALT = "duallife.notifications.unsubscribe"
#: Longer than any token we make; anything longer is refused before checking the signature.
TOKEN_MAX_CHARS = 300


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def unsubscribe_token(*, user, kind: str) -> str:
    """The token of ``user``'s emails of ``kind`` (the same every time: no timestamp)."""
    if kind not in Kind.values:
        raise ValueError(f"unsubscribe_token: unknown kind {kind!r}")
    return _signer().sign_object({"u": user.pk, "k": kind}, compress=False)


def unsubscribe_token_read(token: str):
    """The ``(user, kind)`` a token names, or :class:`UnsubscribeTokenError` with a Japanese message."""
    invalid = UnsubscribeTokenError(
        _("このリンクは正しくないか、使えなくなっています。メールのリンクを最後まで開いたかご確認ください。")
    )
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX_CHARS:
        raise invalid
    try:
        data = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise invalid from None
    if not isinstance(data, dict):
        raise invalid
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or kind not in Kind.values:
        raise invalid
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise invalid
    return user, kind
