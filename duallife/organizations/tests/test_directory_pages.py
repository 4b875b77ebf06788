"""Public organisation pages: the directory and a company's or coordinator body's page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from duallife.organizations.models import Organization, OrganizationPhoto
from duallife.postings.models import SpecSheet
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.accounts import make_user
from duallife.testing.organizations import join, make_company, make_coordinator_body
from duallife.vocabulary.models import IndustryGroup


def h1_count(response) -> int:
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


def sheet(organization, title, status=SpecSheet.Status.PUBLISHED):
    return SpecSheet.objects.create(
        organization=organization,
        municipality=organization.municipality or Municipality.objects.get(code="041009"),
        title=title,
        issue="課題",
        status=status,
    )


# --- the directory ------------------------------------------------------------------------------


def test_directory_lists_active_companies_and_coordinator_bodies_only(client, region_pack):
    make_company("miyagi-fish", name="みやぎ水産")
    make_company("closed-co", name="休止中の会社", is_active=False)
    make_coordinator_body("ishinomaki", name="石巻市 移住窓口")
    Organization.objects.create(
        kind=Organization.Kind.SECRETARIAT,
        name="事務局",
        slug="office",
        prefecture=Prefecture.objects.get(code="04"),
    )

    response = client.get("/organizations/")

    assert response.status_code == 200
    assert h1_count(response) == 1
    assertContains(response, "みやぎ水産")
    assertContains(response, "石巻市 移住窓口")
    assertContains(response, 'href="/organizations/miyagi-fish/"')
    assertNotContains(response, "休止中の会社")
    assertNotContains(response, "事務局")


def test_directory_filters_by_prefecture_kind_and_industry(client, region_pack, vocabulary):
    manufacturing = IndustryGroup.objects.get(code="E")
    make_company("miyagi-fish", name="みやぎ水産", industry=manufacturing)
    make_company("miyagi-soft", name="みやぎソフト", industry=IndustryGroup.objects.get(code="G"))
    make_company("akita-sake", prefecture_code="05", name="あきた酒造", industry=manufacturing)
    make_coordinator_body("miyagi-pref", name="宮城県 窓口")

    def names(query):
        html = client.get(f"/organizations/?{query}").content.decode()
        return {n for n in ("みやぎ水産", "みやぎソフト", "あきた酒造", "宮城県 窓口") if n in html}

    assert names("prefecture=04") == {"みやぎ水産", "みやぎソフト", "宮城県 窓口"}
    assert names("kind=coordinator") == {"宮城県 窓口"}
    assert names("industry=E") == {"みやぎ水産", "あきた酒造"}
    assert names("prefecture=04&kind=company&industry=E") == {"みやぎ水産"}


def test_directory_filters_fold_into_a_panel_that_counts_the_results(client, region_pack):
    make_company("miyagi-fish", name="みやぎ水産")
    make_company("akita-sake", prefecture_code="05", name="あきた酒造")

    everything = client.get("/organizations/")
    akita = client.get("/organizations/?prefecture=05")

    assertContains(everything, '<details class="filter-panel">')
    assertContains(everything, "絞り込み（2件）")
    assertContains(akita, "絞り込み（1件）")


@pytest.mark.parametrize(
    "query", ["prefecture=99", "kind=secretariat", "industry=Z", "page=abc", "page=999", "prefecture=%00"]
)
def test_directory_ignores_bad_filters_without_failing(client, region_pack, query):
    make_company("miyagi-fish", name="みやぎ水産")

    response = client.get(f"/organizations/?{query}")

    assert response.status_code == 200
    assertNotContains(response, "事務局")


def test_directory_query_count_does_not_grow_with_the_number_of_organisations(
    client, region_pack, vocabulary
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/organizations/")
        assert response.status_code == 200
        return len(queries)

    for index in range(3):
        org = make_company(f"co-{index}", industry=IndustryGroup.objects.get(code="E"))
        sheet(org, f"仕様書{index}")
    few = count_queries()
    for index in range(3, 30):
        org = make_company(f"co-{index}", industry=IndustryGroup.objects.get(code="E"))
        sheet(org, f"仕様書{index}")
        make_coordinator_body(f"body-{index}")

    many = count_queries()

    assert few == many
    assert many <= 8


def test_directory_paginates(client, region_pack):
    for index in range(30):
        make_company(f"co-{index:02d}", name=f"テスト{index:02d}株式会社", name_kana=f"テスト{index:02d}")

    first = client.get("/organizations/")
    second = client.get("/organizations/?page=2")

    assertContains(first, "30件")
    assertContains(first, 'href="?page=2"')
    assertContains(first, "テスト00株式会社")
    assertNotContains(first, "テスト29株式会社")
    assertContains(second, "テスト29株式会社")


def test_directory_answers_htmx_with_the_results_only(client, region_pack):
    make_company("miyagi-fish", name="みやぎ水産")

    response = client.get("/organizations/?kind=company", headers={"HX-Request": "true"})

    assertContains(response, "みやぎ水産")
    assertNotContains(response, "<html")


# --- a company's page ---------------------------------------------------------------------------


@pytest.fixture
def company(region_pack, vocabulary):
    sendai = Municipality.objects.get(code="041009")
    org = make_company(
        "miyagi-fish",
        name="みやぎ水産株式会社",
        municipality=sendai,
        corporate_number="7000012050002",
        industry=IndustryGroup.objects.get(code="E"),
        size="21-50",
        founded_year=1952,
        website="https://example.jp/",
        summary="三代続く水産加工会社です。",
        vision="石巻の魚を東京の食卓へ。",
        strategy="ネット通販を始める。",
        region_meaning="地元の漁師から毎朝仕入れています。",
        appeal="経営者と直接話せます。",
        top_message="一緒に挑戦しましょう。",
        top_name="阿部 浩一",
        top_title="代表取締役",
    )
    org.name_kana = "ミヤギスイサン"
    org.save()
    return org


def test_company_page_reads_as_a_first_web_presence(client, company):
    OrganizationPhoto.objects.create(
        organization=company, image="organizations/a.jpg", alt_text="港の朝の水揚げ", caption="石巻漁港"
    )
    OrganizationPhoto.objects.create(
        organization=company, image="organizations/b.jpg", alt_text="加工場の作業", position=2
    )

    response = client.get("/organizations/miyagi-fish/")

    assert response.status_code == 200
    assert h1_count(response) == 1
    for text in (
        "みやぎ水産株式会社",
        "ミヤギスイサン",
        "三代続く水産加工会社です。",
        "石巻の魚を東京の食卓へ。",
        "ネット通販を始める。",
        "地元の漁師から毎朝仕入れています。",
        "経営者と直接話せます。",
        "一緒に挑戦しましょう。",
        "代表取締役 阿部 浩一",
        "7000012050002",
        "宮城県仙台市",
        "製造業",
        "21〜50人",
        "1952年",
        'href="https://example.jp/"',
        'alt="港の朝の水揚げ"',
        "石巻漁港",
        'alt="加工場の作業"',
    ):
        assertContains(response, text)
    assertNotContains(response, "プロフィールを編集")


def test_company_page_lists_published_sheets_only(client, company):
    published = sheet(company, "販路開拓の伴走者募集")
    sheet(company, "下書きの仕様書", status=SpecSheet.Status.DRAFT)
    sheet(company, "終了した仕様書", status=SpecSheet.Status.CLOSED)

    response = client.get("/organizations/miyagi-fish/")

    assertContains(response, "販路開拓の伴走者募集")
    assertContains(response, f'href="/sheets/{published.pk}/"')
    assertNotContains(response, "下書きの仕様書")
    assertNotContains(response, "終了した仕様書")


def test_a_company_without_a_profile_yet_still_has_a_page(client, region_pack):
    Organization.objects.create(
        kind=Organization.Kind.COMPANY,
        name="できたて商店",
        slug="new-shop",
        prefecture=Prefecture.objects.get(code="02"),
    )

    response = client.get("/organizations/new-shop/")

    assert response.status_code == 200
    assertContains(response, "この企業の紹介は準備中です。")


def test_members_see_an_edit_link(client, company):
    user = make_user("staff")
    join(user, company)
    client.force_login(user)

    assertContains(client.get("/organizations/miyagi-fish/"), 'href="/organizations/miyagi-fish/edit/"')


@pytest.mark.parametrize("slug", ["closed-co", "office", "no-such-org"])
def test_inactive_secretariat_and_unknown_organisations_are_404(client, region_pack, slug):
    make_company("closed-co", is_active=False)
    Organization.objects.create(
        kind=Organization.Kind.SECRETARIAT,
        name="事務局",
        slug="office",
        prefecture=Prefecture.objects.get(code="04"),
    )

    assert client.get(f"/organizations/{slug}/").status_code == 404
    assert client.get(f"/organizations/{slug}/edit/").status_code in (302, 404)


def test_company_page_query_count_does_not_grow_with_photos_and_sheets(client, company):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/organizations/miyagi-fish/").status_code == 200
        return len(queries)

    sheet(company, "仕様書1")
    OrganizationPhoto.objects.create(organization=company, image="organizations/a.jpg", alt_text="写真1")
    few = count_queries()
    for index in range(2, 9):
        sheet(company, f"仕様書{index}")
        OrganizationPhoto.objects.create(
            organization=company, image=f"organizations/{index}.jpg", alt_text=f"写真{index}"
        )

    assert count_queries() == few


# --- a coordinator body's page ------------------------------------------------------------------


def test_coordinator_page_shows_strategy_scopes_and_public_office_contact(client, region_pack):
    body = make_coordinator_body(
        "ishinomaki",
        name="石巻市 移住・副業窓口",
        scope_codes=("04",),
        region_vision="水産と観光の両輪で若い世代が戻れる町へ。",
        talent_needed="販路開拓を伴走できる方。",
        contact_email="iju@city.example.lg.jp",
        contact_phone="0225-95-1111",
        contact_url="https://www.city.example.lg.jp/iju/",
    )
    sheet(body, "町の観光PRを一緒に考える人")

    response = client.get("/organizations/ishinomaki/")

    assert response.status_code == 200
    assert h1_count(response) == 1
    for text in (
        "水産と観光の両輪で若い世代が戻れる町へ。",
        "販路開拓を伴走できる方。",
        "宮城県全域",
        'href="mailto:iju@city.example.lg.jp"',
        "0225-95-1111",
        "https://www.city.example.lg.jp/iju/",
        "町の観光PRを一緒に考える人",
    ):
        assertContains(response, text)
