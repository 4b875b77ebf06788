"""The draft's inputs and result: players (talents) and teams (regions) with rankings.

Ids are strings or integers as the organiser gives them (:mod:`duallife.engine.ids`), echoed back
unchanged. Inside the solver everyone is an index (players
``0..P-1`` in input order, teams ``0..T-1``), rankings are lists of indices, and a team's
ranking is also kept as a rank table (``rank[team][player]`` → position) for O(1) comparisons.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from ..ids import Id


class Proposing(StrEnum):
    PLAYERS = "players"  # player-optimal (the default)
    TEAMS = "teams"  # team-optimal


@dataclass(frozen=True)
class Instance:
    """A validated instance (see :func:`duallife.engine.draft.validate.parse_instance`)."""

    player_ids: tuple[Id, ...]
    team_ids: tuple[Id, ...]
    capacities: tuple[int, ...]
    player_rankings: tuple[tuple[int, ...], ...]  # team indices, most wanted first
    team_rankings: tuple[tuple[int, ...], ...]  # player indices, most wanted first
    tie_seed: int | None = None  # set when ties were broken by a seeded lottery
    broken_ties: tuple[tuple[Id, tuple[Id, ...]], ...] = ()  # (who, order the lottery chose)

    @cached_property
    def team_rank(self) -> list[dict[int, int]]:
        return [{p: i for i, p in enumerate(ranking)} for ranking in self.team_rankings]

    @cached_property
    def player_rank(self) -> list[dict[int, int]]:
        return [{t: i for i, t in enumerate(ranking)} for ranking in self.player_rankings]


@dataclass(frozen=True)
class Result:
    """Who each team nominates (players in the team's order of preference) and who is left."""

    matches: dict[Id, list[Id]]
    unmatched_players: list[Id]
    blocking_pairs: int
    proposing: Proposing = Proposing.PLAYERS
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """The result as JSON gives it back: an integer team id keys ``matches`` as its digits
        (JSON object keys are strings); every other id keeps its type."""
        matches = {str(team) if type(team) is int else team: chosen for team, chosen in self.matches.items()}
        return {
            "matches": matches,
            "unmatched_players": self.unmatched_players,
            "blocking_pairs": self.blocking_pairs,
        }


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: reading and solving a large draft creates millions of
    small objects and no reference cycles, and collections triggered by those allocations would
    cost a fifth of the time. Reference counting still frees everything."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
