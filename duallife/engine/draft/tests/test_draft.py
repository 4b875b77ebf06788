"""The draft solver: worked examples, refused input (messages naming the id), ties by a seeded
lottery, and Hypothesis properties — stability, capacities, mutual acceptability, player- (and
team-) optimality against every stable matching of small instances, and agreement with the PyPI
package ``matching`` (a test-only oracle) wherever its input rules allow."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duallife.engine.draft import (
    DraftInputError,
    Proposing,
    blocking_pairs,
    parse_instance,
    players_propose,
    solve,
    teams_propose,
)


def instance(players: dict[str, list], teams: dict[str, tuple[int, list]]) -> dict:
    return {
        "players": [{"id": p, "ranking": r} for p, r in players.items()],
        "teams": [{"id": t, "capacity": c, "ranking": r} for t, (c, r) in teams.items()],
    }


# --- worked examples -----------------------------------------------------------------------------


def test_a_player_displaced_by_a_preferred_one_moves_down_their_list():
    data = instance(
        {"p1": ["t2", "t1"], "p2": ["t1"], "p3": ["t1", "t2"]},
        {"t1": (1, ["p1", "p2", "p3"]), "t2": (1, ["p3", "p1"])},
    )
    result = solve(parse_instance(data))
    assert result.as_json() == {
        "matches": {"t1": ["p1"], "t2": ["p3"]},
        "unmatched_players": ["p2"],
        "blocking_pairs": 0,
    }


def test_players_and_teams_proposing_differ_when_the_sides_disagree():
    # each player's first choice ranks them last: players proposing gives each their first choice
    data = instance(
        {"p1": ["t1", "t2"], "p2": ["t2", "t1"]},
        {"t1": (1, ["p2", "p1"]), "t2": (1, ["p1", "p2"])},
    )
    inst = parse_instance(data)
    assert solve(inst, Proposing.PLAYERS).matches == {"t1": ["p1"], "t2": ["p2"]}
    assert solve(inst, Proposing.TEAMS).matches == {"t1": ["p2"], "t2": ["p1"]}


def test_capacity_holds_the_teams_best_and_lists_them_in_its_order():
    data = instance(
        {"p1": ["t1"], "p2": ["t1"], "p3": ["t1"]},
        {"t1": (2, ["p3", "p1", "p2"])},
    )
    result = solve(parse_instance(data))
    assert result.matches == {"t1": ["p3", "p1"]}
    assert result.unmatched_players == ["p2"]


def test_nobody_is_matched_to_someone_they_did_not_rank():
    data = instance({"p1": ["t1"], "p2": []}, {"t1": (3, ["p2"])})
    result = solve(parse_instance(data))
    assert result.matches == {"t1": []}
    assert result.unmatched_players == ["p1", "p2"]


# --- refused input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "names"),
    [
        (instance({"p1": ["t9"]}, {"t1": (1, [])}), "t9"),
        (instance({"p1": []}, {"t1": (1, ["p7"])}), "p7"),
        ({"players": [{"id": "p1", "ranking": []}, {"id": "p1", "ranking": []}], "teams": []}, "p1"),
        (instance({"p1": ["t1", "t1"]}, {"t1": (1, [])}), "t1"),
        (instance({"p1": []}, {"t1": (0, [])}), "t1"),
        (instance({"p1": []}, {"t1": ("2", [])}), "t1"),
        (instance({"p1": [["t1", "t2"]]}, {"t1": (1, []), "t2": (1, [])}), "p1"),
        ({"players": [{"id": "", "ranking": []}], "teams": []}, "players"),
        ({"players": "p1", "teams": []}, "players"),
        ([], "players"),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_problem(data, names):
    with pytest.raises(DraftInputError) as caught:
        parse_instance(data)
    assert names in str(caught.value)


def test_ties_are_broken_by_a_recorded_seeded_lottery_the_same_way_every_time():
    data = instance(
        {"p1": [["t1", "t2"]], "p2": ["t1"]},
        {"t1": (1, [["p1", "p2"]]), "t2": (1, ["p1"])},
    )
    with pytest.raises(DraftInputError, match="seed"):
        parse_instance(data, allow_ties=True)
    first = parse_instance(data, allow_ties=True, seed=42)
    again = parse_instance(data, allow_ties=True, seed=42)
    assert first == again
    assert first.tie_seed == 42
    assert [owner for owner, _ in first.broken_ties] == ["p1", "t1"]
    assert solve(first).notes == ["同順位を抽選で決めました（seed 42）"]
    orders = {parse_instance(data, allow_ties=True, seed=s).broken_ties for s in range(20)}
    assert len(orders) > 1  # the seed decides


# --- properties --------------------------------------------------------------------------------


@st.composite
def instances(draw, max_players=8, max_teams=4):
    n_players = draw(st.integers(0, max_players))
    n_teams = draw(st.integers(1, max_teams))
    teams = [f"t{i}" for i in range(n_teams)]
    players = [f"p{i}" for i in range(n_players)]
    return {
        "players": [
            {
                "id": p,
                "ranking": draw(
                    st.permutations(teams).flatmap(
                        lambda order: st.just(order[: draw(st.integers(0, len(order)))])
                    )
                ),
            }
            for p in players
        ],
        "teams": [
            {
                "id": t,
                "capacity": draw(st.integers(1, 3)),
                "ranking": draw(st.permutations(players)).__getitem__(
                    slice(0, draw(st.integers(0, n_players)))
                ),
            }
            for t in teams
        ],
    }


def all_stable(inst) -> list[list[int | None]]:
    """Every stable matching, by brute force (small instances only)."""
    options = [[None, *ranking] for ranking in inst.player_rankings]
    found = []
    for team_of in itertools.product(*options):
        team_of = list(team_of)
        load = [team_of.count(t) for t in range(len(inst.team_ids))]
        if any(count > cap for count, cap in zip(load, inst.capacities, strict=True)):
            continue
        if any(t is not None and p not in inst.team_rank[t] for p, t in enumerate(team_of)):
            continue
        if not blocking_pairs(inst, team_of):
            found.append(team_of)
    return found


def prefers_or_equal(ranking_of, a, b) -> bool:
    """``a`` is at least as good as ``b`` for someone whose ranking is ``ranking_of`` (None last)."""
    if a == b:
        return True
    if a is None:
        return False
    return b is None or ranking_of[a] < ranking_of[b]


@settings(max_examples=150, deadline=None)
@given(instances(max_players=5, max_teams=3))
def test_players_proposing_is_stable_feasible_and_best_for_every_player(data):
    inst = parse_instance(data)
    team_of = players_propose(inst)
    assert blocking_pairs(inst, team_of) == []  # also checks capacity and mutual acceptability
    player_rank = inst.player_rank
    for other in all_stable(inst):
        for player, team in enumerate(team_of):
            assert prefers_or_equal(player_rank[player], team, other[player])


@settings(max_examples=150, deadline=None)
@given(instances(max_players=5, max_teams=3))
def test_teams_proposing_is_stable_and_no_player_likes_it_better(data):
    inst = parse_instance(data)
    by_teams, by_players = teams_propose(inst), players_propose(inst)
    assert blocking_pairs(inst, by_teams) == []
    player_rank = inst.player_rank
    for player in range(len(inst.player_ids)):
        assert prefers_or_equal(player_rank[player], by_players[player], by_teams[player])
    # the same players are matched in every stable matching (the rural hospitals theorem)
    assert {p for p, t in enumerate(by_teams) if t is None} == {
        p for p, t in enumerate(by_players) if t is None
    }


@settings(max_examples=150, deadline=None)
@given(instances(max_players=12, max_teams=5))
def test_the_result_reports_no_blocking_pairs_and_lists_every_player_once(data):
    inst = parse_instance(data)
    for proposing in Proposing:
        result = solve(inst, proposing)
        assert result.blocking_pairs == 0
        placed = [p for members in result.matches.values() for p in members]
        assert sorted(placed + result.unmatched_players) == sorted(inst.player_ids)
        assert all(len(result.matches[t]) <= c for t, c in zip(inst.team_ids, inst.capacities, strict=True))


# --- the oracle --------------------------------------------------------------------------------


@st.composite
def oracle_instances(draw):
    """Players rank random teams; each team ranks exactly the players who ranked it (the oracle's rule)."""
    n_players, n_teams = draw(st.integers(1, 15)), draw(st.integers(1, 6))
    teams = [f"t{i}" for i in range(n_teams)]
    rankings = {
        f"p{i}": draw(st.lists(st.sampled_from(teams), min_size=1, max_size=n_teams, unique=True))
        for i in range(n_players)
    }
    team_lists = {}
    for t in teams:
        suitors = [p for p, r in rankings.items() if t in r]
        team_lists[t] = draw(st.permutations(suitors))
    return rankings, team_lists, {t: draw(st.integers(1, 4)) for t in teams}


@settings(max_examples=100, deadline=None)
@given(oracle_instances())
def test_agrees_with_the_matching_package_players_proposing(case):
    from matching.games import HospitalResident

    rankings, team_lists, capacities = case
    ranked_teams = {t: r for t, r in team_lists.items() if r}  # the oracle refuses empty lists
    data = instance(rankings, {t: (capacities[t], team_lists[t]) for t in team_lists})
    ours = solve(parse_instance(data)).matches
    game = HospitalResident.create_from_dictionaries(
        rankings, ranked_teams, {t: capacities[t] for t in ranked_teams}
    )
    theirs = {str(t): sorted(str(p) for p in ps) for t, ps in game.solve(optimal="resident").items()}
    assert {t: sorted(ps) for t, ps in ours.items() if t in ranked_teams} == theirs


@settings(max_examples=200, deadline=None)
@given(instances(max_players=14, max_teams=5))
def test_the_rounds_on_arrays_give_the_one_at_a_time_result(data):
    """``solve`` runs players-proposing in rounds on numpy arrays; the numbered one-at-a-time
    version is the reference."""
    inst = parse_instance(data)
    reference = players_propose(inst)
    expected = {
        t: sorted(inst.player_ids[p] for p, team in enumerate(reference) if team == i)
        for i, t in enumerate(inst.team_ids)
    }
    result = solve(inst)
    assert {t: sorted(ps) for t, ps in result.matches.items()} == expected
    assert result.unmatched_players == [
        inst.player_ids[p] for p, team in enumerate(reference) if team is None
    ]
    for team, members in result.matches.items():  # each team's players in its order of preference
        order = [inst.player_ids[p] for p in inst.team_rankings[inst.team_ids.index(team)]]
        assert members == [p for p in order if p in members]


# --- ids as other systems bring them -------------------------------------------------------------


def test_integer_and_string_ids_are_echoed_back_unchanged_and_one_is_not_the_string_one():
    data = instance(
        {1: [10, "t2"], "1": ["t2", 10], "p3": [10]},
        {10: (1, ["1", 1, "p3"]), "t2": (1, [1, "1"])},
    )
    inst = parse_instance(data)
    result = solve(inst)
    assert result.matches == {10: [1], "t2": ["1"]}  # every player's first choice
    assert result.unmatched_players == ["p3"]
    assert solve(inst, Proposing.TEAMS).matches == {10: ["1"], "t2": [1]}
    # JSON object keys are strings: the integer team id keys matches as its digits
    assert result.as_json()["matches"] == {"10": [1], "t2": ["1"]}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            {"players": [{"id": "p1"}, {"id": True}], "teams": []},
            "players の2番目: id は空でない文字列か整数",
        ),
        ({"players": [{"id": 1.5}], "teams": []}, "（1.5）"),
        ({"players": [{"id": None}], "teams": []}, "（null）"),
        ({"players": [{"id": " "}], "teams": []}, "id が空です"),
        ({"players": [{"id": ["p1"]}], "teams": []}, '（["p1"]）'),
        ({"players": [{"id": {"no": 1}}], "teams": []}, '（{"no": 1}）'),
        ({"players": [{"ranking": []}], "teams": []}, "players の1番目: id がありません"),
        ({"players": [], "teams": [{"capacity": 1, "ranking": []}]}, "teams の1番目: id がありません"),
        # true and 1.0 equal the integer 1 in Python; they are still not the team 1
        (instance({"p1": [True]}, {1: (1, ["p1"])}), "「p1」の ranking の1番目: id は空でない文字列か整数"),
        (instance({"p1": [2, 1.0]}, {1: (1, ["p1"]), 2: (1, [])}), "「p1」の ranking の2番目"),
        (instance({1: []}, {"t1": (1, [1, True])}), "「t1」の ranking の2番目"),
        (
            instance({"p1": ["1"]}, {1: (1, ["p1"])}),
            'teamsにいません（1 ならいます。1 と "1" は別の id です）',
        ),
        (instance({"p1": []}, {"t1": (1, [2])}), "「2」はplayersにいません"),
        (instance({"p1": []}, {1: (1, []), "t2": (1, []), "1": (1, [])}), "teams の1番目と3番目"),
    ],
)
def test_values_that_are_not_ids_are_refused_naming_where_they_stand(data, says):
    with pytest.raises(DraftInputError) as caught:
        parse_instance(data)
    assert says in str(caught.value)


