"""Who may act for which organisation and see which area: the one audited path for roles.

Roles come from memberships (see ``models``): company member, coordinator, operator; a talent is
a user with a talent profile. Views and APIs ask these functions; none re-implements them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.organizations.models import CoordinatorScope
from duallife.regions.models import Municipality

from .errors import InvitationError
from .models import Invitation, Membership, Organization


def _is_authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def memberships(user, *, kind: str | None = None) -> QuerySet[Membership]:
    if not _is_authenticated(user):
        return Membership.objects.none()
    qs = Membership.objects.filter(user=user, organization__is_active=True).select_related("organization")
    if kind:
        qs = qs.filter(organization__kind=kind)
    return qs


def is_operator(user) -> bool:
    """A member of the secretariat: sees and manages every prefecture."""
    return memberships(user, kind=Organization.Kind.SECRETARIAT).exists()


def is_coordinator(user) -> bool:
    return memberships(user, kind=Organization.Kind.COORDINATOR).exists()


def is_staff_role(user) -> bool:
    """Coordinators and operators handle personal data: they must have MFA turned on."""
    return _is_authenticated(user) and (
        user.is_staff or memberships(user).exclude(organization__kind=Organization.Kind.COMPANY).exists()
    )


def companies_of(user, *, admin_only: bool = False) -> QuerySet[Organization]:
    qs = Organization.objects.filter(kind=Organization.Kind.COMPANY, is_active=True)
    if not _is_authenticated(user):
        return qs.none()
    filters = Q(memberships__user=user)
    if admin_only:
        filters &= Q(memberships__role=Membership.Role.ADMIN)
    return qs.filter(filters).distinct()


def coordinator_scopes(user) -> list[tuple[int, int | None]]:
    """(prefecture id, municipality id or None) for every area the user's coordinator bodies cover."""

    coordinator_orgs = memberships(user, kind=Organization.Kind.COORDINATOR).values("organization")
    return list(
        CoordinatorScope.objects.filter(organization__in=coordinator_orgs).values_list(
            "prefecture_id", "municipality_id"
        )
    )


def area_condition(user, *, municipality_field: str = "municipality") -> Q:
    """A ``Q`` limiting rows (by their municipality) to the areas of the user's coordinator bodies,
    asked inside the query it filters: building it runs no query (for counts in the header).
    Operators are not treated apart: the caller knows whether the user is one."""
    scopes = CoordinatorScope.objects.filter(
        organization__in=memberships(user, kind=Organization.Kind.COORDINATOR).values("organization")
    )
    return Q(
        **{f"{municipality_field}__in": scopes.filter(municipality__isnull=False).values("municipality")}
    ) | Q(
        **{
            f"{municipality_field}__prefecture__in": scopes.filter(municipality__isnull=True).values(
                "prefecture"
            )
        }
    )


def scope_filter(user, *, municipality_field: str = "municipality") -> Q | None:
    """A ``Q`` limiting rows (by their municipality) to the user's coordinator scopes.

    ``None`` means no limit (operators); ``Q(pk__in=[])`` matches nothing (no scope at all).
    """
    if is_operator(user):
        return None
    scopes = coordinator_scopes(user)
    if not scopes:
        return Q(pk__in=[])
    condition = Q()
    for prefecture_id, municipality_id in scopes:
        if municipality_id:
            condition |= Q(**{f"{municipality_field}_id": municipality_id})
        else:
            condition |= Q(**{f"{municipality_field}__prefecture_id": prefecture_id})
    return condition


def can_coordinate(user, municipality: Municipality) -> bool:
    """True when the user is an operator, or a coordinator whose scope covers ``municipality``."""
    if is_operator(user):
        return True
    return any(
        municipality_id == municipality.pk if municipality_id else prefecture_id == municipality.prefecture_id
        for prefecture_id, municipality_id in coordinator_scopes(user)
    )


# --- Invitations and coordinator bodies ---------------------------------------------------------


def is_organization_admin(user, organization: Organization) -> bool:
    return memberships(user).filter(organization=organization, role=Membership.Role.ADMIN).exists()


def can_invite(user, organization: Organization) -> bool:
    """Admins invite to their own organisation; operators also to any coordinator body."""
    if not _is_authenticated(user) or not organization.is_active:
        return False
    if organization.kind == Organization.Kind.COORDINATOR and is_operator(user):
        return True
    return is_organization_admin(user, organization)


def get_organization_for_inviting(user, *, slug: str) -> Organization:
    """The organisation whose invitations ``user`` manages; 404 for any other (no hint it exists)."""
    organization = Organization.objects.filter(slug=slug, is_active=True).first()
    if organization is None or not can_invite(user, organization):
        raise Http404
    return organization


