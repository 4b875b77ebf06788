"""The messages API: reading a thread page by page, posting text and files, read state, and who
gets 401, 403 and 404."""

from __future__ import annotations

import pytest

from duallife.accounts.models import PersonalDataAccess
from duallife.engagements.models import Message
from duallife.engagements.services.applications import application_decline
from duallife.engagements.services.messages import ATTACHMENT_MAX_BYTES, message_post
from duallife.testing.accounts import give_mfa
from duallife.testing.files import ACCEPTED, DISGUISED, PDF_BYTES, pdf, private_root, stored_files, upload


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder, so a test can see what was (not) written."""
    return private_root(settings, tmp_path / "media")


def thread_url(application) -> str:
    return f"/api/v1/my/applications/{application.pk}/messages"


def read_url(application) -> str:
    return f"/api/v1/my/applications/{application.pk}/messages/read"


UNREAD_URL = "/api/v1/my/messages/unread"


def test_the_talent_posts_a_message_and_reads_it_back(client, world, application):
    client.force_login(world.talent)

    created = client.post(thread_url(application), {"body": "面談の日程を相談させてください。"})
    listed = client.get(thread_url(application)).json()

    assert created.status_code == 201
    assert created.json()["author"] == "talent"
    assert created.json()["mine"] is True
    assert listed["count"] == 1
    assert listed["can_post"] is True
    assert listed["results"][0]["body"] == "面談の日程を相談させてください。"


def test_a_company_member_posts_a_file_and_the_talent_sees_it_as_unread(client, world, application):
    name, content, content_type = ACCEPTED["xlsx"]
    client.force_login(world.owner)
    created = client.post(
        thread_url(application), {"body": "売上の資料です。", "file": upload(name, content, "text/plain")}
    ).json()

    client.force_login(world.talent)
    listed = client.get(thread_url(application)).json()

    attachment = created["attachment"]
    assert attachment["name"] == "売上.xlsx"
    assert attachment["content_type"] == content_type
    assert attachment["size"] == len(content)
    assert attachment["url"] == f"/applications/{application.pk}/messages/{created['id']}/attachment/"
    message = listed["results"][0]
    assert message["author"] == "company"
    assert message["author_name"] == world.company.name
    assert message["unread"] is True
    assert listed["unread"] == 1
    assert client.get(attachment["url"]).status_code == 200


def test_reading_marks_nothing_until_the_thread_is_marked_read(client, world, application):
    message_post(application=application, by=world.owner, body="ご応募ありがとうございます。")
    client.force_login(world.talent)

    assert client.get(UNREAD_URL).json() == {"total": 1}
    client.get(thread_url(application))
    assert client.get(UNREAD_URL).json() == {"total": 1}

    marked = client.post(read_url(application))

    assert marked.status_code == 200
    assert marked.json()["unread_total"] == 0
    assert client.get(UNREAD_URL).json() == {"total": 0}
    assert client.get(thread_url(application)).json()["results"][0]["unread"] is False


def test_the_thread_comes_in_pages_of_50_oldest_first(client, world, application):
    for number in range(51):
        message_post(application=application, by=world.talent, body=f"{number}通目")
    client.force_login(world.member)

    first = client.get(thread_url(application)).json()
    second = client.get(thread_url(application), {"page": 2}).json()
    beyond = client.get(thread_url(application), {"page": 3}).json()

    assert (first["count"], first["pages"], len(first["results"])) == (51, 2, 50)
    assert first["results"][0]["body"] == "0通目"
    assert [m["body"] for m in second["results"]] == ["50通目"]
    assert beyond["results"] == []


@pytest.mark.parametrize("count", [5, 50])
def test_a_page_of_the_thread_takes_a_bounded_number_of_queries(
    client, world, application, count, django_assert_max_num_queries
):
    for number in range(count):
        message_post(application=application, by=world.talent, body=f"{number}通目", attachment=pdf())
    client.force_login(world.owner)

    with django_assert_max_num_queries(12):
        response = client.get(thread_url(application))

    assert len(response.json()["results"]) == count


# --- Bad input -----------------------------------------------------------------------------------


def test_an_empty_message_is_refused_in_japanese(client, world, application):
    client.force_login(world.talent)

    response = client.post(thread_url(application), {"body": "  "})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "メッセージを入力するか、ファイルを添付してください。",
        "errors": ["body"],
    }
    assert not Message.objects.exists()


def test_a_too_long_message_is_refused(client, world, application):
    client.force_login(world.talent)

    response = client.post(thread_url(application), {"body": "あ" * 4001})

    assert response.status_code == 400
    assert "4000文字以内" in response.json()["detail"]


def test_a_disguised_file_is_refused_and_nothing_is_stored(client, world, application, media_root):
    name, content, content_type = DISGUISED["a program renamed .pdf"]
    client.force_login(world.talent)

    response = client.post(thread_url(application), {"body": "", "file": upload(name, content, content_type)})

    assert response.status_code == 400
    assert response.json()["errors"] == ["attachment"]
    assert "添付できません" in response.json()["detail"]
    assert not Message.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_10_mb_answers_413(client, world, application, media_root):
    client.force_login(world.talent)
    big = upload("大きな資料.pdf", PDF_BYTES + b"0" * ATTACHMENT_MAX_BYTES, "application/pdf")

    response = client.post(thread_url(application), {"body": "資料です。", "file": big})

    assert response.status_code == 413
    assert "10MBまで" in response.json()["detail"]
    assert stored_files(media_root) == []


def test_an_ended_application_answers_409(client, world, application):
    application_decline(application=application, by=world.owner, reason="")
    client.force_login(world.talent)

    response = client.post(thread_url(application), {"body": "もう一度だけ。"})

    assert response.status_code == 409
    assert client.get(thread_url(application)).json()["can_post"] is False


@pytest.mark.parametrize("bad", ["abc", str(10**30), "0"])
def test_odd_ids_are_refused_without_a_server_error(client, world, bad):
    client.force_login(world.talent)

    for response in (
        client.get(f"/api/v1/my/applications/{bad}/messages"),
        client.post(f"/api/v1/my/applications/{bad}/messages", {"body": "こんにちは"}),
        client.post(f"/api/v1/my/applications/{bad}/messages/read"),
    ):
        assert response.status_code in (400, 404)
        assert response.json()["detail"]


def test_a_page_number_out_of_range_is_refused_in_japanese(client, world, application):
    client.force_login(world.talent)

    response = client.get(thread_url(application), {"page": "0"})

    assert response.status_code == 400
    assert response.json()["errors"] == ["page"]


# --- Staff, other tenants, anonymous --------------------------------------------------------------


def test_staff_read_through_the_api_with_mfa_and_are_logged_but_cannot_post(client, staff_mfa, application):
    message_post(application=application, by=staff_mfa.talent, body="稼働日の相談です。")
    client.force_login(staff_mfa.coordinator)

    listed = client.get(thread_url(application))
    posted = client.post(thread_url(application), {"body": "様子はいかがですか。"})

    assert listed.status_code == 200
    assert listed.json()["can_post"] is False
    assert PersonalDataAccess.objects.filter(by=staff_mfa.coordinator).exists()
    assert posted.status_code == 403
    assert "メッセージは送れません" in posted.json()["detail"]
    assert Message.objects.count() == 1


def test_staff_without_mfa_are_refused(client, world, application):
    client.force_login(world.coordinator)

    response = client.get(thread_url(application))

    assert response.status_code == 403
    assert "二段階認証" in response.json()["detail"]


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody"])
def test_other_tenants_get_404_everywhere(client, world, application, who):
    message_post(application=application, by=world.talent, body="秘密の相談です。")
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)

    for response in (
        client.get(thread_url(application)),
        client.post(thread_url(application), {"body": "こんにちは"}),
        client.post(read_url(application)),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == "応募が見つかりません。"
    assert client.get(UNREAD_URL).json() == {"total": 0}
    assert Message.objects.count() == 1


def test_anonymous_callers_get_401(client, application):
    for response in (
        client.get(thread_url(application)),
        client.post(thread_url(application), {"body": "こんにちは"}),
        client.post(read_url(application)),
        client.get(UNREAD_URL),
    ):
        assert response.status_code == 401
        assert "ログイン" in response.json()["detail"]
    assert not Message.objects.exists()


def test_posting_without_the_csrf_token_is_refused(world, application):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.talent)

    response = client.post(thread_url(application), {"body": "こんにちは"})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Message.objects.exists()


def test_a_body_far_over_the_request_limit_is_refused_without_a_server_error(client, world, application):
    client.force_login(world.talent)

    response = client.post(thread_url(application), {"body": "あ" * 1_000_000})

    assert response.status_code == 400
    assert not Message.objects.exists()