def test_duplicate_integer_ids_are_refused_but_one_and_the_string_one_are_not_duplicates():
    with pytest.raises(DraftInputError, match="重複"):
        parse_instance({"players": [{"id": 7}, {"id": 7}], "teams": []})
    assert parse_instance({"players": [{"id": 7}, {"id": "7"}], "teams": []}).player_ids == (7, "7")


@st.composite
def relabelled(draw):
    """An instance with string ids, and the same instance with ids mixed: players 0, "0", 1, "1"
    … (integer and string twins side by side), teams as integers or strings."""
    data = draw(instances(max_players=10, max_teams=4))
    as_int = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    players = {p["id"]: (i // 2 if i % 2 == 0 else str(i // 2)) for i, p in enumerate(data["players"])}
    teams = {t["id"]: (i if as_int[i] else f"team-{i}") for i, t in enumerate(data["teams"])}
    mixed = {
        "players": [
            {"id": players[p["id"]], "ranking": [teams[t] for t in p["ranking"]]} for p in data["players"]
        ],
        "teams": [
            {"id": teams[t["id"]], "capacity": t["capacity"], "ranking": [players[p] for p in t["ranking"]]}
            for t in data["teams"]
        ],
    }
    return data, mixed, players, teams


@settings(max_examples=150, deadline=None)
@given(relabelled())
def test_any_ids_give_the_same_nominations_as_string_ids(case):
    data, mixed, players, teams = case
    for proposing in Proposing:
        plain, ours = solve(parse_instance(data), proposing), solve(parse_instance(mixed), proposing)
        assert ours.matches == {teams[t]: [players[p] for p in ps] for t, ps in plain.matches.items()}
        assert list(ours.matches) == [teams[t] for t in plain.matches]  # teams in input order
        assert ours.unmatched_players == [players[p] for p in plain.unmatched_players]
        assert ours.blocking_pairs == 0
