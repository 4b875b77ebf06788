"""気になる on the pages: the sheet page's button and counts, the prefecture page, the talent's list with
the sharing switch; without JavaScript, with htmx, bad input refused cleanly, bounded queries."""

from __future__ import annotations

import pytest

from duallife.engagements.models import Interest
from duallife.engagements.selectors.interests import (
    interested_names,
)
from duallife.engagements.services.interests import interest_set_sharing, interest_toggle
from duallife.postings.models import SpecSheet
from duallife.testing.engagements import another_talent, pref
from duallife.testing.pages import TALENT_HEADER_QUERIES

# --- The sheet page -------------------------------------------------------------------------------


def test_the_company_sees_the_count_and_only_the_opted_in_names(client, world, sheet):
    for name, share in (("shy", False), ("open", True)):
        talent = another_talent(name)
        interest_toggle(by=talent.user, sheet=sheet)
        if share:
            interest_set_sharing(
                interest=Interest.objects.get(talent=talent), by=talent.user, share_identity=True
            )
    client.force_login(world.member)

    body = client.get(f"/sheets/{sheet.pk}/").content.decode()

    assert "気になる 2人" in body
    assert "openさん" in body
    assert "shyさん" not in body


@pytest.mark.parametrize("who", ["stranger", "talent", "coordinator"])
def test_others_do_not_see_the_sheets_count_or_names(client, world, sheet, who):
    talent = another_talent("open")
    interest_toggle(by=talent.user, sheet=sheet)
    interest_set_sharing(interest=Interest.objects.get(), by=talent.user, share_identity=True)
    client.force_login(getattr(world, who))
    body = client.get(f"/sheets/{sheet.pk}/").content.decode()
    assert "気になる 1人" not in body
    assert "openさん" not in body


def test_anonymous_visitors_get_a_login_link_to_apply(client, sheet):
    body = client.get(f"/sheets/{sheet.pk}/").content.decode()
    assert f"/accounts/login/?next=%2Fsheets%2F{sheet.pk}%2F" in body
    assert "ログインして応募する" in body
    assert "aria-pressed" not in body


def test_a_user_without_a_profile_is_pointed_to_create_one(client, world, sheet):
    client.force_login(world.nobody)
    body = client.get(f"/sheets/{sheet.pk}/").content.decode()
    assert "/talents/me/edit/" in body
    assert f"/sheets/{sheet.pk}/apply/" not in body


def test_a_talent_gets_the_apply_button_and_an_unpressed_interest_button(client, world, sheet):
    client.force_login(world.talent)
    body = client.get(f"/sheets/{sheet.pk}/").content.decode()
    assert f'href="/sheets/{sheet.pk}/apply/"' in body
    assert 'aria-pressed="false"' in body


def test_a_talent_who_applied_gets_a_link_to_their_application(client, world, sheet, application):
    client.force_login(world.talent)
    body = client.get(f"/sheets/{sheet.pk}/").content.decode()
    assert f"/applications/{application.pk}/" in body
    assert f'href="/sheets/{sheet.pk}/apply/"' not in body


