"""Data rights of organisations: memberships and invitations in the export; deleting the account
ends the memberships and the invitations sent to or by the person."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from duallife.core.data_rights import emails_q, erase_step, export_section, user_emails

from .models import Invitation, Membership


@export_section("memberships")
def export_memberships(user) -> list[dict]:
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
    invitations = Invitation.objects.filter(invited_by=user).select_related("organization").order_by("pk")
    return [_invitation_row(i) for i in invitations]


@export_section("invitations_received")
def export_invitations_received(user) -> list[dict]:
    invitations = (
        Invitation.objects.filter(Q(accepted_by=user) | emails_q("email", user_emails(user)))
        .select_related("organization")
        .order_by("pk")
    )
    return [_invitation_row(i) for i in invitations]


@erase_step("memberships_and_invitations")
def erase_memberships_and_invitations(user) -> None:
    """Leave every organisation; invitations addressed to the person lose the address."""
    Invitation.objects.filter(emails_q("email", user_emails(user))).update(
        email=f"deleted-{user.pk}@invalid",
        revoked_at=timezone.now(),
    )
    Membership.objects.filter(user=user).delete()


# --- Talent profile -----------------------------------------------------------------------------
