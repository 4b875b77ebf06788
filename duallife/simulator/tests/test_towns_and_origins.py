"""Every town as a destination, every Tokyo-area place as an origin, the legs and the lodging:
through the API, the ``simulate`` command and the page, with bad input refused on each."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from duallife.testing.simulator import TABLE_5_6_2, TOKYO, TOKYO_RENT

COST_URL = "/api/v1/simulator/cost"
PAGE_URL = "/simulator/"
MINAMISANRIKU = "046060"
YOKOHAMA = "141003"
EXTRAS = {
    "origin_leg_yen": "960",
    "origin_leg_minutes": "30",
    "destination_leg_yen": "3600",
    "destination_leg_minutes": "90",
    "lodging_nights_per_month": "2",
    "lodging_yen_per_night": "7000",
}
BAD_EXTRAS = [
    ({"lodging_nights_per_month": "32", "lodging_yen_per_night": "5000"}, "lodging_nights_per_month", "31"),
    (
        {"lodging_nights_per_month": "1.5", "lodging_yen_per_night": "5000"},
        "lodging_nights_per_month",
        "整数",
    ),
    ({"lodging_nights_per_month": "2"}, "lodging_yen_per_night", "両方"),
    ({"lodging_yen_per_night": "-1", "lodging_nights_per_month": "2"}, "lodging_yen_per_night", "0以上"),
    ({"origin_leg_yen": "abc"}, "origin_leg_yen", "数字"),
    ({"origin_leg_minutes": "2000"}, "origin_leg_minutes", "1,440以下"),
    ({"destination_leg_yen": "1e4"}, "destination_leg_yen", "数字"),
    ({"destination_leg_minutes": "-3"}, "destination_leg_minutes", "0以上"),
    ({"origin": "041009"}, "origin", "東京圏"),
    ({"origin": "011002"}, "origin", "東京圏"),
    ({"origin": "131009"}, "origin", "検査数字"),
]


def _simulate(*args: str) -> str:
    out = io.StringIO()
    call_command("simulate", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# --- API ----------------------------------------------------------------------------------------


def test_api_without_the_new_parameters_still_gives_the_reports_table_and_mode_a(client, region_pack):
    for code, (_, total) in TABLE_5_6_2.items():
        body = client.get(COST_URL, {"destination": code, "trips_per_month": "2"}).json()
        assert (body["mode"], body["monthly_total_yen"]) == ("A", total)
        assert body["origin_leg"] == {
            "round_trip_yen": 0,
            "one_way_minutes": 0,
            "included": False,
            "note": "含まれていません（入力すると加算します）",
        }
        assert body["destination_leg"]["included"] is False
        assert body["lodging"]["included"] is False
        assert body["monthly_lodging_yen"] == 0


def test_api_town_from_a_tokyo_area_origin_with_legs_and_lodging(client, region_pack):
    response = client.get(
        COST_URL,
        {"origin": YOKOHAMA, "destination": MINAMISANRIKU, "trips_per_month": "2", "mode": "B", **EXTRAS},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["origin"]["name"] == "横浜市"
    assert (body["origin_gateway"]["code"], body["destination_gateway"]["code"]) == (TOKYO, "041009")
    assert body["route_round_trip_fare_yen"] == 21_120
    assert body["round_trip_fare_yen"] == 21_120 + 960 + 3600
    assert body["one_way_minutes"] == 114 + 30 + 90
    assert body["monthly_lodging_yen"] == 14_000
    assert body["monthly_total_yen"] == TOKYO_RENT + 2 * (21_120 + 960 + 3600) + 14_000
    assert body["origin_leg"]["included"]
    assert body["destination_leg"]["included"]
    assert body["origin_leg"]["note"] == "入力値: 往復960円・片道30分"
    assert [p["code"] for p in body["rent_places"]] == [TOKYO]  # Yokohama has no benchmark: Tokyo's


@pytest.mark.parametrize(("params", "field", "words"), BAD_EXTRAS)
def test_api_refuses_bad_legs_lodging_and_origins_with_the_error_schema(
    client, region_pack, params, field, words
):
    response = client.get(COST_URL, {"destination": MINAMISANRIKU, "trips_per_month": "2", **params})

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == [field]
    assert words in body["detail"]


def test_api_refusals_are_english_for_english_readers(client, region_pack):
    response = client.get(
        COST_URL,
        {"destination": MINAMISANRIKU, "trips_per_month": "2", "lodging_nights_per_month": "40"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Nights per month must be between 0 and 31 (no more than the days of a month)."
    )


def test_api_refuses_a_tokyo_area_place_as_the_destination(client, region_pack):
    response = client.get(COST_URL, {"destination": YOKOHAMA, "trips_per_month": "2"})
    assert response.status_code == 400
    assert response.json()["errors"] == ["destination"]
    assert "横浜市" in response.json()["detail"]


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_takes_the_parameters_with_dashes_or_underscores_and_says_what_is_not_included(region_pack):
    dashes = json.loads(
        _simulate(
            "--origin", YOKOHAMA, "--destination", MINAMISANRIKU, "--mode", "B", "--format", "json",
            *[a for name, value in EXTRAS.items() for a in (f"--{name.replace('_', '-')}", value)],
        )
    )  # fmt: skip
    underscores = json.loads(
        _simulate(
            "--origin", YOKOHAMA, "--destination", MINAMISANRIKU, "--mode", "B", "--format", "json",
            *[a for name, value in EXTRAS.items() for a in (f"--{name}", value)],
        )
    )  # fmt: skip
    assert dashes == underscores
    assert dashes["monthly_total_yen"] == TOKYO_RENT + 2 * (21_120 + 960 + 3600) + 14_000

    text = _simulate("--destination", MINAMISANRIKU)
    assert "南三陸町" in text
    assert "東京駅までの区間    含まれていません" in text
    assert "経由地から先の区間  含まれていません" in text
    assert "東京都特別区部–仙台市" in text


@pytest.mark.parametrize(("params", "field", "words"), BAD_EXTRAS)
def test_cli_refuses_bad_legs_lodging_and_origins(region_pack, params, field, words):
    args = [a for name, value in params.items() for a in (f"--{name.replace('_', '-')}", value)]
    with pytest.raises(CommandError, match=re.escape(words)):
        _simulate("--destination", MINAMISANRIKU, *args)


def test_cli_refuses_a_destination_leg_for_the_whole_comparison(region_pack):
    with pytest.raises(CommandError, match="--destination"):
        _simulate("--all", "--destination-leg-yen", "3000")


def test_cli_bad_nights_exit_non_zero_with_the_message_on_stderr(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "duallife.settings",
        "DUALLIFE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "duallife.cli", "simulate", "--destination", "041009",
         "--lodging-nights-per-month", "40", "--lodging-yen-per-night", "5000"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "31" in done.stderr
    assert "Traceback" not in done.stderr


# --- Page ---------------------------------------------------------------------------------------


def test_page_offers_every_town_and_origin_and_labels_the_legs_not_included(
    client, region_pack, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        page = client.get(PAGE_URL, {"destination": MINAMISANRIKU, "trips_per_month": "2", "mode": "A"})

    html = page.content.decode()
    assert page.context["quote"].destination.code == MINAMISANRIKU
    assert len(re.findall(r'<option value="\d{6}"', html)) == 259 + 213  # destinations + origins
    assert re.search(
        rf'<option value="{MINAMISANRIKU}"[^>]* data-search="南三陸町 ミナミサンリクチョウ minamisanriku"',
        html,
    )
    result = html[html.index('id="simulator-result"') : html.index('id="simulator-comparison"')]
    # Two legs, the lodging, and the headline's note.
    assert result.count("含まれていません（入力すると加算します）") == 4
    # The headline itself says whose fare and time it shows.
    assert "運賃と時間は仙台市までのものです。仙台市から南三陸町までの移動は含まれていません" in result
    assert "家賃（仙台市の目安）" in result  # living in the town: it has no rent benchmark of its own
    # The comparison keeps the report's cities and adds the chosen town, marked.
    rows = page.context["comparison"]["rows"]
    assert [r.destination.code for r in rows] == sorted([*TABLE_5_6_2, MINAMISANRIKU])
    assert "運賃・家賃は仙台市の目安" in html


def test_page_adds_legs_and_lodging_for_a_tokyo_area_origin(client, region_pack):
    page = client.get(PAGE_URL, {"destination": MINAMISANRIKU, "origin": YOKOHAMA, "mode": "B", **EXTRAS})

    quote = page.context["quote"]
    assert quote.origin.code == YOKOHAMA
    assert quote.result.monthly_total_yen == TOKYO_RENT + 2 * (21_120 + 960 + 3600) + 14_000
    html = page.content.decode()
    assert "入力値: 月2泊×7,000円" in html
    assert "横浜市に住み、南三陸町へ月2往復する場合" in html
    assert "東京駅までの移動は含まれていません" not in html  # entered: included
    bare = client.get(PAGE_URL, {"destination": MINAMISANRIKU, "origin": YOKOHAMA, "mode": "B"})
    assert "横浜市から東京駅までの移動は含まれていません" in bare.content.decode()
    chosen = next(r for r in page.context["comparison"]["rows"] if r.destination.code == MINAMISANRIKU)
    sendai = next(r for r in page.context["comparison"]["rows"] if r.destination.code == "041009")
    # The town's own leg only on its row; the origin's leg and the lodging on every row.
    assert chosen.result.monthly_total_yen - sendai.result.monthly_total_yen == 2 * 3600


@pytest.mark.parametrize(("params", "field", "words"), BAD_EXTRAS)
def test_page_shows_bad_legs_lodging_and_origins_next_to_their_field(
    client, region_pack, params, field, words
):
    page = client.get(PAGE_URL, {"destination": MINAMISANRIKU, "trips_per_month": "2", **params})

    assert page.status_code == 200
    assert page.context["quote"] is None
    errors = page.context["form"].errors[field]
    assert any(words in e for e in errors), errors
    assert f'id="id_{field}_error"' in page.content.decode()
    partial = client.get(
        PAGE_URL, {"destination": MINAMISANRIKU, "trips_per_month": "2", **params}, HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 400
    assert f'id="simulator-field-{field}" hx-swap-oob="true"' in partial.content.decode()


def test_english_page_names_towns_and_origins_in_english(client, region_pack):
    with translation.override(None):
        page = client.get(
            "/en" + PAGE_URL, {"destination": MINAMISANRIKU, "origin": YOKOHAMA, "mode": "B", **EXTRAS}
        )
    html = page.content.decode()
    assert re.search(rf'<option value="{MINAMISANRIKU}" selected[^>]*>Minamisanriku</option>', html)
    assert re.search(rf'<option value="{YOKOHAMA}" selected[^>]*>Yokohama</option>', html)
    assert "Living in Yokohama with 2 round trips a month to Minamisanriku" in html
    assert "As entered: 2 nights a month × " in html
    assert "南三陸町" not in html.replace('data-search="南三陸町', "")
