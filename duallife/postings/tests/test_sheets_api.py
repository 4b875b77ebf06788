"""The JSON API of a company's own sheets: list, read, create, change, submit."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from duallife.organizations.models import Membership
from duallife.postings.models import SpecSheet
from duallife.testing.postings import AKITA, good_data

Status = SpecSheet.Status


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def api_data(**overrides) -> dict:
    data = good_data(**overrides)
    if hasattr(data.get("closes_on"), "isoformat"):
        data["closes_on"] = data["closes_on"].isoformat()
    return data


def post_json(client, path, body, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **extra)


def patch_json(client, path, body, **extra):
    return client.patch(path, json.dumps(body), content_type="application/json", **extra)


# --- A company's own sheets --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/my/sheets"),
        ("post", "/api/v1/my/sheets"),
        ("get", "/api/v1/my/sheets/1"),
        ("patch", "/api/v1/my/sheets/1"),
        ("post", "/api/v1/my/sheets/1/submit"),
    ],
)
def test_my_endpoints_answer_401_to_anonymous_callers(world, method, path):
    client = Client(enforce_csrf_checks=True)

    if method == "get":
        response = client.get(path)
    else:
        response = getattr(client, method)(path, "{}", content_type="application/json")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "ログインが必要です。ログインしてから、もう一度お試しください。",
        "errors": [],
    }


def test_create_a_draft(client, world):
    client.force_login(world.member)

    response = post_json(client, "/api/v1/my/sheets", api_data())

    assert response.status_code == 201
    body = response.json()
    sheet = SpecSheet.objects.get()
    assert body["id"] == sheet.pk
    assert body["status"] == "draft"
    assert body["lint"]["ready"] is True
    assert body["lint_score"] == 100
    assert [s["key"] for s in body["required_skills"]] == ["web-marketing", "data-analysis"]
    assert sheet.organization == world.company


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "あ" * 81}, "title"),
        ({"days_per_month_min": 0}, "days_per_month_min"),
        ({"work_style": "space"}, "work_style"),
        ({"municipality": "131016"}, "municipality"),
        ({"fee_min_yen": 90000, "fee_max_yen": 10000}, "fee_max_yen"),
        ({"themes": ["no-such-theme"]}, "themes"),
        ({"closes_on": "来月"}, "closes_on"),
    ],
)
def test_create_bad_input_is_400_in_japanese_and_saves_nothing(client, world, overrides, field):
    client.force_login(world.owner)

    response = post_json(client, "/api/v1/my/sheets", api_data(**overrides))

    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"]
    assert has_japanese(body["detail"])
    assert not SpecSheet.objects.exists()


def test_create_without_required_fields_is_400(client, world):
    client.force_login(world.owner)

    response = post_json(client, "/api/v1/my/sheets", {"issue": "課題だけ"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "municipality"}


def test_create_needs_a_company_and_an_own_organization(client, world):
    client.force_login(world.talent)
    assert post_json(client, "/api/v1/my/sheets", api_data()).status_code == 403

    client.force_login(world.owner)
    other = post_json(client, "/api/v1/my/sheets", {**api_data(), "organization": "akita-sake"})
    assert other.status_code == 404

    Membership.objects.create(user=world.owner, organization=world.other_company)
    ambiguous = post_json(client, "/api/v1/my/sheets", api_data())
    assert ambiguous.status_code == 400
    assert ambiguous.json()["errors"] == ["organization"]
    chosen = post_json(
        client, "/api/v1/my/sheets", {**api_data(municipality=AKITA), "organization": "akita-sake"}
    )
    assert chosen.status_code == 201
    assert SpecSheet.objects.get().organization == world.other_company


def test_csrf_is_checked_for_logged_in_callers(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)

    response = post_json(client, "/api/v1/my/sheets", api_data())

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert has_japanese(response.json()["detail"])
    assert not SpecSheet.objects.exists()
    client.get("/sheets/mine/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert post_json(client, "/api/v1/my/sheets", api_data(), HTTP_X_CSRFTOKEN=token).status_code == 201


def test_patch_changes_only_what_is_sent(client, world, make_sheet):
    sheet = make_sheet()
    client.force_login(world.member)

    response = patch_json(
        client,
        f"/api/v1/my/sheets/{sheet.pk}",
        {"fee_reason": "交通費は別に全額負担します。", "closes_on": None},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["fee_reason"] == "交通費は別に全額負担します。"
    assert body["closes_on"] is None
    assert body["title"] == sheet.title
    assert "closes_on_missing" in [f["code"] for f in body["lint"]["findings"]]


def test_patch_and_submit_other_companies_sheets_are_404(client, world, make_sheet):
    sheet = make_sheet()
    client.force_login(world.stranger)

    assert client.get(f"/api/v1/my/sheets/{sheet.pk}").status_code == 404
    assert patch_json(client, f"/api/v1/my/sheets/{sheet.pk}", {"title": "乗っ取り"}).status_code == 404
    assert client.post(f"/api/v1/my/sheets/{sheet.pk}/submit").status_code == 404
    assert client.get("/api/v1/my/sheets").json() == []
    assert SpecSheet.objects.get(pk=sheet.pk).title == good_data()["title"]


def test_patch_of_a_submitted_sheet_is_409(client, world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)
    client.force_login(world.owner)

    response = patch_json(client, f"/api/v1/my/sheets/{sheet.pk}", {"title": "変更したいタイトル"})

    assert response.status_code == 409
    assert "編集できません" in response.json()["detail"]


def test_patch_with_bad_values_is_400(client, world, make_sheet):
    sheet = make_sheet()
    client.force_login(world.owner)

    null_title = patch_json(client, f"/api/v1/my/sheets/{sheet.pk}", {"title": None})
    inverted = patch_json(client, f"/api/v1/my/sheets/{sheet.pk}", {"days_per_month_min": 9})

    assert null_title.status_code == 400
    assert inverted.status_code == 400
    assert inverted.json()["errors"] == ["days_per_month_max"]


def test_submit(client, world, make_sheet):
    weak = make_sheet(why_you="")
    ready = make_sheet()
    client.force_login(world.owner)

    refused = client.post(f"/api/v1/my/sheets/{weak.pk}/submit")
    accepted = client.post(f"/api/v1/my/sheets/{ready.pk}/submit")
    again = client.post(f"/api/v1/my/sheets/{ready.pk}/submit")

    assert refused.status_code == 400
    assert "品質チェック" in refused.json()["detail"]
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "submitted"
    assert accepted.json()["version"] == 1
    assert again.status_code == 409


def test_my_sheets_lists_every_status(client, world, make_sheet):
    for status in (Status.DRAFT, Status.PUBLISHED, Status.CLOSED):
        make_sheet(status)
    make_sheet(Status.PUBLISHED, organization=world.other_company, municipality=AKITA)
    client.force_login(world.owner)

    body = client.get("/api/v1/my/sheets").json()

    assert sorted(item["status"] for item in body) == ["closed", "draft", "published"]


def test_openapi_declares_the_errors(client, world):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]

    assert set(paths["/api/v1/my/sheets"]["post"]["responses"]) >= {"201", "400", "401", "403", "404"}
    assert set(paths["/api/v1/my/sheets/{sheet_id}"]["patch"]["responses"]) >= {
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
    }
    assert set(paths["/api/v1/sheets/{sheet_id}"]["get"]["responses"]) == {"200", "400", "404"}
