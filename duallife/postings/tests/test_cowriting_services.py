"""Co-writing (invitations, their answers, comments), legal and illegal, at the service layer."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.notifications.models import Kind, Notification
from duallife.postings.errors import (
    SpecSheetError,
    SpecSheetPermissionError,
    SpecSheetRateLimitedError,
    SpecSheetTransitionError,
)
from duallife.postings.models import SpecSheet, SpecSheetCollaborator, SpecSheetComment
from duallife.postings.permissions import is_sheet_collaborator
from duallife.postings.services.cowriting import (
    DAILY_LIMIT_PER_SHEET,
    INVITATION_VALID_FOR,
    PENDING_LIMIT_PER_SHEET,
    spec_sheet_comment,
    spec_sheet_invitation_accept,
    spec_sheet_invitation_decline,
    spec_sheet_invitation_withdraw,
    spec_sheet_invite_collaborator,
)
from duallife.postings.services.sheets import spec_sheet_submit
from duallife.testing.accounts import confirm_address, make_user
from duallife.testing.postings import invite, make_collaborator
from duallife.testing.talents import make_talent_user

Status = SpecSheet.Status
Invitation = SpecSheetCollaborator.Status


# --- inviting: the same whatever the address ---------------------------------------------------


def test_every_kind_of_address_gets_the_same_answer_and_one_pending_row(world, make_sheet):
    sheet = make_sheet()
    confirm_address(world.talent)
    confirm_address(world.stranger)
    addresses = {
        "talent": "Talent@Example.jp",
        "unknown": "nobody-here@example.jp",
        "company user": world.stranger.email,
        "own member": world.member.email,
    }

    answers = {
        kind: spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email=email)
        for kind, email in addresses.items()
    }
    again = spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email="talent@example.jp")

    assert answers == {kind: email.lower() for kind, email in addresses.items()}
    assert again == "talent@example.jp"
    rows = SpecSheetCollaborator.objects.filter(sheet=sheet)
    assert sorted(rows.values_list("email", "status", "user")) == sorted(
        (email.lower(), Invitation.PENDING, None) for email in addresses.values()
    )
    assert not is_sheet_collaborator(world.talent, sheet)


def test_a_registered_talent_is_told_in_the_product_and_an_unknown_address_by_email(
    world, make_sheet, mailoutbox, django_capture_on_commit_callbacks
):
    sheet = make_sheet()
    confirm_address(world.talent)

    with django_capture_on_commit_callbacks(execute=True):
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email="talent@example.jp")
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email="newcomer@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email="newcomer@example.jp")  # again

    notice = Notification.objects.get(user=world.talent, kind=Kind.COWRITING)
    assert sheet.title in notice.title
    assert notice.url == "/sheets/invitations/"
    mails = {message.to[0]: message for message in mailoutbox}
    assert sorted(mails) == ["newcomer@example.jp", "talent@example.jp"]  # the notification's email
    signup = mails["newcomer@example.jp"]
    assert sheet.organization.name in signup.subject
    assert "/accounts/signup/" in signup.body
    assert "無視してください" in signup.body
    assert "/accounts/signup/" not in mails["talent@example.jp"].body
    assert not SpecSheetCollaborator.objects.filter(delivered_at__isnull=True).exists()


def test_an_unconfirmed_address_is_emailed_not_notified(
    world, make_sheet, mailoutbox, django_capture_on_commit_callbacks
):
    confirm_address(world.talent)
    claimer = make_user("claimed@example.jp", verified=False)

    with django_capture_on_commit_callbacks(execute=True):
        spec_sheet_invite_collaborator(sheet=make_sheet(), by=world.owner, email=claimer.email)

    assert not Notification.objects.filter(user=claimer).exists()
    assert [message.to for message in mailoutbox] == [["claimed@example.jp"]]


@pytest.mark.parametrize("email", ["", "   ", "not-an-email", "a@b", "x" * 250 + "@example.jp", None, 42])
def test_a_malformed_address_is_refused_and_nothing_saved(world, make_sheet, email):
    with pytest.raises(SpecSheetError) as refused:
        spec_sheet_invite_collaborator(sheet=make_sheet(), by=world.owner, email=email)

    assert refused.value.field == "email"
    assert not SpecSheetCollaborator.objects.exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.CLOSED])
def test_invite_only_while_draft_or_returned(world, make_sheet, status):
    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_invite_collaborator(sheet=make_sheet(status), by=world.owner, email="talent@example.jp")


def test_only_company_members_invite(world, make_sheet):
    sheet = make_sheet()

    for outsider in (world.talent, world.stranger, world.coordinator, world.nobody):
        with pytest.raises(SpecSheetPermissionError):
            spec_sheet_invite_collaborator(sheet=sheet, by=outsider, email="someone@example.jp")
    assert not SpecSheetCollaborator.objects.exists()


def test_pending_invitations_are_capped_per_sheet_whatever_the_address(world, make_sheet):
    sheet = make_sheet()
    for i in range(PENDING_LIMIT_PER_SHEET):
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email=f"probe{i}@example.jp")

    for address in ("talent@example.jp", "unknown@example.jp"):
        with pytest.raises(SpecSheetRateLimitedError) as refused:
            spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email=address)
        assert refused.value.status == 429
    assert SpecSheetCollaborator.objects.filter(sheet=sheet).count() == PENDING_LIMIT_PER_SHEET
    # another sheet of the company has its own allowance
    spec_sheet_invite_collaborator(sheet=make_sheet(), by=world.owner, email="talent@example.jp")


def test_withdrawing_to_invite_again_is_limited_per_day(world, make_sheet):
    sheet = make_sheet()
    for i in range(DAILY_LIMIT_PER_SHEET):
        spec_sheet_invitation_withdraw(
            invitation=invite(sheet, f"probe{i}@example.jp", by=world.owner), by=world.owner
        )

    with pytest.raises(SpecSheetRateLimitedError, match="24時間"):
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email="one-more@example.jp")
    SpecSheetCollaborator.objects.filter(sheet=sheet).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, email="one-more@example.jp")


# --- answering ----------------------------------------------------------------------------------


def test_the_invited_talent_accepts_then_comments_on_the_current_version(world, make_sheet):
    sheet = make_sheet()
    collaborator = make_collaborator(sheet, world.talent, by=world.owner)

    comment = spec_sheet_comment(sheet=sheet, by=world.talent, body="報酬の幅が分かりやすいです。")
    own = spec_sheet_comment(sheet=sheet, by=world.member, body="ありがとうございます。")

    assert (collaborator.status, collaborator.user, collaborator.invited_by) == (
        Invitation.ACCEPTED,
        world.talent,
        world.owner,
    )
    assert is_sheet_collaborator(world.talent, sheet)
    assert (comment.version, comment.author) == (1, world.talent)
    assert own.version == 1


def test_only_the_person_with_the_confirmed_address_may_answer(world, make_sheet):
    sheet = make_sheet()
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    other_talent = confirm_address(make_talent_user("another"))
    confirm_address(world.stranger)

    for someone in (other_talent, world.stranger, world.owner, world.coordinator):
        with pytest.raises(SpecSheetTransitionError, match="ご本人だけ"):
            spec_sheet_invitation_accept(invitation=invitation, by=someone)
        with pytest.raises(SpecSheetTransitionError, match="ご本人だけ"):
            spec_sheet_invitation_decline(invitation=invitation, by=someone)
    with pytest.raises(SpecSheetTransitionError, match="ご本人だけ"):  # the address not confirmed yet
        spec_sheet_invitation_accept(invitation=invitation, by=world.talent)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.user) == (Invitation.PENDING, None)


def test_accepting_needs_a_talent_profile_declining_does_not(world, make_sheet):
    sheet = make_sheet()
    newcomer = confirm_address(make_user("newcomer"))
    invitation = invite(sheet, "newcomer@example.jp", by=world.owner)

    with pytest.raises(SpecSheetTransitionError, match="人材プロフィール"):
        spec_sheet_invitation_accept(invitation=invitation, by=newcomer)
    declined = spec_sheet_invitation_decline(invitation=invitation, by=newcomer)

    assert (declined.status, declined.user) == (Invitation.DECLINED, None)
    with pytest.raises(SpecSheetTransitionError, match="すでに回答"):
        spec_sheet_invitation_accept(invitation=invitation, by=newcomer)
    assert not is_sheet_collaborator(newcomer, sheet)


def test_an_expired_invitation_cannot_be_accepted_and_the_address_may_be_invited_again(world, make_sheet):
    sheet = make_sheet()
    confirm_address(world.talent)
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    SpecSheetCollaborator.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    invitation.refresh_from_db()

    assert invitation.current_status() == Invitation.EXPIRED
    with pytest.raises(SpecSheetTransitionError, match="有効期限"):
        spec_sheet_invitation_accept(invitation=invitation, by=world.talent)
    fresh = invite(sheet, "talent@example.jp", by=world.owner)
    invitation.refresh_from_db()

    assert invitation.status == Invitation.EXPIRED
    assert fresh.expires_at > timezone.now() + INVITATION_VALID_FOR - datetime.timedelta(minutes=1)
    assert spec_sheet_invitation_accept(invitation=fresh, by=world.talent).status == Invitation.ACCEPTED


def test_the_company_withdraws_a_pending_invitation_which_can_then_not_be_accepted(world, make_sheet):
    sheet = make_sheet()
    confirm_address(world.talent)
    invitation = invite(sheet, "talent@example.jp", by=world.owner)

    for outsider in (world.stranger, world.talent):
        with pytest.raises(SpecSheetPermissionError):
            spec_sheet_invitation_withdraw(invitation=invitation, by=outsider)
    withdrawn = spec_sheet_invitation_withdraw(invitation=invitation, by=world.member)

    assert withdrawn.status == Invitation.WITHDRAWN
    with pytest.raises(SpecSheetTransitionError, match="取り下げ"):
        spec_sheet_invitation_accept(invitation=invitation, by=world.talent)
    with pytest.raises(SpecSheetTransitionError, match="承諾待ち"):
        spec_sheet_invitation_withdraw(invitation=invitation, by=world.owner)


def test_an_invitation_to_a_sheet_published_meanwhile_cannot_be_accepted(world, make_sheet):
    sheet = make_sheet()
    confirm_address(world.talent)
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    SpecSheet.objects.filter(pk=sheet.pk).update(status=Status.PUBLISHED)
    invitation.refresh_from_db()

    with pytest.raises(SpecSheetTransitionError, match="公開"):
        spec_sheet_invitation_accept(invitation=invitation, by=world.talent)


# --- comments -----------------------------------------------------------------------------------


def test_comments_stay_with_the_version_they_refer_to(world, make_sheet):
    sheet = make_sheet(Status.RETURNED)  # version 1 was submitted and returned
    spec_sheet_comment(sheet=sheet, by=world.owner, body="差し戻しの件、直します。")
    spec_sheet_submit(sheet=sheet, by=world.owner)
    spec_sheet_comment(sheet=sheet, by=world.owner, body="再提出しました。")

    assert list(SpecSheetComment.objects.filter(sheet=sheet).values_list("version", "body")) == [
        (1, "差し戻しの件、直します。"),
        (2, "再提出しました。"),
    ]


def test_a_pending_invitee_may_not_comment_yet(world, make_sheet):
    sheet = make_sheet()
    confirm_address(world.talent)
    invite(sheet, "talent@example.jp", by=world.owner)

    with pytest.raises(SpecSheetPermissionError):
        spec_sheet_comment(sheet=sheet, by=world.talent, body="先に読みました")


def test_comment_refused_to_outsiders_on_public_sheets_and_when_empty(world, make_sheet):
    sheet = make_sheet()

    for outsider in (world.stranger, world.talent, world.coordinator, world.nobody):
        with pytest.raises(SpecSheetPermissionError):
            spec_sheet_comment(sheet=sheet, by=outsider, body="こんにちは")
    with pytest.raises(SpecSheetError, match="コメントを入力"):
        spec_sheet_comment(sheet=sheet, by=world.owner, body=" \n ")
    with pytest.raises(SpecSheetError, match="2000文字"):
        spec_sheet_comment(sheet=sheet, by=world.owner, body="あ" * 2001)
    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_comment(sheet=make_sheet(Status.PUBLISHED), by=world.owner, body="公開後")
    assert not SpecSheetComment.objects.exists()
