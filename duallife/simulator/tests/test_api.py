import re

import pytest

from duallife.testing.simulator import TABLE_5_6_2, TOKYO, TOKYO_RENT

COST_URL = "/api/v1/simulator/cost"


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("code", sorted(TABLE_5_6_2))
def test_cost_reproduces_table_5_6_2(client, region_pack, code):
    response = client.get(COST_URL, {"origin": TOKYO, "destination": code, "trips_per_month": "2"})

    assert response.status_code == 200
    body = response.json()
    name, total = TABLE_5_6_2[code]
    assert body["destination"]["name"] == name
    assert body["origin"]["code"] == TOKYO
    assert body["monthly_total_yen"] == total
    assert body["baseline_total_yen"] == TOKYO_RENT
    assert body["difference_yen"] == total - TOKYO_RENT
    assert body["monthly_rent_yen"] + body["monthly_travel_yen"] == total
    assert body["monthly_travel_minutes"] == 4 * body["one_way_minutes"]


def test_sendai_answer_in_full(client, region_pack):
    body = client.get(COST_URL, {"destination": "041009", "trips_per_month": 2}).json()

    assert body["mode"] == "A"
    assert body["trips_per_month"] == 2.0
    assert body["break_even_trips_per_month"] == 2.04
    assert body["monthly_subsidy_yen"] == 0
    assert body["one_way_minutes"] == 114
    assert body["travel_mode"] == "新幹線"
    assert body["subsidy"] is None
    assert {s["year"] for s in body["sources"]} == {2021, 2018}
    assert set(body["sources"][0]) == {"title", "publisher", "url", "published", "year", "used_for"}


def test_subsidy_and_mode_b(client, region_pack):
    body = client.get(
        COST_URL,
        {
            "destination": "041009",
            "trips_per_month": "3",
            "mode": "B",
            "subsidy_rate": "0.5",
            "subsidy_cap_per_trip_yen": "8000",
            "subsidy_cap_per_month_yen": "20000",
        },
    ).json()

    assert body["monthly_rent_yen"] == TOKYO_RENT
    assert body["monthly_subsidy_yen"] == 20_000
    assert body["difference_yen"] == 3 * 21_120 - 20_000
    assert body["break_even_trips_per_month"] is None
    assert body["subsidy"] == {"rate": 0.5, "cap_per_trip_yen": 8000, "cap_per_month_yen": 20000}


def test_rent_override(client, region_pack):
    body = client.get(
        COST_URL, {"destination": "041009", "trips_per_month": "1.5", "rent_yen": "45000"}
    ).json()
    assert body["monthly_total_yen"] == 45_000 + 31_680
    assert body["rent_override_yen"] == 45_000


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"destination": "041008", "trips_per_month": "2"}, "destination"),  # wrong check digit
        ({"destination": "41009", "trips_per_month": "2"}, "destination"),
        ({"destination": "仙台", "trips_per_month": "2"}, "destination"),
        ({"destination": "011002", "trips_per_month": "2"}, "destination"),  # not in the pack
        ({"destination": "131016", "trips_per_month": "2"}, "destination"),  # a Tokyo-area origin
        ({"destination": "041009", "origin": "131009", "trips_per_month": "2"}, "origin"),
        ({"destination": TOKYO, "trips_per_month": "2"}, "destination"),
        ({"destination": "041009", "trips_per_month": "-1"}, "trips_per_month"),
        ({"destination": "041009", "trips_per_month": "1e9"}, "trips_per_month"),
        ({"destination": "041009", "trips_per_month": "1.25"}, "trips_per_month"),
        ({"destination": "041009", "trips_per_month": "two"}, "trips_per_month"),
        ({"destination": "041009", "trips_per_month": "NaN"}, "trips_per_month"),
        ({"destination": "041009", "trips_per_month": "Infinity"}, "trips_per_month"),
        ({"destination": "041009"}, "trips_per_month"),
        ({"trips_per_month": "2"}, "destination"),
        ({"destination": "041009", "trips_per_month": "2", "mode": "C"}, "mode"),
        ({"destination": "041009", "trips_per_month": "2", "rent_yen": "-5"}, "rent_yen"),
        ({"destination": "041009", "trips_per_month": "2", "rent_yen": "9" * 30}, "rent_yen"),
        ({"destination": "041009", "trips_per_month": "2", "rent_yen": "5.5"}, "rent_yen"),
        ({"destination": "041009", "trips_per_month": "2", "subsidy_rate": "1.5"}, "subsidy_rate"),
        ({"destination": "041009", "trips_per_month": "2", "subsidy_rate": "-0.1"}, "subsidy_rate"),
        ({"destination": "041009", "trips_per_month": "2", "subsidy_rate": "1e-999999"}, "subsidy_rate"),
        ({"destination": "041009", "trips_per_month": "1e-999999"}, "trips_per_month"),
        (
            {"destination": "041009", "trips_per_month": "2", "subsidy_cap_per_trip_yen": "100"},
            "subsidy_rate",
        ),
        (
            {
                "destination": "041009",
                "trips_per_month": "2",
                "subsidy_rate": "0.5",
                "subsidy_cap_per_month_yen": "x",
            },
            "subsidy_cap_per_month_yen",
        ),
    ],
)
def test_bad_input_is_a_400_with_a_japanese_detail(client, region_pack, params, field):
    response = client.get(COST_URL, params)

    assert response.status_code == 400, response.content
    body = response.json()
    assert _has_japanese(body["detail"])
    assert field in body["errors"]


