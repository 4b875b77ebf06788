import json
import re

import pytest
from django.utils import translation

from duallife.testing.simulator import TABLE_5_6_2

URL = "/simulator/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _text(response) -> str:
    return response.content.decode()


def test_empty_page_offers_destinations_grouped_by_prefecture(
    client, region_pack, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(URL)

    assert response.status_code == 200
    html = _text(response)
    select = html[html.index('<select name="destination"') :]
    groups = re.findall(r'<optgroup label="([^"]+)">', select[: select.index("</select>")])
    assert groups == [
        "青森県",
        "岩手県",
        "宮城県",
        "秋田県",
        "山形県",
        "福島県",
        "新潟県",
        "石川県",
        "静岡県",
    ]
    assert re.search(r'<option value="041009"[^>]*[^>]*>仙台市</option>', html)
    assert 'aria-live="polite"' in html
    assert "<fieldset" in html
    assert "<legend>" in html
    # The comparison is shown from the start, with the report's default of two trips a month.
    assert "104,305円" in html
    assert "<caption" in html
    assert 'scope="row"' in html
    assert 'role="img"' in html
    assert 'id="simulator-chart-data"' in html
    assert "vendor/echarts/echarts.min.js" in html
    assert "vendor/echarts/langJA.js" in html
    assert "simulator/simulator.js" in html


def test_prefilled_url_shows_the_result(client, region_pack, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(URL, {"destination": "041009", "trips_per_month": "2", "mode": "A"})

    assert response.status_code == 200
    html = _text(response)
    assert "仙台市に住み、東京へ月2往復する場合" in html
    assert "104,305円" in html
    assert "62,065円" in html
    assert "42,240円" in html
    assert "月2.0往復までなら東京より安い" in html
    assert "出典" in html
    assert "平成30年住宅・土地統計調査" in html
    assert 'class="highlight"' in html
    assert response.context["quote"].result.monthly_total_yen == 104_305


@pytest.mark.parametrize("code", sorted(TABLE_5_6_2))
def test_every_city_matches_the_report_on_the_page(client, region_pack, code):
    response = client.get(URL, {"destination": code, "trips_per_month": "2", "mode": "A"})
    name, total = TABLE_5_6_2[code]
    assert response.context["quote"].destination.name == name
    assert f"{total:,}円" in _text(response)


def test_comparison_chart_data_lists_every_destination(client, region_pack):
    response = client.get(URL, {"destination": "041009", "trips_per_month": "2", "mode": "A"})
    match = re.search(
        r'<script id="simulator-chart-data" type="application/json">(.*?)</script>', _text(response)
    )
    data = json.loads(match.group(1))
    assert data["codes"] == sorted(TABLE_5_6_2)
    assert data["totals"] == [TABLE_5_6_2[code][1] for code in sorted(TABLE_5_6_2)]
    assert data["selected"] == "041009"
    assert data["baseline"] == 105_167


def test_htmx_request_returns_a_partial(client, region_pack, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(URL, {"destination": "041009", "trips_per_month": "2", "mode": "A"}, **HTMX)

    assert response.status_code == 200
    html = _text(response)
    assert "<html" not in html
    assert "<form" not in html
    assert "104,305円" in html
    assert 'id="simulator-comparison"' in html
    assert 'hx-swap-oob="true"' in html
    assert "HX-Request" in response["Vary"]


def test_never_and_always_cheaper_are_said_in_words(client, region_pack):
    never = client.get(
        URL, {"destination": "041009", "trips_per_month": "1", "rent_yen": "110000", "mode": "A"}
    )
    assert "安くはなりません" in _text(never)
    always = client.get(
        URL, {"destination": "041009", "trips_per_month": "1", "subsidy_percent": "100", "mode": "A"}
    )
    assert "何往復しても東京で暮らすより高くなりません" in _text(always)


def test_mode_b_with_subsidy(client, region_pack):
    response = client.get(
        URL,
        {
            "destination": "041009",
            "trips_per_month": "2",
            "mode": "B",
            "subsidy_percent": "50",
            "subsidy_cap_per_month_yen": "15000",
        },
    )
    result = response.context["quote"].result
    assert result.monthly_total_yen == 105_167 + 42_240 - 15_000
    assert "東京に住み、仙台市へ月2往復する場合" in _text(response)
    assert "（入力した補助を反映）" in _text(response)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"destination": "041009", "trips_per_month": "40"}, "trips_per_month", "31"),
        ({"destination": "041009", "trips_per_month": "-1"}, "trips_per_month", "0"),
        ({"destination": "041009", "trips_per_month": "abc"}, "trips_per_month", "数字で"),
        ({"destination": "041009", "trips_per_month": "1e1"}, "trips_per_month", "数字で"),
        ({"destination": "041009", "trips_per_month": "1_0"}, "trips_per_month", "数字で"),
        ({"destination": "041009", "trips_per_month": "NaN"}, "trips_per_month", "数字で"),
        ({"destination": "041009", "trips_per_month": "inf"}, "trips_per_month", "数字で"),
        ({"destination": "041009", "trips_per_month": "1.25"}, "trips_per_month", "1"),
        ({"destination": "041009", "trips_per_month": ""}, "trips_per_month", "往復回数を指定"),
        ({"destination": "011002", "trips_per_month": "2"}, "destination", "データがない"),
        ({"destination": "999999", "trips_per_month": "2"}, "destination", "検査数字"),
        ({"destination": "\x00", "trips_per_month": "2"}, "destination", "6桁の地方公共団体コード"),
        (
            {"destination": "sendai", "trips_per_month": "2"},
            "destination",
            "6桁の地方公共団体コードではありません",
        ),
        ({"destination": "", "trips_per_month": "2"}, "destination", "地域を選んで"),
        ({"destination": "041009", "trips_per_month": "2", "mode": "Z"}, "mode", "A か B"),
        ({"destination": "041009", "trips_per_month": "2", "mode": "b"}, "mode", "A か B"),
        ({"destination": "041009", "trips_per_month": "2", "rent_yen": "-1"}, "rent_yen", "0"),
        ({"destination": "041009", "trips_per_month": "2", "rent_yen": "1e9"}, "rent_yen", "数字で"),
        ({"destination": "041009", "trips_per_month": "2", "rent_yen": "5.5"}, "rent_yen", "整数"),
        (
            {"destination": "041009", "trips_per_month": "2", "subsidy_percent": "101"},
            "subsidy_percent",
            "100",
        ),
        (
            {"destination": "041009", "trips_per_month": "2", "subsidy_cap_per_month_yen": "10000"},
            "subsidy_percent",
            "補助率も指定",
        ),
    ],
)
def test_invalid_input_shows_japanese_errors(client, region_pack, params, field, message):
    page = client.get(URL, params)

    assert page.status_code == 200
    html = _text(page)
    assert "入力内容を確認してください" in html  # the error summary
    errors = page.context["form"].errors[field]
    assert errors
    assert any(message in e for e in errors), errors
    assert re.search(rf'id="id_{field}_error"[^>]*><li>[^<]*\S', html), "the error is shown next to the field"
    assert any("\u3040" <= ch <= "\u30ff" for ch in "".join(errors))
    assert page.context["quote"] is None

    partial = client.get(URL, params, **HTMX)
    assert partial.status_code == 400
    assert "入力内容を確認してください" in _text(partial)
    assert f'id="simulator-field-{field}" hx-swap-oob="true"' in _text(partial)
    assert f'id="id_{field}_error"' in _text(partial)


