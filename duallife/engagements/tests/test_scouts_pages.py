"""Scout pages: the talent's inbox, the senders' list, one scout with its answers, writing a scout,
and the スカウトする link on a talent's page. Cross-tenant 404s, anonymous logins, bad input."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from duallife.accounts.models import PersonalDataAccess
from duallife.engagements.models import Application, ConsentRecord, Scout
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import SCOUT_MESSAGE, another_talent, profile, send
from duallife.testing.pages import COMPANY_HEADER_QUERIES, TALENT_HEADER_QUERIES

St = Scout.Status


@pytest.fixture
def scout(world, sheet):
    return send(world, sheet)


# --- Anonymous and other tenants ------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, scout):
    for path in ("/scouts/", "/scouts/sent/", f"/scouts/{scout.pk}/", "/scouts/new/?talent=1"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path
    response = client.post(f"/scouts/{scout.pk}/accept/")
    assert response.status_code == 302
    assert Scout.objects.get().status == St.PENDING


@pytest.mark.parametrize("who", ["stranger", "nobody", "far_coordinator"])
def test_people_of_another_tenant_get_a_404_for_a_scout(client, world, scout, who):
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    assert client.get(f"/scouts/{scout.pk}/").status_code == 404
    assert client.post(f"/scouts/{scout.pk}/decline/", {"decline-reason": ""}).status_code == 404
    assert Scout.objects.get().status == St.PENDING


def test_another_talent_cannot_see_or_answer_someone_elses_scout(client, world, scout):
    other = another_talent("other")
    client.force_login(other.user)
    assert client.get(f"/scouts/{scout.pk}/").status_code == 404
    assert client.post(f"/scouts/{scout.pk}/accept/", {"accept-shared_fields": ["email"]}).status_code == 404
    assert not Application.objects.exists()
    assert "老舗味噌蔵" not in client.get("/scouts/").content.decode()


@pytest.mark.parametrize("pk", ["abc", str(10**30), "0", "-1"])
def test_nonsense_ids_are_404_not_500(client, world, scout, pk):
    client.force_login(world.talent)
    assert client.get(f"/scouts/{pk}/").status_code == 404
    assert client.post(f"/scouts/{pk}/accept/").status_code == 404


def test_answers_are_post_only(client, world, scout):
    client.force_login(world.talent)
    assert client.get(f"/scouts/{scout.pk}/accept/").status_code == 405
    assert client.get(f"/scouts/{scout.pk}/decline/").status_code == 405


def test_the_sent_list_of_another_company_does_not_show_our_scouts(client, world, scout):
    client.force_login(world.stranger)
    body = client.get("/scouts/sent/").content.decode()
    assert "talentさん" not in body


def test_a_talent_without_a_role_cannot_open_the_sent_list(client, world):
    client.force_login(world.talent)
    response = client.get("/scouts/sent/")
    assert response.status_code == 403
    assert "スカウトを送れるのは" in response.content.decode()


# --- The talent's side ----------------------------------------------------------------------------


def test_the_inbox_lists_pending_scouts_first_with_their_answer_date(client, world, sheet, make_sheet):
    declined = send(world, make_sheet("published"))
    declined.status = St.DECLINED
    declined.save()
    pending = send(world, sheet)
    client.force_login(world.talent)

    body = client.get("/scouts/").content.decode()

    assert body.index(f"/scouts/{pending.pk}/") < body.index(f"/scouts/{declined.pk}/")
    assert "回答期限：" + timezone.localtime(pending.expires_at).strftime("%Y年%-m月%-d日") in body
    assert "辞退" in body


def test_the_scout_page_explains_that_checked_items_go_to_the_company(client, world, scout):
    client.force_login(world.talent)
    body = client.get(f"/scouts/{scout.pk}/").content.decode()
    assert SCOUT_MESSAGE in body
    assert "<legend>企業に知らせる項目</legend>" in body
    assert "チェックした項目がこの案件の企業に届きます" in body
    assert 'name="accept-shared_fields" value="email"' in body
    assert "承諾して応募する" in body
    assert "このスカウトを辞退する" in body


def test_accepting_on_the_page_opens_the_application_and_a_double_click_lands_there_too(client, world, scout):
    client.force_login(world.talent)
    data = {"accept-shared_fields": ["email"], "accept-message": ""}

    first = client.post(f"/scouts/{scout.pk}/accept/", data)
    second = client.post(f"/scouts/{scout.pk}/accept/", data)

    application = Application.objects.get()
    assert first["Location"] == f"/applications/{application.pk}/"
    assert second["Location"] == f"/applications/{application.pk}/"
    assert ConsentRecord.objects.get().fields == ["email"]


def test_bad_answers_on_the_page_are_shown_and_save_nothing(client, world, scout):
    client.force_login(world.talent)
    response = client.post(f"/scouts/{scout.pk}/accept/", {"accept-shared_fields": ["password"]}, follow=True)
    assert "有効な選択をしてください" in response.content.decode() or "選択" in response.content.decode()
    response = client.post(f"/scouts/{scout.pk}/decline/", {"decline-reason": "あ" * 1001}, follow=True)
    assert response.status_code == 200
    assert Scout.objects.get().status == St.PENDING
    assert not Application.objects.exists()


def test_declining_on_the_page_shows_the_reason_to_the_sender(client, world, scout):
    client.force_login(world.talent)
    client.post(f"/scouts/{scout.pk}/decline/", {"decline-reason": "今は本業に集中したいためです。"})
    client.force_login(world.member)
    body = client.get(f"/scouts/{scout.pk}/").content.decode()
    assert "今は本業に集中したいためです。" in body
    assert "辞退" in body


def test_an_overdue_scout_says_so_and_offers_no_answer(client, world, scout):
    Scout.objects.filter(pk=scout.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=5))
    client.force_login(world.talent)
    body = client.get(f"/scouts/{scout.pk}/").content.decode()
    assert "回答期限を過ぎた" in body
    assert "承諾して応募する" not in body


# --- The senders' side ----------------------------------------------------------------------------


def test_company_members_see_sent_scouts_with_their_status_and_the_quota_left(client, world, scout, settings):
    settings.SCOUT_LIMIT_PER_DAY = 5
    client.force_login(world.member)
    body = client.get("/scouts/sent/").content.decode()
    assert "talentさんさんへのスカウト" in body
    assert "回答待ち" in body
    # the quota is the acting user's own: member sent none
    assert "24時間であと5件" in body


def test_a_company_member_without_a_talent_profile_is_taken_to_the_sent_list(client, world):
    client.force_login(world.owner)
    response = client.get("/scouts/")
    assert response["Location"] == "/scouts/sent/"


def test_coordinators_need_mfa_before_the_scout_pages(client, world, sheet):
    scout = send(world, sheet, by=world.coordinator)
    client.force_login(world.coordinator)
    assert client.get("/scouts/sent/")["Location"].startswith("/accounts/2fa/")
    give_mfa(world.coordinator)
    assert "talentさん" in client.get("/scouts/sent/").content.decode()
    assert client.get(f"/scouts/{scout.pk}/").status_code == 200
    # the company of the sheet sees the coordinator's scout too
    client.force_login(world.owner)
    assert client.get(f"/scouts/{scout.pk}/").status_code == 200


def test_the_sent_list_runs_a_bounded_number_of_queries(
    client, world, make_sheet, django_assert_max_num_queries
):
    sheet = make_sheet("published")
    client.force_login(world.owner)
    send(world, sheet)
    with django_assert_max_num_queries(12 + COMPANY_HEADER_QUERIES):
        assert client.get("/scouts/sent/").status_code == 200
    for i in range(15):
        send(world, sheet, talent=another_talent(f"many{i}"), by=world.member if i % 2 else world.owner)
    Scout.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    with django_assert_max_num_queries(12 + COMPANY_HEADER_QUERIES):
        body = client.get("/scouts/sent/").content.decode()
    assert body.count("さんへのスカウト</a>") == 16


def test_the_inbox_runs_a_bounded_number_of_queries(client, world, make_sheet, django_assert_max_num_queries):
    client.force_login(world.talent)
    send(world, make_sheet("published"))
    # the waiting scouts, those in a casual talk, and a page of the answered ones
    with django_assert_max_num_queries(14 + TALENT_HEADER_QUERIES):
        client.get("/scouts/")
    for _ in range(6):
        send(world, make_sheet("published"))
    with django_assert_max_num_queries(14 + TALENT_HEADER_QUERIES):
        body = client.get("/scouts/").content.decode()
    assert body.count('class="scout-card"') == 7


# --- Writing a scout ------------------------------------------------------------------------------


def test_the_talent_page_offers_scouting_to_company_members_only(client, world):
    talent = profile(world.talent)
    client.force_login(world.owner)
    assert f"/scouts/new/?talent={talent.pk}" in client.get(f"/talents/{talent.pk}/").content.decode()
    client.force_login(another_talent("peer").user)
    assert "/scouts/new/" not in client.get(f"/talents/{talent.pk}/").content.decode()
    client.force_login(world.talent)
    assert "/scouts/new/" not in client.get(f"/talents/{talent.pk}/").content.decode()


def test_writing_a_scout_starts_from_the_sheets_why_you_and_sends_it(client, world, sheet):
    talent = profile(world.talent)
    client.force_login(world.owner)

    picker = client.get(f"/scouts/new/?talent={talent.pk}").content.decode()
    page = client.get(f"/scouts/new/?talent={talent.pk}&sheet={sheet.pk}").content.decode()
    response = client.post(f"/scouts/new/?talent={talent.pk}&sheet={sheet.pk}", {"message": SCOUT_MESSAGE})

    assert sheet.title in picker
    assert "textarea" not in picker
    assert sheet.why_you in page
    assert "24時間であと10件" in page
    scout = Scout.objects.get()
    assert response["Location"] == f"/scouts/{scout.pk}/"
    assert scout.message == SCOUT_MESSAGE


def test_a_short_scout_message_is_refused_on_the_form(client, world, sheet):
    talent = profile(world.talent)
    client.force_login(world.owner)
    response = client.post(f"/scouts/new/?talent={talent.pk}&sheet={sheet.pk}", {"message": "ぜひ。"})
    assert response.status_code == 200
    assert "30文字以上" in response.content.decode()
    assert not Scout.objects.exists()


def test_the_rate_limit_is_explained_on_the_form(client, world, sheet, settings):
    settings.SCOUT_LIMIT_PER_DAY = 1
    send(world, sheet, talent=another_talent("first"))
    talent = profile(world.talent)
    client.force_login(world.owner)
    response = client.post(f"/scouts/new/?talent={talent.pk}&sheet={sheet.pk}", {"message": SCOUT_MESSAGE})
    body = response.content.decode()
    assert "次に送れるのは" in body
    assert Scout.objects.count() == 1


@pytest.mark.parametrize("query", ["talent=abc", f"talent={10**30}", "", "talent=999999"])
def test_an_unknown_talent_is_a_404(client, world, sheet, query):
    client.force_login(world.owner)
    assert client.get(f"/scouts/new/?{query}").status_code == 404


def test_a_private_profile_cannot_be_scouted_from_the_page(client, world, sheet):
    hidden = another_talent("hidden", visibility=TalentProfile.Visibility.PRIVATE)
    client.force_login(world.owner)
    assert client.get(f"/scouts/new/?talent={hidden.pk}&sheet={sheet.pk}").status_code == 404
    response = client.post(f"/scouts/new/?talent={hidden.pk}&sheet={sheet.pk}", {"message": SCOUT_MESSAGE})
    assert response.status_code == 404
    assert not Scout.objects.exists()


def test_another_companys_sheet_cannot_be_chosen(client, world, make_sheet):
    theirs = make_sheet("published", organization=world.other_company)
    talent = profile(world.talent)
    client.force_login(world.owner)
    response = client.post(f"/scouts/new/?talent={talent.pk}&sheet={theirs.pk}", {"message": SCOUT_MESSAGE})
    assert "指定された仕様書ではスカウトを送れません" in response.content.decode()
    assert not Scout.objects.exists()


def test_a_talent_cannot_open_the_scout_form(client, world):
    client.force_login(another_talent("peer").user)
    assert client.get(f"/scouts/new/?talent={profile(world.talent).pk}").status_code == 403


def test_a_second_scout_for_the_same_pair_links_to_the_first(client, world, sheet, scout):
    client.force_login(world.member)
    body = client.get(f"/scouts/new/?talent={scout.talent_id}&sheet={sheet.pk}").content.decode()
    assert f"/scouts/{scout.pk}/" in body
    assert "textarea" not in body


def test_no_personal_data_access_is_logged_for_a_scout_page(client, world, sheet):
    give_mfa(world.coordinator)
    scout = send(world, sheet, by=world.coordinator)
    client.force_login(world.coordinator)
    body = client.get(f"/scouts/{scout.pk}/").content.decode()
    assert "山田" not in body  # the name is never on a scout page
    assert not re.search(r"talent@example\.jp", body)
    assert not PersonalDataAccess.objects.exists()
