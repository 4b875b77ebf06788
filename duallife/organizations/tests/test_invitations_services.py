"""Invitations by email: create, accept, revoke."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from duallife.organizations.errors import InvitationError
from duallife.organizations.models import Invitation, Membership
from duallife.organizations.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from duallife.testing.accounts import make_user

pytestmark = pytest.mark.django_db


def invite(tenants, email="new@example.jp", role=Membership.Role.MEMBER, **kwargs):
    return invitation_create(
        organization=tenants["company"], email=email, role=role, by=tenants["admin"], **kwargs
    )


# --- invitation_create -----------------------------------------------------------------------------


def test_admin_invites_by_email_and_the_mail_leaves_on_commit(
    tenants, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(tenants, email="  New@Example.JP ", base_url="https://duallife.example.jp")

    assert invitation.email == "new@example.jp"
    assert len(invitation.token) >= 40
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)) < timedelta(seconds=5)
    assert invitation.invited_by == tenants["admin"]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new@example.jp"]
    assert "sendai-coの名前" in mail.subject
    assert f"https://duallife.example.jp/accounts/invitations/{invitation.token}/" in mail.body
    assert "有効期限" in mail.body


def test_a_new_invitation_to_the_same_address_replaces_the_pending_one(tenants):
    first = invite(tenants)
    second = invite(tenants)

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    assert first.token != second.token


@pytest.mark.parametrize(
    ("email", "role", "code"),
    [
        ("not-an-email", Membership.Role.MEMBER, "invalid_email"),
        ("", Membership.Role.MEMBER, "invalid_email"),
        ("new@example.jp", "owner", "invalid_role"),
        ("MEMBER@sendai.example.jp", Membership.Role.MEMBER, "already_member"),
    ],
)
def test_bad_invitations_are_refused_and_nothing_is_saved(tenants, mailoutbox, email, role, code):
    with pytest.raises(InvitationError) as error:
        invite(tenants, email=email, role=role)

    assert error.value.code == code
    assert error.value.message
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["member", "other_admin", "operator"])
def test_only_admins_of_the_organisation_invite_to_it(tenants, who):
    with pytest.raises(PermissionDenied):
        invitation_create(organization=tenants["company"], email="x@example.jp", by=tenants[who])

    assert not Invitation.objects.exists()


# --- invitation_accept -----------------------------------------------------------------------------


def test_accepting_with_the_invited_verified_email_creates_the_membership(tenants):
    invitation = invite(tenants, role=Membership.Role.ADMIN)
    newcomer = make_user("new@example.jp", signed_up=True)

    membership = invitation_accept(token=invitation.token, user=newcomer)

    assert (membership.user, membership.organization, membership.role) == (
        newcomer,
        tenants["company"],
        Membership.Role.ADMIN,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer
    assert invitation.accepted_at is not None


def test_the_token_is_single_use(tenants):
    invitation = invite(tenants)
    invitation_accept(token=invitation.token, user=make_user("new@example.jp", signed_up=True))

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=make_user("someone@example.jp", signed_up=True))

    assert error.value.code == "used"


def test_an_expired_invitation_cannot_be_accepted(tenants):
    invitation = invite(tenants)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=make_user("new@example.jp", signed_up=True))

    assert error.value.code == "expired"
    assert not Membership.objects.filter(user__email="new@example.jp").exists()


def test_a_revoked_invitation_cannot_be_accepted(tenants):
    invitation = invite(tenants)
    invitation_revoke(invitation=invitation, by=tenants["admin"])

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=make_user("new@example.jp", signed_up=True))

    assert error.value.code == "revoked"


def test_another_account_cannot_use_the_link(tenants):
    invitation = invite(tenants)
    stranger = make_user("stranger@example.jp", signed_up=True)

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=stranger)

    assert error.value.code == "wrong_email"
    assert "ne*@example.jp" in error.value.message  # masked: the address is not disclosed
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_invited_email_must_be_verified(tenants):
    invitation = invite(tenants)

    with pytest.raises(InvitationError) as error:
        invitation_accept(
            token=invitation.token, user=make_user("new@example.jp", signed_up=True, verified=False)
        )

    assert error.value.code == "unverified"


def test_an_unknown_token_is_not_found(tenants):
    with pytest.raises(InvitationError) as error:
        invitation_accept(token="no-such-token", user=tenants["member"])

    assert error.value.code == "not_found"


def test_an_existing_member_invited_as_admin_is_promoted(tenants):
    invitation = invite(tenants, email="other@example.jp", role=Membership.Role.ADMIN)
    Invitation.objects.filter(pk=invitation.pk).update(email="member@sendai.example.jp")

    membership = invitation_accept(token=invitation.token, user=tenants["member"])

    assert membership.role == Membership.Role.ADMIN
    assert Membership.objects.filter(user=tenants["member"]).count() == 1


# --- invitation_revoke ------------------------------------------------------------------------------


def test_revoking_is_for_admins_and_idempotent_but_not_after_acceptance(tenants):
    invitation = invite(tenants)
    with pytest.raises(PermissionDenied):
        invitation_revoke(invitation=invitation, by=tenants["other_admin"])

    invitation_revoke(invitation=invitation, by=tenants["admin"])
    invitation_revoke(invitation=invitation, by=tenants["admin"])

    accepted = invite(tenants, email="second@example.jp")
    invitation_accept(token=accepted.token, user=make_user("second@example.jp", signed_up=True))
    with pytest.raises(InvitationError) as error:
        invitation_revoke(invitation=accepted, by=tenants["admin"])
    assert error.value.code == "used"
