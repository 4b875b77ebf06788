"""The thread on the application page: reading, writing with and without JavaScript, downloads,
who may see what, and bad input."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from duallife.accounts.models import PersonalDataAccess
from duallife.engagements.models import Message
from duallife.engagements.selectors.messages import unread_counts
from duallife.engagements.services.applications import application_decline
from duallife.engagements.services.messages import ATTACHMENT_MAX_BYTES, message_post
from duallife.notifications.models import Notification
from duallife.testing.files import ACCEPTED, DISGUISED, PDF_BYTES, pdf, private_root, stored_files, upload


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder, so a test can see what was (not) written."""
    return private_root(settings, tmp_path / "media")


def page_url(application) -> str:
    return f"/applications/{application.pk}/"


def post_url(application) -> str:
    return f"/applications/{application.pk}/messages/"


def download_url(message) -> str:
    return f"/applications/{message.application_id}/messages/{message.pk}/attachment/"


HTMX = {"HTTP_HX_REQUEST": "true"}


# --- Reading and writing -------------------------------------------------------------------------


def test_the_talent_writes_without_javascript_and_comes_back_to_the_thread(client, world, application):
    client.force_login(world.talent)

    response = client.post(post_url(application), {"message-body": "面談の日程を相談させてください。"})

    assert response.status_code == 302
    assert response["Location"] == f"{page_url(application)}#thread"
    page = client.get(page_url(application)).content.decode()
    assert "面談の日程を相談させてください。" in page
    assert "メッセージを送りました。" in page
    assert set(Notification.objects.filter(kind="message").values_list("user__username", flat=True)) == {
        "owner",
        "member",
    }


def test_a_company_member_writes_with_an_attachment_and_the_talent_sees_it(client, world, application):
    client.force_login(world.member)
    client.post(post_url(application), {"message-body": "資料をお送りします。", "message-attachment": pdf()})
    message = Message.objects.get()

    client.force_login(world.talent)
    page = client.get(page_url(application)).content.decode()

    assert "資料をお送りします。" in page
    assert "提案書.pdf" in page
    assert download_url(message) in page
    assert f"{django_settings.MEDIA_URL}messages/" not in page  # never linked by its storage URL


