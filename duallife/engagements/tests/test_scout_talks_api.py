"""The casual talk through the API: ``scouts/{id}/talk``, ``talk/close`` and ``scouts/{id}/messages``
for the acting user — the same rules as the pages, answered as JSON."""

from __future__ import annotations

import pytest

from duallife.engagements.models import Application, ConsentRecord, Message, Scout
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import (
    TALK_OPENING,
    another_talent,
    has_japanese,
    in_talk,
    post_json,
    profile,
    send,
)

St = Scout.Status
API = "/api/v1/my/scouts"


@pytest.fixture
def scout(world, sheet):
    return send(world, sheet)


@pytest.fixture
def talk(world, sheet):
    return in_talk(world, sheet)


def test_the_talent_opens_a_talk_and_both_sides_see_its_state(client, world, scout):
    client.force_login(world.talent)
    before = client.get(f"{API}/{scout.pk}").json()
    assert (before["can_start_talk"], before["talk_open"]) == (True, False)

    response = post_json(client, f"{API}/{scout.pk}/talk", {"message": TALK_OPENING})

    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "talking"
    assert (data["can_start_talk"], data["talk_open"], data["answerable"]) == (False, True, True)
    assert data["talk_started_at"] is not None
    assert data["application_id"] is None
    client.force_login(world.owner)
    sent = client.get(API, {"box": "sent"}).json()["results"]
    assert [(s["status"], s["talk_open"], s["answerable"]) for s in sent] == [("talking", True, False)]


def test_opening_twice_is_a_conflict(client, world, talk):
    client.force_login(world.talent)
    response = post_json(client, f"{API}/{talk.pk}/talk", {})
    assert response.status_code == 409
    assert "すでにカジュアル面談" in response.json()["detail"]


def test_a_too_long_first_message_is_a_400_and_opens_nothing(client, world, scout):
    client.force_login(world.talent)
    response = post_json(client, f"{API}/{scout.pk}/talk", {"message": "あ" * 2001})
    assert response.status_code == 400
    assert response.json()["errors"] == ["message"]
    assert "2000文字以内" in response.json()["detail"]
    assert Scout.objects.get().status == St.PENDING


def test_who_gets_what_from_the_talk(client, world, talk):
    """Anonymous 401; the company may not open the talent's talk (403); outsiders 404."""
    assert post_json(client, f"{API}/{talk.pk}/talk/close", {}).status_code == 401
    assert client.get(f"{API}/{talk.pk}/messages").status_code == 401
    client.force_login(world.owner)
    assert post_json(client, f"{API}/{talk.pk}/talk", {}).status_code == 403
    give_mfa(world.far_coordinator)
    for who in (world.stranger, another_talent("other").user, world.far_coordinator):
        client.force_login(who)
        assert client.get(f"{API}/{talk.pk}/messages").status_code == 404
        assert post_json(client, f"{API}/{talk.pk}/messages", {"body": "こんにちは"}).status_code == 404
        assert post_json(client, f"{API}/{talk.pk}/messages/read", {}).status_code == 404
        assert post_json(client, f"{API}/{talk.pk}/talk/close", {}).status_code == 404
    assert Message.objects.count() == 1
    assert Scout.objects.get().status == St.TALKING


def test_staff_without_mfa_are_asked_for_it_before_reading_a_talk(client, world, sheet):
    talk = in_talk(world, sheet, by=world.coordinator)
    client.force_login(world.coordinator)
    response = client.get(f"{API}/{talk.pk}/messages")
    assert response.status_code == 403
    assert "二段階認証" in response.json()["detail"]
    give_mfa(world.coordinator)
    assert client.get(f"{API}/{talk.pk}/messages").status_code == 200


def test_both_sides_write_read_and_count_unread(client, world, talk):
    client.force_login(world.owner)
    listed = client.get(f"{API}/{talk.pk}/messages").json()
    assert (listed["count"], listed["unread"], listed["can_post"]) == (1, 1, True)
    assert listed["results"][0]["author"] == "talent"
    assert listed["results"][0]["author_name"] == "talentさん"

    written = post_json(client, f"{API}/{talk.pk}/messages", {"body": "30分ほどお話ししましょう。"})
    read = post_json(client, f"{API}/{talk.pk}/messages/read", {})

    assert written.status_code == 201
    assert written.json()["author"] == "sender"
    assert written.json()["mine"] is True
    assert read.status_code == 200
    assert read.json()["unread_total"] == 0
    client.force_login(world.talent)
    assert client.get("/api/v1/my/messages/unread").json() == {"total": 1}


def test_the_talk_tells_the_company_nothing_of_the_talents_contact_details(client, world, talk):
    talent = profile(world.talent)
    talent.phone = "090-9876-5432"
    talent.save(update_fields=["phone"])
    client.force_login(world.owner)
    bodies = client.get(f"{API}/{talk.pk}/messages").content.decode()
    bodies += client.get(f"{API}/{talk.pk}").content.decode()
    for private in (world.talent.email, "090-9876-5432", "山田", "花子"):
        assert private not in bodies, private


@pytest.mark.parametrize(("body", "status"), [({"body": ""}, 400), ({"body": "あ" * 4001}, 400), ({}, 400)])
def test_bad_messages_are_refused_in_japanese_and_nothing_is_saved(client, world, talk, body, status):
    client.force_login(world.talent)
    response = post_json(client, f"{API}/{talk.pk}/messages", body)
    assert response.status_code == status
    assert has_japanese(response.json()["detail"])
    assert Message.objects.count() == 1


def test_a_talk_not_open_answers_409(client, world, scout):
    client.force_login(world.owner)
    response = post_json(client, f"{API}/{scout.pk}/messages", {"body": "いかがでしょうか。"})
    assert response.status_code == 409
    assert client.get(f"{API}/{scout.pk}/messages").json()["can_post"] is False


def test_the_company_closes_and_the_talent_may_not(client, world, talk):
    client.force_login(world.talent)
    assert post_json(client, f"{API}/{talk.pk}/talk/close", {}).status_code == 403
    client.force_login(world.member)

    closed = post_json(client, f"{API}/{talk.pk}/talk/close", {"message": "ありがとうございました。"})
    again = post_json(client, f"{API}/{talk.pk}/talk/close", {})

    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["talk_open"]) == ("closed", False)
    assert again.status_code == 409
    listed = client.get(f"{API}/{talk.pk}/messages").json()
    assert listed["can_post"] is False
    assert "終了しました" in listed["closed_note"]


def test_accepting_from_the_talk_records_consent_and_moves_the_talk(client, world, talk):
    client.force_login(world.talent)

    response = post_json(client, f"{API}/{talk.pk}/accept", {"shared_fields": ["name"], "message": ""})

    assert response.status_code == 200
    application = Application.objects.get()
    assert response.json()["application_id"] == application.pk
    assert ConsentRecord.objects.get().basis == ConsentRecord.Basis.SCOUT_ACCEPT
    thread = client.get(f"/api/v1/my/applications/{application.pk}/messages").json()
    assert [m["body"] for m in thread["results"]] == [TALK_OPENING]
