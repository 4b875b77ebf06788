"""Users as allauth sees them, and staff with MFA on.

from .accounts import make_user, with_totp
coordinator = with_totp(make_user("pref"))   # may open personal-data pages
client.force_login(coordinator)              # not client.login(): see settings
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from duallife.accounts.models import User
from duallife.content.models import TermsConsent
from duallife.content.selectors import terms_in_force

DEFAULT_PASSWORD = "correct-horse-battery-staple-42"


def make_user(
    name: str,
    *,
    signed_up: bool = False,
    password: str | None = None,
    verified: bool | None = None,
    agreed: bool = True,
    **fields,
) -> User:
    """A user called ``name``; their address is ``name`` when it has an @, else ``name@example.jp``.

    No password unless given: tests log in with ``force_login``, and hashing one costs a third of
    a second. ``verified``: also an allauth address, confirmed (True) or not (False).
    ``signed_up=True``: as after signing up and confirming the address, i.e. ``DEFAULT_PASSWORD``
    and a verified allauth address unless ``password`` / ``verified`` say otherwise. Like anyone
    who signed up, they agreed to the terms of use in force, if any are published
    (``agreed=False``: not).
    """
    if signed_up:
        password = password or DEFAULT_PASSWORD
        verified = True if verified is None else verified
    email = name if "@" in name else f"{name}@example.jp"
    user = User.objects.create_user(username=name, email=email, password=password, **fields)
    if verified is not None:
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    terms = terms_in_force() if agreed else None
    if terms is not None:
        TermsConsent.objects.create(user=user, version=terms)
    return user


def with_totp(user: User) -> User:
    """Turn on an authenticator app for ``user`` (as if they had scanned the QR code)."""
    TOTP.activate(user, generate_totp_secret())
    return user


def give_mfa(user: User) -> None:
    """An authenticator row for ``user`` without a usable secret: enough for the staff MFA gate."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "test"})


def confirm_address(user: User, email: str | None = None) -> User:
    """Give ``user`` a confirmed allauth address (``email``, or their account's address)."""
    email = email or user.email
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": email == user.email}
    )
    if not address.verified:
        EmailAddress.objects.filter(pk=address.pk).update(verified=True)
    return user
