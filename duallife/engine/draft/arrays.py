"""The same deferred acceptance on numpy arrays, in rounds — for large drafts.

In each round every free player proposes to the next team on their list at once; each team keeps
its best proposals up to its capacity among those it already holds and the new ones, and rejects
the rest. Proposals made in rounds instead of one at a time end in the same player-optimal stable
matching (the order of proposals never changes the result of deferred acceptance); the property
tests check it against :func:`~.solve.players_propose` on random instances.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np

from .model import Instance


@dataclass(frozen=True)
class Arrays:
    """An instance as flat arrays: every entry of every player's ranking, in order."""

    offsets: np.ndarray  # player p's entries are offsets[p]:offsets[p + 1]
    player: np.ndarray  # the player of each entry
    team: np.ndarray  # the team of each entry
    local: np.ndarray  # the entry's place in the player's list (0 = first choice)
    position: np.ndarray  # the player's place in that team's list, −1 if the team did not rank them
    capacity: np.ndarray

    @classmethod
    def of(cls, inst: Instance) -> Arrays:
        n_players, n_teams = len(inst.player_ids), len(inst.team_ids)
        lengths = np.fromiter((len(r) for r in inst.player_rankings), dtype=np.int64, count=n_players)
        offsets = np.zeros(n_players + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        team = np.fromiter(
            (t for r in inst.player_rankings for t in r), dtype=np.int64, count=int(offsets[-1])
        )
        player = np.repeat(np.arange(n_players, dtype=np.int64), lengths)
        local = np.arange(len(team), dtype=np.int64) - offsets[player]
        # where each player stands in each team's list, looked up by the key team · P + player
        t_lengths = np.fromiter((len(r) for r in inst.team_rankings), dtype=np.int64, count=n_teams)
        t_players = np.fromiter(
            chain.from_iterable(inst.team_rankings), dtype=np.int64, count=int(t_lengths.sum())
        )
        t_team = np.repeat(np.arange(n_teams, dtype=np.int64), t_lengths)
        t_starts = np.zeros(n_teams, dtype=np.int64)
        if n_teams > 1:
            np.cumsum(t_lengths[:-1], out=t_starts[1:])
        t_position = np.arange(len(t_players), dtype=np.int64) - t_starts[t_team]
        keys = t_team * max(n_players, 1) + t_players
        order = np.argsort(keys, kind="stable")
        keys, t_position = keys[order], t_position[order]
        wanted = team * max(n_players, 1) + player
        at = np.searchsorted(keys, wanted)
        found = at < len(keys)
        found[found] = keys[at[found]] == wanted[found]
        position = np.full(len(team), -1, dtype=np.int64)
        position[found] = t_position[at[found]]
        capacity = np.array(inst.capacities, dtype=np.int64)
        return cls(offsets, player, team, local, position, capacity)


def players_propose_rounds(arrays: Arrays) -> np.ndarray:
    """The player-optimal stable matching: for each player the index of their team's entry in
    their list (``arrays`` entry index), or −1 when unmatched."""
    a = arrays
    n_players = len(a.offsets) - 1
    # 1. Every player starts free, about to propose to their first entry.
    next_entry = a.offsets[:-1].copy()
    held = np.full(n_players, -1, dtype=np.int64)  # the entry each player is held on
    free = np.flatnonzero(next_entry < a.offsets[1:])
    while len(free):
        # 2. Every free player with entries left proposes to the next team on their list.
        entries = next_entry[free]
        next_entry[free] += 1
        # 3. A team rejects at once a player it did not rank.
        entries = entries[a.position[entries] >= 0]
        # 4. Each team that received proposals weighs them with the players it already holds and
        #    keeps its best ones up to its capacity (by its ranking); the rest are rejected.
        teams = np.unique(a.team[entries])
        holding = held[held >= 0]
        holding = holding[np.isin(a.team[holding], teams)]
        candidates = np.concatenate([holding, entries])
        order = np.lexsort((a.position[candidates], a.team[candidates]))
        candidates = candidates[order]
        team_of = a.team[candidates]
        starts = np.searchsorted(team_of, team_of, side="left")
        rank_in_team = np.arange(len(candidates)) - starts
        kept = rank_in_team < a.capacity[team_of]
        held[a.player[candidates[~kept]]] = -1
        held[a.player[candidates[kept]]] = candidates[kept]
        # 5. Rejected players, and players whose team did not rank them, are free again.
        free = np.flatnonzero((held < 0) & (next_entry < a.offsets[1:]))
    # 6. The loop ends when every player is held or has proposed to every team on their list.
    return held


def blocking_count(arrays: Arrays, held: np.ndarray) -> int:
    """How many (player, team) pairs block the matching (0 for a stable one)."""
    a = arrays
    n_players = len(a.offsets) - 1
    n_teams = len(a.capacity)
    matched = held >= 0
    # the place, in each player's own list, of the team they hold (past the end when unmatched)
    current = np.where(matched, np.maximum(held, 0) - a.offsets[:-1], a.offsets[1:] - a.offsets[:-1])
    load = np.bincount(a.team[held[matched]], minlength=n_teams)
    worst = np.full(n_teams, -1, dtype=np.int64)
    np.maximum.at(worst, a.team[held[matched]], a.position[held[matched]])
    line = np.where(load >= a.capacity, worst, n_players)
    blocks = (a.local < current[a.player]) & (a.position >= 0) & (a.position < line[a.team])
    return int(blocks.sum())


def feasible(arrays: Arrays, held: np.ndarray) -> bool:
    """Every held pair mutually acceptable and no team over capacity."""
    a = arrays
    pairs = held[held >= 0]
    load = np.bincount(a.team[pairs], minlength=len(a.capacity))
    return bool((a.position[pairs] >= 0).all() and (load <= a.capacity).all())
