"""The applications API: apply, read, move on, decline, withdraw, share — for the acting user."""

from __future__ import annotations

import json

from duallife.accounts.models import PersonalDataAccess
from duallife.engagements.models import Application, ConsentRecord
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE

S = Application.Status


def post_json(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def test_a_talent_applies_and_a_second_submit_is_a_conflict_not_a_second_row(client, world, sheet):
    client.force_login(world.talent)
    body = {"sheet_id": sheet.pk, "message": APPLY_MESSAGE, "shared_fields": ["email"]}

    first = post_json(client, "/api/v1/my/applications", body)
    second = post_json(client, "/api/v1/my/applications", body)

    assert first.status_code == 201
    assert first.json()["status"] == "applied"
    assert first.json()["url"] == f"/applications/{first.json()['id']}/"
    assert second.status_code == 409
    assert "すでに応募" in second.json()["detail"]
    assert Application.objects.filter(sheet=sheet).count() == 1
    assert ConsentRecord.objects.get().fields == ["email"]


def test_bad_applications_are_refused_in_japanese_and_save_nothing(client, world, sheet, make_sheet):
    client.force_login(world.talent)
    draft = make_sheet("draft")
    cases = [
        ({"sheet_id": sheet.pk, "message": "短い"}, 400),
        ({"sheet_id": sheet.pk, "message": APPLY_MESSAGE, "shared_fields": ["password"]}, 400),
        ({"sheet_id": draft.pk, "message": APPLY_MESSAGE}, 404),
        ({"sheet_id": 2**63 - 1, "message": APPLY_MESSAGE}, 404),
        ({"sheet_id": "abc", "message": APPLY_MESSAGE}, 400),
        ({"message": APPLY_MESSAGE}, 400),
    ]
    for body, status in cases:
        response = post_json(client, "/api/v1/my/applications", body)
        assert response.status_code == status, body
        assert has_japanese(response.json()["detail"]), body
    assert not Application.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_anonymous_callers_get_401(client, sheet, application):
    assert client.get("/api/v1/my/applications").status_code == 401
    assert client.get(f"/api/v1/my/applications/{application.pk}").status_code == 401
    response = post_json(client, "/api/v1/my/applications", {"sheet_id": sheet.pk, "message": APPLY_MESSAGE})
    assert response.status_code == 401
    assert has_japanese(response.json()["detail"])


def test_another_company_and_a_far_coordinator_cannot_see_or_touch_it(client, world, application):
    give_mfa(world.far_coordinator)
    for outsider in (world.stranger, world.far_coordinator, world.nobody):
        client.force_login(outsider)
        assert client.get(f"/api/v1/my/applications/{application.pk}").status_code == 404
        response = post_json(client, f"/api/v1/my/applications/{application.pk}/decline", {"reason": ""})
        assert response.status_code == 404
        listed = client.get("/api/v1/my/applications", {"as": "company"}).json()
        assert listed == []
    application.refresh_from_db()
    assert application.status == S.APPLIED


def test_the_company_sees_only_the_consented_fields(client, world, application):
    client.force_login(world.member)

    data = client.get(f"/api/v1/my/applications/{application.pk}").json()

    assert data["side"] == "company"
    consented = data["applicant_details"]["consented"]
    assert set(consented) == {"name", "email"}
    assert consented["email"] == "talent@example.jp"
    assert "phone" not in consented
    assert "090" not in json.dumps(data)


def test_a_coordinator_reading_it_is_logged(client, world, application):
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)

    response = client.get(f"/api/v1/my/applications/{application.pk}")

    assert response.status_code == 200
    assert response.json()["side"] == "staff"
    assert PersonalDataAccess.objects.filter(by=world.coordinator, subject=world.talent).exists()


def test_the_pipeline_steps_through_the_api(client, world, application):
    client.force_login(world.owner)
    url = f"/api/v1/my/applications/{application.pk}"

    no_date = post_json(client, f"{url}/advance", {"to": "interview", "interview_mode": "online"})
    interview = post_json(
        client,
        f"{url}/advance",
        {"to": "interview", "interview_mode": "onsite", "interview_at": "2099-01-10T14:00:00+09:00"},
    )
    offer = post_json(client, f"{url}/advance", {"to": "offer"})

    assert no_date.status_code == 400
    assert no_date.json()["errors"] == ["interview_at"]
    assert interview.status_code == 200
    assert offer.json()["status"] == "offer"
    assert [e["to_status"] for e in offer.json()["events"]] == ["applied", "interview", "offer"]
    assert [e["by_side"] for e in offer.json()["events"]] == ["talent", "company", "company"]


def test_only_the_talent_withdraws_and_only_the_company_declines(client, world, application):
    url = f"/api/v1/my/applications/{application.pk}"
    client.force_login(world.owner)
    assert post_json(client, f"{url}/withdraw", {"reason": ""}).status_code == 403
    client.force_login(world.talent)
    assert post_json(client, f"{url}/decline", {"reason": ""}).status_code == 403
    response = post_json(client, f"{url}/withdraw", {"reason": "本業の繁忙期に入るため"})
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    again = post_json(client, f"{url}/withdraw", {"reason": ""})
    assert again.status_code == 400
    assert "辞退できません" in again.json()["detail"]


def test_the_talent_shares_more_later_and_it_is_recorded(client, world, application):
    client.force_login(world.talent)

    response = post_json(client, f"/api/v1/my/applications/{application.pk}/share", {"fields": ["phone"]})

    assert response.status_code == 200
    assert response.json()["shared_fields"] == ["name", "email", "phone"]
    assert ConsentRecord.objects.filter(
        application=application, basis="additional", fields=["phone"]
    ).exists()
    empty = post_json(client, f"/api/v1/my/applications/{application.pk}/share", {"fields": []})
    assert empty.status_code == 400


def test_lists_for_the_talent_and_the_company(client, world, application):
    client.force_login(world.talent)
    mine = client.get("/api/v1/my/applications").json()
    client.force_login(world.member)
    pipeline = client.get("/api/v1/my/applications", {"as": "company", "status": "applied"}).json()
    none = client.get("/api/v1/my/applications", {"as": "company", "status": "offer"}).json()

    assert [a["id"] for a in mine] == [application.pk]
    assert [a["id"] for a in pipeline] == [application.pk]
    assert none == []
