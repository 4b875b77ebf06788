"""``duallife recommend-batch`` on files: the vocabulary folds 表記ゆれ, the pack gives fares, bad
lines are reported and skipped (or stop the run with --strict), bad options are refused."""

from __future__ import annotations

import json

from duallife.testing.console import Ran, console

TALENT = {
    "id": 1,
    "skills": ["Ｗｅｂマーケ"],
    "themes": ["マーケティング"],
    "days_per_month": 4,
    "style": "hybrid",
    "max_visits_per_month": 2,
    "min_monthly_fee_yen": 30000,
    "home_municipality": "131016",
}
SHEET = {
    "id": 10,
    "required_skills": ["ウェブマーケティング"],
    "themes": ["マーケティング"],
    "days_per_month": 2,
    "style": "hybrid",
    "visits_per_month": 1,
    "fee_max_yen": 50000,
    "municipality": "041009",
}


def call(*args: str) -> Ran:
    return console("recommend-batch", *args)


def write(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows))
    return str(path)


def test_the_batch_writes_recommendations_with_reasons(tmp_path):
    talents = write(tmp_path / "t.jsonl", [TALENT, '{"id": 1.5}'])
    sheets = write(
        tmp_path / "s.jsonl", [SHEET, {**SHEET, "id": 11, "style": "onsite", "visits_per_month": 9}]
    )

    done = call("--talents", talents, "--sheets", sheets, "--output", str(tmp_path / "out.jsonl"))

    assert done.returncode == 0, done.stderr
    [row] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert row["talent"] == 1
    assert [item["sheet"] for item in row["items"]] == [10]  # 11 needs more visits than offered
    reasons = row["items"][0]["reasons"]
    assert "スキル一致: ウェブマーケティング" in reasons  # Ｗｅｂマーケ = ウェブマーケティング
    assert "仙台市まで片道1時間54分・往復21,120円" in reasons  # the pack's fare table
    assert "人材 2行目" in done.stderr


def test_strict_and_bad_options_are_refused_in_japanese(tmp_path):
    talents = write(tmp_path / "t.jsonl", [TALENT, "{oops"])
    sheets = write(tmp_path / "s.jsonl", [SHEET])

    strict = call("--talents", talents, "--sheets", sheets, "--strict")
    no_k = call("--talents", talents, "--sheets", sheets, "--k", "0")
    missing = call("--talents", str(tmp_path / "missing.jsonl"), "--sheets", sheets)

    assert (strict.returncode, no_k.returncode, missing.returncode) == (1, 1, 1)
    assert strict.stderr.startswith("CommandError: ")  # the line the command always printed
    assert "2行目" in strict.stderr
    assert strict.stdout == ""
    assert "--k" in no_k.stderr
    assert "読めません" in missing.stderr


def test_ids_from_other_systems_come_back_as_they_were_given(tmp_path):
    talents = write(
        tmp_path / "t.jsonl",
        [{**TALENT, "id": "EMP-0042"}, {**TALENT, "id": "1"}, {**TALENT, "id": 1}, {**TALENT, "id": True}],
    )
    sheets = write(tmp_path / "s.jsonl", [{**SHEET, "id": "仙台-01"}])

    done = call("--talents", talents, "--sheets", sheets)

    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stderr
    assert [row["talent"] for row in rows] == [1, "1", "EMP-0042"]  # integers first, then strings
    assert rows[0]["items"][0]["sheet"] == "仙台-01"
    assert "人材 4行目: id は空でない文字列か整数で指定してください（true）" in done.stderr
