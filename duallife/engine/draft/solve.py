"""Many-to-one deferred acceptance (Gale–Shapley with capacities), both ways.

Only mutually acceptable pairs can match: a team never holds a player it did not rank, a player
never holds a team they did not rank. Players proposing gives the player-optimal stable matching
(no stable matching gives any player a team they like better); teams proposing gives the
team-optimal one.
"""

from __future__ import annotations

import heapq

import numpy as np

from ..ids import Id
from .arrays import Arrays, blocking_count, feasible, players_propose_rounds
from .check import MatchingError, blocking_pairs
from .model import Instance, Proposing, Result, gc_paused


def players_propose(inst: Instance) -> list[int | None]:
    """The player-optimal stable matching: ``team_of[player]`` (None: unmatched)."""
    rank = inst.team_rank
    capacity = inst.capacities
    rankings = inst.player_rankings
    n = max(len(inst.player_ids), 1)
    push, replace = heapq.heappush, heapq.heapreplace
    # 1. Every player starts free, about to propose to the first team on their list.
    next_choice = [0] * len(inst.player_ids)
    team_of: list[int | None] = [None] * len(inst.player_ids)
    # Each team holds its tentative players in a min-heap of keys ``(n − rank) · n + player``: the
    # worst held player (highest rank number) has the smallest key and sits on top.
    held: list[list[int]] = [[] for _ in inst.team_ids]
    free = list(range(len(inst.player_ids) - 1, -1, -1))
    while free:
        player = free.pop()
        ranking = rankings[player]
        choice = next_choice[player]
        # 2. A free player with teams left proposes to the next one; with none left, stays unmatched.
        while choice < len(ranking):
            team = ranking[choice]
            choice += 1
            position = rank[team].get(player)
            # 3. A team rejects a player it did not rank (not acceptable to it).
            if position is None:
                continue
            heap = held[team]
            key = (n - position) * n + player
            # 4. A team with room holds the proposal.
            if len(heap) < capacity[team]:
                push(heap, key)
                team_of[player] = team
                break
            # 5. A full team keeps the proposal only if it prefers the player to its worst held
            #    one, who is then rejected and free again; otherwise the proposer is rejected.
            if key > heap[0]:
                worst = replace(heap, key) % n
                team_of[player] = team
                team_of[worst] = None
                free.append(worst)
                break
        next_choice[player] = choice
        # 6. Repeat until every player is held or has run out of teams.
    return team_of


def teams_propose(inst: Instance) -> list[int | None]:
    """The team-optimal stable matching: ``team_of[player]`` (None: unmatched)."""
    player_rank = inst.player_rank
    # 1. Every team starts with all its places open, about to offer to the top of its list.
    next_choice = [0] * len(inst.team_ids)
    open_places = list(inst.capacities)
    team_of: list[int | None] = [None] * len(inst.player_ids)
    active = [t for t in range(len(inst.team_ids) - 1, -1, -1)]
    while active:
        team = active.pop()
        ranking = inst.team_rankings[team]
        # 2. A team with open places offers to the next player on its list, one at a time.
        while open_places[team] > 0 and next_choice[team] < len(ranking):
            player = ranking[next_choice[team]]
            next_choice[team] += 1
            position = player_rank[player].get(team)
            # 3. A player rejects a team they did not rank.
            if position is None:
                continue
            current = team_of[player]
            # 4. A player holds the better of their current team and the new offer; the team left
            #    gets its place back and offers again.
            if current is None or position < player_rank[player][current]:
                team_of[player] = team
                open_places[team] -= 1
                if current is not None:
                    open_places[current] += 1
                    active.append(current)
        # 5. Repeat until every team is full or has offered to everyone it ranked.
    return team_of


def solve(inst: Instance, proposing: Proposing = Proposing.PLAYERS) -> Result:
    """Solve, then check: the result says how many blocking pairs it has (always 0)."""
    with gc_paused():
        return _solve(inst, proposing)


def _solve(inst: Instance, proposing: Proposing) -> Result:
    if proposing == Proposing.PLAYERS:
        # large drafts: the same algorithm in rounds on arrays (see arrays.py; tested equal)
        arrays = Arrays.of(inst)
        held = players_propose_rounds(arrays)
        if not feasible(arrays, held):
            raise MatchingError("定員超過か、互いに受け入れていない組み合わせがあります")
        blocking = blocking_count(arrays, held)
        pairs = held[held >= 0]
        order = np.lexsort((arrays.position[pairs], arrays.team[pairs]))
        teams, players = arrays.team[pairs][order].tolist(), arrays.player[pairs][order].tolist()
        matched = np.zeros(len(inst.player_ids), dtype=bool)
        matched[arrays.player[pairs]] = True
        unmatched = np.flatnonzero(~matched).tolist()
    else:
        team_of = teams_propose(inst)
        blocking = len(blocking_pairs(inst, team_of))
        rank = inst.team_rank
        pairs_list = sorted((t, rank[t][p], p) for p, t in enumerate(team_of) if t is not None)
        teams = [t for t, _, _ in pairs_list]
        players = [p for _, _, p in pairs_list]
        unmatched = [p for p, t in enumerate(team_of) if t is None]
    matches: dict[Id, list[Id]] = {team_id: [] for team_id in inst.team_ids}
    for t, p in zip(teams, players, strict=True):
        matches[inst.team_ids[t]].append(inst.player_ids[p])
    notes = [f"同順位を抽選で決めました（seed {inst.tie_seed}）"] if inst.broken_ties else []
    return Result(matches, [inst.player_ids[p] for p in unmatched], blocking, proposing, notes)
