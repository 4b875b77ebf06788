"""Data rights of the account itself: the user row, addresses, second factors and the log of
staff reads in the export (the registry and the rules for every app's part are in
:mod:`duallife.core.data_rights`)."""

from __future__ import annotations

from duallife.accounts.models import PersonalDataAccess
from duallife.core.data_rights import export_section


@export_section("user")
def export_user(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
    }


@export_section("email_addresses")
def export_email_addresses(user) -> list[dict]:
    from allauth.account.models import EmailAddress

    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


@export_section("two_factor_authentication")
def export_authenticators(user) -> list[dict]:
    """Which second factors are set up, and when; never their secrets."""
    from allauth.mfa.models import Authenticator

    return [
        {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("pk")
    ]


@export_section("personal_data_accesses")
def export_personal_data_accesses(user) -> list[dict]:
    """When platform staff opened this person's data, and what (not who: staff are not exposed)."""

    return [{"what": a.what, "at": a.at} for a in PersonalDataAccess.objects.filter(subject=user)]
