"""The batch format: lines in, problems reported by line number, one output object per talent."""

from __future__ import annotations

import json

import pytest

from duallife.engine.recommend import Context
from duallife.engine.recommend.batch import (
    LineError,
    parse_sheet,
    parse_talent,
    read_lines,
    routes_from_csv,
    run_batch,
)


def keys(text: str) -> str:
    return text.strip().lower()


TALENT = {
    "id": 1,
    "skills": ["EC"],
    "style": "hybrid",
    "max_visits_per_month": 1,
    "home_municipality": "131016",
}
SHEET = {
    "id": 10,
    "required_skills": ["ec"],
    "style": "hybrid",
    "visits_per_month": 1,
    "municipality": "041009",
}


def test_bad_lines_are_reported_with_their_number_and_skipped():
    lines = [
        json.dumps(TALENT),
        "",
        "{not json",
        json.dumps({**TALENT, "id": 2, "style": "sometimes"}),
        json.dumps({**TALENT, "id": 1}),
        json.dumps({**TALENT, "id": 3, "home_municipality": "13101"}),
        json.dumps([1, 2]),
    ]

    items, problems = read_lines(lines, parse_talent, keys)

    assert [t.id for t in items] == [1]
    assert [p.line for p in problems] == [3, 4, 5, 6, 7]
    assert "JSON" in problems[0].message
    assert "style" in problems[1].message
    assert "重複" in problems[2].message
    assert "6桁" in problems[3].message


def test_strict_stops_at_the_first_bad_line():
    with pytest.raises(LineError, match="2行目"):
        read_lines([json.dumps(SHEET), '{"id": 0, "municipality": "041009"}'], parse_sheet, keys, strict=True)


def test_routes_come_from_the_pack_format_and_wards_use_the_reference_origin():
    table = routes_from_csv(
        [
            "origin_code,destination_code,mode,one_way_minutes,round_trip_fare_yen,note,source,year",
            "131008,041009,新幹線,114,21120,,src,2021",
        ]
    )

    route = table.lookup("131016", "041009")
    assert (route.minutes, route.round_trip_fare_yen, route.estimate) == (114, 21120, False)
    with pytest.raises(LineError):
        routes_from_csv(
            ["origin_code,destination_code,one_way_minutes,round_trip_fare_yen", "131008,041009,x,1"]
        )


def test_one_output_object_per_talent_in_the_documented_shape():
    talents, _ = read_lines(
        [json.dumps(TALENT), json.dumps({**TALENT, "id": 2, "skills": []})], parse_talent, keys
    )
    sheets, _ = read_lines([json.dumps(SHEET)], parse_sheet, keys)

    rows = list(run_batch(talents, sheets, Context(), k=5))
    reverse = list(run_batch(talents, sheets, Context(), k=5, for_sheets=True))

    assert [row["talent"] for row in rows] == [1, 2]
    assert set(rows[0]["items"][0]) == {"sheet", "score", "reasons"}
    assert rows[0]["items"][0]["sheet"] == 10
    assert rows[0]["items"][0]["score"] > rows[1]["items"][0]["score"]
    assert reverse[0]["sheet"] == 10
    assert [item["talent"] for item in reverse[0]["items"]] == [1, 2]
