"""Data rights: what "download my data" contains and what "delete my account" erases.

Each app adds its part in its own ``<app>/data_rights.py`` (found automatically at start-up):

    from duallife.accounts.data_rights import erase_step, export_section

    @export_section("applications")
    def export_applications(user) -> list[dict]:
        return [{"sheet": a.sheet.title, "applied_at": a.created_at} for a in user.applications.all()]

    @erase_step("applications")
    def erase_applications(user) -> None:
        user.applications.all().delete()

An exporter returns JSON-ready data (dates and datetimes are fine); an eraser removes or
anonymises the user's personal data in that app. Erasers run inside the deletion's transaction,
before the user row itself is anonymised, in reverse registration order (apps later in
``INSTALLED_APPS`` first, so rows go before the rows they point at); an exception aborts it all.

The sections of apps without their own module yet (organisations, talent profiles) are written
here; an app that takes one over moves the function into its own module under the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_EXPORTERS: dict[str, Exporter] = {}
_ERASERS: dict[str, Eraser] = {}


def _register(registry: dict, kind: str, name: str) -> Callable:
    def register(func: Callable) -> Callable:
        existing = registry.get(name)
        if existing is not None and existing.__qualname__ != func.__qualname__:
            raise ImproperlyConfigured(f"data rights: two {kind}s named {name!r}")
        registry[name] = func
        return func

    return register


def export_section(name: str) -> Callable[[Exporter], Exporter]:
    """Register ``func(user)`` as the ``name`` section of the account export."""
    return _register(_EXPORTERS, "export section", name)


def erase_step(name: str) -> Callable[[Eraser], Eraser]:
    """Register ``func(user)`` to erase the user's data of ``name`` when the account is deleted."""
    return _register(_ERASERS, "erase step", name)


def exporters() -> dict[str, Exporter]:
    return dict(_EXPORTERS)


def erasers() -> dict[str, Eraser]:
    """In the order they run: the last registered first."""
    return dict(reversed(_ERASERS.items()))


# --- The account itself -------------------------------------------------------------------------


