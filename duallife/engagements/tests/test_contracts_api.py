"""The contracts and check-ins API, for the acting user: record, list, read, start, end, answer."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from duallife.engagements.models import Application, CheckInAnswer, Contract
from duallife.engagements.services.contracts import add_months
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import applicant_in_offer, record, terms, to_offer

S = Application.Status


def post_json(client, path, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def json_terms(**overrides) -> dict:
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in terms(**overrides).items()
    }


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def offer(world, application):
    return to_offer(application, world.owner)


@pytest.fixture
def contract(world, offer):
    starts_on = today() - datetime.timedelta(days=40)
    return record(offer, world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6))


def test_a_company_member_proposes_and_the_talent_confirms_the_version_read(client, world, offer):
    client.force_login(world.member)

    response = post_json(client, f"/api/v1/my/applications/{offer.pk}/contract", json_terms())

    assert response.status_code == 201
    proposal = response.json()
    assert (proposal["state"], proposal["version"]) == ("proposed", 1)
    assert proposal["terms_sheet_url"] == f"/applications/{offer.pk}/contract/terms.pdf"
    assert not Contract.objects.exists()
    revised = post_json(client, f"/api/v1/my/applications/{offer.pk}/contract", json_terms(days_per_month=5))
    assert revised.json()["version"] == 2

    client.force_login(world.talent)
    base = f"/api/v1/my/applications/{offer.pk}/contract/proposal"
    assert client.get(base).json()["days_per_month"] == 5
    stale = post_json(client, f"{base}/confirm", {"version": 1})
    assert stale.status_code == 409
    assert "更新されました" in stale.json()["detail"]
    response = post_json(client, f"{base}/confirm", {"version": 2})

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "contracted"
    assert body["monthly_fee_yen"] == 40_000
    assert body["days_per_month"] == 5
    assert body["url"] == f"/applications/{offer.pk}/"
    assert body["confirmed_at"] is not None
    assert len(body["checkins"]) == 3
    assert Contract.objects.get().application == offer


def test_the_talent_asks_for_changes_and_only_the_sides_reach_the_proposal(client, world, offer):
    client.force_login(world.owner)
    post_json(client, f"/api/v1/my/applications/{offer.pk}/contract", json_terms())
    base = f"/api/v1/my/applications/{offer.pk}/contract/proposal"
    assert post_json(client, f"{base}/confirm", {"version": 1}).status_code == 403  # not the talent

    client.force_login(world.talent)
    assert post_json(client, f"{base}/changes", {"version": 1, "message": ""}).status_code == 400
    asked = post_json(client, f"{base}/changes", {"version": 1, "message": "開始日を翌月にできますか。"})
    assert asked.status_code == 200
    assert asked.json()["state"] == "changes_requested"
    assert post_json(client, f"{base}/confirm", {"version": 1}).status_code == 409  # nothing to confirm now

    for user in (world.stranger, world.nobody):
        client.force_login(user)
        assert client.get(base).status_code == 404
        assert post_json(client, f"{base}/withdraw").status_code == 404
    client.logout()
    assert client.get(base).status_code == 401
    client.force_login(world.owner)
    assert post_json(client, f"{base}/withdraw").json()["state"] == "withdrawn"
    assert not Contract.objects.exists()


def test_a_sheet_with_all_openings_taken_answers_409_in_japanese(client, world, sheet):
    first = applicant_in_offer(world, sheet, "first")
    second = applicant_in_offer(world, sheet, "second")
    third = applicant_in_offer(world, sheet, "third")
    record(first, world.owner)
    record(second, world.owner)  # fills the sheet; the third application expired with it
    Application.objects.filter(pk=third.pk).update(status=S.OFFER)
    client.force_login(world.owner)

    response = post_json(client, f"/api/v1/my/applications/{third.pk}/contract", json_terms())

    assert response.status_code == 409
    assert "募集人数（2人）" in response.json()["detail"]
    assert Contract.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"contract_type": "employment_referral"}, 400, "contract_type"),
        ({"contract_type": "zzz"}, 400, "contract_type"),
        ({"days_per_month": 40}, 400, "days_per_month"),
        ({"monthly_fee_yen": -5}, 400, "monthly_fee_yen"),
        ({"monthly_fee_yen": 1.5}, 400, "monthly_fee_yen"),
        ({"monthly_fee_yen": 0}, 400, "monthly_fee_yen"),
        ({"starts_on": "2026-02-30"}, 400, "starts_on"),
        ({"ends_on": "2000-01-01"}, 400, "ends_on"),
        ({"travel_paid_by": None}, 400, "travel_paid_by"),
    ],
)
def test_bad_contract_terms_answer_400_with_the_field(client, world, offer, overrides, status, field):
    client.force_login(world.owner)
    response = post_json(client, f"/api/v1/my/applications/{offer.pk}/contract", json_terms(**overrides))
    assert response.status_code == status
    assert has_japanese(response.json()["detail"])
    assert field in response.json()["errors"]
    assert not Contract.objects.exists()


def test_a_contract_for_an_application_not_in_offer_is_a_conflict(client, world, application):
    client.force_login(world.owner)
    response = post_json(client, f"/api/v1/my/applications/{application.pk}/contract", json_terms())
    assert response.status_code == 409
    assert "条件提示" in response.json()["detail"]


def test_the_talent_may_not_record_their_own_contract(client, world, offer):
    client.force_login(world.talent)
    response = post_json(client, f"/api/v1/my/applications/{offer.pk}/contract", json_terms())
    assert response.status_code == 403
    assert has_japanese(response.json()["detail"])


def test_other_tenants_get_404_and_anonymous_callers_401(client, world, offer, contract):
    checkin = contract.checkins.first()
    calls = [
        ("post", f"/api/v1/my/applications/{offer.pk}/contract"),
        ("get", f"/api/v1/my/contracts/{contract.pk}"),
        ("post", f"/api/v1/my/contracts/{contract.pk}/start"),
        ("post", f"/api/v1/my/contracts/{contract.pk}/end"),
        ("post", f"/api/v1/my/checkins/{checkin.pk}/answer"),
    ]
    bodies = {
        "contract": json_terms(),
        "end": {"ended_on": today().isoformat(), "reason": "other", "note": "x"},
        "answer": {"rating": 3, "on_track": True},
    }

    def body_for(path):
        return next((body for key, body in bodies.items() if path.endswith(key)), {})

    for method, path in calls:
        response = post_json(client, path, body_for(path)) if method == "post" else client.get(path)
        assert response.status_code == 401, path
    assert client.get("/api/v1/my/contracts").status_code == 401
    assert client.get("/api/v1/my/checkins").status_code == 401

    client.force_login(world.stranger)
    for method, path in calls:
        response = post_json(client, path, body_for(path)) if method == "post" else client.get(path)
        assert response.status_code == 404, path
        assert has_japanese(response.json()["detail"])
    assert client.get("/api/v1/my/contracts").json() == []
    assert client.get("/api/v1/my/checkins").json() == []


@pytest.mark.parametrize("pk", ["abc", "0", str(10**30)])
def test_odd_ids_are_refused_cleanly(client, world, pk):
    client.force_login(world.owner)
    for response in (
        client.get(f"/api/v1/my/contracts/{pk}"),
        post_json(client, f"/api/v1/my/contracts/{pk}/start"),
        post_json(client, f"/api/v1/my/checkins/{pk}/answer", {"rating": 3, "on_track": True}),
    ):
        assert response.status_code in (400, 404)
        assert has_japanese(response.json()["detail"])


def test_parties_list_and_read_their_contracts_without_contact_details(client, world, contract):
    for user in (world.talent, world.member):
        client.force_login(user)
        listed = client.get("/api/v1/my/contracts").json()
        assert [row["id"] for row in listed] == [contract.pk]
        detail = client.get(f"/api/v1/my/contracts/{contract.pk}")
        assert detail.status_code == 200
        assert detail.json()["talent"] == "talentさん"
        assert "@example.jp" not in detail.content.decode()
        assert "山田" not in detail.content.decode()


def test_area_staff_read_a_contract_by_id_once_they_have_two_factor_authentication(client, world, contract):
    client.force_login(world.coordinator)
    assert client.get(f"/api/v1/my/contracts/{contract.pk}").status_code == 403
    give_mfa(world.coordinator)
    assert client.get(f"/api/v1/my/contracts/{contract.pk}").status_code == 200
    client.force_login(world.far_coordinator)
    assert client.get(f"/api/v1/my/contracts/{contract.pk}").status_code == 404


def test_start_and_end_through_the_api(client, world, contract):
    client.force_login(world.talent)
    assert post_json(client, f"/api/v1/my/contracts/{contract.pk}/start").status_code == 403
    client.force_login(world.owner)
    started = post_json(client, f"/api/v1/my/contracts/{contract.pk}/start")
    assert started.status_code == 200
    assert started.json()["status"] == "active"
    assert post_json(client, f"/api/v1/my/contracts/{contract.pk}/start").status_code == 409

    early = post_json(client, f"/api/v1/my/contracts/{contract.pk}/end", {"ended_on": today().isoformat()})
    assert early.status_code == 400
    assert early.json()["errors"] == ["reason"]

    client.force_login(world.talent)
    ended = post_json(
        client,
        f"/api/v1/my/contracts/{contract.pk}/end",
        {"ended_on": today().isoformat(), "reason": "talent_circumstances", "note": "本業の異動"},
    )
    assert ended.status_code == 200
    assert ended.json()["status"] == "completed"
    assert ended.json()["ended_early"] is True
    assert [c["kind"] for c in ended.json()["checkins"]][-1] == "completion"
    again = post_json(client, f"/api/v1/my/contracts/{contract.pk}/end", {"ended_on": today().isoformat()})
    assert again.status_code == 409


def test_each_side_lists_its_due_check_ins_and_answers_once(client, world, contract):
    due = contract.checkins.order_by("due_on").first()
    client.force_login(world.talent)
    listed = client.get("/api/v1/my/checkins").json()
    assert [(row["id"], row["side"]) for row in listed] == [(due.pk, "talent")]

    answered = post_json(client, f"/api/v1/my/checkins/{due.pk}/answer", {"rating": 5, "on_track": True})
    assert answered.status_code == 201
    assert answered.json()["checkin"]["answered_sides"] == ["talent"]
    again = post_json(client, f"/api/v1/my/checkins/{due.pk}/answer", {"rating": 5, "on_track": True})
    assert again.status_code == 409
    assert client.get("/api/v1/my/checkins").json() == []

    client.force_login(world.owner)
    assert [row["side"] for row in client.get("/api/v1/my/checkins").json()] == ["company"]
    bad = post_json(client, f"/api/v1/my/checkins/{due.pk}/answer", {"rating": 0, "on_track": True})
    assert bad.status_code == 400
    assert "rating" in bad.json()["errors"]
    done = post_json(client, f"/api/v1/my/checkins/{due.pk}/answer", {"rating": 3, "on_track": True})
    assert done.json()["checkin"]["status"] == "done"
    assert CheckInAnswer.objects.filter(checkin=due).count() == 2


def test_a_check_in_not_yet_due_is_a_conflict(client, world, contract):
    later = contract.checkins.order_by("-due_on").first()
    client.force_login(world.talent)
    response = post_json(client, f"/api/v1/my/checkins/{later.pk}/answer", {"rating": 4, "on_track": True})
    assert response.status_code == 409
    assert "から回答できます" in response.json()["detail"]


@pytest.mark.parametrize("contracts", [1, 6])
def test_the_contract_list_needs_a_bounded_number_of_queries(
    client, world, make_sheet, django_assert_max_num_queries, contracts
):
    sheet = make_sheet("published", openings=contracts + 1)
    for n in range(contracts):
        record(applicant_in_offer(world, sheet, f"t{n}"), world.owner)
    client.force_login(world.owner)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/my/contracts")
    assert len(response.json()) == contracts