def test_form_markup_is_accessible(client, region_pack):
    html = _text(client.get(URL))
    for name in ("destination", "trips_per_month", "rent_yen", "subsidy_percent"):
        assert f'<label for="id_{name}">' in html
    assert 'hx-get="/simulator/"' in html
    assert 'hx-target="#simulator-result"' in html
    assert 'hx-push-url="true"' in html
    assert 'method="get"' in html
    # No inline script besides the json_script data block.
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attrs for attrs in scripts), scripts


def test_english_page_renders(client, region_pack):
    # LocaleMiddleware leaves English active in this thread; override() puts the old one back.
    with translation.override(None):
        response = client.get("/en" + URL, {"destination": "041009", "trips_per_month": "2", "mode": "A"})
    assert response.status_code == 200
    assert '<html lang="en">' in _text(response)
    assert response.context["quote"].result.monthly_total_yen == 104_305


def test_an_out_of_range_number_gives_one_clear_message(client, region_pack):
    page = client.get(URL, {"destination": "041009", "trips_per_month": "100"})

    assert page.context["form"].errors["trips_per_month"] == [
        "月あたりの往復回数は0以上31以下で指定してください。"
    ]


def test_a_code_without_data_is_not_called_malformed(client, region_pack):
    page = client.get(URL, {"destination": "011002", "trips_per_month": "2"})  # 札幌市: outside the pack
    (error,) = page.context["form"].errors["destination"]
    assert "データがない" in error
    assert "検査数字" not in error


def test_a_nul_byte_in_the_destination_is_not_echoed(client, region_pack):
    page = client.get("/simulator/?destination=%00&trips_per_month=2")
    assert page.status_code == 200
    assert "\x00" not in _text(page)


def test_full_width_input_is_read_as_half_width_and_shown_back_so(client, region_pack):
    page = client.get(
        URL, {"destination": "０４１００９", "trips_per_month": "２", "mode": "Ａ", "rent_yen": "６２０６５"}
    )

    assert page.context["quote"].result.monthly_total_yen == 104_305
    html = _text(page)
    assert re.search(r'<option value="041009"[^>]* selected[^>]*>仙台市</option>', html)
    assert 'name="trips_per_month" value="2"' in html
    assert re.search(r'<input type="radio" name="mode" value="A"[^>]*checked', html)


def test_empty_optional_fields_are_absent(client, region_pack):
    page = client.get(
        URL,
        {
            "destination": "041009",
            "trips_per_month": "2",
            "mode": "",
            "rent_yen": "",
            "subsidy_percent": "",
            "subsidy_cap_per_trip_yen": "",
            "subsidy_cap_per_month_yen": "",
        },
    )
    assert not page.context["form"].errors
    assert page.context["quote"].result.monthly_total_yen == 104_305


def test_mode_b_with_a_subsidy_shows_the_subsidy_column(client, region_pack):
    page = client.get(
        URL, {"destination": "041009", "trips_per_month": "2", "mode": "B", "subsidy_percent": "50"}
    )
    result = page.context["quote"].result
    assert result.monthly_subsidy_yen == 21_120
    assert page.context["comparison"]["show_subsidy"]
