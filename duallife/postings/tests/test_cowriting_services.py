"""Co-writing (invitations, comments), legal and illegal, at the service layer."""

from __future__ import annotations

import pytest

from duallife.postings.errors import SpecSheetError, SpecSheetPermissionError, SpecSheetTransitionError
from duallife.postings.models import SpecSheet, SpecSheetCollaborator, SpecSheetComment
from duallife.postings.services.cowriting import spec_sheet_comment, spec_sheet_invite_collaborator
from duallife.postings.services.sheets import spec_sheet_submit
from duallife.testing.talents import make_talent_user

Status = SpecSheet.Status


# --- co-writing --------------------------------------------------------------------------------


def test_invite_a_talent_who_then_comments_on_the_current_version(world, make_sheet):
    sheet = make_sheet()

    collaborator = spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, user=world.talent)
    comment = spec_sheet_comment(sheet=sheet, by=world.talent, body="報酬の幅が分かりやすいです。")
    own = spec_sheet_comment(sheet=sheet, by=world.member, body="ありがとうございます。")

    assert collaborator.invited_by == world.owner
    assert (comment.version, comment.author) == (1, world.talent)
    assert own.version == 1


def test_comments_stay_with_the_version_they_refer_to(world, make_sheet):
    sheet = make_sheet(Status.RETURNED)  # version 1 was submitted and returned
    spec_sheet_comment(sheet=sheet, by=world.owner, body="差し戻しの件、直します。")
    spec_sheet_submit(sheet=sheet, by=world.owner)
    spec_sheet_comment(sheet=sheet, by=world.owner, body="再提出しました。")

    assert list(SpecSheetComment.objects.filter(sheet=sheet).values_list("version", "body")) == [
        (1, "差し戻しの件、直します。"),
        (2, "再提出しました。"),
    ]


def test_invite_refuses_non_talents_members_and_duplicates(world, make_sheet):
    sheet = make_sheet()

    with pytest.raises(SpecSheetError, match="人材として登録"):
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, user=world.nobody)
    with pytest.raises(SpecSheetError, match="人材として登録"):
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, user=None)
    spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, user=world.talent)
    with pytest.raises(SpecSheetError, match="すでに招待"):
        spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, user=world.talent)
    assert SpecSheetCollaborator.objects.count() == 1


def test_invite_refuses_the_companys_own_members(world, make_sheet):
    from duallife.regions.models import Prefecture
    from duallife.talents.models import TalentProfile

    TalentProfile.objects.create(
        user=world.member,
        family_name="佐藤",
        given_name="一郎",
        family_name_kana="サトウ",
        given_name_kana="イチロウ",
        display_name="佐藤",
        home_prefecture=Prefecture.objects.get(code="04"),
    )
    with pytest.raises(SpecSheetError, match="自社のメンバー"):
        spec_sheet_invite_collaborator(sheet=make_sheet(), by=world.owner, user=world.member)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.CLOSED])
def test_invite_only_while_draft_or_returned(world, make_sheet, status):
    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_invite_collaborator(sheet=make_sheet(status), by=world.owner, user=world.talent)


def test_only_company_members_invite(world, make_sheet):
    sheet = make_sheet()
    spec_sheet_invite_collaborator(sheet=sheet, by=world.owner, user=world.talent)
    other_talent = make_talent_user("another")

    for outsider in (world.talent, world.stranger, world.coordinator):
        with pytest.raises(SpecSheetPermissionError):
            spec_sheet_invite_collaborator(sheet=sheet, by=outsider, user=other_talent)


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
