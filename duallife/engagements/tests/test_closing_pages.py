"""Closing a sheet by hand, with care: the company sees who is still in conversation, may keep a
booked meeting open, and writes the words the others receive (or kind default words)."""

from __future__ import annotations

import pytest

from duallife.engagements.models import Application
from duallife.engagements.services.applications import application_submit
from duallife.postings.models import SpecSheet
from duallife.testing.engagements import APPLY_MESSAGE, applicant_in_interview
from duallife.testing.notifications import told
from duallife.testing.talents import make_talent_user

S = Application.Status


@pytest.fixture
def conversations(world, sheet):
    return (
        applicant_in_interview(world, sheet, "booked", days_ahead=4),
        application_submit(sheet=sheet, by=make_talent_user("talking"), message=APPLY_MESSAGE),
    )


def test_the_page_lists_who_is_in_conversation_and_offers_to_keep_only_a_booked_meeting(
    client, world, sheet, conversations
):
    booked, talking = conversations
    client.force_login(world.member)
    body = client.get(f"/sheets/{sheet.pk}/close/").content.decode()
    assert "2人が、まだ結果を待っています" in body
    assert f'name="keep_open" value="{booked.pk}"' in body
    assert f'name="keep_open" value="{talking.pk}"' not in body
    assert "面談の予定" in body


def test_closing_keeps_the_chosen_meeting_and_tells_the_others_in_the_companys_words(
    client, world, sheet, conversations
):
    booked, talking = conversations
    client.force_login(world.owner)
    response = client.post(
        f"/sheets/{sheet.pk}/close/",
        {"reason": "withdrawn", "keep_open": [str(booked.pk)], "message": "予算の都合で募集を見直します。"},
    )

    assert response.status_code == 302
    sheet.refresh_from_db()
    booked.refresh_from_db()
    talking.refresh_from_db()
    assert (sheet.status, sheet.closed_reason) == (SpecSheet.Status.CLOSED, "withdrawn")
    assert booked.status == S.INTERVIEW
    assert talking.status == S.EXPIRED
    assert told(user=talking.talent.user, kind="sheet_closed", body="予算の都合で募集を見直します。")


def test_closing_without_words_sends_the_kind_default(client, world, sheet, conversations):
    _booked, talking = conversations
    client.force_login(world.owner)
    client.post(f"/sheets/{sheet.pk}/close/", {"reason": "filled"})
    assert told(user=talking.talent.user, kind="sheet_closed", body="ありがとうございました")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "終了の理由を選んでください。"),
        ({"reason": "expired"}, "終了の理由を選択肢から選んでください。"),
        ({"reason": "filled", "keep_open": "abc"}, "続ける応募を一覧から選んでください。"),
        ({"reason": "filled", "message": "あ" * 2001}, "2000"),
    ],
)
def test_a_bad_closing_says_why_and_closes_nothing(client, world, sheet, conversations, data, message):
    _booked, talking = conversations
    client.force_login(world.owner)
    response = client.post(f"/sheets/{sheet.pk}/close/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    sheet.refresh_from_db()
    talking.refresh_from_db()
    assert sheet.status == SpecSheet.Status.PUBLISHED
    assert talking.status == S.APPLIED


def test_keeping_a_conversation_without_a_meeting_is_refused(client, world, sheet, conversations):
    _booked, talking = conversations
    client.force_login(world.owner)
    response = client.post(f"/sheets/{sheet.pk}/close/", {"reason": "filled", "keep_open": [str(talking.pk)]})
    assert response.status_code == 400
    sheet.refresh_from_db()
    assert sheet.status == SpecSheet.Status.PUBLISHED


def test_only_the_companys_members_reach_the_page(client, world, sheet, conversations):
    url = f"/sheets/{sheet.pk}/close/"
    assert client.get(url).status_code == 302  # to log in
    for user in (world.stranger, world.talent, world.coordinator, world.operator, world.nobody):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "filled"}).status_code == 404
    sheet.refresh_from_db()
    assert sheet.status == SpecSheet.Status.PUBLISHED


def test_a_sheet_not_published_has_nothing_to_close(client, world, make_sheet):
    draft = make_sheet(SpecSheet.Status.DRAFT)
    client.force_login(world.owner)
    response = client.get(f"/sheets/{draft.pk}/close/", follow=True)
    assert "公開中ではない" in response.content.decode()


def test_the_sheet_page_leads_to_the_closing_page(client, world, sheet):
    client.force_login(world.owner)
    body = client.get(f"/sheets/{sheet.pk}/").content.decode()
    assert f'href="/sheets/{sheet.pk}/close/"' in body


def test_the_closing_page_reads_in_english(client, world, sheet, conversations):
    client.force_login(world.owner)
    body = client.get(f"/en/sheets/{sheet.pk}/close/").content.decode()
    assert "2 applicants are still waiting for an answer. Closing tells them." in body
    assert "meeting booked for" in body
