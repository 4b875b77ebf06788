"""The draft (ドラフト会議): regions ("teams") nominate talents ("players") by many-to-one deferred
acceptance with capacities — validated input (:mod:`.validate`), the solver in numbered steps
(:mod:`.solve`), and the checks every result passes (:mod:`.check`). Pure Python, deterministic."""

from .check import MatchingError, blocking_pairs, check_feasible
from .model import Instance, Proposing, Result
from .solve import players_propose, solve, teams_propose
from .validate import DraftInputError, parse_instance

__all__ = [
    "DraftInputError",
    "Instance",
    "MatchingError",
    "Proposing",
    "Result",
    "blocking_pairs",
    "check_feasible",
    "parse_instance",
    "players_propose",
    "solve",
    "teams_propose",
]
