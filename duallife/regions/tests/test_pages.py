"""Public region pages: real figures from the pack, 404s for bad codes, bounded queries."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from duallife.regions.models import Municipality, Prefecture, SupportProgram

OVERVIEW_MAX_QUERIES = 10
#: The work there adds its newest sheets (with their skills and themes when there are any), their
#: count when there may be more, and the count of companies (``postings.selectors.work_in_place``).
WORK_IN_PLACE_MAX_QUERIES = 5
PREFECTURE_MAX_QUERIES = 9 + WORK_IN_PLACE_MAX_QUERIES
MUNICIPALITY_MAX_QUERIES = 6 + WORK_IN_PLACE_MAX_QUERIES


def html_of(response) -> str:
    return response.content.decode()


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def program(code: str, name: str, *, municipality: str | None = None, published: bool = True):
    return SupportProgram.objects.create(
        prefecture=Prefecture.objects.get(code=code),
        municipality=Municipality.objects.get(code=municipality) if municipality else None,
        owner="テスト実施主体",
        category=SupportProgram.Category.TRAVEL,
        name=name,
        summary="テスト用の制度",
        amount_yen=20000,
        url="https://example.jp/test/",
        is_published=published,
    )


# --- the overview ---------------------------------------------------------------------------------


def test_overview_compares_the_seven_prefectures_in_jis_order(
    client, region_pack, django_assert_max_num_queries
):
    # given the Tohoku pack
    # when
    with django_assert_max_num_queries(OVERVIEW_MAX_QUERIES):
        response = client.get("/regions/")

    # then
    assert response.status_code == 200
    html = html_of(response)
    assert h1_count(html) == 1
    positions = [
        html.index(f'href="/regions/{code}/"') for code in ("02", "03", "04", "05", "06", "07", "15")
    ]
    assert positions == sorted(positions)
    assertContains(response, "2時間12分")  # 盛岡
    assertContains(response, "29,620円")
    assertContains(response, "62,065円")  # 仙台の家賃
    assertContains(response, "77.3%（1位）")  # 秋田の持ち家比率
    assertNotContains(response, "/regions/13/")  # Tokyo is a reference row, not a page


def test_overview_has_tokyo_as_a_reference_row(client, region_pack):
    response = client.get("/regions/")

    assertContains(response, "東京都（参考）")
    assertContains(response, "105,167円")  # 東京都特別区部の家賃
    assertContains(response, "45.0%（46位）")  # 東京の持ち家比率
    assertContains(response, "26.6%")  # 東京のクリエイティブ産業
    assertContains(response, "16.2%")  # 秋田の製造業


def test_overview_shows_tokyo_monthly_net_migration_with_a_chart_and_a_table(client, region_pack):
    response = client.get("/regions/")

    html = html_of(response)
    assertContains(response, "東京都の転入超過数（月別）")
    assertContains(response, "40,568")  # 2019年3月
    assertContains(response, "-509")  # 2020年5月: net out-migration
    assertContains(response, 'role="img"')
    data = json.loads(re.search(r'id="migration-chart-data"[^>]*>(.*?)</script>', html, re.S)[1])
    assert [s["name"] for s in data["series"]] == ["2019年", "2020年", "2021年"]
    assert data["series"][2]["data"][11] is None  # no figure yet for 2021年12月


def test_overview_cites_sources_with_years(client, region_pack):
    response = client.get("/regions/")

    assertContains(response, "統計でみる都道府県のすがた2021")
    assertContains(response, "2021年2月公表、2021年の値")
    assertContains(response, "住民基本台帳人口移動報告")


def test_overview_renders_in_english_with_lang_en(client, region_pack):
    response = client.get("/en/regions/")

    assert response.status_code == 200
    assertContains(response, '<html lang="en">')
    assertContains(response, 'href="/en/regions/05/"')
    assertContains(response, "Akita")


# --- a prefecture ---------------------------------------------------------------------------------


def test_prefecture_page_shows_indicators_with_rank_and_tokyo(
    client, region_pack, django_assert_max_num_queries
):
    # given the Tohoku pack
    # when
    with django_assert_max_num_queries(PREFECTURE_MAX_QUERIES):
        response = client.get("/regions/05/")

    # then
    assert response.status_code == 200
    html = html_of(response)
    assert h1_count(html) == 1
    assert re.search(r"<h1>秋田県 <span[^>]*>アキタケン</span></h1>", html)
    assertContains(response, "持ち家比率")
    assertContains(response, "77.3%（1位）")
    assertContains(response, "45.0%（46位）")  # 東京都（参考）
    assertContains(response, "51.26畳（2位）")
    assertContains(response, "16.80㎡（5位）")  # precision kept per indicator


def test_prefecture_page_shows_capital_access_rent_and_definition(client, region_pack):
    response = client.get("/regions/05/")

    assertContains(response, "3時間52分")
    assertContains(response, "35,560円")
    assertContains(response, "48,648円")
    assertContains(response, "105,167円")
    assertContains(response, "専用住宅・居住室18.0〜23.9畳の1か月当たり家賃＋共益費・管理費")
    assertContains(response, "東京駅発着・平日料金")


def test_prefecture_page_links_into_the_simulator_for_the_capital(client, region_pack):
    response = client.get("/regions/04/")

    assertContains(response, 'href="/simulator/?destination=041009&amp;trips_per_month=2&amp;mode=A"')


def test_prefecture_page_has_industry_chart_with_a_table_beside_it(client, region_pack):
    response = client.get("/regions/05/")

    html = html_of(response)
    assert re.search(r'<div class="chart"[^>]*role="img"', html)
    assert re.search(r'<div class="chart"[^>]*aria-label="秋田県の産業別就業者', html)
    data = json.loads(re.search(r'id="industry-chart-data"[^>]*>(.*?)</script>', html, re.S)[1])
    assert data["type"] == "bar"
    assert "製造業" in data["categories"]
    assert "合計" not in data["categories"]
    assert data["series"][0] == {
        "name": "秋田県",
        "data": [2.0, 9.7, 16.2, 20.9, 8.1, 16.0, 11.4],
    }
    assertContains(response, "<caption")
    assertContains(response, '<th scope="row"><span class="sub-label">うち</span>製造業</th>', html=False)
    assertContains(response, "67千人")
    assertContains(response, "regions/charts.js")
    assertContains(response, "vendor/echarts/langJA.js")


def test_prefecture_page_lists_municipalities_by_kind_with_kana(client, region_pack):
    response = client.get("/regions/05/")

    html = html_of(response)
    assertContains(response, 'href="/regions/m/052116/">潟上市</a>')
    assertContains(response, "カタガミシ")
    assertContains(response, "25の市町村があります")
    cities, towns, villages = html.index("<h3>市"), html.index("<h3>町"), html.index("<h3>村")
    assert cities < towns < villages


def test_prefecture_page_cites_sources_under_each_block(client, region_pack):
    response = client.get("/regions/05/")

    html = html_of(response)
    assert html.count('class="sources"') == 4  # access, rent, indicators, industries
    assertContains(response, "2018年の値")
    assertContains(response, "2016年の値")


def test_prefecture_page_lists_only_published_programs_of_that_prefecture(client, region_pack):
    # given
    program("05", "秋田県全域の交通費補助")
    program("05", "五城目町のシェアオフィス", municipality="053619")
    program("05", "非公開の下書き", published=False)
    program("04", "宮城県の制度")

    # when
    response = client.get("/regions/05/")

    # then
    assertContains(response, "秋田県全域の交通費補助")
    assertContains(response, "五城目町のシェアオフィス")
    assertContains(response, "20,000円")
    assertNotContains(response, "非公開の下書き")
    assertNotContains(response, "宮城県の制度")


def test_prefecture_page_query_count_does_not_grow_with_rows(client, region_pack):
    # given a small prefecture and a large one, each with programs
    for i in range(5):
        program("05", f"秋田の制度{i}", municipality="052019")
        program("07", f"福島の制度{i}")

    # when
    with CaptureQueriesContext(connection) as akita:
        client.get("/regions/05/")
    with CaptureQueriesContext(connection) as fukushima:
        client.get("/regions/07/")

    # then: 25 vs 59 municipalities, same number of queries
    assert len(akita.captured_queries) == len(fukushima.captured_queries)


def test_prefecture_page_in_english(client, region_pack):
    response = client.get("/en/regions/05/")

    assert response.status_code == 200
    assertContains(response, '<html lang="en">')
    assertContains(response, "<h1>Akita")


@pytest.mark.parametrize(
    "path",
    [
        "/regions/99/",  # no such prefecture
        "/regions/00/",
        "/regions/5/",  # malformed
        "/regions/005/",
        "/regions/ab/",
        "/regions/０５/",  # full-width digits
        "/regions/13/",  # Tokyo: outside the pack
        "/regions/47/",
    ],
)
def test_prefecture_outside_the_pack_or_malformed_is_404(client, region_pack, path):
    response = client.get(path)

    assert response.status_code == 404
    assertContains(response, "ページが見つかりません", status_code=404)


# --- a municipality -------------------------------------------------------------------------------


def test_capital_municipality_page_shows_access_rent_and_simulator_link(
    client, region_pack, django_assert_max_num_queries
):
    # given the Tohoku pack
    # when
    with django_assert_max_num_queries(MUNICIPALITY_MAX_QUERIES):
        response = client.get("/regions/m/041009/")

    # then
    assert response.status_code == 200
    html = html_of(response)
    assert h1_count(html) == 1
    assert re.search(r"<h1>仙台市 <span[^>]*>センダイシ</span></h1>", html)
    assertContains(response, "21,120円")
    assertContains(response, "1時間54分")
    assertContains(response, "62,065円")
    assertContains(response, 'href="/regions/04/">宮城県</a>')
    assertContains(response, 'href="/simulator/?destination=041009&amp;trips_per_month=2&amp;mode=A"')
    assertNotContains(response, "この市町村の交通・家賃データはまだありません")
    assertContains(response, 'aria-label="パンくずリスト"')


def test_municipality_without_data_says_so_and_shows_the_capital_as_reference(
    client, region_pack, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MUNICIPALITY_MAX_QUERIES):
        response = client.get("/regions/m/052116/")  # 潟上市

    assert response.status_code == 200
    assertContains(response, "この市町村の交通・家賃データはまだありません")
    assertContains(response, "潟上市の値ではありません。参考：県庁所在地の秋田市の交通と家賃")
    assertContains(response, "3時間52分")
    assertContains(response, "48,648円")
    assertNotContains(response, "destination=052116")
    assertContains(response, 'href="/simulator/?destination=052019&amp;trips_per_month=2&amp;mode=A"')
    english = client.get("/en/regions/m/052116/")
    assertContains(
        english, "These are not Katagami's own figures: access and rent of Akita, the prefectural capital"
    )


def test_municipality_page_lists_own_and_prefecture_wide_published_programs(client, region_pack):
    # given
    program("05", "五城目町のシェアオフィス", municipality="053619")
    program("05", "秋田県全域の交通費補助")
    program("05", "秋田市だけの制度", municipality="052019")
    program("05", "五城目町の下書き", municipality="053619", published=False)

    # when
    response = client.get("/regions/m/053619/")

    # then
    assertContains(response, "五城目町のシェアオフィス")
    assertContains(response, "秋田県全域の交通費補助")
    assertContains(response, "秋田県全域の制度")
    assertNotContains(response, "秋田市だけの制度")
    assertNotContains(response, "五城目町の下書き")


def test_municipality_page_query_count_does_not_grow_with_programs(client, region_pack):
    with CaptureQueriesContext(connection) as before:
        client.get("/regions/m/053619/")
    for i in range(6):
        program("05", f"町の制度{i}", municipality="053619")
        program("05", f"県の制度{i}")

    with CaptureQueriesContext(connection) as after:
        response = client.get("/regions/m/053619/")

    assertContains(response, "町の制度5")
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/regions/m/041008/",  # 仙台市 with a wrong check digit
        "/regions/m/049999/",  # valid check digit, no such municipality
        "/regions/m/04100/",  # too short
        "/regions/m/0410091/",
        "/regions/m/abcdef/",
        "/regions/m/131008/",  # 東京都特別区部: the reference, not a pack place
        "/regions/m/172014/",  # 金沢市: a comparison city outside the pack
    ],
)
def test_unknown_or_invalid_municipality_is_404(client, region_pack, path):
    response = client.get(path)

    assert response.status_code == 404
    assertContains(response, "ページが見つかりません", status_code=404)


def test_municipality_page_in_english(client, region_pack):
    response = client.get("/en/regions/m/041009/")

    assert response.status_code == 200
    assertContains(response, '<html lang="en">')
    assertContains(response, 'href="/en/regions/04/"')


# --- the home page --------------------------------------------------------------------------------


def test_home_page_introduces_the_platform_and_teases_the_seven_prefectures(client, region_pack):
    response = client.get("/")

    html = html_of(response)
    assert h1_count(html) == 1
    assertContains(response, 'href="/simulator/"')
    assertContains(response, 'href="/regions/"')
    assert html.count('href="/regions/') >= 8  # overview + seven prefectures
    assertContains(response, "県庁所在地：仙台市")
    assertNotContains(response, "TODO")


def test_home_page_without_pack_still_renders(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assertContains(response, 'href="/simulator/"')