def get_invitation_for_inviting(user, *, slug: str, pk: int):
    """An invitation of an organisation whose invitations ``user`` manages; 404 otherwise."""

    organization = get_organization_for_inviting(user, slug=slug)
    invitation = Invitation.objects.filter(organization=organization, pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def get_invitation_by_token(*, token: str):
    """The invitation a link points at (404 if none). Whether ``user`` may accept it is the
    service's question: it must be addressed to one of the user's verified emails."""

    invitation = (
        Invitation.objects.select_related("organization").filter(token=token).first() if token else None
    )
    if invitation is None:
        raise Http404
    return invitation


def get_coordinator_body_for_operator(user, *, slug: str) -> Organization:
    """A coordinator body, for an operator; 403 for anyone else, 404 for an unknown slug."""
    if not is_operator(user):
        raise PermissionDenied
    organization = Organization.objects.filter(slug=slug, kind=Organization.Kind.COORDINATOR).first()
    if organization is None:
        raise Http404
    return organization


# --- Public organisation pages and profile editing ----------------------------------------------

#: Kinds of organisation with a public page and an editable profile (not the secretariat).
PUBLIC_KINDS = (Organization.Kind.COMPANY, Organization.Kind.COORDINATOR)


def get_organization_for_public(*, slug: str) -> Organization:
    """An active company or coordinator body, for its public page; 404 for anything else."""
    organization = (
        Organization.objects.filter(slug=slug, is_active=True, kind__in=PUBLIC_KINDS)
        .select_related("prefecture", "municipality")
        .first()
    )
    if organization is None:
        raise Http404
    return organization


def can_edit_organization(user, organization: Organization) -> bool:
    """Every member (admin or not) of an active company or coordinator body edits its profile."""
    if not organization.is_active or organization.kind not in PUBLIC_KINDS:
        return False
    return memberships(user).filter(organization=organization).exists()


def get_organization_for_editing(user, *, slug: str) -> Organization:
    """The organisation whose profile ``user`` edits: 404 if it has no public page, 403 if not a member."""
    organization = get_organization_for_public(slug=slug)
    if not can_edit_organization(user, organization):
        raise PermissionDenied
    return organization


def is_company_member(user) -> bool:
    return memberships(user, kind=Organization.Kind.COMPANY).exists()


def can_browse_talents(user) -> bool:
    """Company members and staff (coordinators, operators, Django staff) may look for talent."""
    return _is_authenticated(user) and (is_company_member(user) or is_staff_role(user))


# --- invitations -------------------------------------------------------------------------------------


def _mask_email(email: str) -> str:
    local, _at, domain = email.partition("@")
    return f"{local[:2]}{'*' * max(1, len(local) - 2)}@{domain}"


def invitation_pending_error(invitation: Invitation, *, now=None) -> InvitationError | None:
    """Why ``invitation`` can no longer be used, or ``None`` while it is pending."""
    now = now or timezone.now()
    if invitation.revoked_at:
        return InvitationError(
            "revoked", _("この招待は取り消されています。招待した方に、あらためて招待を依頼してください。")
        )
    if invitation.accepted_at:
        return InvitationError("used", _("この招待はすでに使用されています。"))
    if invitation.expires_at <= now:
        return InvitationError(
            "expired",
            _("この招待の有効期限（7日間）が切れています。招待した方に、あらためて招待を依頼してください。"),
        )
    if not invitation.organization.is_active:
        return InvitationError("inactive", _("この組織は現在ご利用いただけません。"))
    return None


def invitation_acceptance_error(*, invitation: Invitation, user) -> InvitationError | None:
    """Why ``user`` cannot accept ``invitation`` now, or ``None`` if they can."""
    from allauth.account.models import EmailAddress

    error = invitation_pending_error(invitation)
    if error:
        return error
    address = EmailAddress.objects.filter(user=user, email__iexact=invitation.email).first()
    if address is None:
        return InvitationError(
            "wrong_email",
            _(
                "この招待は別のメールアドレス（%(email)s）宛てです。"
                "招待されたメールアドレスのアカウントでログインしてください。"
            )
            % {"email": _mask_email(invitation.email)},
        )
    if not address.verified:
        return InvitationError(
            "unverified",
            _(
                "招待されたメールアドレスの確認が済んでいません。確認メールのリンクを開いてから、もう一度お試しください。"
            ),
        )
    return None


# --- verification (確認済み) ---------------------------------------------------------------------------


def can_verify_company(user, organization: Organization) -> bool:
    """Operators, and coordinators whose area covers the company's municipality, confirm a company
    by hand or revoke its verification (a company without a municipality: operators only)."""
    if not _is_authenticated(user) or not organization.is_active:
        return False
    if organization.kind != Organization.Kind.COMPANY:
        return False
    if is_operator(user):
        return True
    return organization.municipality is not None and can_coordinate(user, organization.municipality)


def may_verify_companies(user) -> bool:
    """Coordinators and operators: the people the verification pages are for."""
    return is_operator(user) or is_coordinator(user)


def get_company_for_verifier(user, pk: int) -> Organization:
    """A company whose verification ``user`` manages: 403 for people who verify no company, 404
    for a company outside their area (or not a company at all)."""
    if not may_verify_companies(user):
        raise PermissionDenied(_("企業の確認は、自治体・支援機関の担当者と事務局が行います。"))
    organization = (
        Organization.objects.filter(pk=pk, kind=Organization.Kind.COMPANY, is_active=True)
        .select_related("prefecture", "municipality")
        .first()
    )
    if organization is None or not can_verify_company(user, organization):
        raise Http404
    return organization


def verification_refusal(organization: Organization, decision: str) -> str | None:
    """Why ``decision`` (``confirm`` or ``revoke``) cannot be taken on ``organization`` now."""
    if decision == "confirm" and organization.verified_at is not None:
        return _("この企業はすでに確認済みです。")
    if decision == "revoke" and organization.verified_at is None:
        return _("この企業は確認済みではないため、取り消すものがありません。")
    return None
