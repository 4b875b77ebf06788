"""The scouts API: send, list (received / sent), read, accept, decline — for the acting user."""

from __future__ import annotations

import pytest

from duallife.engagements.models import Application, ConsentRecord, Scout
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import SCOUT_MESSAGE, another_talent, has_japanese, post_json, profile, send


def test_a_company_member_sends_a_scout_and_a_second_one_is_a_conflict(client, world, sheet):
    client.force_login(world.owner)
    body = {"sheet_id": sheet.pk, "talent_id": profile(world.talent).pk, "message": SCOUT_MESSAGE}

    first = post_json(client, "/api/v1/my/scouts", body)
    second = post_json(client, "/api/v1/my/scouts", body)

    assert first.status_code == 201
    data = first.json()
    assert data["status"] == "pending"
    assert data["side"] == "sender"
    assert data["answerable"] is False
    assert data["sender_organization"]["slug"] == "sendai-miso"
    assert data["talent"] == {"id": profile(world.talent).pk, "display_name": "talentさん"}
    assert data["url"] == f"/scouts/{data['id']}/"
    assert second.status_code == 409
    assert "すでに送っています" in second.json()["detail"]
    assert Scout.objects.count() == 1


def test_the_limit_answers_429_in_japanese(client, world, sheet, settings):
    settings.SCOUT_LIMIT_PER_WEEK = 1
    send(world, sheet, talent=another_talent("first"))
    client.force_login(world.owner)
    body = {"sheet_id": sheet.pk, "talent_id": profile(world.talent).pk, "message": SCOUT_MESSAGE}
    response = post_json(client, "/api/v1/my/scouts", body)
    assert response.status_code == 429
    assert "7日間に1件" in response.json()["detail"]


def test_a_private_or_unknown_talent_is_a_404(client, world, sheet):
    hidden = another_talent("hidden", visibility=TalentProfile.Visibility.PRIVATE)
    client.force_login(world.owner)
    for talent_id in (hidden.pk, 2**63 - 1):
        body = {"sheet_id": sheet.pk, "talent_id": talent_id, "message": SCOUT_MESSAGE}
        response = post_json(client, "/api/v1/my/scouts", body)
        assert response.status_code == 404
        assert response.json()["detail"] == "指定された人材が見つかりません。"
    assert not Scout.objects.exists()


def test_scouting_for_another_companys_sheet_is_forbidden(client, world, make_sheet):
    theirs = make_sheet("published", organization=world.other_company)
    client.force_login(world.owner)
    body = {"sheet_id": theirs.pk, "talent_id": profile(world.talent).pk, "message": SCOUT_MESSAGE}
    response = post_json(client, "/api/v1/my/scouts", body)
    assert response.status_code == 403
    assert has_japanese(response.json()["detail"])


def test_a_talent_who_tries_to_send_a_scout_is_told_who_sends_them(client, world, sheet):
    """403 with the reason, as on the page: not "talent not found" (the talent is there)."""
    client.force_login(another_talent("sender").user)
    body = {"sheet_id": sheet.pk, "talent_id": profile(world.talent).pk, "message": SCOUT_MESSAGE}

    response = post_json(client, "/api/v1/my/scouts", body)

    assert response.status_code == 403
    assert response.json()["detail"].startswith("スカウトを送れるのは、企業のメンバーと")
    assert not Scout.objects.exists()


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"message": "短すぎます。"}, 400),
        ({"message": "あ" * 2001}, 400),
        ({"message": None}, 400),
        ({"talent_id": "abc"}, 400),
        ({"talent_id": 10**30}, 400),
        ({"sheet_id": 0}, 400),
        ({"sheet_id": 2**63 - 1}, 404),
    ],
)
def test_bad_scouts_are_refused_in_japanese_and_save_nothing(client, world, sheet, change, status):
    client.force_login(world.owner)
    body = {"sheet_id": sheet.pk, "talent_id": profile(world.talent).pk, "message": SCOUT_MESSAGE, **change}
    response = post_json(client, "/api/v1/my/scouts", body)
    assert response.status_code == status
    assert has_japanese(response.json()["detail"])
    assert not Scout.objects.exists()