def test_the_button_works_without_javascript_and_returns_to_the_page(client, world, sheet):
    client.force_login(world.talent)
    response = client.post(
        "/interests/toggle/", {"sheet": sheet.pk, "on": "1", "next": f"/sheets/{sheet.pk}/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/sheets/{sheet.pk}/"
    assert Interest.objects.filter(sheet=sheet).exists()
    body = client.get(f"/sheets/{sheet.pk}/").content.decode()
    assert 'aria-pressed="true"' in body
    assert "「気になる」に追加しました。" in body


def test_with_htmx_only_the_button_comes_back(client, world, sheet):
    client.force_login(world.talent)
    response = client.post(
        "/interests/toggle/",
        {"sheet": sheet.pk, "on": "1", "next": f"/sheets/{sheet.pk}/"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<form")
    assert 'aria-pressed="true"' in body
    assert 'name="on" value="0"' in body


def test_an_outside_next_address_is_ignored(client, world, sheet):
    client.force_login(world.talent)
    response = client.post(
        "/interests/toggle/", {"sheet": sheet.pk, "on": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"/sheets/{sheet.pk}/"


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"sheet": "abc", "on": "1"}, 302),
        ({"sheet": str(10**30), "on": "1"}, 302),
        ({"on": "1"}, 302),
        ({"sheet": "1", "prefecture": "04", "on": "1"}, 302),
        ({"prefecture": "4x", "on": "1"}, 302),
        ({"prefecture": "99", "on": "1"}, 404),
        ({"sheet": str(2**63 - 1), "on": "1"}, 404),
        ({"prefecture": "04", "on": "maybe"}, 302),
    ],
)
def test_bad_button_input_is_refused_cleanly(client, world, data, status):
    client.force_login(world.talent)
    response = client.post("/interests/toggle/", data)
    assert response.status_code == status
    assert not Interest.objects.exists()


def test_a_draft_sheet_is_not_found_by_the_button(client, world, make_sheet):
    draft = make_sheet(SpecSheet.Status.DRAFT)
    client.force_login(world.talent)
    assert client.post("/interests/toggle/", {"sheet": draft.pk, "on": "1"}).status_code == 404


def test_anonymous_clicks_go_to_the_login(client, sheet):
    response = client.post(
        "/interests/toggle/", {"sheet": sheet.pk, "on": "1", "next": f"/sheets/{sheet.pk}/"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/interests/toggle/").status_code == 405
    assert not Interest.objects.exists()


# --- The prefecture page --------------------------------------------------------------------------


def test_a_talent_marks_a_prefecture_from_its_page_and_its_coordinators_see_the_count(client, world):
    client.force_login(world.talent)
    assert 'aria-pressed="false"' in client.get("/regions/04/").content.decode()
    client.post("/interests/toggle/", {"prefecture": "04", "on": "1", "next": "/regions/04/"})
    assert 'aria-pressed="true"' in client.get("/regions/04/").content.decode()

    client.force_login(world.coordinator)
    assert "登録している人材：1人" in client.get("/regions/04/").content.decode()
    client.force_login(world.far_coordinator)
    assert "登録している人材" not in client.get("/regions/04/").content.decode()
    client.force_login(world.operator)
    assert "登録している人材：1人" in client.get("/regions/04/").content.decode()
    client.force_login(world.owner)
    assert "登録している人材" not in client.get("/regions/04/").content.decode()


def test_anonymous_visitors_of_a_prefecture_page_get_a_login_link(client, region_pack):
    body = client.get("/regions/05/").content.decode()
    assert "/accounts/login/?next=%2Fregions%2F05%2F" in body


# --- The talent's list ----------------------------------------------------------------------------


def test_the_list_shows_the_talents_own_marks_with_the_sharing_switch(client, world, sheet):
    interest_toggle(by=world.talent, sheet=sheet)
    interest_toggle(by=world.talent, prefecture=pref("05"))
    other = another_talent("other")
    interest_toggle(by=other.user, prefecture=pref("02"))
    client.force_login(world.talent)

    body = client.get("/interests/").content.decode()

    assert sheet.title in body
    assert "秋田県" in body
    assert "青森県" not in body
    assert 'aria-pressed="false"' in body
    assert "知らせていません" in body


def test_the_switch_tells_the_company_the_display_name_and_back(client, world, sheet):
    interest_toggle(by=world.talent, sheet=sheet)
    interest = Interest.objects.get()
    client.force_login(world.talent)

    client.post(f"/interests/{interest.pk}/sharing/", {"share_identity": "1"})
    interest.refresh_from_db()
    assert interest.share_identity is True
    assert "talentさん" in interested_names(sheet)[0]

    client.post(f"/interests/{interest.pk}/sharing/", {"share_identity": "0"})
    interest.refresh_from_db()
    assert interest.share_identity is False


def test_another_talents_mark_is_a_404_and_bad_switch_values_change_nothing(client, world, sheet):
    interest_toggle(by=world.talent, sheet=sheet)
    interest = Interest.objects.get()
    client.force_login(another_talent("other").user)
    assert client.post(f"/interests/{interest.pk}/sharing/", {"share_identity": "1"}).status_code == 404
    client.force_login(world.talent)
    for pk in ("abc", str(10**30)):
        assert client.post(f"/interests/{pk}/sharing/", {"share_identity": "1"}).status_code == 404
    assert client.post(f"/interests/{interest.pk}/sharing/", {"share_identity": "yes"}).status_code == 302
    assert client.get(f"/interests/{interest.pk}/sharing/").status_code == 405
    interest.refresh_from_db()
    assert interest.share_identity is False


def test_the_list_needs_a_login_and_a_profile(client, world):
    assert client.get("/interests/")["Location"].startswith("/accounts/login/")
    client.force_login(world.nobody)
    assert "人材プロフィールが必要です" in client.get("/interests/").content.decode()


def test_the_list_runs_a_bounded_number_of_queries(client, world, make_sheet, django_assert_max_num_queries):
    client.force_login(world.talent)
    interest_toggle(by=world.talent, sheet=make_sheet(SpecSheet.Status.PUBLISHED))
    with django_assert_max_num_queries(10 + TALENT_HEADER_QUERIES):
        client.get("/interests/")
    for _ in range(5):
        interest_toggle(by=world.talent, sheet=make_sheet(SpecSheet.Status.PUBLISHED))
    for code in ("02", "03", "04"):
        interest_toggle(by=world.talent, prefecture=pref(code))
    with django_assert_max_num_queries(10 + TALENT_HEADER_QUERIES):
        body = client.get("/interests/").content.decode()
    assert body.count('class="interest-item"') == 9
