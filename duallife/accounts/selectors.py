"""Reads for the account pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from duallife.organizations import permissions
from duallife.organizations.models import CoordinatorScope, Invitation, Membership, Organization

from .mfa import has_mfa


def pending_invitations_for(user) -> QuerySet[Invitation]:
    """Open invitations addressed to one of the user's verified email addresses."""
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False):
        return Invitation.objects.none()
    emails = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    if not emails:
        return Invitation.objects.none()
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(email__iexact=email)
    return (
        Invitation.objects.filter(
            condition,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            organization__is_active=True,
        )
        .select_related("organization")
        .order_by("expires_at", "pk")
    )


@dataclass(frozen=True)
class AccountOverview:
    has_talent_profile: bool
    memberships: list[Membership]
    scopes: list[CoordinatorScope]
    invitations: list[Invitation]
    is_operator: bool
    is_staff_role: bool
    has_mfa: bool


def account_overview(user) -> AccountOverview:
    from duallife.talents.models import TalentProfile

    memberships = list(
        Membership.objects.filter(user=user, organization__is_active=True)
        .select_related("organization")
        .order_by("organization__kind", "organization__name")
    )
    coordinator_orgs = [
        m.organization_id for m in memberships if m.organization.kind == Organization.Kind.COORDINATOR
    ]
    scopes = list(
        CoordinatorScope.objects.filter(organization_id__in=coordinator_orgs)
        .select_related("organization", "prefecture", "municipality__prefecture")
        .order_by("organization__name", "prefecture__code", "municipality__code")
    )
    return AccountOverview(
        has_talent_profile=TalentProfile.objects.filter(user=user).exists(),
        memberships=memberships,
        scopes=scopes,
        invitations=list(pending_invitations_for(user)),
        is_operator=any(m.organization.kind == Organization.Kind.SECRETARIAT for m in memberships),
        is_staff_role=permissions.is_staff_role(user),
        has_mfa=has_mfa(user),
    )


def organization_invitations(organization: Organization) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(organization=organization)
        .select_related("accepted_by")
        .order_by("-created_at")
    )


def organization_members(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__email")
    )


def coordinator_bodies() -> QuerySet[Organization]:
    return (
        Organization.objects.filter(kind=Organization.Kind.COORDINATOR)
        .select_related("prefecture", "municipality__prefecture", "coordinator")
        .prefetch_related("scopes__prefecture", "scopes__municipality__prefecture")
        .order_by("prefecture__code", "name")
    )
