"""The recommendations API: a talent's own list, and a sheet's matching talents for its company and
the area's staff — who gets what (401/403/404), filters, bad parameters (400 in Japanese), no contact
details, and Schemathesis over both endpoints as each kind of caller."""

from __future__ import annotations

import pytest

from duallife.recommendations.services.recommendations import recommendations_rebuild_all
from duallife.regions.models import Municipality, Prefecture
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import give_mfa
from duallife.testing.fuzzing import CHECKS, SETTINGS, api_schema, calls_as, connection_kept
from duallife.testing.recommendations import fitting_talent

MINE = "/api/v1/my/recommendations"


def matches(sheet) -> str:
    return f"/api/v1/my/sheets/{sheet.pk}/matches"


def test_a_talent_gets_their_recommended_sheets_with_reasons(client, me, sheet):
    client.force_login(me.user)
    response = client.get(MINE)
    assert response.status_code == 200
    data = response.json()
    assert data["computed_at"]
    [item] = data["results"]
    assert item["sheet"]["id"] == sheet.pk
    assert item["sheet"]["title"] == sheet.title
    assert 0 < item["score"] <= 1
    assert any(reason.startswith("スキル一致: ") for reason in item["reasons"])


def test_the_talent_filters_work_and_can_remove_everything(client, me, sheet):
    client.force_login(me.user)
    assert client.get(MINE, {"prefecture": "04", "pay": "paid"}).json()["results"]
    assert client.get(MINE, {"prefecture": "05"}).json()["results"] == []
    assert client.get(MINE, {"pay": "probono"}).json()["results"] == []


@pytest.mark.parametrize(
    "query",
    [{"prefecture": "4"}, {"prefecture": "宮城"}, {"work_style": "space"}, {"pay": "free"}, {"theme": "<x>"}],
)
def test_bad_parameters_are_a_400_in_japanese(client, me, query):
    client.force_login(me.user)
    response = client.get(MINE, query)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("入力に誤りがあります")


def test_anonymous_callers_get_401_and_people_without_a_profile_403(client, world):
    assert client.get(MINE).status_code == 401
    client.force_login(world.owner)
    response = client.get(MINE)
    assert response.status_code == 403
    assert "人材プロフィール" in response.json()["detail"]


@pytest.mark.parametrize("who", ["owner", "member", "coordinator", "operator"])
def test_the_company_and_the_area_staff_get_matching_talents_without_contact_details(
    client, world, sheet, who
):
    talent = fitting_talent("fits", visibility=TalentProfile.Visibility.PUBLIC, phone="090-1234-5678")
    recommendations_rebuild_all()
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    response = client.get(matches(sheet))
    assert response.status_code == 200
    data = response.json()
    assert data["open"] is True
    [row] = data["results"]
    assert row["talent"]["id"] == talent.pk
    assert row["talent"]["display_name"] == talent.display_name
    text = response.content.decode()
    for secret in ("090-1234-5678", talent.user.email, talent.family_name):
        assert secret not in text


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody"])
def test_other_tenants_get_404(client, world, sheet, who):
    fitting_talent("fits")
    recommendations_rebuild_all()
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    assert client.get(matches(sheet)).status_code == 404
    assert client.get("/api/v1/my/sheets/999999999/matches").status_code == 404


def test_anonymous_401_and_staff_without_mfa_403(client, world, sheet):
    assert client.get(matches(sheet)).status_code == 401
    client.force_login(world.coordinator)
    response = client.get(matches(sheet))
    assert response.status_code == 403
    assert "二段階認証" in response.json()["detail"]


def test_private_talents_never_and_anonymous_ones_without_their_hometown(client, world, sheet):
    hometown = {
        "hometown_prefecture": Prefecture.objects.get(code="04"),
        "hometown_municipality": Municipality.objects.get(code="041009"),
    }
    anonymous = fitting_talent("anonymous", visibility=TalentProfile.Visibility.ANONYMOUS, **hometown)
    private = fitting_talent("private", visibility=TalentProfile.Visibility.PRIVATE, **hometown)
    recommendations_rebuild_all()
    client.force_login(world.owner)
    results = client.get(matches(sheet)).json()["results"]
    assert [row["talent"]["id"] for row in results] == [anonymous.pk]
    assert private.pk not in {row["talent"]["id"] for row in results}
    assert not any(reason.startswith("出身地") for reason in results[0]["reasons"])


def test_a_closed_sheet_lists_nobody(client, world, sheet):
    fitting_talent("fits")
    recommendations_rebuild_all()
    sheet.status = sheet.Status.CLOSED
    sheet.save(update_fields=["status"])
    client.force_login(world.owner)
    data = client.get(matches(sheet)).json()
    assert data == {"sheet": sheet.pk, "open": False, "results": []}


# --- Schemathesis ---------------------------------------------------------------------------------

schema = api_schema(r"^/api/v1/my/(recommendations|sheets/\{sheet_id\}/matches)")


@pytest.fixture
def signed_in(world, me, sheet):
    for user in (world.coordinator, world.operator):
        give_mfa(user)
    with connection_kept():
        yield calls_as({"talent": me.user, "owner": world.owner, "coordinator": world.coordinator})


@schema.parametrize()
@SETTINGS
@pytest.mark.parametrize("who", ["talent", "owner", "coordinator"])
def test_the_recommendation_apis_hold_their_schema(case, signed_in, who):
    response = case.call_and_validate(checks=CHECKS, **signed_in[who])
    assert response.status_code != 401
