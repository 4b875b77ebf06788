"""Every place of the Tohoku pack answers: each town as a destination through its gateway, each
Tokyo-area municipality as an origin; the legs and the lodging add what was entered, nothing else.

The pack's CSV files are read here as plain data (the engine itself reads no files)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from duallife.engine.costs import (
    CostInput,
    CostInputError,
    Leg,
    Lodging,
    Mode,
    NoAccess,
    Place,
    leg_from,
    lodging_from,
    parse_minutes,
    parse_nights,
    plan_trip,
    simulate,
)
from duallife.engine.costs.gateways import route_key

PACK = Path(__file__).resolve().parents[4] / "data" / "regions" / "tohoku"
TOKYO = "131008"
TOKYO_AREA = {"11", "12", "13", "14"}


def _rows(name: str) -> list[dict[str, str]]:
    with (PACK / name).open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


MUNICIPALITIES = _rows("municipalities.csv")
RENTS = {r["municipality_code"]: int(r["monthly_rent_yen"]) for r in _rows("rents.csv")}
ROUTES = {
    route_key(r["origin_code"], r["destination_code"]): (
        int(r["round_trip_fare_yen"]),
        int(r["one_way_minutes"]),
    )
    for r in _rows("routes.csv")
}
PLACES = {r["code"]: Place(r["code"], r["gateway_code"], RENTS.get(r["code"])) for r in MUNICIPALITIES}
DESTINATIONS = [r["code"] for r in MUNICIPALITIES if r["role"] in ("pack", "comparison")]
ORIGINS = [r["code"] for r in MUNICIPALITIES if r["role"] in ("origin", "reference")]


def _quote(origin: str, destination: str, mode: Mode = Mode.A, **extras):
    trip = plan_trip(origin, destination, places=PLACES, routes=ROUTES)
    fare, minutes = ROUTES[trip.route]
    return trip, simulate(
        CostInput(
            origin_code=origin,
            destination_code=destination,
            mode=mode,
            trips_per_month=2,
            origin_rent_yen=trip.origin_rent.yen if trip.origin_rent else None,
            destination_rent_yen=trip.destination_rent.yen if trip.destination_rent else None,
            round_trip_fare_yen=fare,
            one_way_minutes=minutes,
            **extras,
        )
    )


def test_the_pack_has_every_town_and_every_tokyo_area_municipality():
    assert len(DESTINATIONS) == 257 + 2
    assert len([c for c in ORIGINS if c != TOKYO]) == 212
    assert {c[:2] for c in ORIGINS} == TOKYO_AREA


def test_every_pack_municipality_answers_as_a_destination_in_both_modes():
    for code in DESTINATIONS:
        gateway = PLACES[code].gateway_code
        for mode in Mode:
            trip, result = _quote(TOKYO, code, mode)
            fare, minutes = ROUTES[route_key(TOKYO, gateway)]
            assert (result.round_trip_fare_yen, result.one_way_minutes) == (fare, minutes), code
            assert result.monthly_travel_yen == 2 * fare, code
            assert result.origin_leg is result.destination_leg is result.lodging is None
        # A town's capital: its prefecture's, unless it has fares of its own.
        assert gateway == code or (gateway[:2] == code[:2] and PLACES[gateway].is_gateway), code
        assert trip.destination_rent is not None, code
        assert trip.destination_rent.code in (code, gateway)


def test_every_tokyo_area_origin_answers_through_tokyo_station():
    sendai = _quote(TOKYO, "041009")[1]
    for code in ORIGINS:
        trip, result = _quote(code, "041009")
        assert trip.origin_gateway == TOKYO, code
        assert (result.monthly_travel_yen, result.one_way_minutes) == (
            sendai.monthly_travel_yen,
            sendai.one_way_minutes,
        )
        # No rent of its own: Tokyo's special wards' benchmark, the same baseline as Tokyo's.
        assert result.baseline_total_yen == sendai.baseline_total_yen


def test_a_town_without_routes_to_its_gateway_has_no_access():
    routes = {key for key in ROUTES if "041009" not in key}
    with pytest.raises(NoAccess) as info:
        plan_trip(TOKYO, "046060", places=PLACES, routes=routes)
    assert info.value.params == {"origin": TOKYO, "destination": "041009"}


def test_legs_and_lodging_add_exactly_what_was_entered():
    _, plain = _quote(TOKYO, "046060", Mode.B)
    _, full = _quote(
        "141003",
        "046060",
        Mode.B,
        origin_leg=Leg("origin", 960, 30),
        destination_leg=Leg("destination", 3600, 90),
        lodging=Lodging(2, 7000),
    )
    assert full.round_trip_fare_yen == plain.round_trip_fare_yen + 960 + 3600
    assert full.one_way_minutes == plain.one_way_minutes + 30 + 90
    assert full.monthly_travel_yen == plain.monthly_travel_yen + 2 * (960 + 3600)
    assert full.monthly_travel_minutes == plain.monthly_travel_minutes + 4 * 120
    assert full.monthly_lodging_yen == 14_000
    assert full.monthly_total_yen == plain.monthly_total_yen + 2 * 4560 + 14_000
    assert full.baseline_total_yen == plain.baseline_total_yen  # lodging is never in the baseline
    assert (full.route_round_trip_fare_yen, full.route_one_way_minutes) == (21_120, 114)


def test_lodging_moves_the_break_even_like_rent():
    _, plain = _quote(TOKYO, "041009")
    _, lodging = _quote(TOKYO, "041009", lodging=Lodging(1, 800))
    assert plain.break_even_trips_per_month == Decimal("2.04")
    # Rent 62,065 against Tokyo's 105,167: 43,102 / 21,120 = 2.04 trips; 800 of lodging leaves
    # 42,302 / 21,120 = 2.00.
    assert lodging.break_even_trips_per_month == Decimal("2.00")
    assert lodging.monthly_total_yen == 104_305 + 800


@pytest.mark.parametrize(
    ("call", "field", "words"),
    [
        (lambda: parse_nights("32"), "lodging_nights_per_month", "31"),
        (lambda: parse_nights("1.5"), "lodging_nights_per_month", "整数"),
        (lambda: parse_nights("-1"), "lodging_nights_per_month", "0以上"),
        (lambda: parse_nights("abc"), "lodging_nights_per_month", "数字"),
        (lambda: lodging_from("2", None), "lodging_yen_per_night", "両方"),
        (lambda: lodging_from(None, "7000"), "lodging_nights_per_month", "両方"),
        (lambda: lodging_from("2", "1000001"), "lodging_yen_per_night", "1,000,000以下"),
        (lambda: leg_from("origin", "-5", None), "origin_leg_yen", "0以上"),
        (lambda: leg_from("origin", "200001", None), "origin_leg_yen", "200,000以下"),
        (lambda: leg_from("destination", None, "12.5"), "destination_leg_minutes", "整数（分）"),
        (lambda: leg_from("destination", None, "1441"), "destination_leg_minutes", "1,440以下"),
        (lambda: parse_minutes("1e3", field="x", label="時間"), "x", "数字"),
        (lambda: Lodging(True, 1000), "lodging_nights_per_month", "整数"),
        (lambda: Leg("both", 0, 0), "leg", "区間"),
    ],
)
def test_bad_legs_and_lodging_are_refused_in_japanese_naming_the_field(call, field, words):
    with pytest.raises(CostInputError) as info:
        call()
    assert info.value.field == field
    assert words in str(info.value)


def test_blank_legs_and_lodging_are_not_included_and_one_leg_figure_is_enough():
    assert leg_from("origin", "", " ") is None
    assert lodging_from(None, "") is None
    assert leg_from("destination", "３６００", None) == Leg("destination", 3600, 0)
    assert lodging_from("0", "0") == Lodging(0, 0)
