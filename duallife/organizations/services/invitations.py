"""Invitations to join an organisation: create (and send by email), accept, revoke. Written with the
accounts app; the pages live in :mod:`duallife.accounts.views`.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..errors import InvitationError
from ..links import invitation_accept_url
from ..models import Invitation, Membership, Organization
from ..permissions import invitation_acceptance_error

INVITATION_VALID_FOR = timedelta(days=7)


def _normalize_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError("invalid_email", _("メールアドレスの形式が正しくありません。")) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}".lower()


def _invitation_email_send(invitation_pk: int, base_url: str | None) -> None:
    invitation = Invitation.objects.select_related("organization").get(pk=invitation_pk)
    context = {
        "invitation": invitation,
        "organization": invitation.organization,
        "role_label": invitation.get_role_display(),
        "accept_url": invitation_accept_url(invitation, base_url=base_url),
        "expires_at": timezone.localtime(invitation.expires_at),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


def invitation_create(
    *,
    organization: Organization,
    email: str,
    by,
    role: str = Membership.Role.MEMBER,
    base_url: str | None = None,
) -> Invitation:
    """Invite ``email`` to ``organization``; the mail with a single-use link leaves on commit.

    A new invitation replaces a pending one to the same address (a "resend").
    """
    if not permissions.can_invite(by, organization):
        raise PermissionDenied
    email = _normalize_email(email)
    if role not in Membership.Role.values:
        raise InvitationError("invalid_role", _("権限の指定が正しくありません。"))
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise InvitationError("already_member", _("このメールアドレスの方は、すでにこの組織のメンバーです。"))
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            organization=organization, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organization=organization,
            email=email,
            role=role,
            token=secrets.token_urlsafe(32),
            invited_by=by,
            expires_at=now + INVITATION_VALID_FOR,
        )
        transaction.on_commit(lambda: _invitation_email_send(invitation.pk, base_url))
    return invitation


def invitation_accept(*, token: str, user) -> Membership:
    """Join the organisation: the user must be logged in with the invited, verified address."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token=token).first() if token else None
        if invitation is None:
            raise InvitationError("not_found", _("招待が見つかりません。リンクをもう一度ご確認ください。"))
        error = invitation_acceptance_error(invitation=invitation, user=user)
        if error:
            raise error
        membership, created = Membership.objects.select_for_update().get_or_create(
            user=user, organization=invitation.organization, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Membership.Role.ADMIN and membership.role != invitation.role:
            membership.role = Membership.Role.ADMIN
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    """Cancel a pending invitation (idempotent); an accepted one cannot be revoked."""
    if not permissions.can_invite(by, invitation.organization):
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise InvitationError(
                "used",
                _("この招待はすでに承諾されているため、取り消せません。メンバーの管理から外してください。"),
            )
        if not invitation.revoked_at:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation
