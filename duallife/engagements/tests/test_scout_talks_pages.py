"""Pages of the casual talk (まずは話を聞く): the button on the scout, the talk on the scout's page for
its two sides only, what the company sees of the talent there, writing and closing, the lists'
states and unread counts, and turning the talk into an application."""

from __future__ import annotations

import pytest

from duallife.engagements.models import Application, ConsentRecord, Message, Scout
from duallife.engagements.services.messages import talk_message_post
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import TALK_OPENING, another_talent, copy_per_sheet, in_talk, profile, send
from duallife.testing.pages import COMPANY_HEADER_QUERIES, TALENT_HEADER_QUERIES

St = Scout.Status


@pytest.fixture
def scout(world, sheet):
    return send(world, sheet)


@pytest.fixture
def talk(world, sheet):
    return in_talk(world, sheet)


def routes(pk: int) -> list[tuple[str, dict]]:
    return [
        (f"/scouts/{pk}/talk/", {"talk-message": "はじめまして。"}),
        (f"/scouts/{pk}/talk/close/", {"close-message": ""}),
        (f"/scouts/{pk}/messages/", {"message-body": "こんにちは。"}),
        (f"/scouts/{pk}/messages/read/", {}),
    ]


# --- Who may ---------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_changes(client, talk):
    for path, data in routes(talk.pk):
        response = client.post(path, data)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path
    assert Scout.objects.get().status == St.TALKING
    assert Message.objects.count() == 1


@pytest.mark.parametrize("who", ["stranger", "nobody", "far_coordinator", "coordinator", "operator"])
def test_people_of_another_tenant_get_a_404_and_change_nothing(client, world, talk, who):
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    assert client.get(f"/scouts/{talk.pk}/").status_code == 404
    for path, data in routes(talk.pk):
        assert client.post(path, data).status_code == 404, path
    assert Scout.objects.get().status == St.TALKING
    assert Message.objects.count() == 1


def test_another_talent_cannot_open_read_or_write_in_someone_elses_talk(client, world, scout):
    client.force_login(another_talent("other").user)
    for path, data in routes(scout.pk):
        assert client.post(path, data).status_code == 404, path
    assert Scout.objects.get().status == St.PENDING
    assert not Message.objects.exists()


def test_talk_routes_are_post_only(client, world, talk):
    client.force_login(world.talent)
    for path, _data in routes(talk.pk):
        assert client.get(path).status_code == 405, path


# --- The talent's side -------------------------------------------------------------------------------


def test_the_scout_page_offers_a_casual_talk_before_applying(client, world, scout):
    client.force_login(world.talent)

    body = client.get(f"/scouts/{scout.pk}/").content.decode()

    assert f'action="/scouts/{scout.pk}/talk/"' in body
    assert "まずは話を聞く" in body
    assert "氏名や連絡先は企業に届きません" in body
    assert "承諾して応募する" in body


def test_the_talent_opens_a_talk_and_writes_in_it(client, world, scout):
    client.force_login(world.talent)

    response = client.post(f"/scouts/{scout.pk}/talk/", {"talk-message": TALK_OPENING})

    assert response.status_code == 302
    assert response["Location"] == f"/scouts/{scout.pk}/#thread"
    assert Scout.objects.get().status == St.TALKING
    page = client.get(f"/scouts/{scout.pk}/").content.decode()
    assert "カジュアル面談のメッセージ" in page
    assert TALK_OPENING in page
    assert f'action="/scouts/{scout.pk}/messages/"' in page
    assert f'action="/scouts/{scout.pk}/talk/"' not in page  # once is enough
    assert "応募する" in page
    assert "このスカウトを辞退する" in page

    sent = client.post(f"/scouts/{scout.pk}/messages/", {"message-body": "月に二日ほど関われます。"})

    assert sent["Location"] == f"/scouts/{scout.pk}/#thread"
    assert Message.objects.filter(scout=scout).count() == 2


def test_opening_twice_says_so_and_changes_nothing(client, world, talk):
    client.force_login(world.talent)

    response = client.post(f"/scouts/{talk.pk}/talk/", {"talk-message": "もう一度"}, follow=True)

    assert "すでにカジュアル面談が始まっています" in response.content.decode()
    assert Message.objects.count() == 1


def test_a_too_long_first_message_is_explained_and_opens_nothing(client, world, scout):
    client.force_login(world.talent)

    response = client.post(f"/scouts/{scout.pk}/talk/", {"talk-message": "あ" * 2001}, follow=True)

    assert "2000文字以内" in response.content.decode()
    assert Scout.objects.get().status == St.PENDING


@pytest.mark.parametrize(
    ("body", "words"), [("", "メッセージを入力してください"), ("あ" * 4001, "4000文字以内")]
)
def test_an_empty_or_too_long_message_shows_the_page_again_with_the_error(client, world, talk, body, words):
    client.force_login(world.talent)

    response = client.post(f"/scouts/{talk.pk}/messages/", {"message-body": body})

    assert response.status_code == 400
    page = response.content.decode()
    assert words in page
    assert "エラー" in page
    assert Message.objects.count() == 1


