"""Inputs and outputs of the recommender: frozen dataclasses keyed by ids, no Django.

Skills and themes arrive as *keys* already resolved by the caller (a vocabulary key such as
``web-marketing``, or the normalised form of a free skill — see :mod:`duallife.engine.skills`), so
that 「Ｗｅｂマーケ」 and 「ウェブマーケティング」 meet as one key. ``labels`` turns keys back into the
Japanese words a reason's values carry. Talents and sheets are keyed by ids as other systems bring them,
integers or strings (:mod:`duallife.engine.ids`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from ..ids import Id


class Style(StrEnum):
    REMOTE = "remote"  # リモートのみ
    HYBRID = "hybrid"  # リモート中心＋現地訪問
    ONSITE = "onsite"  # 現地中心


@dataclass(frozen=True)
class Talent:
    id: Id
    skills: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    days_per_month: int | None = None  # None: not said (no limit assumed)
    style: Style = Style.REMOTE
    max_visits_per_month: int = 0
    min_monthly_fee_yen: int | None = None  # None: no minimum
    accepts_pro_bono: bool = False
    home_municipality: str | None = None  # 6-digit code
    hometown_municipality: str | None = None
    hometown_prefecture: str | None = None  # 2-digit code (taken from the municipality when absent)
    interest_prefectures: frozenset[str] = frozenset()
    motives: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()  # normalised words of the free text

    def __post_init__(self) -> None:
        if self.hometown_prefecture is None and self.hometown_municipality:
            object.__setattr__(self, "hometown_prefecture", self.hometown_municipality[:2])


@dataclass(frozen=True)
class Sheet:
    id: Id
    municipality: str  # 6-digit code
    required_skills: frozenset[str] = frozenset()
    welcome_skills: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    days_per_month: int | None = None  # the least days a month the work needs
    style: Style = Style.REMOTE
    visits_per_month: int = 0
    fee_min_yen: int | None = None
    fee_max_yen: int | None = None
    pro_bono: bool = False
    openings: int = 1
    applicants: int = 0
    is_open: bool = True
    terms: frozenset[str] = frozenset()

    @property
    def prefecture(self) -> str:
        return self.municipality[:2]


@dataclass(frozen=True)
class Route:
    """One-way time and round-trip fare between a talent's home and a sheet's place."""

    minutes: int
    round_trip_fare_yen: int
    estimate: bool = False  # True: another place in the same prefecture stands in
    destination: str = ""


@dataclass(frozen=True)
class RouteTable:
    """Known routes by (origin, destination) code, plus how homes map to a route origin.

    ``origins`` maps a home municipality (or its 2-digit prefecture, or a 3-digit prefix such as
    ``131`` for Tokyo's wards) to the origin code the routes use. Where the destination has no
    route, the known destination in the same prefecture with the lowest code stands in (an
    estimate, and said so).
    """

    routes: Mapping[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict)

    def origin_of(self, home: str | None) -> str | None:
        if not home:
            return None
        for key in (home, home[:3], home[:2]):
            if key in self.origins:
                return self.origins[key]
        return home

    def lookup(self, home: str | None, destination: str) -> Route | None:
        origin = self.origin_of(home)
        if origin is None:
            return None
        exact = self.routes.get((origin, destination))
        if exact is not None:
            return Route(exact[0], exact[1], estimate=False, destination=destination)
        stand_ins = sorted(d for o, d in self.routes if o == origin and d[:2] == destination[:2])
        if not stand_ins:
            return None
        minutes, fare = self.routes[(origin, stand_ins[0])]
        return Route(minutes, fare, estimate=True, destination=stand_ins[0])


@dataclass(frozen=True)
class Context:
    """What reasons need beyond the pair: Japanese labels of keys and places, and the routes."""

    labels: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)  # municipality / prefecture code → name
    routes: RouteTable = field(default_factory=RouteTable)

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def place(self, code: str) -> str:
        return self.places.get(code, code)


class Reason(NamedTuple):
    """Why a pair fits, as a code and its values — worded by the caller in the reader's language
    (the site: :mod:`duallife.recommendations.reasons`; the batch: :mod:`.wording`).

    Codes and their ``params`` (sequences are tuples, so that equal reasons compare equal):

    - ``skill_match``: ``skills`` (labels of up to 3 matched skills), ``n`` (how many shown)
    - ``themes``: ``themes`` (labels of up to 2 shared themes), ``n``
    - ``workload``: ``days`` (days a month the work needs, or None: to be agreed), ``style``
      (``remote`` / ``hybrid`` / ``onsite``)
    - ``route``: ``place`` (name of the destination), ``minutes`` (one way), ``fare`` (round trip,
      yen), ``estimate`` (True: another place in the prefecture stands in)
    - ``hometown``: ``place`` (the hometown, or its prefecture)
    - ``interest``: ``place`` (a prefecture the talent is interested in)
    - ``crowded``: ``openings``, ``applicants``

    Stored as JSON it becomes ``[code, params]`` (:meth:`from_json` reads it back).
    """

    code: str
    params: dict[str, Any]

    @classmethod
    def from_json(cls, value: Any) -> Reason | None:
        """A reason from its JSON form ``[code, params]``; None for anything else."""
        if isinstance(value, list | tuple) and len(value) == 2 and isinstance(value[0], str):
            params = value[1] if isinstance(value[1], dict) else {}
            return cls(value[0], {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()})
        return None

    def key(self) -> tuple:
        """A hashable form (equal reasons, equal keys)."""
        return (self.code, tuple(sorted(self.params.items())))


@dataclass(frozen=True)
class Recommendation:
    talent: Id
    sheet: Id
    score: float
    reasons: tuple[Reason, ...]
