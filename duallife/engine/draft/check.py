"""Checking a matching: capacities, mutual acceptability, and blocking pairs.

A blocking pair is a player and a team who both rank each other and would both rather be together:
the player prefers the team to their own (or has none) and the team has an open place or prefers
the player to one it holds. A stable matching has none.
"""

from __future__ import annotations

from .model import Instance


class MatchingError(AssertionError):
    """A matching breaks a rule that must always hold (a bug, never an input problem)."""


def check_feasible(inst: Instance, team_of: list[int | None]) -> None:
    """Raise :class:`MatchingError` if a team is over capacity or a pair is not mutually acceptable."""
    load = [0] * len(inst.team_ids)
    rankings, team_rank = inst.player_rankings, inst.team_rank
    for player, team in enumerate(team_of):
        if team is None:
            continue
        load[team] += 1
        if team not in rankings[player] or player not in team_rank[team]:
            raise MatchingError(
                f"{inst.player_ids[player]} と {inst.team_ids[team]} は互いに受け入れていません"
            )
    for team, count in enumerate(load):
        if count > inst.capacities[team]:
            raise MatchingError(f"{inst.team_ids[team]} が定員を超えています（{count}人）")


def blocking_pairs(inst: Instance, team_of: list[int | None]) -> list[tuple[int, int]]:
    """Every (player, team) pair that blocks the matching; empty for a stable one."""
    check_feasible(inst, team_of)
    team_rank = inst.team_rank
    worst = [-1] * len(inst.team_ids)  # rank of the worst player each team holds
    load = [0] * len(inst.team_ids)
    for player, team in enumerate(team_of):
        if team is not None:
            load[team] += 1
            worst[team] = max(worst[team], team_rank[team][player])
    # A team takes a player ranked above this line: anyone it ranked while it has room, else
    # anyone it prefers to its worst held player.
    line = [
        w if count >= cap else len(inst.player_ids)
        for w, count, cap in zip(worst, load, inst.capacities, strict=True)
    ]
    found = []
    for player, ranking in enumerate(inst.player_rankings):
        current = team_of[player]
        for team in ranking:
            if team == current:
                break  # the teams after this one are liked less than the one the player has
            position = team_rank[team].get(player)
            if position is not None and position < line[team]:
                found.append((player, team))
    return found
