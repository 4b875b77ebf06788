"""The JSON API of organisations' public profiles: only what the public pages show."""

from __future__ import annotations

import json

import pytest

from duallife.organizations.models import CompanyProfile, Organization
from duallife.organizations.services.verification import company_verification_confirm
from duallife.postings.models import SpecSheet

pytestmark = pytest.mark.django_db

Status = SpecSheet.Status


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def test_organization_profile_shows_public_fields_only(client, world, make_sheet):
    CompanyProfile.objects.create(
        organization=world.company, summary="仙台の味噌蔵です。", vision="味噌を世界へ。"
    )
    make_sheet(Status.PUBLISHED)

    body = client.get("/api/v1/organizations/sendai-miso").json()

    assert body["kind"] == "company"
    assert body["company"]["summary"] == "仙台の味噌蔵です。"
    assert body["coordinator"] is None
    assert body["municipality"]["code"] == "041009"
    assert body["published_sheets"] == 1
    assert body["url"] == "/organizations/sendai-miso/"
    assert "memberships" not in body
    assert "email" not in json.dumps(body).lower().replace("contact_email", "")


def test_organization_without_profile_secretariat_and_unknown_are_handled(client, world):
    assert client.get("/api/v1/organizations/akita-sake").json()["company"] is None
    assert client.get("/api/v1/organizations/miyagi-pref").json()["kind"] == "coordinator"
    assert client.get("/api/v1/organizations/secretariat").status_code == 404
    response = client.get("/api/v1/organizations/no-such-org")
    assert response.status_code == 404
    assert has_japanese(response.json()["detail"])


def test_the_profile_says_whether_and_how_a_company_was_verified(client, world):
    assert client.get("/api/v1/organizations/sendai-miso").json()["verification"] is None

    company_verification_confirm(organization=world.company, by=world.operator, note="面談で確認")

    verification = client.get("/api/v1/organizations/sendai-miso").json()["verification"]
    assert verification["method"] == "manual"
    verified_at = Organization.objects.get(pk=world.company.pk).verified_at
    assert verification["verified_at"] == verified_at.isoformat()
    assert client.get("/api/v1/organizations/akita-sake").json()["verification"] is None
