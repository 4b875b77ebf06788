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
        read_lines(
            [json.dumps(SHEET), '{"id": true, "municipality": "041009"}'], parse_sheet, keys, strict=True
        )


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


# --- ids as other systems bring them -------------------------------------------------------------


def test_string_and_integer_ids_are_echoed_back_unchanged_integers_first():
    ids = ["b-2", 10, "1", 1, "10", 0, -3, "a"]
    talents, problems = read_lines([json.dumps({**TALENT, "id": i}) for i in ids], parse_talent, keys)
    sheets, _ = read_lines([json.dumps({**SHEET, "id": i}) for i in ["s", 7, "7"]], parse_sheet, keys)

    rows = list(run_batch(talents, sheets, Context(), k=5))
    reverse = list(run_batch(talents, sheets, Context(), k=5, for_sheets=True))

    assert problems == []
    assert [row["talent"] for row in rows] == [-3, 0, 1, 10, "1", "10", "a", "b-2"]
    assert [item["sheet"] for item in rows[0]["items"]] == [7, "7", "s"]  # equal scores: by id
    assert [row["sheet"] for row in reverse] == [7, "7", "s"]
    assert [item["talent"] for item in reverse[0]["items"]] == [-3, 0, 1, 10, "1"]
    # through JSON and back, strings stay strings
    assert json.loads(json.dumps(rows[4]))["talent"] == "1"


def test_values_that_are_not_ids_are_reported_with_their_line_number():
    values = ['"t1"', "true", "1.5", "null", '""', '"  "', "[1]", '{"id": 1}', "1e3", '"t1"', "1", '"1"']
    lines = [f'{{"id": {v}, "municipality": "041009"}}' for v in values] + ['{"municipality": "041009"}']

    items, problems = read_lines(lines, parse_sheet, keys)

    assert [s.id for s in items] == ["t1", 1, "1"]  # 1 and "1" are two ids
    assert [p.line for p in problems] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 13]
    messages = [p.message for p in problems]
    assert all("id" in m for m in messages)
    assert "（true）" in messages[0]
    assert "（1.5）" in messages[1]
    assert "（null）" in messages[2]
    assert "空" in messages[3]
    assert "空" in messages[4]
    assert "（[1]）" in messages[5]
    assert '（{"id": 1}）' in messages[6]
    assert "（1000.0）" in messages[7]  # 1e3 is a float in JSON
    assert 'id "t1" が重複しています' in messages[8]
    assert "ありません" in messages[9]
    with pytest.raises(LineError, match="2行目: id は空でない文字列か整数"):
        read_lines(lines, parse_sheet, keys, strict=True)


def test_an_integer_too_long_to_read_is_a_bad_line_not_a_crash():
    items, problems = read_lines(['{"id": ' + "9" * 5000 + "}"], parse_talent, keys)

    assert items == []
    assert "桁数" in problems[0].message