def test_anonymous_callers_get_401(client, world, sheet):
    scout = send(world, sheet)
    assert client.get("/api/v1/my/scouts").status_code == 401
    assert client.get(f"/api/v1/my/scouts/{scout.pk}").status_code == 401
    assert post_json(client, f"/api/v1/my/scouts/{scout.pk}/accept", {}).status_code == 401
    response = post_json(client, "/api/v1/my/scouts", {"sheet_id": 1, "talent_id": 1, "message": "x"})
    assert response.status_code == 401
    assert has_japanese(response.json()["detail"])


def test_the_talent_lists_reads_and_accepts_their_scout(client, world, sheet):
    scout = send(world, sheet)
    client.force_login(world.talent)

    listed = client.get("/api/v1/my/scouts").json()
    read = client.get(f"/api/v1/my/scouts/{scout.pk}").json()
    accepted = post_json(client, f"/api/v1/my/scouts/{scout.pk}/accept", {"shared_fields": ["phone"]})
    again = post_json(client, f"/api/v1/my/scouts/{scout.pk}/accept", {"shared_fields": ["phone"]})

    assert listed["box"] == "received"
    assert [s["id"] for s in listed["results"]] == [scout.pk]
    assert listed["quota"] is None
    assert read["side"] == "talent"
    assert read["answerable"] is True
    assert read["message"] == SCOUT_MESSAGE
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    application = Application.objects.get()
    assert accepted.json()["application_id"] == application.pk
    assert ConsentRecord.objects.get().fields == ["phone"]
    assert again.status_code == 409


def test_the_talent_declines_with_a_reason(client, world, sheet):
    scout = send(world, sheet)
    client.force_login(world.talent)
    response = post_json(client, f"/api/v1/my/scouts/{scout.pk}/decline", {"reason": "時期が合いません。"})
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "時期が合いません。"
    too_long = post_json(client, f"/api/v1/my/scouts/{scout.pk}/decline", {"reason": "あ" * 1001})
    assert too_long.status_code in (400, 409)


def test_unknown_fields_in_an_accept_are_refused(client, world, sheet):
    scout = send(world, sheet)
    client.force_login(world.talent)
    response = post_json(client, f"/api/v1/my/scouts/{scout.pk}/accept", {"shared_fields": ["password"]})
    assert response.status_code == 400
    assert has_japanese(response.json()["detail"])
    assert not Application.objects.exists()


def test_senders_see_the_sent_box_with_their_quota(client, world, sheet, settings):
    settings.SCOUT_LIMIT_PER_DAY = 4
    send(world, sheet)
    client.force_login(world.owner)
    data = client.get("/api/v1/my/scouts?box=sent").json()
    assert data["count"] == 1
    assert data["results"][0]["side"] == "sender"
    assert data["quota"]["day_left"] == 3
    assert data["quota"]["day_limit"] == 4
    assert client.get("/api/v1/my/scouts?box=other").status_code == 400


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody"])
def test_other_tenants_get_404_and_see_nothing(client, world, sheet, who):
    scout = send(world, sheet)
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    assert client.get(f"/api/v1/my/scouts/{scout.pk}").status_code == 404
    assert post_json(client, f"/api/v1/my/scouts/{scout.pk}/decline", {}).status_code == 404
    assert client.get("/api/v1/my/scouts?box=sent").json()["results"] == []
    assert client.get("/api/v1/my/scouts").json()["results"] == []


def test_another_talent_cannot_read_or_answer_a_scout(client, world, sheet):
    scout = send(world, sheet)
    client.force_login(another_talent("other").user)
    assert client.get(f"/api/v1/my/scouts/{scout.pk}").status_code == 404
    assert post_json(client, f"/api/v1/my/scouts/{scout.pk}/accept", {}).status_code == 404
    assert Scout.objects.get().status == "pending"


def test_the_company_cannot_answer_in_the_talents_place(client, world, sheet):
    scout = send(world, sheet)
    client.force_login(world.member)
    response = post_json(client, f"/api/v1/my/scouts/{scout.pk}/accept", {})
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_the_sent_list_is_bounded_in_queries(client, world, sheet, django_assert_max_num_queries):
    send(world, sheet)
    client.force_login(world.owner)
    with django_assert_max_num_queries(10):
        client.get("/api/v1/my/scouts?box=sent")
    for i in range(10):
        send(world, sheet, talent=another_talent(f"n{i}"), by=world.member)
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/my/scouts?box=sent").json()["count"] == 11