def _user_emails(user) -> list[str]:
    from allauth.account.models import EmailAddress

    """The user's verified addresses: an unverified one may belong to someone else."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return sorted({e.lower() for e in verified})


def _emails_q(field: str, emails: list[str]) -> Q:
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(**{f"{field}__iexact": email})
    return condition


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
    from .models import PersonalDataAccess

    return [{"what": a.what, "at": a.at} for a in PersonalDataAccess.objects.filter(subject=user)]


# --- Organisations: memberships and invitations --------------------------------------------------


@export_section("memberships")
def export_memberships(user) -> list[dict]:
    from duallife.organizations.models import Membership

    return [
        {
            "organization": m.organization.name,
            "organization_slug": m.organization.slug,
            "organization_kind": m.organization.kind,
            "role": m.role,
            "since": m.created_at,
        }
        for m in Membership.objects.filter(user=user).select_related("organization").order_by("pk")
    ]


def _invitation_row(invitation) -> dict:
    return {
        "organization": invitation.organization.name,
        "email": invitation.email,
        "role": invitation.role,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
        "accepted_at": invitation.accepted_at,
        "revoked_at": invitation.revoked_at,
    }


@export_section("invitations_sent")
def export_invitations_sent(user) -> list[dict]:
    from duallife.organizations.models import Invitation

    invitations = Invitation.objects.filter(invited_by=user).select_related("organization").order_by("pk")
    return [_invitation_row(i) for i in invitations]


@export_section("invitations_received")
def export_invitations_received(user) -> list[dict]:
    from duallife.organizations.models import Invitation

    invitations = (
        Invitation.objects.filter(Q(accepted_by=user) | _emails_q("email", _user_emails(user)))
        .select_related("organization")
        .order_by("pk")
    )
    return [_invitation_row(i) for i in invitations]


@erase_step("memberships_and_invitations")
def erase_memberships_and_invitations(user) -> None:
    """Leave every organisation; invitations addressed to the person lose the address."""
    from django.utils import timezone

    from duallife.organizations.models import Invitation, Membership

    Invitation.objects.filter(_emails_q("email", _user_emails(user))).update(
        email=f"deleted-{user.pk}@invalid",
        revoked_at=timezone.now(),
    )
    Membership.objects.filter(user=user).delete()


# --- Talent profile -----------------------------------------------------------------------------


@export_section("talent_profile")
def export_talent_profile(user) -> dict | None:
    from duallife.talents.models import TalentProfile

    profile = (
        TalentProfile.objects.filter(user=user)
        .select_related(
            "home_prefecture",
            "home_municipality",
            "hometown_prefecture",
            "hometown_municipality",
            "current_industry",
        )
        .prefetch_related("themes", "prefectures_of_interest", "skills__skill")
        .first()
    )
    if profile is None:
        return None

    def name(obj) -> str | None:
        return str(obj) if obj is not None else None

    return {
        "family_name": profile.family_name,
        "given_name": profile.given_name,
        "family_name_kana": profile.family_name_kana,
        "given_name_kana": profile.given_name_kana,
        "display_name": profile.display_name,
        "phone": profile.phone,
        "home_prefecture": name(profile.home_prefecture),
        "home_municipality": name(profile.home_municipality),
        "hometown_prefecture": name(profile.hometown_prefecture),
        "hometown_municipality": name(profile.hometown_municipality),
        "current_job": profile.current_job,
        "current_industry": name(profile.current_industry),
        "themes": [t.name for t in profile.themes.all()],
        "days_per_month": profile.days_per_month,
        "work_style": profile.work_style,
        "visits_per_month": profile.visits_per_month,
        "desired_monthly_fee_yen": profile.desired_monthly_fee_yen,
        "prefectures_of_interest": [p.name for p in profile.prefectures_of_interest.all()],
        "motives": list(profile.motives or []),
        "self_introduction": profile.self_introduction,
        "visibility": profile.visibility,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
        "skills": [
            {
                "skill": s.skill.name if s.skill_id else None,
                "free_text": s.free_text,
                "years": s.years,
                "level": s.level,
            }
            for s in profile.skills.all()
        ],
    }


#: The display name an anonymised talent profile keeps (applications and contracts still show one).
FORMER_TALENT_NAME = "退会したユーザー"


@erase_step("talent_profile")
def erase_talent_profile(user) -> None:
    """Delete the profile (skills go with it); when records that must stay point at it
    (applications, scouts, contracts: ``PROTECT``), anonymise it instead."""
    from django.db import transaction
    from django.db.models import ProtectedError

    from duallife.talents.models import TalentProfile

    profile = TalentProfile.objects.filter(user=user).first()
    if profile is None:
        return
    from duallife.recommendations.services.digests import digest_mentions_scrub

    digest_mentions_scrub(talent_id=profile.pk)  # before the row (and its mentions) may go
    try:
        with transaction.atomic():
            profile.delete()
    except ProtectedError:
        anonymise_talent_profile(profile)


def anonymise_talent_profile(profile) -> None:
    """Keep the row, drop everything about the person: names, contact, places, work, free text."""
    from duallife.talents.models import TalentProfile

    profile.skills.all().delete()
    profile.themes.clear()
    profile.prefectures_of_interest.clear()
    TalentProfile.objects.filter(pk=profile.pk).update(
        family_name="",
        given_name="",
        family_name_kana="",
        given_name_kana="",
        display_name=FORMER_TALENT_NAME,
        phone="",
        home_municipality=None,
        hometown_prefecture=None,
        hometown_municipality=None,
        current_job="",
        current_industry=None,
        days_per_month=None,
        desired_monthly_fee_yen=None,
        motives=[],
        self_introduction="",
        visibility=TalentProfile.Visibility.PRIVATE,
        search_text="",
    )
    from duallife.recommendations.models import SheetRecommendation, TalentRecommendation
    from duallife.recommendations.services.digests import digest_mentions_scrub

    SheetRecommendation.objects.filter(talent=profile).delete()
    TalentRecommendation.objects.filter(talent=profile).delete()
    digest_mentions_scrub(talent_id=profile.pk)
