"""``duallife subsidy-calc``: a program file and claims in, one JSON line per claim out, no database."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from duallife.testing.console import console

ROOT = Path(__file__).resolve().parents[3]
PROGRAMS = sorted((ROOT / "data" / "subsidies").glob("*.toml"))
NATIONAL = ROOT / "data" / "subsidies" / "national-sidejob-2026.toml"
KUMAMOTO = ROOT / "data" / "subsidies" / "kumamoto-probase-2026.toml"

pytestmark = pytest.mark.once


def trip(fare: int, **extra) -> dict:
    return {
        "date": "2026-06-10",
        "origin_prefecture": "13",
        "destination_prefecture": "04",
        "round_trip_fare_yen": fare,
        **extra,
    }


def write_claims(path: Path, *claims) -> Path:
    path.write_text(
        "\n".join(c if isinstance(c, str) else json.dumps(c, ensure_ascii=False) for c in claims),
        encoding="utf-8",
    )
    return path


def results(ran) -> list[dict]:
    return [json.loads(line) for line in ran.stdout.splitlines()]


def test_each_claim_gets_its_amount_and_reasons_in_input_order(tmp_path):
    claims = write_claims(
        tmp_path / "claims.jsonl",
        {
            "id": "a-1",
            "person": "p1",
            "company": 7,
            "contract_months": 6,
            "trips": [trip(21_120), trip(9_000)],
        },
        {"id": 2, "person": "p1", "company": 7, "contract_months": 6, "trips": [trip(1_000_000)]},
    )

    ran = console("subsidy-calc", "--program", str(NATIONAL), "--claims", str(claims))

    assert ran.returncode == 0, ran.stderr
    first, second = results(ran)
    assert first == {
        "id": "a-1",
        "eligible": True,
        "payable_yen": 10_560,
        "reasons": [
            {
                "code": "below_floor",
                "message": "2件目の往復の運賃9,000円は、下限10,000円を満たさないため対象外です。",
            }
        ],
    }
    assert (second["id"], second["payable_yen"]) == (2, 500_000 - 10_560)
    assert second["reasons"][0]["code"] == "capped_per_person_year"


def test_a_kumamoto_claim_with_a_cheap_trip_is_not_eligible(tmp_path):
    claims = write_claims(
        tmp_path / "claims.jsonl",
        {
            "id": 1,
            "person": "p",
            "company": "c",
            "contract_months": 3,
            "trips": [
                trip(50_000, destination_prefecture="43", lodging_nights=1, lodging_yen_per_night=9_000),
                trip(8_000, destination_prefecture="43"),
            ],
        },
    )
    (result,) = results(console("subsidy-calc", "--program", str(KUMAMOTO), "--claims", str(claims)))
    assert (result["eligible"], result["payable_yen"]) == (False, 0)
    assert result["reasons"][0]["code"] == "below_floor_voids_claim"


def test_bad_lines_are_reported_by_number_and_skipped(tmp_path):
    good = {"id": 1, "person": "p", "company": "c", "contract_months": 6, "trips": [trip(20_000)]}
    claims = write_claims(
        tmp_path / "claims.jsonl",
        "{not json",
        good,
        {**good, "trips": [trip(-5)]},
        {**good, "trips": [trip(20_000, date="2026-02-30")]},
        {**good, "contract_months": 0},
        {**good, "trips": [trip(20_000, origin_prefecture="48")]},
        {**good, "id": True},
    )
    ran = console("subsidy-calc", "--program", str(NATIONAL), "--claims", str(claims))
    assert ran.returncode == 0
    assert [r["id"] for r in results(ran)] == [1]
    for number in (1, 3, 4, 5, 6, 7):
        assert f"{number}行目:" in ran.stderr
    assert "round_trip_fare_yenは0以上の整数にしてください" in ran.stderr
    assert "dateはYYYY-MM-DDの日付にしてください" in ran.stderr


def test_nothing_computable_or_a_bad_program_exits_2_with_the_reason(tmp_path):
    empty = write_claims(tmp_path / "empty.jsonl", "[]")
    ran = console("subsidy-calc", "--program", str(NATIONAL), "--claims", str(empty))
    assert ran.returncode == 2
    assert "計算できる申請がありませんでした" in ran.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nrate = "3/2"\n', encoding="utf-8")
    ran = console("subsidy-calc", "--program", str(bad), "--claims", str(empty))
    assert ran.returncode == 2
    assert f"{bad}: rate: not_a_rate" in ran.stderr
    assert f"{bad}: owner: missing" in ran.stderr
    missing = console("subsidy-calc", "--program", str(tmp_path / "none.toml"), "--claims", str(empty))
    assert missing.returncode == 2
    assert "制度ファイルを読めません" in missing.stderr


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.name)
def test_every_shipped_program_loads_names_its_source_and_says_to_confirm_it(path):
    claims = path.with_suffix(".none")
    ran = console("subsidy-calc", "--program", str(path), "--claims", str(claims))
    assert "制度ファイルに誤りがあります" not in ran.stderr  # the program itself is fine
    text = path.read_text(encoding="utf-8")
    assert "source = " in text
    assert "source_date = " in text
    assert "confirm" in text.lower()
    assert "要綱" in text


def test_djangos_command_machinery_runs_the_same_command(tmp_path):
    claims = write_claims(
        tmp_path / "claims.jsonl",
        {"id": 1, "person": "p", "company": "c", "contract_months": 6, "trips": [trip(30_000)]},
    )
    out = StringIO()
    call_command("subsidy_calc", program=str(NATIONAL), claims=str(claims), stdout=out)
    assert json.loads(out.getvalue())["payable_yen"] == 15_000
