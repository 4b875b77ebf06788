"""The side job from Tokyo (mode B) takes a real support program: its rules go through the support
engine for one month's trips as one claim, per-year caps count a twelfth a month, and the page and
the API say so. A program with a subsidy typed in, an unknown program or a year without it is a 400."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from duallife.engine.subsidies import Claim, Trip, assess, fiscal_year_of
from duallife.subsidies.selectors.rules import latest_version, rules_of
from duallife.testing.simulator import TOKYO_RENT
from duallife.testing.subsidies import SENDAI_FARE, make_program

pytestmark = pytest.mark.django_db

PAGE = "/simulator/"
COST_URL = "/api/v1/simulator/cost"
HTMX = {"HTTP_HX_REQUEST": "true"}
SENDAI = "041009"
AOMORI = "022012"
AOMORI_FARE = 34_940
YOKOHAMA = "141003"


def _engine_amount(program, *, trips: int, fare: int = SENDAI_FARE, prefecture: str = "04") -> int:
    """What the support engine pays for one claim of ``trips`` alike trips this fiscal year."""
    rules = rules_of(latest_version(program))
    today = timezone.localdate()
    day = today if fiscal_year_of(today) == program.fiscal_year else datetime.date(program.fiscal_year, 4, 1)
    trip = Trip(date=day, origin_prefecture="13", destination_prefecture=prefecture, round_trip_fare_yen=fare)
    outcome = assess(rules, Claim(id=0, person=0, company=0, contract_months=0, trips=(trip,) * trips))
    return outcome.payable_yen if outcome.eligible else 0


def _cost(client, **params):
    query = {"destination": SENDAI, "trips_per_month": "2", "mode": "B"} | params
    return client.get(COST_URL, query)


# --- The API --------------------------------------------------------------------------------------


def test_the_api_takes_off_what_the_program_pays_for_the_month(client, region_pack):
    program = make_program()
    expected = _engine_amount(program, trips=2)

    response = _cost(client, program=program.slug)

    assert response.status_code == 200
    body = response.json()
    assert expected == SENDAI_FARE  # half of two round trips over ¥10,000
    assert body["program"]["monthly_support_yen"] == expected
    assert body["monthly_subsidy_yen"] == expected
    assert body["monthly_total_yen"] == TOKYO_RENT + 2 * SENDAI_FARE - expected
    assert body["subsidy"] is None
    support = body["program"]
    assert (support["slug"], support["fiscal_year"], support["name"]) == (
        "miyagi-test",
        program.fiscal_year,
        program.name,
    )
    assert (support["payee"], support["eligible"], support["capped_by_year"]) == ("company", True, False)
    assert support["reasons"] == []
    assert "1年度あたりの上限は12分の1" in support["note"]


def test_a_per_year_cap_counts_a_twelfth_a_month(client, region_pack):
    make_program(cap_per_person_per_fy_yen=120_000)

    body = _cost(client, program="miyagi-test", trips_per_month="4").json()

    assert _engine_amount(make_program(slug="uncapped"), trips=4) == 2 * SENDAI_FARE  # more than ¥10,000
    assert body["program"]["monthly_support_yen"] == 10_000
    assert body["program"]["capped_by_year"] is True
    assert body["monthly_total_yen"] == TOKYO_RENT + 4 * SENDAI_FARE - 10_000
    assert "12分の1" in body["program"]["note"]


def test_a_cap_over_several_years_counts_its_share_of_each_month(client, region_pack):
    make_program(cap_per_person_multi_year_yen=360_000, multi_year_span=3)

    body = _cost(client, program="miyagi-test", trips_per_month="4").json()

    assert body["program"]["monthly_support_yen"] == 360_000 // 36
    assert body["program"]["capped_by_year"] is True


def test_a_program_for_another_prefecture_pays_nothing_and_says_why(client, region_pack):
    make_program()

    body = _cost(client, program="miyagi-test", destination=AOMORI).json()

    assert body["program"]["monthly_support_yen"] == 0
    assert body["program"]["eligible"] is False
    assert body["monthly_total_yen"] == TOKYO_RENT + 2 * AOMORI_FARE
    codes = [reason["code"] for reason in body["program"]["reasons"]]
    assert codes == ["destination_outside_area", "no_eligible_trip"]  # the first trip stands for both
    assert "行き先（都道府県コード02）は対象外" in body["program"]["reasons"][0]["text"]


def test_the_origin_is_the_trip_s_start(client, region_pack):
    make_program(origin_prefectures=["13"])

    from_tokyo = _cost(client, program="miyagi-test").json()
    from_yokohama = _cost(client, program="miyagi-test", origin=YOKOHAMA).json()

    assert from_tokyo["program"]["monthly_support_yen"] == SENDAI_FARE
    assert from_yokohama["program"]["monthly_support_yen"] == 0
    assert from_yokohama["program"]["reasons"][0]["code"] == "origin_outside_area"


def test_a_request_naming_a_program_but_no_mode_is_the_side_job(client, region_pack):
    make_program()

    body = client.get(
        COST_URL, {"destination": SENDAI, "trips_per_month": "2", "program": "miyagi-test"}
    ).json()

    assert body["mode"] == "B"
    assert body["program"]["monthly_support_yen"] == SENDAI_FARE


@pytest.mark.parametrize(
    "manual",
    [{"subsidy_rate": "0.5"}, {"subsidy_cap_per_trip_yen": "8000"}, {"subsidy_cap_per_month_yen": "1"}],
)
def test_a_program_with_a_subsidy_typed_in_is_a_400(client, region_pack, manual):
    make_program()

    response = _cost(client, program="miyagi-test", **manual)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "交通費支援の制度と、補助率・補助の上限は一緒に指定できません。"
        "制度を選ぶと、補助はその制度のルールで計算します。",
        "errors": ["program"],
    }


def test_empty_subsidy_parameters_do_not_count_against_a_program(client, region_pack):
    make_program()

    response = _cost(client, program="miyagi-test", subsidy_rate="", subsidy_cap_per_month_yen="")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "field", "detail"),
    [
        (
            {"program": "no-such-program"},
            "program",
            "交通費支援の制度「no-such-program」は登録されていません。",
        ),
        (
            {"program": "miyagi-test", "fiscal_year": "2020"},
            "program",
            "交通費支援の制度「miyagi-test」は2020年度にはありません（{year}年度にあります）。",
        ),
        ({"program": "miyagi test"}, "program", "英数字とハイフンの識別子"),
        ({"program": "miyagi-test", "fiscal_year": "R8"}, "fiscal_year", "西暦の4桁"),
        ({"program": "miyagi-test", "mode": "A"}, "program", "東京に住み東北で副業する試算（B）で選べます"),
        ({"program": "miyagi-test", "trips_per_month": "2.5"}, "trips_per_month", "整数で指定してください"),
    ],
)
def test_what_a_program_cannot_go_with_is_a_400_naming_the_problem(
    client, region_pack, params, field, detail
):
    program = make_program()

    response = _cost(client, **params)

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == [field]
    assert detail.format(year=program.fiscal_year) in body["detail"]


def test_api_refusals_of_a_program_are_in_english_for_english_readers(client, region_pack):
    make_program()

    unknown = client.get(
        COST_URL,
        {"destination": SENDAI, "trips_per_month": "2", "program": "nope"},
        headers={"accept-language": "en"},
    )
    both = client.get(
        COST_URL,
        {"destination": SENDAI, "trips_per_month": "2", "program": "miyagi-test", "subsidy_rate": "0.5"},
        headers={"accept-language": "en"},
    )

    assert unknown.status_code == both.status_code == 400
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", unknown.json()["detail"] + both.json()["detail"])
    assert "nope" in unknown.json()["detail"]


# --- The page -------------------------------------------------------------------------------------


def _page(client, htmx: bool = False, **params):
    query = {"destination": SENDAI, "trips_per_month": "2", "mode": "B"} | params
    return client.get(PAGE, query, **(HTMX if htmx else {}))


def test_the_page_offers_this_year_s_programs(client, region_pack, django_assert_max_num_queries):
    make_program(slug="miyagi-test")
    make_program(slug="older", fiscal_year=fiscal_year_of(timezone.localdate()) - 1, name="昨年度の制度")

    with django_assert_max_num_queries(4):
        html = client.get(PAGE).content.decode()

    select = html[html.index('<select name="program"') :]
    select = select[: select.index("</select>")]
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "miyagi-test"]
    assert "副業人材の往復支援（試験）" in select
    assert '<label for="id_fiscal_year">' in html


def test_the_page_shows_the_program_s_support_and_says_how_it_is_worked_out(
    client, region_pack, django_assert_max_num_queries
):
    program = make_program(cap_per_person_per_fy_yen=120_000)

    with django_assert_max_num_queries(4):
        response = _page(client, program="miyagi-test", trips_per_month="4")

    assert response.status_code == 200
    quote = response.context["quote"]
    assert quote.support.monthly_yen == quote.result.monthly_subsidy_yen == 10_000
    html = response.content.decode()
    result = html[html.index('id="simulator-result"') : html.index('id="simulator-comparison"')]
    assert "交通費支援: 副業人材の往復支援（試験）" in result
    assert "10,000円" in result
    assert "1年度あたりの上限の12分の1（1か月分）までにしました。" in result
    assert "1年度あたりの上限は12分の1を" in result
    assert f'href="{reverse("subsidies:program", args=[program.pk])}"' in result
    assert re.search(r'<option value="miyagi-test" selected>', html)


def test_the_page_gives_the_engine_s_reasons(client, region_pack):
    make_program()

    html = _page(client, program="miyagi-test", destination=AOMORI).content.decode()

    result = html[html.index('id="simulator-result"') : html.index('id="simulator-comparison"')]
    assert "1件目の往復の行き先（都道府県コード02）は対象外です。" in result
    assert "2件目" not in result
    assert "対象になる往復がありません。" in result


def test_the_comparison_works_out_each_town_s_support(client, region_pack):
    make_program()

    response = _page(client, program="miyagi-test")

    rows = {row.destination.code: row.result for row in response.context["comparison"]["rows"]}
    assert rows[SENDAI].monthly_subsidy_yen == SENDAI_FARE
    assert rows[AOMORI].monthly_subsidy_yen == 0
    assert "副業人材の往復支援（試験）の支援を地域ごとに反映" in response.context["comparison"]["caption"]


def test_the_page_refuses_a_program_with_a_subsidy_typed_in(client, region_pack):
    make_program()
    params = {"program": "miyagi-test", "subsidy_percent": "50"}

    page = _page(client, **params)
    partial = _page(client, htmx=True, **params)

    message = "交通費支援の制度と、補助率・補助の上限は一緒に指定できません。"
    assert page.context["quote"] is None
    assert any(message in error for error in page.context["form"].errors["program"])
    assert 'id="id_program_error"' in page.content.decode()
    assert partial.status_code == 400
    assert message in partial.content.decode()
    assert 'id="simulator-field-program" hx-swap-oob="true"' in partial.content.decode()


def test_the_page_refuses_an_unknown_program(client, region_pack):
    partial = _page(client, htmx=True, program="no-such-program")

    assert partial.status_code == 400
    assert "交通費支援の制度「no-such-program」は登録されていません。" in partial.content.decode()


def test_the_page_lists_and_uses_the_programs_of_the_year_asked_for(client, region_pack):
    year = fiscal_year_of(timezone.localdate()) - 1
    make_program(slug="older", fiscal_year=year)

    response = _page(client, program="older", fiscal_year=str(year))
    this_year = _page(client, htmx=True, program="older")

    assert response.context["quote"].support.program.fiscal_year == year
    assert this_year.status_code == 400
    assert f"{year}年度にあります" in this_year.content.decode()


def test_the_english_page_words_the_program_s_support_in_english(client, region_pack):
    make_program(cap_per_person_per_fy_yen=120_000)

    with translation.override(None):
        response = client.get(
            "/en" + PAGE,
            {"destination": SENDAI, "trips_per_month": "4", "mode": "B", "program": "miyagi-test"},
        )

    assert response.status_code == 200
    html = response.content.decode()
    support = html[html.index('class="result-support"') :]
    support = support[: support.index("</section>")]
    assert "Travel-cost support: 副業人材の往復支援（試験）" in support  # the program's own name stays
    assert "a twelfth" in support
    text = re.sub(r"<[^>]+>", " ", support).replace("副業人材の往復支援（試験）", "")
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), text
