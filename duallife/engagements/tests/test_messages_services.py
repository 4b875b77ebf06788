"""The message thread: who may write, what a message and an attachment may be, read state, unread
counts and the notifications a message sends."""

from __future__ import annotations

import pytest

from duallife.engagements.errors import (
    AttachmentTooLargeError,
    EngagementError,
    EngagementPermissionError,
    EngagementTransitionError,
)
from duallife.engagements.models import Application, Message, ThreadRead
from duallife.engagements.selectors.messages import unread_counts, unread_total
from duallife.engagements.services.applications import application_decline, application_submit
from duallife.engagements.services.messages import ATTACHMENT_MAX_BYTES, message_post, thread_mark_read
from duallife.notifications.models import Notification
from duallife.postings.models import SpecSheet
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.files import ACCEPTED, DISGUISED, PDF_BYTES, pdf, private_root, stored_files, upload
from duallife.testing.talents import make_talent_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder, so a test can see what was (not) written."""
    return private_root(settings, tmp_path / "media")


S = Application.Status


def message_notices(kind: str = "message") -> dict[str, Notification]:
    return {n.user.username: n for n in Notification.objects.filter(kind=kind).select_related("user")}


# --- Posting -------------------------------------------------------------------------------------


def test_a_talent_writes_and_every_company_member_hears_of_it_with_a_link_to_the_thread(world, application):
    message = message_post(
        application=application, by=world.talent, body="  面談の日程を相談させてください。  "
    )

    assert message.body == "面談の日程を相談させてください。"
    assert message.author == world.talent
    told = message_notices()
    assert set(told) == {"owner", "member"}
    assert told["owner"].url.endswith(f"/applications/{application.pk}/#thread")
    assert "talentさん" in told["owner"].title
    assert told["owner"].body == "面談の日程を相談させてください。"


def test_a_company_member_writes_and_only_the_talent_hears_of_it(world, application):
    message_post(application=application, by=world.member, body="ご応募ありがとうございます。")

    told = message_notices()
    assert set(told) == {"talent"}
    assert world.company.name in told["talent"].title


def test_a_message_moves_the_application_to_the_top_of_the_lists(world, application):
    before = Application.objects.get(pk=application.pk).updated_at

    message_post(application=application, by=world.member, body="よろしくお願いします。")

    assert Application.objects.get(pk=application.pk).updated_at > before


@pytest.mark.parametrize("who", ["coordinator", "operator"])
def test_staff_read_the_thread_but_cannot_write_in_it(world, application, who):
    with pytest.raises(EngagementPermissionError, match="読むことはできますが"):
        message_post(application=application, by=getattr(world, who), body="様子はいかがですか。")
    assert not Message.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody"])
def test_people_outside_the_application_cannot_write_in_it(world, application, who):
    with pytest.raises(EngagementPermissionError):
        message_post(application=application, by=getattr(world, who), body="こんにちは")
    assert not Message.objects.exists()
    assert not message_notices()


@pytest.mark.parametrize("body", ["", "   \n  ", None])
def test_a_message_with_neither_text_nor_file_is_refused(world, application, body):
    with pytest.raises(EngagementError, match="メッセージを入力するか") as refused:
        message_post(application=application, by=world.talent, body=body)
    assert refused.value.field == "body"
    assert not Message.objects.exists()


def test_a_message_of_4000_characters_is_taken_and_one_more_is_refused(world, application):
    message_post(application=application, by=world.talent, body="あ" * 4000)

    with pytest.raises(EngagementError, match="4000文字以内") as refused:
        message_post(application=application, by=world.talent, body="あ" * 4001)
    assert refused.value.field == "body"
    assert Message.objects.count() == 1


def test_a_message_with_a_nul_character_is_refused(world, application):
    with pytest.raises(EngagementError, match="使えない文字"):
        message_post(application=application, by=world.talent, body="こんにちは\x00")
    assert not Message.objects.exists()


@pytest.mark.parametrize("ending", ["decline", "withdraw", "expire"])
def test_an_ended_application_takes_no_more_messages_but_keeps_its_thread(
    world, application, make_sheet, ending
):
    message_post(application=application, by=world.talent, body="よろしくお願いします。")
    if ending == "decline":
        application_decline(application=application, by=world.owner, reason="")
    elif ending == "withdraw":
        from duallife.engagements.services.applications import application_withdraw

        application_withdraw(application=application, by=world.talent)
    else:
        from duallife.postings.services.sheets import spec_sheet_close

        spec_sheet_close(sheet=application.sheet, by=world.owner, reason=SpecSheet.ClosedReason.FILLED)

    with pytest.raises(EngagementTransitionError, match="メッセージを送れません"):
        message_post(application=application, by=world.owner, body="ご連絡ありがとうございました。")
    assert list(Message.objects.values_list("body", flat=True)) == ["よろしくお願いします。"]


# --- Attachments ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ACCEPTED))
def test_each_accepted_kind_of_file_is_stored_under_a_random_name(world, application, media_root, kind):
    name, content, content_type = ACCEPTED[kind]

    message = message_post(
        application=application, by=world.talent, body="", attachment=upload(name, content, content_type)
    )

    message.refresh_from_db()
    assert message.attachment_name == name
    assert message.attachment_type == content_type
    assert message.attachment_size == len(content)
    assert message.attachment.name.startswith(f"messages/{application.pk}/")
    assert name.rsplit(".", 1)[0] not in message.attachment.name
    with message.attachment.open("rb") as stored:
        assert stored.read() == content
    assert len(stored_files(media_root)) == 1
    assert "添付されています" in message_notices()["owner"].body


@pytest.mark.parametrize("kind", list(DISGUISED))
def test_a_disguised_or_unsupported_file_is_refused_and_nothing_is_stored(
    world, application, media_root, kind
):
    name, content, content_type = DISGUISED[kind]

    with pytest.raises(EngagementError) as refused:
        message_post(
            application=application,
            by=world.talent,
            body="資料です。",
            attachment=upload(name, content, content_type),
        )

    assert refused.value.field == "attachment"
    assert not Message.objects.exists()
    assert stored_files(media_root) == []
    assert not message_notices()


def test_a_file_over_10_mb_is_refused_as_too_large_and_nothing_is_stored(world, application, media_root):
    big = upload("大きな資料.pdf", PDF_BYTES + b"0" * ATTACHMENT_MAX_BYTES, "application/pdf")

    with pytest.raises(AttachmentTooLargeError, match="10MBまで") as refused:
        message_post(application=application, by=world.talent, body="資料です。", attachment=big)

    assert refused.value.status == 413
    assert not Message.objects.exists()
    assert stored_files(media_root) == []


def test_an_empty_file_is_refused(world, application, media_root):
    with pytest.raises(EngagementError, match="ファイルが空です"):
        message_post(application=application, by=world.talent, body="", attachment=upload("空.pdf", b""))
    assert stored_files(media_root) == []


def test_a_refused_poster_leaves_no_file_even_with_a_good_attachment(world, application, media_root):
    with pytest.raises(EngagementPermissionError):
        message_post(application=application, by=world.coordinator, body="", attachment=pdf())
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\hanako\\職務経歴書.PDF", "職務経歴書.pdf"),
        ("請求書\u202egpj.exe", "請求書gpj.pdf"),
        ('見積<"1">.pdf', "見積__1__.pdf"),
        ("資料", "資料.pdf"),
        (".pdf", "添付ファイル.pdf"),
        ("あ" * 300 + ".pdf", "あ" * 196 + ".pdf"),
    ],
)
def test_the_original_name_is_kept_safe_and_its_extension_matches_the_content(world, application, sent, kept):
    message = message_post(application=application, by=world.talent, body="", attachment=pdf(sent))

    assert message.attachment_name == kept


# --- Read state ----------------------------------------------------------------------------------


def test_reading_the_thread_records_how_far_each_person_has_read(world, application):
    first = thread_mark_read(application=application, user=world.member)
    second = thread_mark_read(application=application, user=world.member)

    assert second >= first
    read = ThreadRead.objects.get(application=application, user=world.member)
    assert read.last_read_at == second


def test_someone_outside_the_application_cannot_mark_it_read(world, application):
    with pytest.raises(EngagementPermissionError):
        thread_mark_read(application=application, user=world.stranger)
    assert not ThreadRead.objects.exists()


def test_unread_counts_count_messages_by_others_since_the_last_read(world, application):
    message_post(application=application, by=world.talent, body="一通目です。")
    message_post(application=application, by=world.talent, body="二通目です。")

    assert unread_counts(world.member, [application.pk]) == {application.pk: 2}
    assert unread_counts(world.talent, [application.pk]) == {application.pk: 0}

    thread_mark_read(application=application, user=world.member)
    assert unread_counts(world.member, [application.pk]) == {application.pk: 0}

    message_post(application=application, by=world.owner, body="お返事です。")
    assert unread_counts(world.talent, [application.pk]) == {application.pk: 1}
    assert unread_counts(world.member, [application.pk]) == {application.pk: 1}


def test_unread_counts_for_many_applications_take_one_query(
    world, application, make_sheet, django_assert_num_queries
):
    other_sheet = make_sheet(SpecSheet.Status.PUBLISHED, title="石巻の水産加工品をECで届ける販路づくり")
    second_talent = make_talent_user("second")
    other = application_submit(sheet=other_sheet, by=second_talent, message=APPLY_MESSAGE)
    message_post(application=application, by=world.talent, body="こんにちは")
    for _ in range(3):
        message_post(application=other, by=second_talent, body="よろしくお願いします。")

    with django_assert_num_queries(1):
        counts = unread_counts(world.owner, [application.pk, other.pk, 10**6])

    assert counts == {application.pk: 1, other.pk: 3, 10**6: 0}


def test_the_unread_total_covers_every_thread_a_person_writes_in(
    world, application, make_sheet, django_assert_num_queries
):
    other_sheet = make_sheet(SpecSheet.Status.PUBLISHED, title="石巻の水産加工品をECで届ける販路づくり")
    other = application_submit(sheet=other_sheet, by=world.talent, message=APPLY_MESSAGE)
    message_post(application=application, by=world.owner, body="ご応募ありがとうございます。")
    message_post(application=other, by=world.member, body="お話を伺えますか。")

    with django_assert_num_queries(1):
        assert unread_total(world.talent) == 2
    assert unread_total(world.stranger) == 0
    assert unread_total(world.coordinator) == 0

    thread_mark_read(application=other, user=world.talent)
    assert unread_total(world.talent) == 1
