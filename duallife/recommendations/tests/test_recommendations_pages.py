"""The recommendation pages: 「あなたへのおすすめ」 (/recommendations/) for talents and 「この仕様書に合う
人材」 (/sheets/<id>/matches/) for the sheet's company, the coordinators of its area and operators.

Lists are filled by the real services (a rebuild, or a refresh run after commit), never by hand,
so the hard rules and visibility are those the product applies."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from duallife.engagements.services.applications import application_submit
from duallife.postings.models import SpecSheet
from duallife.postings.services.sheets import spec_sheet_close
from duallife.recommendations.models import SheetRecommendation, TalentRecommendation
from duallife.recommendations.services.recommendations import (
    recommendations_rebuild_all,
    recommendations_refresh_sheet,
    recommendations_refresh_talent,
)
from duallife.regions.models import Municipality, Prefecture
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.pages import TALENT_HEADER_QUERIES
from duallife.testing.postings import AKITA, ISHINOMAKI
from duallife.testing.recommendations import Published, fitting_talent, fitting_talent_update

SKILL_REASON = re.compile(r"スキル一致: (ウェブマーケティング、データ分析|データ分析、ウェブマーケティング)")


def body(response) -> str:
    return response.content.decode()


def matches_url(sheet) -> str:
    return f"/sheets/{sheet.pk}/matches/"


# --- あなたへのおすすめ -----------------------------------------------------------------------------


def test_a_talent_sees_the_recommended_sheet_with_its_terms_and_reasons(client, me, sheet):
    client.force_login(me.user)
    response = client.get("/recommendations/")
    assert response.status_code == 200
    page = body(response)
    assert sheet.title in page
    assert f'href="/sheets/{sheet.pk}/"' in page
    assert sheet.organization.name in page
    assert "宮城県仙台市" in page
    assert "月2〜4日" in page
    assert "月3万〜5万円" in page
    assert sheet.closes_on.strftime("%Y年") + f"{sheet.closes_on.month}月{sheet.closes_on.day}日" in page
    assert SKILL_REASON.search(page)
    assert "関心のある県: 宮城県" in page
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 時点", page)
    assert f'href="/sheets/{sheet.pk}/apply/"' in page
    assert 'aria-pressed="false"' in page  # the 気になる button, as on the sheet page


def test_the_talent_filters_by_prefecture_work_style_theme_and_pay(client, world, make_sheet):
    miyagi = make_sheet(Published, title="仙台の味噌蔵のウェブマーケティング")
    akita = make_sheet(
        Published,
        title="秋田の酒蔵のウェブマーケティング（プロボノ）",
        municipality=AKITA,
        is_probono=True,
        fee_min_yen=None,
        fee_max_yen=None,
        contract_type="probono",
        fee_reason="地域の酒蔵を応援してくださる方を探しています。",
        themes=["new-business"],
        work_style="remote",
        visits_per_month=0,
    )
    talent = fitting_talent("me", accepts_pro_bono=True)
    recommendations_rebuild_all()
    client.force_login(talent.user)

    everything = body(client.get("/recommendations/"))
    assert miyagi.title in everything
    assert akita.title in everything

    cases = {
        "prefecture=05": akita,
        "prefecture=04": miyagi,
        "work_style=remote": akita,
        "theme=new-business": akita,
        "pay=paid": miyagi,
        "pay=probono": akita,
    }
    for query, shown in cases.items():
        page = body(client.get(f"/recommendations/?{query}"))
        hidden = miyagi if shown == akita else akita
        assert shown.title in page, query
        assert hidden.title not in page, query
        assert "（絞り込み中）" in page, query


def test_filters_that_remove_everything_say_so(client, me, sheet):
    client.force_login(me.user)
    page = body(client.get("/recommendations/?prefecture=05"))
    assert sheet.title not in page
    assert "この条件に合うおすすめはありません" in page
    assert 'href="/recommendations/"' in page


@pytest.mark.parametrize(
    "query",
    ["prefecture=99", "work_style=%3Cscript%3E", "theme=nope", "pay=free", "pay=&pay=x&prefecture=ab"],
)
def test_bad_filter_values_answer_200_with_a_japanese_error(client, me, sheet, query):
    client.force_login(me.user)
    response = client.get(f"/recommendations/?{query}")
    assert response.status_code == 200
    page = body(response)
    assert "選択肢にない値です" in page
    assert "使えない条件があったため" in page
    assert sheet.title in page  # the unusable filter is dropped, not the list
    assert "<script>" not in page


def test_a_talent_without_recommendations_yet_is_told_they_are_computed_and_how_to_improve(client, world):
    profile = fitting_talent("fresh")  # no refresh ran: nothing stored yet
    client.force_login(profile.user)
    page = body(client.get("/recommendations/"))
    assert "おすすめを計算しています" in page
    assert "スキル（できること）を追加する" in page
    assert "関心のあるテーマを選ぶ" in page
    assert "関心のある県を選ぶ" in page
    assert 'href="/talents/me/edit/"' in page


def test_a_high_desired_fee_is_named_as_a_reason_for_an_empty_list(client, world, sheet):
    talent = fitting_talent("expensive", desired_monthly_fee_yen=300_000)
    recommendations_refresh_talent(talent_id=talent.pk)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    TalentProfile.objects.filter(pk=talent.pk).update(updated_at=hour_ago)  # long since computed
    client.force_login(talent.user)
    page = body(client.get("/recommendations/"))
    assert sheet.title not in page  # its top fee (50,000円) is below the talent's floor
    assert "あなたにおすすめできるものはありません" in page
    assert "希望月額報酬（300,000円）を見直す" in page
    assert "プロボノ（無償）の仕事も受ける場合は" in page


def test_someone_without_a_profile_is_offered_to_create_one(client, world):
    client.force_login(world.nobody)
    response = client.get("/recommendations/")
    assert response.status_code == 200
    assert "人材プロフィールを作る" in body(response)
    assert 'href="/talents/me/edit/"' in body(response)


@pytest.mark.parametrize("who", ["owner", "coordinator", "operator"])
def test_company_members_and_staff_without_a_profile_get_a_403_in_japanese(client, world, who):
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    response = client.get("/recommendations/")
    assert response.status_code == 403
    assert "人材プロフィールを登録した方のページです" in body(response)


def test_anonymous_visitors_are_sent_to_log_in(client, world, sheet):
    for path in ("/recommendations/", matches_url(sheet)):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path


def test_closed_and_applied_sheets_disappear_from_the_list(client, world, make_sheet):
    first = make_sheet(Published, title="仙台の味噌蔵のウェブマーケティング")
    second = make_sheet(Published, title="石巻の水産加工のウェブマーケティング", municipality=ISHINOMAKI)
    profile = fitting_talent("me")
    recommendations_rebuild_all()
    client.force_login(profile.user)
    page = body(client.get("/recommendations/"))
    assert first.title in page
    assert second.title in page

    spec_sheet_close(sheet=first, by=world.owner, reason=SpecSheet.ClosedReason.WITHDRAWN)
    application_submit(sheet=second, by=profile.user, message=APPLY_MESSAGE, shared_fields=[])

    page = body(client.get("/recommendations/"))
    assert first.title not in page
    assert second.title not in page
    assert "あなたにおすすめできるものはありません" in page


# --- Hard rules, through the refresh services --------------------------------------------------------


def test_a_pro_bono_sheet_goes_only_to_talents_who_take_pro_bono(
    client,
    world,
    make_sheet,
    django_capture_on_commit_callbacks,
):
    declines = fitting_talent("declines", accepts_pro_bono=False)
    accepts = fitting_talent("accepts", accepts_pro_bono=True)
    with django_capture_on_commit_callbacks(execute=True):
        probono = make_sheet(
            Published,
            is_probono=True,
            fee_min_yen=None,
            fee_max_yen=None,
            contract_type="probono",
            fee_reason="地域の味噌蔵を応援してくださる方を探しています。",
        )
    client.force_login(declines.user)
    assert probono.title not in body(client.get("/recommendations/"))
    client.force_login(accepts.user)
    page = body(client.get("/recommendations/"))
    assert probono.title in page
    assert "プロボノ（報酬なし）" in page

    client.force_login(world.owner)
    matches = body(client.get(matches_url(probono)))
    assert accepts.display_name in matches
    assert declines.display_name not in matches


def test_an_onsite_sheet_never_goes_to_a_remote_only_talent(
    client,
    world,
    make_sheet,
    django_capture_on_commit_callbacks,
):
    onsite = make_sheet(Published, work_style="onsite", visits_per_month=2)
    with django_capture_on_commit_callbacks(execute=True):
        remote = fitting_talent("remote", work_style="remote", visits_per_month=0)
        hybrid = fitting_talent("hybrid", work_style="hybrid", visits_per_month=4)
    client.force_login(remote.user)
    assert onsite.title not in body(client.get("/recommendations/"))
    client.force_login(hybrid.user)
    assert onsite.title in body(client.get("/recommendations/"))
    client.force_login(world.owner)
    matches = body(client.get(matches_url(onsite)))
    assert hybrid.display_name in matches
    assert remote.display_name not in matches


# --- この仕様書に合う人材 ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member", "coordinator", "operator"])
def test_the_company_and_the_area_staff_see_matching_talents_with_reasons(client, world, sheet, who):
    talent = fitting_talent(
        "fits", visibility=TalentProfile.Visibility.PUBLIC, current_job="食品メーカーの販促"
    )
    recommendations_rebuild_all()
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    response = client.get(matches_url(sheet))
    assert response.status_code == 200
    page = body(response)
    assert "この仕様書に合う人材" in page
    assert talent.display_name in page
    assert "公開プロフィール" in page
    assert SKILL_REASON.search(page)
    assert re.search(r"適合度 \d{1,3}%", page)
    assert f'href="/talents/{talent.pk}/"' in page
    assert f"/scouts/new/?talent={talent.pk}&amp;sheet={sheet.pk}" in page
    assert "リモート中心＋現地訪問" in page
    assert "月4日" in page
    # never the real name or contact details
    for secret in ("髙橋", "美咲", "090-1234-5678", talent.user.email):
        assert secret not in page


def test_staff_without_mfa_are_sent_to_set_it_up(client, world, sheet):
    client.force_login(world.coordinator)
    response = client.get(matches_url(sheet))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody", "talent"])
def test_other_tenants_get_a_404(client, world, sheet, who):
    fitting_talent("fits")
    recommendations_rebuild_all()
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    response = client.get(matches_url(sheet))
    assert response.status_code == 404
    assert "fitsさん" not in body(response)


@pytest.mark.parametrize("pk", ["abc", str(10**30), "0", "-1", "999999"])
def test_nonsense_sheet_ids_are_404_not_500(client, world, pk):
    client.force_login(world.owner)
    assert client.get(f"/sheets/{pk}/matches/").status_code == 404


def test_a_draft_is_hidden_from_coordinators_and_explained_to_its_company(client, world, make_sheet):
    draft = make_sheet(SpecSheet.Status.DRAFT)
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    assert client.get(matches_url(draft)).status_code == 404
    client.force_login(world.owner)
    response = client.get(matches_url(draft))
    assert response.status_code == 200
    assert "仕様書が公開されてから表示されます" in body(response)


def test_a_closed_sheet_lists_nobody_and_says_why(client, world, sheet):
    talent = fitting_talent("fits")
    recommendations_rebuild_all()
    spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.FILLED)
    client.force_login(world.owner)
    response = client.get(matches_url(sheet))
    assert response.status_code == 200
    page = body(response)
    assert "募集は終了しているため" in page
    assert talent.display_name not in page


def test_private_talents_are_never_listed_and_anonymous_ones_hide_their_hometown(client, world, sheet):
    sendai = Municipality.objects.get(code="041009")
    miyagi = Prefecture.objects.get(code="04")
    hometown = {"hometown_prefecture": miyagi, "hometown_municipality": sendai}
    public = fitting_talent("public", visibility=TalentProfile.Visibility.PUBLIC, **hometown)
    anonymous = fitting_talent("anonymous", visibility=TalentProfile.Visibility.ANONYMOUS, **hometown)
    private = fitting_talent("private", visibility=TalentProfile.Visibility.PRIVATE, **hometown)
    recommendations_rebuild_all()
    stored = TalentRecommendation.objects.filter(sheet=sheet)
    assert any(code == "hometown" for code, _params in stored.get(talent=anonymous).reasons)

    client.force_login(world.owner)
    page = body(client.get(matches_url(sheet)))
    assert private.display_name not in page
    cards = {name: card for name, card in _cards(page)}
    assert "出身地: 仙台市" in cards[public.display_name]
    assert "出身地" not in cards[anonymous.display_name]
    assert "企業・自治体にのみ公開" in cards[anonymous.display_name]


def _cards(page: str):
    for card in re.findall(
        r'<li class="match-card">(.*?)</li>\s*(?=<li class="match-card">|</ol>)', page, re.S
    ):
        name = re.search(r"<h3><a [^>]*>([^<]+)</a></h3>", card).group(1)
        yield name, card


def test_a_talent_turning_private_disappears_from_the_list(
    client, world, sheet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        talent = fitting_talent("leaving")
    client.force_login(world.owner)
    assert talent.display_name in body(client.get(matches_url(sheet)))

    with django_capture_on_commit_callbacks(execute=True):
        fitting_talent_update(talent, visibility=TalentProfile.Visibility.PRIVATE)
    assert not TalentRecommendation.objects.filter(talent=talent).exists()
    assert talent.display_name not in body(client.get(matches_url(sheet)))


def test_applicants_and_scouted_talents_are_marked_or_left_out(client, world, sheet):
    applicant = fitting_talent("applicant")
    scouted = fitting_talent("scouted")
    recommendations_rebuild_all()
    application_submit(sheet=sheet, by=applicant.user, message=APPLY_MESSAGE, shared_fields=[])
    from duallife.engagements.services.scouts import scout_send

    scout_send(
        sheet=sheet,
        talent=scouted,
        by=world.owner,
        message="首都圏で食品のECを五年運営されてきたご経験に惹かれました。数字を一緒に見ながら進めませんか。",
    )
    client.force_login(world.owner)
    page = body(client.get(matches_url(sheet)))
    assert applicant.display_name not in page
    cards = dict(_cards(page))
    assert "スカウト済み" in cards[scouted.display_name]


def test_the_company_filters_talents_by_work_style_prefecture_and_skill(client, world, make_sheet):
    sheet = make_sheet(Published, work_style="remote", visits_per_month=0)
    remote_akita = fitting_talent(
        "remote",
        work_style="remote",
        visits_per_month=0,
        skills=["Ｗｅｂマーケ", "SNS運用"],
        prefectures_of_interest=[Prefecture.objects.get(code="05")],
    )
    hybrid_miyagi = fitting_talent("hybrid")
    recommendations_rebuild_all()
    client.force_login(world.owner)
    cases = {
        "work_style=remote": remote_akita,
        "work_style=hybrid": hybrid_miyagi,
        "interest_prefecture=05": remote_akita,
        "interest_prefecture=04": hybrid_miyagi,
        "skill=sns-operation": remote_akita,
        "skill=data-analysis": hybrid_miyagi,
    }
    for query, shown in cases.items():
        page = body(client.get(f"{matches_url(sheet)}?{query}"))
        hidden = hybrid_miyagi if shown == remote_akita else remote_akita
        assert shown.display_name in page, query
        assert hidden.display_name not in page, query
    page = body(client.get(f"{matches_url(sheet)}?skill=product-planning"))
    assert "この条件に合う人材は見つかりませんでした" in page


@pytest.mark.parametrize("query", ["skill=nope", "work_style=x", "interest_prefecture=13", "skill=%00"])
def test_bad_talent_filters_answer_200_with_a_japanese_error(client, world, sheet, query):
    talent = fitting_talent("fits")
    recommendations_rebuild_all()
    client.force_login(world.owner)
    response = client.get(f"{matches_url(sheet)}?{query}")
    assert response.status_code == 200
    assert "選択肢にない値です" in body(response)
    assert talent.display_name in body(response)


# --- Query counts ------------------------------------------------------------------------------------


def _count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_matches_page_costs_the_same_queries_for_3_and_30_talents(
    client, world, sheet, django_assert_max_num_queries
):
    for i in range(3):
        fitting_talent(f"t{i:02d}")
    recommendations_refresh_sheet(sheet_id=sheet.pk)
    client.force_login(world.owner)
    few = _count_queries(client, matches_url(sheet))
    for i in range(3, 30):
        fitting_talent(f"t{i:02d}", themes=[], skills=["データ分析"])
    recommendations_refresh_sheet(sheet_id=sheet.pk)
    assert TalentRecommendation.objects.filter(sheet=sheet).count() == 30
    many = _count_queries(client, matches_url(sheet))
    assert many == few
    with django_assert_max_num_queries(25):
        first = body(client.get(matches_url(sheet)))
    assert first.count('class="match-card"') == 10  # ten a page, three pages
    assert "合う人材 30人" in first
    assert body(client.get(matches_url(sheet) + "?page=3")).count('class="match-card"') == 10
    for garbage in ("99", "-1", "abc", "9" * 30):
        response = client.get(matches_url(sheet), {"page": garbage})
        assert response.status_code == 200
        assert body(response).count('class="match-card"') == 10


def test_the_talent_page_costs_the_same_queries_for_3_and_30_sheets(
    client,
    world,
    make_sheet,
    django_assert_max_num_queries,
):
    talent = fitting_talent("me")
    for i in range(3):
        make_sheet(Published, title=f"仙台の味噌蔵のウェブマーケティング その{i}")
    recommendations_refresh_talent(talent_id=talent.pk)
    client.force_login(talent.user)
    few = _count_queries(client, "/recommendations/")
    for i in range(3, 30):
        make_sheet(Published, title=f"仙台の味噌蔵のウェブマーケティング その{i}")
    recommendations_refresh_talent(talent_id=talent.pk)
    assert SheetRecommendation.objects.filter(talent=talent).count() == 30
    many = _count_queries(client, "/recommendations/")
    assert many == few
    with django_assert_max_num_queries(25 + TALENT_HEADER_QUERIES):
        first = body(client.get("/recommendations/"))
    assert first.count('class="match-card"') == 10  # ten a page, three pages
    assert "おすすめの案件 30件" in first
    assert 'aria-label="おすすめのページ"' in first
    last = body(client.get("/recommendations/", {"page": "3"}))
    assert last.count('class="match-card"') == 10
    assert '<ol class="match-list" start="21">' in last
    for garbage in ("99", "-1", "abc", "9" * 30):
        response = client.get("/recommendations/", {"page": garbage})
        assert response.status_code == 200
        assert body(response).count('class="match-card"') == 10


@pytest.mark.parametrize("who", ["owner", "coordinator", "operator"])
def test_the_sheet_page_links_to_its_matches_for_the_company_and_the_area_staff(client, world, sheet, who):
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    page = body(client.get(f"/sheets/{sheet.pk}/"))
    assert f'href="{matches_url(sheet)}"' in page


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody"])
def test_the_sheet_page_does_not_link_to_matches_for_anyone_else(client, world, sheet, who):
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    response = client.get(f"/sheets/{sheet.pk}/")
    assert response.status_code == 200
    assert matches_url(sheet) not in body(response)


def test_my_page_links_a_talent_to_recommendations_and_saved_searches(client, me):
    client.force_login(me.user)
    page = body(client.get("/accounts/me/"))
    assert 'href="/recommendations/"' in page
    assert 'href="/saved-searches/"' in page
