"""``duallife draft-solve``: JSON in, nominations out, no database; bad input → exit code 2 with a
Japanese message naming the offending id."""

from __future__ import annotations

import json

import pytest

from duallife.testing.console import Ran, console

INSTANCE = {
    "players": [
        {"id": "p1", "ranking": ["t1", "t2"]},
        {"id": "p2", "ranking": ["t2", "t1"]},
    ],
    "teams": [
        {"id": "t1", "capacity": 1, "ranking": ["p2", "p1"]},
        {"id": "t2", "capacity": 1, "ranking": ["p1", "p2"]},
    ],
}


def call(*args: str) -> Ran:
    return console("draft-solve", *args)


def run(tmp_path, data, *args: str) -> Ran:
    path = tmp_path / "instance.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return call("--input", str(path), *args)


def test_prints_the_player_optimal_nominations_as_json(tmp_path):
    done = run(tmp_path, INSTANCE)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "matches": {"t1": ["p1"], "t2": ["p2"]},
        "unmatched_players": [],
        "blocking_pairs": 0,
    }


def test_teams_may_propose_instead(tmp_path):
    done = run(tmp_path, INSTANCE, "--proposing", "teams")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["matches"] == {"t1": ["p2"], "t2": ["p1"]}


def test_ties_need_the_option_and_a_seed(tmp_path):
    tied = {
        "players": [{"id": "p1", "ranking": [["t1", "t2"]]}],
        "teams": [
            {"id": "t1", "capacity": 1, "ranking": ["p1"]},
            {"id": "t2", "capacity": 1, "ranking": ["p1"]},
        ],
    }
    refused = run(tmp_path, tied)
    assert refused.returncode == 2
    assert "p1" in refused.stderr
    assert "同順位" in refused.stderr
    first = run(tmp_path, tied, "--allow-ties", "--seed", "7")
    again = run(tmp_path, tied, "--allow-ties", "--seed", "7")
    assert first.returncode == 0
    assert first.stdout == again.stdout


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"players": [{"id": "p1", "ranking": ["t9"]}], "teams": []}, "t9"),
        ({"players": [], "teams": [{"id": "t1", "capacity": 0, "ranking": []}]}, "t1"),
        ({"players": [{"id": "p1"}, {"id": "p1"}], "teams": []}, "p1"),
        ("{not json", "JSON"),
        ('{"players": [{"id": ' + "9" * 5000 + '}], "teams": []}', "桁数"),
        ("[]", "players"),
    ],
)
def test_bad_input_exits_2_with_a_message_naming_the_problem(tmp_path, data, says):
    done = run(tmp_path, data)
    assert done.returncode == 2
    assert says in done.stderr
    assert done.stdout == ""


def test_a_missing_file_exits_2(tmp_path):
    done = call("--input", str(tmp_path / "none.json"))
    assert done.returncode == 2
    assert "読めません" in done.stderr


def test_ids_from_other_systems_come_back_as_they_were_given(tmp_path):
    mixed = {
        "players": [{"id": 101, "ranking": [7, "t-2"]}, {"id": "101", "ranking": ["t-2"]}],
        "teams": [
            {"id": 7, "capacity": 1, "ranking": [101]},
            {"id": "t-2", "capacity": 1, "ranking": ["101", 101]},
        ],
    }
    done = run(tmp_path, mixed)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "matches": {"7": [101], "t-2": ["101"]},  # a JSON key is a string; the players keep their type
        "unmatched_players": [],
        "blocking_pairs": 0,
    }


@pytest.mark.parametrize(
    ("players", "says"),
    [
        ([{"id": "p1"}, {"id": 2.0}], "players の2番目: id は空でない文字列か整数で指定してください（2.0）"),
        ([{"id": "p1", "ranking": [False]}], "「p1」の ranking の1番目"),
    ],
)
def test_values_that_are_not_ids_exit_2_naming_where_they_stand(tmp_path, players, says):
    done = run(tmp_path, {"players": players, "teams": [{"id": 0, "capacity": 1}]})
    assert done.returncode == 2
    assert says in done.stderr
    assert done.stdout == ""
