"""The public pages: the listing (only published sheets, Japanese search, filters, sorting,
pagination, and a query count that does not grow with the number of results), and a sheet's page
and who may see it (cross-tenant 404s)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.postings.models import SpecSheet
from duallife.postings.selectors import SheetFilters, published_sheets
from duallife.postings.services.sheets import spec_sheets_close_expired
from duallife.testing.postings import AKITA, ISHINOMAKI, copy_sheet, login

Status = SpecSheet.Status
HIDDEN = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED]


def titles(response) -> list[str]:
    return [sheet.title for sheet, _url in response.context["sheets"]]


@pytest.fixture
def published(make_sheet):
    return make_sheet(Status.PUBLISHED)


def test_only_published_sheets_are_listed(client, make_sheet):
    shown = make_sheet(Status.PUBLISHED, title="公開中の仕様書：酒蔵の海外販路を開く営業戦略")
    for status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.CLOSED):
        make_sheet(status, title=f"{status}の仕様書：見えてはいけない募集です")

    response = client.get("/sheets/")

    assert response.status_code == 200
    assert titles(response) == [shown.title]
    assert "見えてはいけない" not in response.content.decode()


def test_an_expired_sheet_leaves_the_listing(client, published):
    SpecSheet.objects.filter(pk=published.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    spec_sheets_close_expired(today=timezone.localdate())

    assert titles(client.get("/sheets/")) == []


@pytest.mark.parametrize(
    "query", ["Ｗｅｂマーケ", "webマーケティング", "ウェブ・マーケティング", "味噌 ウェブ", "仙台"]
)
def test_search_folds_spelling_variants(client, published, query):
    response = client.get("/sheets/", {"q": query})

    assert titles(response) == [published.title]


def test_search_requires_every_term(client, published):
    assert titles(client.get("/sheets/", {"q": "ウェブマーケティング 漁業"})) == []


def test_a_skill_typed_in_kana_finds_its_canonical_name(client, published):
    assert titles(client.get("/sheets/", {"q": "でーたぶんせき"})) == [published.title]


def test_search_with_nothing_searchable_lists_everything(client, published):
    assert titles(client.get("/sheets/", {"q": "、。 "})) == [published.title]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"prefecture": "04"}, {"sendai", "ishinomaki"}),
        ({"prefecture": "05"}, {"akita"}),
        ({"municipality": ISHINOMAKI}, {"ishinomaki"}),
        ({"theme": "dx-it"}, {"akita"}),
        ({"theme": "marketing"}, {"sendai", "ishinomaki"}),
        ({"work_style": "remote"}, {"ishinomaki"}),
        ({"days": "4"}, {"sendai", "akita"}),
        ({"days": "8"}, {"sendai", "ishinomaki", "akita"}),
        ({"fee": "30000"}, {"sendai"}),
        ({"fee": "20000"}, {"sendai", "ishinomaki"}),
        ({"contract_type": "probono"}, {"akita"}),
        ({"closes_after": "2100-01-01"}, {"akita"}),
        ({"prefecture": "04", "fee": "30000"}, {"sendai"}),
    ],
)
def test_filters(client, world, make_sheet, params, expected):
    make_sheet(Status.PUBLISHED, title="仙台の味噌蔵のウェブマーケティング")  # 2–4 days, 30–50k, hybrid
    make_sheet(
        Status.PUBLISHED,
        title="石巻の水産加工会社のEC運営を立て直す",
        municipality=ISHINOMAKI,
        work_style="remote",
        visits_per_month=0,
        days_per_month_min=4,
        days_per_month_max=8,
        fee_min_yen=20_000,
        fee_max_yen=60_000,
    )
    make_sheet(
        Status.PUBLISHED,
        organization=world.other_company,
        title="秋田の酒蔵のDXをプロボノで手伝う",
        municipality=AKITA,
        themes=["dx-it"],
        contract_type="probono",
        is_probono=True,
        fee_min_yen=None,
        fee_max_yen=None,
        closes_on=None,
        days_per_month_min=None,
        days_per_month_max=3,
    )
    names = {"仙台": "sendai", "石巻": "ishinomaki", "秋田": "akita"}

    response = client.get("/sheets/", params)

    found = {names[title[:2]] for title in titles(response)}
    assert found == expected


def test_invalid_filters_are_ignored_with_a_japanese_message(client, published):
    response = client.get("/sheets/", {"days": "たくさん", "fee": "-5", "prefecture": "99", "sort": "random"})

    assert response.status_code == 200
    assert titles(response) == [published.title]
    body = response.content.decode()
    assert "稼働日数は1〜31の整数で入力してください。" in body
    assert "月額報酬は0〜10,000,000の整数（円）で入力してください。" in body


def test_a_municipality_of_another_prefecture_is_dropped_with_a_message(client, world, make_sheet):
    miyagi = make_sheet(
        Status.PUBLISHED, title="石巻の水産加工会社のEC運営を立て直す", municipality=ISHINOMAKI
    )
    akita = make_sheet(
        Status.PUBLISHED, organization=world.other_company, title="秋田の酒蔵のDXを手伝う", municipality=AKITA
    )

    response = client.get("/sheets/", {"prefecture": "05", "municipality": ISHINOMAKI})

    assert response.status_code == 200
    assert titles(response) == [akita.title]  # the prefecture still applies
    assert miyagi.title not in titles(response)
    body = response.content.decode()
    assert "石巻市は秋田県の市区町村ではありません。都道府県か市区町村を選び直してください。" in body


def test_the_prefecture_select_narrows_the_municipality_select(client, published):
    body = client.get("/sheets/").content.decode()

    assert '<select name="municipality" data-narrowed-by="prefecture" id="id_municipality">' in body
    assert f'<option value="{ISHINOMAKI}" data-parent="04">' in body
    assert f'<option value="{AKITA}" data-parent="05">' in body
    assert '<script src="/static/core/narrowed-select.js" defer></script>' in body


def test_sorting(client, make_sheet):
    today = timezone.localdate()
    first = make_sheet(
        Status.PUBLISHED,
        title="最初に公開した仕様書です（締切は遠い）",
        closes_on=today + datetime.timedelta(days=90),
    )
    second = make_sheet(
        Status.PUBLISHED,
        title="次に公開した仕様書です（報酬が高い）",
        closes_on=today + datetime.timedelta(days=20),
        fee_min_yen=80_000,
        fee_max_yen=100_000,
        fee_reason="経営会議への出席を含むため。",
    )
    third = make_sheet(
        Status.PUBLISHED,
        title="最後に公開した仕様書です（締切なし）",
        closes_on=None,
        fee_min_yen=10_000,
        fee_max_yen=20_000,
        fee_reason="交通費は別途全額負担。",
    )

    assert titles(client.get("/sheets/")) == [third.title, second.title, first.title]
    assert titles(client.get("/sheets/", {"sort": "closing"})) == [second.title, first.title, third.title]
    assert titles(client.get("/sheets/", {"sort": "fee"})) == [second.title, first.title, third.title]


def test_pagination_twenty_a_page_keeps_the_filters(client, published):
    copy_sheet(published, 20)

    first = client.get("/sheets/", {"q": "味噌"})
    second = client.get("/sheets/", {"q": "味噌", "page": "2"})

    assert len(titles(first)) == 20
    assert len(titles(second)) == 1
    assert "q=%E5%91%B3%E5%99%8C&amp;page=2" in first.content.decode()
    assert "21件中 1〜20件を表示" in first.content.decode()
    assert len(titles(client.get("/sheets/", {"page": "999"}))) == 1  # past the end: the last page
    assert len(titles(client.get("/sheets/", {"page": "x"}))) == 20


@pytest.mark.parametrize("count", [5, 50])
def test_listing_query_count_is_flat(client, published, django_assert_max_num_queries, count):
    copy_sheet(published, count - 1)

    with django_assert_max_num_queries(8):
        response = client.get("/sheets/", {"q": "Webマーケ", "theme": "marketing", "sort": "fee"})

    assert len(titles(response)) == min(count, 20)


@pytest.mark.parametrize("count", [5, 50])
def test_api_listing_query_count_is_flat(client, published, django_assert_max_num_queries, count):
    copy_sheet(published, count - 1)

    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/sheets", {"q": "Webマーケ", "prefecture": "04"})

    assert response.json()["count"] == count


def test_htmx_gets_the_results_partial_with_the_count_out_of_band(client, published):
    response = client.get("/sheets/", {"q": "味噌"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "<html" not in body
    assert 'hx-swap-oob="true"' in body
    assert "1件中 1〜1件を表示" in body
    assert response["Vary"].count("HX-Request") == 1


def test_the_filters_fold_into_a_panel_whose_summary_counts_the_results(client, published):
    copy_sheet(published, 2)

    page = client.get("/sheets/").content.decode()
    answer = client.get("/sheets/", {"prefecture": "05"}, HTTP_HX_REQUEST="true").content.decode()

    assert '<details class="filter-panel">' in page  # closed: on a phone the results come first
    assert '<span id="filter-count">絞り込み（3件）</span>' in page
    assert '<span id="filter-count" hx-swap-oob="true">絞り込み（0件）</span>' in answer
    assert "core/filter-panel.js" in page


def test_the_filter_panel_opens_on_a_filter_in_error(client, published):
    body = client.get("/sheets/", {"days": "たくさん"}).content.decode()

    assert '<details class="filter-panel" open>' in body
    assert "稼働日数は1〜31の整数で入力してください。" in body


def test_selector_sorts_ties_by_id(published):
    copies = copy_sheet(published, 2)
    SpecSheet.objects.update(published_at=published.published_at)

    order = [sheet.pk for sheet in published_sheets(SheetFilters())]

    assert order == sorted([published.pk, *[c.pk for c in copies]], reverse=True)


# --- The public detail page and who may see a sheet -------------------------------------------


def test_published_detail_shows_everything_public(client, world, make_sheet):
    sheet = make_sheet(Status.PUBLISHED)

    response = client.get(f"/sheets/{sheet.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>老舗味噌蔵の新商品を首都圏に届けるウェブマーケティング</h1>" in body
    assert 'class="why-you"' in body
    assert "あなたが必要な理由" in body
    assert "月2〜4日" in body
    assert "月3万〜5万円" in body
    assert "業務委託" in body
    assert "ウェブマーケティング" in body
    assert "食品業界の経験" in body
    assert 'href="/organizations/sendai-miso/"' in body
    assert "掲載企業のメニュー" not in body


@pytest.mark.parametrize("status", HIDDEN)
@pytest.mark.parametrize("viewer", [None, "stranger", "talent", "far_coordinator", "nobody"])
def test_unpublished_sheets_are_404_to_everyone_else(client, world, make_sheet, status, viewer):
    sheet = make_sheet(status)
    if viewer:
        login(client, getattr(world, viewer))

    assert client.get(f"/sheets/{sheet.pk}/").status_code == 404
    assert client.get(f"/api/v1/sheets/{sheet.pk}").status_code == 404


@pytest.mark.parametrize("status", HIDDEN)
def test_owners_see_their_unpublished_sheets_with_a_notice(client, world, make_sheet, status):
    sheet = make_sheet(status)

    response = login(client, world.member).get(f"/sheets/{sheet.pk}/")

    assert response.status_code == 200
    assert "まだ公開されていません" in response.content.decode()


def test_coordinators_of_the_area_see_submitted_but_not_draft_sheets(client, world, make_sheet):
    login(client, world.coordinator)

    assert client.get(f"/sheets/{make_sheet(Status.SUBMITTED).pk}/").status_code == 200
    assert client.get(f"/sheets/{make_sheet(Status.RETURNED).pk}/").status_code == 200
    assert client.get(f"/sheets/{make_sheet(Status.DRAFT).pk}/").status_code == 404


def test_a_closed_sheet_keeps_its_page_with_a_notice(client, make_sheet):
    sheet = make_sheet(Status.CLOSED)

    response = client.get(f"/sheets/{sheet.pk}/")

    assert response.status_code == 200
    assert "募集は終了しました" in response.content.decode()


def test_unknown_sheet_is_404(client, world):
    assert client.get("/sheets/999999/").status_code == 404
    assert client.get(f"/sheets/{2**64}/").status_code == 404