def test_with_htmx_the_answer_is_the_thread_alone_with_the_new_message_and_an_empty_form(
    client, world, application
):
    client.force_login(world.talent)

    response = client.post(post_url(application), {"message-body": "よろしくお願いします。"}, **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "よろしくお願いします。" in body
    assert "メッセージを送りました。" in body
    assert 'name="message-body"' in body


def test_the_form_posts_to_the_thread_and_htmx_swaps_it(client, world, application):
    client.force_login(world.talent)

    page = client.get(page_url(application)).content.decode()

    assert 'id="thread"' in page
    assert f'action="{post_url(application)}"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'hx-target="#thread-body"' in page


def test_the_page_shows_what_was_new_and_marks_it_read_by_post_not_by_opening(client, world, application):
    message_post(application=application, by=world.talent, body="一通目です。")
    message_post(application=application, by=world.talent, body="二通目です。")
    client.force_login(world.owner)
    read_url = reverse("engagements:thread_read", args=[application.pk])

    first = client.get(page_url(application)).content.decode()
    still = client.get(page_url(application)).content.decode()
    swapped = client.post(read_url, HTTP_HX_REQUEST="true")
    again = client.get(page_url(application)).content.decode()

    assert "新着メッセージが2件あります。" in first
    assert first.count(">新着<") == 2
    assert f'hx-post="{read_url}" hx-trigger="load"' in first  # sent as soon as the page loads
    assert "新着メッセージが2件あります。" in still  # opening alone changed nothing
    assert swapped.status_code == 200
    assert swapped.content == b""
    assert "新着" not in again
    assert unread_counts(world.owner, [application.pk]) == {application.pk: 0}
    assert unread_counts(world.member, [application.pk]) == {application.pk: 2}


def test_staff_read_the_thread_without_a_form_and_the_read_is_logged(client, staff_mfa, application):
    world = staff_mfa
    message_post(application=application, by=world.talent, body="稼働日の相談です。")
    client.force_login(world.coordinator)

    page = client.get(page_url(application)).content.decode()

    assert "稼働日の相談です。" in page
    assert "メッセージは送れません" in page
    assert 'name="message-body"' not in page
    assert PersonalDataAccess.objects.filter(by=world.coordinator, what__contains="メッセージ").exists()


def test_staff_posting_anyway_are_refused_and_nothing_is_saved(client, staff_mfa, application):
    client.force_login(staff_mfa.operator)

    response = client.post(post_url(application), {"message-body": "様子はいかがですか。"}, follow=True)

    assert "メッセージは送れません" in response.content.decode()
    assert not Message.objects.exists()


def test_an_ended_application_shows_its_thread_but_no_form(client, world, application):
    message_post(application=application, by=world.talent, body="よろしくお願いします。")
    application_decline(application=application, by=world.owner, reason="")
    client.force_login(world.talent)

    page = client.get(page_url(application)).content.decode()
    response = client.post(post_url(application), {"message-body": "もう一度だけ。"}, follow=True)

    assert "よろしくお願いします。" in page
    assert "新しいメッセージは送れません" in page
    assert 'name="message-body"' not in page
    assert "メッセージを送れません" in response.content.decode()
    assert Message.objects.count() == 1


# --- Bad input -----------------------------------------------------------------------------------


def test_an_empty_message_shows_the_page_again_with_the_error(client, world, application):
    client.force_login(world.talent)

    response = client.post(post_url(application), {"message-body": "   "})

    assert response.status_code == 400
    assert "メッセージを入力するか、ファイルを添付してください。" in response.content.decode()
    assert not Message.objects.exists()


def test_a_too_long_message_is_refused_and_what_was_typed_is_kept(client, world, application):
    client.force_login(world.talent)
    text = "長" * 4001

    response = client.post(post_url(application), {"message-body": text})

    body = response.content.decode()
    assert response.status_code == 400
    assert "4000文字以内" in body
    assert text in body
    assert 'aria-invalid="true"' in body
    assert not Message.objects.exists()


@pytest.mark.parametrize("kind", ["a program renamed .pdf", "a web page sent as text"])
def test_a_disguised_file_is_refused_on_the_page_and_nothing_is_stored(
    client, world, application, media_root, kind
):
    name, content, content_type = DISGUISED[kind]
    client.force_login(world.talent)

    response = client.post(
        post_url(application),
        {"message-body": "資料です。", "message-attachment": upload(name, content, content_type)},
    )

    assert response.status_code == 400
    assert "添付できません" in response.content.decode()
    assert not Message.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_10_mb_is_refused_with_htmx_in_the_thread(client, world, application, media_root):
    client.force_login(world.talent)
    big = upload("大きな資料.pdf", PDF_BYTES + b"0" * ATTACHMENT_MAX_BYTES, "application/pdf")

    response = client.post(post_url(application), {"message-body": "", "message-attachment": big}, **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "10MBまで" in body
    assert 'aria-invalid="true"' in body
    assert not Message.objects.exists()
    assert stored_files(media_root) == []


def test_reading_the_post_address_is_not_allowed(client, world, application):
    client.force_login(world.talent)

    assert client.get(post_url(application)).status_code == 405


# --- Downloads -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["talent", "owner", "member"])
def test_both_sides_download_an_attachment_under_its_original_name_and_sniffed_type(
    client, world, application, who
):
    name, content, content_type = ACCEPTED["docx"]
    message = message_post(
        application=application, by=world.talent, body="", attachment=upload(name, content, "application/zip")
    )
    client.force_login(getattr(world, who))

    response = client.get(download_url(message))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E8%81%B7%E5%8B%99" in response["Content-Disposition"]


def test_staff_downloading_an_attachment_is_logged(client, staff_mfa, application):
    message = message_post(application=application, by=staff_mfa.talent, body="", attachment=pdf())
    client.force_login(staff_mfa.coordinator)

    response = client.get(download_url(message))

    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(by=staff_mfa.coordinator, what__contains="提案書.pdf").exists()


def test_a_message_without_attachment_or_of_another_application_has_nothing_to_download(
    client, world, application, make_sheet
):
    from duallife.postings.models import SpecSheet
    from duallife.testing.engagements import APPLY_MESSAGE
    from duallife.testing.talents import make_talent_user

    other_talent = make_talent_user("other")
    other = make_sheet(SpecSheet.Status.PUBLISHED, title="石巻の水産加工品をECで届ける販路づくり")
    from duallife.engagements.services.applications import application_submit

    other_application = application_submit(sheet=other, by=other_talent, message=APPLY_MESSAGE)
    foreign = message_post(application=other_application, by=other_talent, body="", attachment=pdf())
    plain = message_post(application=application, by=world.talent, body="本文だけです。")
    client.force_login(world.talent)

    assert client.get(download_url(plain)).status_code == 404
    assert client.get(f"/applications/{application.pk}/messages/{foreign.pk}/attachment/").status_code == 404


@pytest.mark.parametrize("bad", ["abc", str(10**30), "-1", "0"])
def test_odd_ids_in_the_download_address_are_not_found(client, world, application, bad):
    message = message_post(application=application, by=world.talent, body="", attachment=pdf())
    client.force_login(world.talent)

    assert client.get(f"/applications/{application.pk}/messages/{bad}/attachment/").status_code == 404
    assert client.get(f"/applications/{bad}/messages/{message.pk}/attachment/").status_code == 404
    assert client.post(f"/applications/{bad}/messages/", {"message-body": "こんにちは"}).status_code == 404


def test_a_lost_file_is_not_found_rather_than_an_error(client, world, application):
    message = message_post(application=application, by=world.talent, body="", attachment=pdf())
    message.attachment.storage.delete(message.attachment.name)
    client.force_login(world.talent)

    assert client.get(download_url(message)).status_code == 404


# --- Other tenants and anonymous visitors ---------------------------------------------------------


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody"])
def test_other_tenants_get_not_found_for_the_thread_posting_and_downloads(client, world, application, who):
    from duallife.testing.accounts import give_mfa

    message = message_post(
        application=application, by=world.talent, body="秘密の相談です。", attachment=pdf()
    )
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)

    assert client.get(page_url(application)).status_code == 404
    assert client.post(post_url(application), {"message-body": "こんにちは"}).status_code == 404
    assert client.post(reverse("engagements:thread_read", args=[application.pk])).status_code == 404
    assert client.get(download_url(message)).status_code == 404
    assert Message.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, world, application):
    message = message_post(application=application, by=world.talent, body="", attachment=pdf())

    for response in (
        client.post(post_url(application), {"message-body": "こんにちは"}),
        client.post(reverse("engagements:thread_read", args=[application.pk])),
        client.get(download_url(message)),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert Message.objects.count() == 1


# --- Bounded queries -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_reads_a_thread_of_any_length_in_a_bounded_number_of_queries(
    client, world, application, count, django_assert_max_num_queries
):
    for number in range(count):
        author = world.talent if number % 2 else world.member
        message_post(application=application, by=author, body=f"{number}通目のメッセージです。")
    message_post(application=application, by=world.talent, body="", attachment=pdf())
    client.force_login(world.owner)

    with django_assert_max_num_queries(30):
        response = client.get(page_url(application))

    assert response.content.decode().count('class="thread-message') == count + 1


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("who", ["talent", "owner", "coordinator"])
def test_the_thread_panel_alone_takes_the_same_few_queries_for_5_or_50_messages(
    rf, staff_mfa, application, count, who, django_assert_max_num_queries
):
    from duallife.engagements.permissions import side_of
    from duallife.engagements.views.messages import thread_panel

    world = staff_mfa
    for number in range(count):
        author = world.talent if number % 2 else world.member
        message_post(application=application, by=author, body=f"{number}通目のメッセージです。")
    request = rf.get(page_url(application))
    request.user = getattr(world, who)
    side = side_of(request.user, application)

    with django_assert_max_num_queries(14):
        panel = thread_panel(request, application, side)

    assert len(panel["messages"]) == count