def test_destinations_are_grouped_by_prefecture_in_jis_order(
    client, region_pack, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/simulator/destinations")

    assert response.status_code == 200
    body = response.json()
    assert body["origin"]["code"] == TOKYO
    assert [p["code"] for p in body["prefectures"]] == ["02", "03", "04", "05", "06", "07", "15", "17", "22"]
    codes = [d["code"] for p in body["prefectures"] for d in p["destinations"]]
    assert codes == sorted(codes)
    assert set(TABLE_5_6_2) < set(codes)
    assert len(codes) == 257 + 2
    miyagi = next(p for p in body["prefectures"] if p["code"] == "04")
    assert miyagi["name"] == "宮城県"
    sendai, minamisanriku = (
        next(d for d in miyagi["destinations"] if d["code"] == code) for code in ("041009", "046060")
    )
    assert sendai == {
        "code": "041009",
        "name": "仙台市",
        "name_en": "Sendai",
        "gateway_code": "041009",
        "gateway_name": "仙台市",
        "one_way_minutes": 114,
        "round_trip_fare_yen": 21_120,
        "monthly_rent_yen": 62_065,
        "rent_from_gateway": False,
    }
    # A town without fares of its own: its gateway's fare and time, and its gateway's rent.
    assert minamisanriku == {
        **sendai,
        "code": "046060",
        "name": "南三陸町",
        "name_en": "Minamisanriku",
        "rent_from_gateway": True,
    }


def test_destinations_bad_origin(client, region_pack):
    response = client.get("/api/v1/simulator/destinations", {"origin": "12345"})
    assert response.status_code == 400
    assert _has_japanese(response.json()["detail"])


def test_openapi_documents_the_simulator(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    cost = paths["/api/v1/simulator/cost"]["get"]
    assert set(cost["responses"]) == {"200", "400"}
    params = {p["name"]: p for p in cost["parameters"]}
    assert params["destination"]["required"] is True
    assert params["trips_per_month"]["schema"]["maximum"] == 31
    assert params["mode"]["schema"]["enum"] == ["A", "B"]
    assert set(paths["/api/v1/simulator/destinations"]["get"]["responses"]) == {"200", "400"}


def _no_latin_words(text: str) -> bool:
    """No English words (codes, units and the letters A/B of the mode are fine)."""
    return not re.search(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"mode": "C"}, "mode", "A か B"),
        ({"mode": "a"}, "mode", "A か B"),
        ({"mode": "AB"}, "mode", "A か B"),
        ({"trips_per_month": "1e3"}, "trips_per_month", "往復回数"),
        ({"trips_per_month": "1_0"}, "trips_per_month", "往復回数"),
        ({"trips_per_month": "NaN"}, "trips_per_month", "往復回数"),
        ({"trips_per_month": "inf"}, "trips_per_month", "往復回数"),
        ({"trips_per_month": ""}, "trips_per_month", "往復回数"),
        ({"trips_per_month": None}, "trips_per_month", "往復回数"),
        ({"trips_per_month": "x" * 5000}, "trips_per_month", "往復回数"),
        ({"rent_yen": "1e5"}, "rent_yen", "家賃"),
        ({"subsidy_rate": "5e-1"}, "subsidy_rate", "補助率"),
        ({"subsidy_rate": "0.5", "subsidy_cap_per_trip_yen": "1_000"}, "subsidy_cap_per_trip_yen", "上限"),
        ({"destination": None}, "destination", "目的地"),
        ({"destination": "x" * 5000}, "destination", "目的地"),
    ],
)
def test_error_details_are_japanese_with_japanese_field_labels(client, region_pack, params, field, words):
    query = {"destination": "041009", "trips_per_month": "2", **params}
    query = {k: v for k, v in query.items() if v is not None}

    response = client.get(COST_URL, query)

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["errors"] == [field]
    assert words in body["detail"]
    assert _no_latin_words(body["detail"]), body["detail"]


def test_origin_other_than_tokyo_is_refused(client, region_pack):
    # Sendai as the origin used to be answered with the label "東北に住み、東京へ通う".
    response = client.get(COST_URL, {"origin": "041009", "destination": "131008", "trips_per_month": "2"})

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == ["origin"]
    assert "埼玉県・千葉県・東京都・神奈川県" in body["detail"]
    destinations = client.get("/api/v1/simulator/destinations", {"origin": "041009"})
    assert destinations.status_code == 400


def test_full_width_digits_and_empty_optional_parameters_are_accepted(client, region_pack):
    response = client.get(
        COST_URL,
        {
            "origin": "１３１００８",
            "destination": "０４１００９",
            "trips_per_month": "２",
            "mode": "Ａ",
            "rent_yen": "",
            "subsidy_rate": "",
            "subsidy_cap_per_trip_yen": "",
            "subsidy_cap_per_month_yen": "",
        },
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["monthly_total_yen"] == 104_305
    assert body["mode_label"] == "東北に住み、東京へ通う"
    assert body["subsidy"] is None
