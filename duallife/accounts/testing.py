"""Helpers for tests across apps: users as allauth sees them, and staff with MFA on.

from duallife.accounts.testing import make_user, with_totp
coordinator = with_totp(make_user("pref@example.jp"))   # may open personal-data pages
client.force_login(coordinator)                          # not client.login(): see settings
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from .models import User

DEFAULT_PASSWORD = "correct-horse-battery-staple-42"


def make_user(email: str, *, password: str = DEFAULT_PASSWORD, verified: bool = True, **fields) -> User:
    """A user with ``email`` as their allauth address (verified unless told otherwise)."""
    user = User.objects.create_user(username=email, email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def with_totp(user: User) -> User:
    """Turn on an authenticator app for ``user`` (as if they had scanned the QR code)."""
    TOTP.activate(user, generate_totp_secret())
    return user