def test_with_htmx_the_talk_answers_its_own_part(client, world, talk):
    client.force_login(world.owner)

    response = client.post(
        f"/scouts/{talk.pk}/messages/", {"message-body": "ありがとうございます。"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "メッセージを送りました。" in body
    assert "ありがとうございます。" in body


def test_opening_the_page_marks_nothing_read_and_the_read_button_does(client, world, talk):
    client.force_login(world.owner)
    page = client.get(f"/scouts/{talk.pk}/").content.decode()
    assert "新着メッセージが1件あります" in page
    assert f'hx-post="/scouts/{talk.pk}/messages/read/"' in page

    client.post(f"/scouts/{talk.pk}/messages/read/")

    assert "新着メッセージが" not in client.get(f"/scouts/{talk.pk}/").content.decode()


def test_turning_the_talk_into_an_application_on_the_page_records_consent_and_keeps_the_talk(
    client, world, talk
):
    client.force_login(world.talent)

    response = client.post(
        f"/scouts/{talk.pk}/accept/", {"accept-shared_fields": ["email"], "accept-message": "応募します。"}
    )

    application = Application.objects.get()
    assert response["Location"] == f"/applications/{application.pk}/"
    assert ConsentRecord.objects.get().fields == ["email"]
    client.force_login(world.owner)
    page = client.get(f"/applications/{application.pk}/").content.decode()
    assert TALK_OPENING in page
    assert world.talent.email in page  # shared now, by consent
    scout_page = client.get(f"/scouts/{talk.pk}/").content.decode()
    assert "カジュアル面談のメッセージ" not in scout_page
    assert f"/applications/{application.pk}/" in scout_page


# --- The company's side ----------------------------------------------------------------------------


def test_the_company_sees_the_talk_but_no_contact_details(client, world, talk):
    talent = profile(world.talent)
    talent.phone = "090-9876-5432"
    talent.save(update_fields=["phone"])
    client.force_login(world.member)

    body = client.get(f"/scouts/{talk.pk}/").content.decode()

    assert "カジュアル面談中" in body
    assert TALK_OPENING in body
    assert "talentさん" in body
    for private in (world.talent.email, "090-9876-5432", "山田", "花子", "ヤマダ"):
        assert private not in body, private
    assert f'action="/scouts/{talk.pk}/talk/close/"' in body


def test_the_company_closes_the_talk_politely_and_it_stays_readable(client, world, talk):
    client.force_login(world.owner)

    response = client.post(f"/scouts/{talk.pk}/talk/close/", {"close-message": ""}, follow=True)

    body = response.content.decode()
    assert "カジュアル面談を終えました" in body
    assert Scout.objects.get().status == St.CLOSED
    assert TALK_OPENING in body
    assert "このカジュアル面談は終了しました" in body
    assert 'name="message-body"' not in body
    again = client.post(f"/scouts/{talk.pk}/talk/close/", {"close-message": ""}, follow=True)
    assert "カジュアル面談を終えられません" in again.content.decode()


def test_the_talent_cannot_close_the_talk(client, world, talk):
    client.force_login(world.talent)

    response = client.post(f"/scouts/{talk.pk}/talk/close/", {"close-message": ""}, follow=True)

    assert "カジュアル面談を終えられるのは" in response.content.decode()
    assert Scout.objects.get().status == St.TALKING


# --- Lists ------------------------------------------------------------------------------------------


def test_the_sent_list_shows_the_talk_and_its_unread_messages(client, world, talk):
    client.force_login(world.owner)

    body = client.get("/scouts/sent/").content.decode()

    assert "カジュアル面談中" in body
    assert "新着メッセージ1件" in body
    assert f'href="/scouts/{talk.pk}/#thread"' in body


def test_the_inbox_lists_talks_apart_with_their_unread_messages(client, world, talk):
    talk_message_post(scout=talk, by=world.owner, body="ご返信ありがとうございます。")
    client.force_login(world.talent)

    body = client.get("/scouts/").content.decode()

    assert 'id="talking-heading"' in body
    assert "新着メッセージ1件" in body
    assert "回答待ちのスカウトはありません" in body


def test_the_lists_run_a_bounded_number_of_queries_however_many_talks(
    client, world, talk, make_sheet, django_assert_max_num_queries
):
    def pages():
        client.force_login(world.owner)
        with django_assert_max_num_queries(12 + COMPANY_HEADER_QUERIES):
            sent = client.get("/scouts/sent/").content.decode()
        client.force_login(world.talent)
        with django_assert_max_num_queries(15 + TALENT_HEADER_QUERIES):
            inbox = client.get("/scouts/").content.decode()
        return sent, inbox

    pages()
    copies = copy_per_sheet(talk, [make_sheet("published") for _ in range(6)])
    for copy in copies:
        talk_message_post(scout=copy, by=world.owner, body="ご返信ありがとうございます。")
    sent, inbox = pages()
    assert sent.count("カジュアル面談中") >= 7
    assert inbox.count('class="scout-card"') == 7
    assert inbox.count("新着メッセージ1件") == 6
