"""Talent pages: who sees which profile, contact details never shown to anyone but the owner,
the company-side search, and the profile editor with bad input of every kind."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from duallife.accounts.models import PersonalDataAccess
from duallife.organizations.models import Membership, Organization
from duallife.regions.models import Municipality, Prefecture
from duallife.talents.models import TalentProfile, TalentSkill, WorkStyle
from duallife.talents.services import SkillInput
from duallife.testing.accounts import make_user
from duallife.testing.organizations import join, make_coordinator_body
from duallife.testing.pages import COMPANY_HEADER_QUERIES
from duallife.testing.talents import make_talent
from duallife.vocabulary.models import Theme

Visibility = TalentProfile.Visibility
# Contact details of the profile under test: none may appear on any page but the owner's own.
SECRETS = {
    "family_name": "𠮷田",
    "given_name": "珠希",
    "family_name_kana": "ヨシダ",
    "given_name_kana": "タマキ",
    "phone": "090-9876-5432",
}
EMAIL = "owner@example.jp"
VIEWERS = [
    "anonymous",
    "talent",
    "other",
    "member",
    "admin",
    "coordinator",
    "far_coordinator",
    "operator",
    "owner",
]


@pytest.fixture
def owner(cast):
    user = make_user("owner")
    assert user.email == EMAIL
    cast["owner"] = user
    return user


def profile_for(owner, visibility, **extra):
    values = {
        "display_name": "みやぎ好きのマーケター",
        "skills": [SkillInput("Webマーケティング", years=8, level=3), SkillInput("ドローン空撮")],
        "themes": Theme.objects.filter(key__in=["marketing", "tourism"]),
        "visibility": visibility,
        "current_job": "都内IT企業のマーケティング担当",
        "self_introduction": "地元の水産業を応援したい。",
        "hometown_prefecture": Prefecture.objects.get(code="04"),
        "hometown_municipality": Municipality.objects.get(code="042021"),
        "prefectures_of_interest": Prefecture.objects.filter(code__in=["04", "05"]),
        "days_per_month": 4,
        "work_style": WorkStyle.HYBRID,
        "visits_per_month": 1,
        "desired_monthly_fee_yen": 50000,
        "motives": ["give_back"],
        **SECRETS,
        **extra,
    }
    return make_talent(owner, **values)


def login_as(client, cast, who):
    if who != "anonymous":
        client.force_login(cast[who])
    return client


def assert_no_contact_details(response):
    html = response.content.decode()
    for secret in [*SECRETS.values(), EMAIL, "09098765432"]:
        assert secret not in html, f"{secret!r} shown to a viewer who is not the owner"


# --- who sees a profile -------------------------------------------------------------------------

EXPECTED = {
    Visibility.PUBLIC: {v: 200 for v in VIEWERS},
    Visibility.ANONYMOUS: {
        "anonymous": 404,
        "talent": 404,
        "other": 200,
        "member": 200,
        "admin": 200,
        "coordinator": 200,
        "far_coordinator": 200,
        "operator": 200,
        "owner": 200,
    },
    Visibility.PRIVATE: {**{v: 404 for v in VIEWERS}, "owner": 200},
}


@pytest.mark.parametrize("visibility", list(EXPECTED))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_profile_page_visibility_and_contact_details_for_every_viewer(
    client, cast, owner, visibility, viewer
):
    profile = profile_for(owner, visibility)
    login_as(client, cast, viewer)

    response = client.get(f"/talents/{profile.pk}/")

    assert response.status_code == EXPECTED[visibility][viewer]
    if viewer != "owner":
        assert_no_contact_details(response)
    else:
        # even the owner's public page shows only what others see
        for secret in SECRETS.values():
            assert secret not in response.content.decode()


@pytest.mark.parametrize("viewer", ["other", "member", "coordinator", "operator"])
def test_anonymous_profiles_show_only_display_name_skills_themes_and_availability(
    client, cast, owner, viewer
):
    profile = profile_for(owner, Visibility.ANONYMOUS)
    login_as(client, cast, viewer)

    response = client.get(f"/talents/{profile.pk}/")

    for shown in (
        "みやぎ好きのマーケター",
        "ウェブマーケティング",
        "ドローン空撮",
        "観光",
        "月4日",
        "現地訪問 月1回",
        "50,000円",
    ):
        assertContains(response, shown)
    for hidden in ("都内IT企業", "地元の水産業を応援したい", "石巻市", "地元への恩返し"):
        assertNotContains(response, hidden)


def test_public_profiles_show_the_rest_but_never_contact_details(client, cast, owner):
    profile = profile_for(owner, Visibility.PUBLIC)

    response = client.get(f"/talents/{profile.pk}/")

    for shown in (
        "都内IT企業のマーケティング担当",
        "地元の水産業を応援したい。",
        "宮城県石巻市",
        "地元への恩返し",
    ):
        assertContains(response, shown)
    assert_no_contact_details(response)


def test_inactive_owners_profiles_are_gone(client, cast, owner):
    profile = profile_for(owner, Visibility.PUBLIC)
    owner.is_active = False
    owner.save()

    assert client.get(f"/talents/{profile.pk}/").status_code == 404


def test_staff_views_are_logged_and_need_mfa(client, cast, owner):
    profile = profile_for(owner, Visibility.ANONYMOUS)
    client.force_login(cast["coordinator"])

    client.get(f"/talents/{profile.pk}/")

    access = PersonalDataAccess.objects.get()
    assert (access.by, access.subject, access.what) == (cast["coordinator"], owner, "人材プロフィールの閲覧")

    no_mfa = make_user("new-coordinator")
    join(no_mfa, Organization.objects.get(slug="miyagi-pref"))
    client.force_login(no_mfa)
    response = client.get(f"/talents/{profile.pk}/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_company_member_views_are_not_logged_as_staff_access(client, cast, owner):
    profile = profile_for(owner, Visibility.ANONYMOUS)
    client.force_login(cast["member"])

    client.get(f"/talents/{profile.pk}/")

    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("path", ["/talents/abc/", "/talents/999999/", "/talents/-1/"])
def test_unknown_profiles_are_404(client, cast, path):
    client.force_login(cast["member"])

    assert client.get(path).status_code == 404


def test_profile_page_query_count_does_not_grow_with_skills(client, cast, owner):
    profile = profile_for(owner, Visibility.PUBLIC)
    client.get(f"/talents/{profile.pk}/")

    with CaptureQueriesContext(connection) as few:
        client.get(f"/talents/{profile.pk}/")
    make_talent(
        owner,
        skills=[f"スキル{i}" for i in range(25)],
        themes=Theme.objects.all(),
        visibility=Visibility.PUBLIC,
    )
    with CaptureQueriesContext(connection) as many:
        client.get(f"/talents/{profile.pk}/")

    assert len(few) == len(many)


# --- my profile ---------------------------------------------------------------------------------


def test_my_profile_shows_the_owner_everything(client, cast, owner):
    profile_for(owner, Visibility.PRIVATE)
    client.force_login(owner)

    response = client.get("/talents/me/")

    for secret in [*SECRETS.values(), EMAIL]:
        assertContains(response, secret)
    assertContains(response, "スキル一覧から")
    assertContains(response, "自由記述")
    assertNotContains(response, "語彙")  # the vocabulary is the code's word, not the reader's


def test_my_profile_needs_login_and_a_profile(client, cast):
    assert client.get("/talents/me/")["Location"].startswith("/accounts/login/")
    client.force_login(cast["talent"])

    response = client.get("/talents/me/")

    assert response.status_code == 302
    assert response["Location"] == "/talents/me/edit/"


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("talent", 403),
        ("other", 200),
        ("member", 200),
        ("admin", 200),
        ("coordinator", 200),
        ("far_coordinator", 200),
        ("operator", 200),
    ],
)
def test_search_is_for_companies_and_staff(client, cast, owner, viewer, status):
    profile_for(owner, Visibility.ANONYMOUS)
    client.force_login(cast[viewer])

    response = client.get("/talents/")

    assert response.status_code == status
    assert_no_contact_details(response)
    if status == 200:
        assertContains(response, "みやぎ好きのマーケター")
    else:
        assertContains(
            response, "企業のメンバーと自治体・支援機関・事務局の方が利用できます", status_code=403
        )


def test_search_sends_anonymous_visitors_to_log_in_and_staff_without_mfa_to_set_it_up(client, cast):
    response = client.get("/talents/?q=マーケ")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/talents/")

    no_mfa = make_user("op2")
    join(no_mfa, Organization.objects.get(slug="secretariat"))
    client.force_login(no_mfa)
    assert client.get("/talents/")["Location"] == reverse("mfa_index")


@pytest.fixture
def population(cast, owner):
    """Five profiles of every kind; the company member searches."""
    tourism = Theme.objects.get(key="tourism")
    hr = Theme.objects.get(key="hr")
    profiles = {
        "web": profile_for(owner, Visibility.PUBLIC),
        "hr": make_talent(
            make_user("hr"),
            display_name="人事のプロ",
            skills=["採用"],
            themes=[hr],
            visibility=Visibility.ANONYMOUS,
            hometown_prefecture=Prefecture.objects.get(code="04"),
            work_style=WorkStyle.REMOTE,
            days_per_month=2,
            desired_monthly_fee_yen=30000,
            prefectures_of_interest=Prefecture.objects.filter(code="05"),
        ),
        "hidden": make_talent(
            make_user("hidden"),
            display_name="非公開の人",
            skills=["Webマーケ"],
            visibility=Visibility.PRIVATE,
        ),
        "onsite": make_talent(
            make_user("onsite"),
            display_name="観光の現場担当",
            skills=["観光ガイド"],
            themes=[tourism],
            visibility=Visibility.PUBLIC,
            work_style=WorkStyle.ONSITE,
            days_per_month=10,
            desired_monthly_fee_yen=200000,
        ),
    }
    gone = make_user("gone")
    profiles["gone"] = make_talent(
        gone, display_name="退会した人", skills=["Webマーケ"], visibility=Visibility.PUBLIC
    )
    gone.is_active = False
    gone.save()
    return profiles


def found(client, query):
    html = client.get(f"/talents/?{query}").content.decode()
    names = {
        "web": "みやぎ好きのマーケター",
        "hr": "人事のプロ",
        "hidden": "非公開の人",
        "onsite": "観光の現場担当",
        "gone": "退会した人",
    }
    return {key for key, name in names.items() if name in html}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"web", "hr", "onsite"}),
        ("q=Ｗｅｂマーケ", {"web"}),
        ("q=ウェブマーケティング", {"web"}),
        ("q=webまーけてぃんぐ", {"web"}),
        ("q=人事", {"hr"}),
        ("q=水産業", {"web"}),  # self-introduction of a public profile
        ("q=𠮷田", set()),  # never by real name
        ("q=090-9876-5432", set()),
        ("skill=Webマーケティング", {"web"}),
        ("skill=ウェブマーケ", {"web"}),
        ("skill=ドローン空撮", {"web"}),
        ("skill=存在しないスキル", set()),
        ("theme=tourism", {"web", "onsite"}),
        ("interest=05", {"web", "hr"}),
        ("hometown=04", {"web"}),  # the anonymous profile's hometown is not shown, so not searchable
        ("style=onsite", {"onsite"}),
        ("min_days=4", {"web", "onsite"}),
        ("max_fee=50000", {"web", "hr"}),
        ("q=マーケ&style=hybrid&min_days=3&max_fee=60000&theme=marketing", {"web"}),
    ],
)
def test_search_normalises_and_filters(client, cast, population, query, expected):
    client.force_login(cast["member"])

    assert found(client, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "theme=nope",
        "interest=99",
        "hometown=xx",
        "style=moon",
        "min_days=abc",
        "max_fee=-5",
        "page=zzz",
        "q=" + "あ" * 500,
    ],
)
def test_search_ignores_bad_filters_without_failing(client, cast, population, query):
    client.force_login(cast["member"])

    response = client.get(f"/talents/?{query}")

    assert response.status_code == 200
    assert_no_contact_details(response)


def test_search_query_count_does_not_grow_with_results(client, cast, owner):
    client.force_login(cast["member"])
    for index in range(3):
        make_talent(
            make_user(f"t{index}"),
            skills=["Python", "SNS運用"],
            themes=Theme.objects.all()[:3],
            visibility=Visibility.PUBLIC,
        )
    client.get("/talents/")  # the first request builds the cached vocabulary

    with CaptureQueriesContext(connection) as few:
        assert client.get("/talents/?q=Python").status_code == 200
    for index in range(3, 25):
        make_talent(
            make_user(f"t{index}"),
            skills=["Python", "SNS運用", "採用"],
            themes=Theme.objects.all()[:5],
            visibility=Visibility.ANONYMOUS,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/talents/?q=Python")

    assert "25人" in response.content.decode()
    assert len(few) == len(many)
    assert len(many) <= 16 + COMPANY_HEADER_QUERIES


def test_search_answers_htmx_with_the_results_only(client, cast, population):
    client.force_login(cast["member"])

    response = client.get("/talents/?q=人事", headers={"HX-Request": "true"})

    assertContains(response, "人事のプロ")
    assertNotContains(response, "<html")


def test_search_filters_sit_in_a_panel_whose_summary_counts_the_results(client, cast, population):
    client.force_login(cast["member"])

    page = client.get("/talents/?theme=tourism")
    answer = client.get("/talents/?q=人事", headers={"HX-Request": "true"})

    assertContains(page, '<details class="filter-panel">')
    assertContains(page, '<span id="filter-count">絞り込み（2件）</span>')
    assertContains(answer, '<span id="filter-count" hx-swap-oob="true">絞り込み（1件）</span>')
    assertContains(client.get("/talents/?min_days=abc"), '<details class="filter-panel" open>')


# --- the editor ---------------------------------------------------------------------------------


def form_data(**overrides):
    data = {
        "family_name": "𠮷田",
        "given_name": "珠希",
        "family_name_kana": "よしだ",
        "given_name_kana": "ﾀﾏｷ",
        "display_name": "みやぎ好きのマーケター",
        "phone": "０９０－９８７６－５４３２",
        "home_prefecture": str(Prefecture.objects.get(code="13").pk),
        "home_municipality": "",
        "hometown_prefecture": str(Prefecture.objects.get(code="04").pk),
        "hometown_municipality": str(Municipality.objects.get(code="042021").pk),
        "current_job": "都内IT企業のマーケティング担当",
        "current_industry": "",
        "skills_text": "Webマーケティング、ウェブマーケティング, Ｗｅｂマーケ，ドローン空撮",
        "themes": [str(Theme.objects.get(key="tourism").pk)],
        "days_per_month": "4",
        "work_style": "hybrid",
        "visits_per_month": "1",
        "desired_monthly_fee_yen": "50000",
        "prefectures_of_interest": [str(Prefecture.objects.get(code="04").pk)],
        "motives": ["give_back", "skill_up"],
        "self_introduction": "地元の水産業を応援したい。",
        "visibility": "anonymous",
        "skills-TOTAL_FORMS": "3",
        "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0",
        "skills-MAX_NUM_FORMS": "30",
        "skills-0-name": "Python",
        "skills-0-years": "5",
        "skills-0-level": "3",
        "skills-1-name": "",
        "skills-1-years": "",
        "skills-1-level": "2",
        "skills-2-name": "",
        "skills-2-years": "",
        "skills-2-level": "2",
    }
    data.update(overrides)
    return data


def test_editor_needs_login(client, cast):
    response = client.get("/talents/me/edit/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/talents/me/edit/")
    assert client.post("/talents/me/edit/", form_data()).status_code == 302
    assert not TalentProfile.objects.exists()


@pytest.mark.parametrize("who", ["talent", "member", "coordinator", "operator"])
def test_anyone_logged_in_may_create_their_own_profile(client, cast, who):
    client.force_login(cast[who])

    assert client.get("/talents/me/edit/").status_code == 200


def test_creating_a_profile_through_the_form_matches_skills(client, cast):
    client.force_login(cast["talent"])

    response = client.post("/talents/me/edit/", form_data())

    assert response.status_code == 302
    assert response["Location"] == "/talents/me/"
    profile = TalentProfile.objects.get(user=cast["talent"])
    assert (profile.family_name, profile.given_name) == ("𠮷田", "珠希")
    assert (profile.family_name_kana, profile.given_name_kana) == ("ヨシダ", "タマキ")
    assert profile.phone == "090-9876-5432"
    assert profile.motives == ["skill_up", "give_back"]
    skills = {
        (s.skill.key if s.skill else s.free_text): (s.years, s.level)
        for s in profile.skills.select_related("skill")
    }
    assert skills == {"python": (5, 3), "web-marketing": (0, 2), "ドローン空撮": (0, 2)}
    page = client.get("/talents/me/")
    assertContains(page, "プロフィールを保存しました。")
    assertContains(page, "Ｗｅｂマーケ → ウェブマーケティング")


def test_editing_rows_changes_years_and_removes_cleared_skills(client, cast):
    client.force_login(cast["talent"])
    client.post("/talents/me/edit/", form_data())
    form = client.get("/talents/me/edit/").context["formset"]
    assert form.total_form_count() == 3 + 3

    rows = {
        "skills-TOTAL_FORMS": "3",
        "skills-INITIAL_FORMS": "3",
        "skills-0-name": "Python",
        "skills-0-years": "6",
        "skills-0-level": "4",
        "skills-1-name": "",
        "skills-1-years": "0",
        "skills-1-level": "2",
        "skills-2-name": "ウェブマーケティング",
        "skills-2-years": "8",
        "skills-2-level": "3",
    }
    response = client.post("/talents/me/edit/", form_data(skills_text="", **rows))

    assert response.status_code == 302
    profile = TalentProfile.objects.get(user=cast["talent"])
    skills = {
        (s.skill.key if s.skill else s.free_text): (s.years, s.level)
        for s in profile.skills.select_related("skill")
    }
    assert skills == {"python": (6, 4), "web-marketing": (8, 3)}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"family_name": ""}, "姓を入力してください。"),
        ({"given_name": "珠希3"}, "名に数字や改行は使えません。"),
        ({"family_name_kana": "Yoshida"}, "セイはカタカナで入力してください"),
        ({"given_name_kana": "珠希"}, "メイはカタカナで入力してください"),
        ({"display_name": ""}, "表示名を入力してください。"),
        ({"display_name": "𠮷田珠希"}, "表示名には氏名とは別の名前"),
        ({"phone": "03-12"}, "電話番号は0から始まる10桁または11桁"),
        ({"phone": "090-ABCD-5432"}, "電話番号は0から始まる10桁または11桁"),
        ({"home_prefecture": ""}, "お住まいの都道府県を選んでください。"),
        ({"home_prefecture": "9999"}, "お住まいの都道府県を選び直してください。"),
        ({"home_municipality": "999999"}, "お住まいの市区町村を選び直してください。"),
        (
            {"hometown_prefecture": "", "hometown_municipality": "AOMORI_CITY"},
            "出身地の市区町村を選んだ場合は、都道府県も選んでください。",
        ),
        ({"hometown_municipality": "AOMORI_CITY"}, "青森市は宮城県の市区町村ではありません。"),
        ({"days_per_month": "0"}, "月に使える日数は1〜31の半角数字で入力してください。"),
        ({"days_per_month": "たくさん"}, "月に使える日数は1〜31の半角数字で入力してください。"),
        ({"work_style": "moon"}, "希望する働き方を選んでください。"),
        ({"visits_per_month": ""}, "月の現地訪問回数を1〜31回で入力してください。"),
        (
            {"desired_monthly_fee_yen": "5万円"},
            "希望月額報酬（円）は0〜10,000,000の半角数字で入力してください。",
        ),
        ({"themes": ["999999"]}, "テーマを選び直してください。"),
        ({"prefectures_of_interest": ["999999"]}, "県を選び直してください。"),
        ({"motives": ["fame"]}, "関わりたい理由を選び直してください。"),
        ({"visibility": "everyone"}, "公開範囲を選んでください。"),
        ({"self_introduction": "あ" * 2001}, "自己紹介は2000文字以内にしてください。"),
        ({"skills_text": "あ" * 61}, "61"),
        ({"skills-0-years": "99"}, "経験年数は0〜60の半角数字で入力してください。"),
        ({"skills-0-level": "9"}, "レベルを選び直してください。"),
        ({"skills-TOTAL_FORMS": "abc"}, "ManagementForm"),
        ({"skills_text": "、".join(f"スキル{i}" for i in range(31))}, "スキルは30件までにしてください。"),
    ],
)
def test_bad_input_is_refused_in_japanese_and_nothing_is_saved(client, cast, owner, overrides, message):
    before = profile_for(owner, Visibility.PUBLIC)
    before_skills = list(
        TalentSkill.objects.filter(talent=before).values_list("normalized", "years", "level")
    )
    client.force_login(owner)
    if overrides.get("hometown_municipality") == "AOMORI_CITY":  # primary keys differ per database
        overrides = {**overrides, "hometown_municipality": str(Municipality.objects.get(code="022012").pk)}

    response = client.post("/talents/me/edit/", form_data(**{"current_job": "変更後の仕事", **overrides}))

    assert response.status_code == 200
    if message == "61":
        assertContains(response, "60文字以内にしてください")
    elif message == "ManagementForm":
        assertContains(response, "入力内容を確認してください")
    else:
        assertContains(response, message)
    after = TalentProfile.objects.get(pk=before.pk)
    assert after.current_job == "都内IT企業のマーケティング担当"
    assert after.visibility == Visibility.PUBLIC
    assert (
        list(TalentSkill.objects.filter(talent=before).values_list("normalized", "years", "level"))
        == before_skills
    )


def test_skill_preview_shows_how_skills_will_be_read(client, cast):
    client.force_login(cast["talent"])

    response = client.get("/talents/me/skills/preview/", {"skills_text": "Ｗｅｂマーケ、ドローン空撮"})

    assertContains(response, "Ｗｅｂマーケ → ウェブマーケティング")
    assertContains(response, "ドローン空撮（自由記述）")
    assert client.post("/talents/me/skills/preview/").status_code == 405


def test_membership_roles_are_untouched_by_a_talent_profile(client, cast):
    client.force_login(cast["member"])
    client.post("/talents/me/edit/", form_data(display_name="兼業の社員"))

    assert Membership.objects.filter(user=cast["member"]).exists()
    assert TalentProfile.objects.filter(user=cast["member"]).exists()


def test_coordinator_scope_does_not_limit_which_talents_they_may_see(client, cast, owner):
    profile = profile_for(owner, Visibility.ANONYMOUS)
    body = make_coordinator_body("tiny-town", prefecture_code="07", scope_codes=("07",))
    user = make_user("town")
    join(user, body)
    from duallife.testing.accounts import give_mfa

    give_mfa(user)
    client.force_login(user)

    assert client.get(f"/talents/{profile.pk}/").status_code == 200


def test_my_profile_says_whether_i_take_pro_bono_and_may_appear_in_company_digests(client, cast, owner):
    profile_for(owner, Visibility.ANONYMOUS, accepts_pro_bono=True, in_company_digests=True)
    client.force_login(owner)
    page = client.get("/talents/me/").content.decode()
    assert "プロボノ（無償）の仕事" in page
    assert "受ける" in page
    assert "「新しく合う人材」として載ってよい" in page

    profile_for(owner, Visibility.ANONYMOUS, accepts_pro_bono=False, in_company_digests=False)
    page = client.get("/talents/me/").content.decode()
    assert "受けない" in page
    assert "載せない" in page


def test_the_form_saves_pro_bono_and_the_company_digest_choice_but_never_for_a_private_profile(client, cast):
    client.force_login(cast["talent"])
    response = client.post("/talents/me/edit/", form_data(accepts_pro_bono="on", in_company_digests="on"))
    assert response.status_code == 302
    profile = TalentProfile.objects.get(user=cast["talent"])
    assert profile.accepts_pro_bono
    assert profile.in_company_digests

    client.post("/talents/me/edit/", form_data(visibility="private", in_company_digests="on"))
    profile.refresh_from_db()
    assert not profile.in_company_digests  # private: in nobody's digest
    assert not profile.accepts_pro_bono  # unticked in this post

    page = client.get("/talents/me/edit/").content.decode()
    assert 'name="accepts_pro_bono"' in page
    assert 'name="in_company_digests"' in page


@pytest.mark.parametrize(
    "overrides",
    [
        {"family_name": ""},
        {"phone": "03-12"},
        {"days_per_month": "0"},
        {"visibility": "everyone"},
        {"self_introduction": "あ" * 2001},
        {"skills-0-years": "99"},
        {"skills_text": "、".join(f"スキル{i}" for i in range(31))},
    ],
)
def test_bad_input_is_refused_in_english_on_the_english_page(client, cast, owner, overrides):
    client.force_login(owner)

    response = client.post("/en/talents/me/edit/", form_data(**overrides))

    assert response.status_code == 200
    form, formset = response.context["form"], response.context["formset"]
    messages = [m for errors in form.errors.values() for m in errors]
    messages += [m for row in formset.errors for errors in row.values() for m in errors]
    messages += list(formset.non_form_errors())
    assert messages
    for message in messages:
        assert re.search(r"[\u3040-\u30ff\u3400-\u9fff]", message) is None, message
