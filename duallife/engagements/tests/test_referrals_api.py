"""The referrals API: list with credits, register, remove — for coordinators and operators."""

from __future__ import annotations

import json

import pytest

from duallife.engagements.models import Referral
from duallife.engagements.services.referrals import referral_register
from duallife.organizations.models import Membership, Organization

URL = "/api/v1/my/referrals"


def post_json(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def miyagi(world):
    return Organization.objects.get(slug="miyagi-pref")


@pytest.fixture
def akita(world):
    return Organization.objects.get(slug="akita-pref")


@pytest.fixture
def referral(world, miyagi):
    return referral_register(referrer=miyagi, company=world.company, by=world.coordinator)


def test_a_coordinator_registers_a_company_and_sees_it_listed_with_credits(client, world, miyagi, sheet):
    client.force_login(world.coordinator)

    created = post_json(client, URL, {"company_id": world.company.pk, "note": "商工会議所の会報で紹介"})
    listed = client.get(URL)

    assert created.status_code == 201
    body = created.json()
    assert body["referrer"]["slug"] == "miyagi-pref"
    assert body["company"]["id"] == world.company.pk
    assert body["note"] == "商工会議所の会報で紹介"
    assert listed.status_code == 200
    page = listed.json()
    assert page["count"] == 1
    assert [row["id"] for row in page["results"]] == [body["id"]]
    assert page["totals"] == {"companies": 1, "sheets": 0, "applications": 0, "contracts": 0}


def test_a_second_referrer_is_a_conflict_in_japanese(client, world, referral, akita):
    client.force_login(world.operator)

    response = post_json(client, URL, {"company_id": world.company.pk, "referrer_id": akita.pk})

    assert response.status_code == 409
    assert "すでに紹介元" in response.json()["detail"]
    assert response.json()["errors"] == ["company"]
    assert Referral.objects.get().referrer_id == referral.referrer_id


def test_an_operator_must_name_the_body(client, world):
    client.force_login(world.operator)

    response = post_json(client, URL, {"company_id": world.company.pk})

    assert response.status_code == 400
    assert response.json()["errors"] == ["referrer_id"]
    assert not Referral.objects.exists()


def test_a_coordinator_cannot_register_for_another_body_or_outside_the_area(client, world, akita):
    client.force_login(world.coordinator)

    foreign = post_json(client, URL, {"company_id": world.company.pk, "referrer_id": akita.pk})
    outside = post_json(client, URL, {"company_id": world.other_company.pk})

    assert foreign.status_code == 403
    assert outside.status_code == 403
    assert has_japanese(outside.json()["detail"])
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({}, 400, "company_id"),
        ({"company_id": "abc"}, 400, "company_id"),
        ({"company_id": 10**30}, 400, "company_id"),
        ({"company_id": 0}, 400, "company_id"),
        ({"company_id": 999_999}, 400, "company_id"),
        ({"company_id": "COMPANY", "note": "x"}, 400, "company_id"),
        ({"company_id": "COMPANY", "note": "あ" * 301}, 400, "note"),
        ({"company_id": "COMPANY", "note": "NUL\u0000"}, 400, "note"),
        ({"company_id": "COMPANY", "referrer_id": 999_999}, 400, "referrer_id"),
    ],
)
def test_bad_input_is_refused_in_japanese_and_nothing_is_saved(client, world, body, status, field):
    client.force_login(world.coordinator)
    body = {key: (world.company.pk if value == "COMPANY" else value) for key, value in body.items()}
    if body.get("note") == "x":  # a company that is a coordinator body, not a company
        body["company_id"] = Organization.objects.get(slug="miyagi-pref").pk

    response = post_json(client, URL, body)

    assert response.status_code == status, response.json()
    assert has_japanese(response.json()["detail"])
    assert field in response.json()["errors"]
    assert not Referral.objects.exists()


def test_a_coordinator_removes_a_referral_of_their_body(client, world, referral):
    client.force_login(world.coordinator)

    response = client.delete(f"{URL}/{referral.pk}")

    assert response.status_code == 204
    assert not Referral.objects.exists()


def test_another_body_gets_404_and_the_referral_stays(client, world, referral):
    client.force_login(world.far_coordinator)

    response = client.delete(f"{URL}/{referral.pk}")
    listed = client.get(URL).json()

    assert response.status_code == 404
    assert has_japanese(response.json()["detail"])
    assert listed["results"] == []
    assert Referral.objects.filter(pk=referral.pk).exists()


@pytest.mark.parametrize("pk", ["abc", str(10**30), "0", "999999"])
def test_unknown_ids_are_refused_without_a_500(client, world, referral, pk):
    client.force_login(world.coordinator)

    response = client.delete(f"{URL}/{pk}")

    assert response.status_code in (400, 404)
    assert has_japanese(response.json()["detail"])


@pytest.mark.parametrize("who", ["owner", "stranger", "talent", "nobody"])
def test_company_members_and_talents_get_403(client, world, referral, who):
    client.force_login(getattr(world, who))

    assert client.get(URL).status_code == 403
    assert post_json(client, URL, {"company_id": world.company.pk}).status_code == 403
    assert client.delete(f"{URL}/{referral.pk}").status_code == 403
    assert Referral.objects.filter(pk=referral.pk).exists()


def test_anonymous_callers_get_401_in_japanese(client, world, referral):
    responses = [
        client.get(URL),
        post_json(client, URL, {"company_id": world.company.pk}),
        client.delete(f"{URL}/{referral.pk}"),
    ]

    for response in responses:
        assert response.status_code == 401
        assert has_japanese(response.json()["detail"])
    assert Referral.objects.exists()


def test_a_member_of_two_bodies_filters_the_list_by_body(client, world, referral, akita):
    Membership.objects.create(user=world.coordinator, organization=akita)
    referral_register(referrer=akita, company=world.other_company, by=world.coordinator)
    client.force_login(world.coordinator)

    everything = client.get(URL).json()
    only_akita = client.get(URL, {"referrer_id": akita.pk}).json()
    beyond = client.get(URL, {"page": 2}).json()

    assert everything["count"] == 2
    assert [row["company"]["id"] for row in only_akita["results"]] == [world.other_company.pk]
    assert beyond["results"] == []
