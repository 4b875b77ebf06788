"""気になる through the API: add, list, share and remove one's marks; bad input refused in Japanese;
marks kept to their owner; companies and anonymous callers refused."""

from __future__ import annotations

import pytest

from duallife.engagements.models import Interest
from duallife.engagements.services.interests import interest_toggle
from duallife.testing.engagements import another_talent, has_japanese, post_json

# --- API ------------------------------------------------------------------------------------------


def test_the_api_adds_lists_shares_and_removes_marks(client, world, sheet):
    client.force_login(world.talent)

    added = post_json(client, "/api/v1/my/interests", {"sheet_id": sheet.pk})
    again = post_json(client, "/api/v1/my/interests", {"sheet_id": sheet.pk})
    region = post_json(client, "/api/v1/my/interests", {"prefecture_code": "15"})
    listed = client.get("/api/v1/my/interests")
    shared = post_json(
        client, f"/api/v1/my/interests/{added.json()['id']}", {"share_identity": True}, "patch"
    )
    removed = client.delete(f"/api/v1/my/interests/{region.json()['id']}")

    assert added.status_code == 201
    assert added.json()["kind"] == "sheet"
    assert again.status_code == 200
    assert region.json()["prefecture"] == {"code": "15", "name": "新潟県"}
    assert len(listed.json()) == 2
    assert shared.json()["share_identity"] is True
    assert removed.status_code == 204
    assert list(Interest.objects.values_list("sheet_id", flat=True)) == [sheet.pk]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),
        ({"sheet_id": 1, "prefecture_code": "04"}, 400),
        ({"prefecture_code": "13"}, 400),
        ({"prefecture_code": "99"}, 404),
        ({"prefecture_code": "x\u0000"}, 400),
        ({"sheet_id": "abc"}, 400),
        ({"sheet_id": 10**30}, 400),
        ({"sheet_id": 2**63 - 1}, 404),
    ],
)
def test_bad_api_input_is_refused_in_japanese(client, world, body, status):
    client.force_login(world.talent)
    response = post_json(client, "/api/v1/my/interests", body)
    assert response.status_code == status
    assert has_japanese(response.json()["detail"])
    assert not Interest.objects.exists()


def test_the_api_keeps_marks_to_their_owner(client, world, sheet):
    interest_toggle(by=world.talent, sheet=sheet)
    interest = Interest.objects.get()
    client.force_login(another_talent("other").user)
    assert client.get("/api/v1/my/interests").json() == []
    assert client.delete(f"/api/v1/my/interests/{interest.pk}").status_code == 404
    patched = post_json(client, f"/api/v1/my/interests/{interest.pk}", {"share_identity": True}, "patch")
    assert patched.status_code == 404
    assert Interest.objects.get().share_identity is False


def test_the_api_refuses_companies_and_anonymous_callers(client, world, sheet):
    assert client.get("/api/v1/my/interests").status_code == 401
    assert post_json(client, "/api/v1/my/interests", {"sheet_id": sheet.pk}).status_code == 401
    client.force_login(world.owner)
    response = post_json(client, "/api/v1/my/interests", {"sheet_id": sheet.pk})
    assert response.status_code == 403
    assert "人材プロフィール" in response.json()["detail"]
