"""Reading a draft instance from JSON-like data, refusing anything the solver cannot trust.

``{"players": [{"id": "p1", "ranking": ["t2", "t1"]}, ...],
   "teams": [{"id": "t1", "capacity": 2, "ranking": ["p1", "p3"]}, ...]}``

An id is a JSON string or integer, echoed back unchanged (:mod:`duallife.engine.ids`: ``1`` and
``"1"`` are different players). A team's id is also a key of the result's ``matches`` object, which
JSON writes as a string: teams ``1`` and ``"1"`` would share one key there, so they are refused
together. A ranking lists only acceptable partners, most wanted first; anyone left out is not
acceptable. A ranking entry may be a list of ids ranked equally (a tie): refused unless ties are
allowed, in which case a lottery seeded with ``seed`` orders each tied group (recorded in the
instance). Every error is a :class:`DraftInputError`: a ``code`` and ``params`` naming the offending
id and where it stands (the web app words them in the reader's language), and a Japanese message
for the console.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

from ..ids import MISSING, Id, id_problem, id_text, is_id
from .model import Instance, gc_paused

INTEGER_TEXT = re.compile(r"-?[1-9][0-9]*|0")  # how JSON writes an integer


class DraftInputError(ValueError):
    """The instance cannot be solved as given.

    ``code`` says what is wrong and ``params`` where (ids as given, 1-based positions, ``kind``:
    ``"players"`` or ``"teams"``); ``str()`` is a Japanese message for the console.

    ============================  ==========================================================
    code                          params
    ============================  ==========================================================
    ``not_object``                —
    ``not_list``                  kind
    ``entry_not_object``          kind, position
    ``bad_id``                    kind, position, value (the entry's id is not an id)
    ``bad_ranking_id``            owner, position, value (a ranking's entry is not an id)
    ``duplicate_id``              kind, id
    ``same_key``                  first, second, a, b (team ids JSON would write alike)
    ``capacity``                  team
    ``seed_needed``               —
    ``ranking_not_list``          owner
    ``empty_tie``                 owner
    ``unknown_id``                owner, id, kind (where it is missing), twin (or None)
    ``repeated_id``               owner, id
    ``tie``                       owner, ids (the tied group)
    ============================  ==========================================================
    """

    def __init__(self, code: str, message: str, /, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def _id(value: object, code: str, where: str, **params: object) -> Id:
    problem = id_problem(value)
    if problem is not None:
        raise DraftInputError(code, f"{where}: {problem}", value=value, **params)
    return value


def _entries(obj: Mapping, kind: str) -> list[Mapping]:
    entries = obj.get(kind)
    if not isinstance(entries, list):
        raise DraftInputError("not_list", f"{kind} は配列で指定してください", kind=kind)
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            raise DraftInputError(
                "entry_not_object",
                f"{kind} の{position}番目がオブジェクトではありません",
                kind=kind,
                position=position,
            )
    return entries


def _ids(entries: Sequence[Mapping], kind: str) -> dict[Id, int]:
    ids = [entry.get("id", MISSING) for entry in entries]
    if all(map(is_id, ids)):
        index = {ident: position for position, ident in enumerate(ids)}
        if len(index) == len(ids):
            return index  # the common case; otherwise the loop below names the problem
    index = {}
    for position, entry in enumerate(entries, start=1):
        ident = _id(
            entry.get("id", MISSING), "bad_id", f"{kind} の{position}番目", kind=kind, position=position
        )
        if ident in index:
            raise DraftInputError(
                "duplicate_id", f"{kind} の id「{ident}」が重複しています", kind=kind, id=ident
            )
        index[ident] = len(index)
    return index


def _one_key_each(team_index: dict[Id, int]) -> None:
    """Refuse two teams whose ids JSON would write as the same key of ``matches`` (``1`` and ``"1"``)."""
    if not any(type(team) is int for team in team_index):
        return
    keys: dict[str, Id] = {}
    for team in team_index:
        other = keys.setdefault(str(team), team)
        if other != team:
            first, second = sorted((team_index[other], team_index[team]))
            raise DraftInputError(
                "same_key",
                f"teams の{first + 1}番目と{second + 1}番目の id（{id_text(other)} と {id_text(team)}）は、"
                f"結果の matches で同じキー「{team}」になります。どちらかの id を変えてください",
                first=first + 1,
                second=second + 1,
                a=other,
                b=team,
            )


def _plain(ranking: object, known: dict[Id, int], integer_ids: bool) -> tuple[int, ...] | None:
    """The common case in one pass: known ids, no ties, no repeats; None sends the ranking through
    :func:`_groups` (which finds and names the problem, or the ties)."""
    if type(ranking) is not list:
        return None
    try:
        order = tuple([known[entry] for entry in ranking])
    except (KeyError, TypeError):  # unknown id, or a list (a tie) or another kind of value
        return None
    if integer_ids and not all(type(entry) is int or type(entry) is str for entry in ranking):
        return None  # true or 1.0 found the integer id 1: not an id, named by _groups
    return order if len(set(order)) == len(order) else None


def _twin(ident: Id, known: dict[Id, int]) -> Id | None:
    """When ``"7"`` is unknown but ``7`` is known (or the other way round): the known one."""
    if type(ident) is int:
        twin: Id = str(ident)
    elif INTEGER_TEXT.fullmatch(ident):
        twin = int(ident)
    else:
        return None
    return twin if twin in known else None


def _twin_hint(twin: Id | None) -> str:
    if twin is None:
        return ""
    number = int(twin)
    return f'（{id_text(twin)} ならいます。{number} と "{number}" は別の id です）'


def _groups(owner: Id, ranking: object, known: dict[Id, int], other: str) -> list[list[int]]:
    """The ranking as groups of indices (a group of more than one is a tie)."""
    if not isinstance(ranking, list):
        raise DraftInputError(
            "ranking_not_list", f"「{owner}」の ranking は配列で指定してください", owner=owner
        )
    groups, seen = [], set()
    for number, entry in enumerate(ranking, start=1):
        members = entry if isinstance(entry, list) else [entry]
        if not members:
            raise DraftInputError(
                "empty_tie", f"「{owner}」の ranking に空の同順位グループがあります", owner=owner
            )
        group = []
        for member in members:
            ident = _id(
                member,
                "bad_ranking_id",
                f"「{owner}」の ranking の{number}番目",
                owner=owner,
                position=number,
            )
            if ident not in known:
                twin = _twin(ident, known)
                raise DraftInputError(
                    "unknown_id",
                    f"「{owner}」の ranking にある「{ident}」は{other}にいません{_twin_hint(twin)}",
                    owner=owner,
                    id=ident,
                    kind=other,
                    twin=twin,
                )
            if ident in seen:
                raise DraftInputError(
                    "repeated_id", f"「{owner}」の ranking に「{ident}」が2回あります", owner=owner, id=ident
                )
            seen.add(ident)
            group.append(known[ident])
        groups.append(group)
    return groups


def _flatten(owner: Id, groups: list[list[int]], names: Sequence[Id], *, ties: bool, rng, broken: list):
    order: list[int] = []
    for group in groups:
        if len(group) > 1:
            if not ties:
                tied = "」「".join(str(names[i]) for i in group)
                raise DraftInputError(
                    "tie",
                    f"「{owner}」の ranking に同順位（「{tied}」）があります。順位をつけてください",
                    owner=owner,
                    ids=[names[i] for i in group],
                )
            group = sorted(group)
            rng.shuffle(group)
            broken.append((owner, tuple(names[i] for i in group)))
        order.extend(group)
    return tuple(order)


def parse_instance(obj: object, *, allow_ties: bool = False, seed: int | None = None) -> Instance:
    """Validate ``obj`` and return an :class:`Instance`; raise :class:`DraftInputError` otherwise.
    With ``allow_ties``, tied groups are ordered by ``random.Random(seed)`` — players' groups first
    in input order, then teams' — so the same input and seed always give the same order."""
    with gc_paused():
        return _parse_instance(obj, allow_ties=allow_ties, seed=seed)


def _parse_instance(obj: object, *, allow_ties: bool, seed: int | None) -> Instance:
    if not isinstance(obj, Mapping):
        raise DraftInputError("not_object", "入力は players と teams を持つJSONオブジェクトにしてください")
    players, teams = _entries(obj, "players"), _entries(obj, "teams")
    player_index, team_index = _ids(players, "players"), _ids(teams, "teams")
    _one_key_each(team_index)
    capacities = []
    for entry in teams:
        capacity = entry.get("capacity")
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
            raise DraftInputError(
                "capacity",
                f"チーム「{entry['id']}」の capacity は1以上の整数で指定してください",
                team=entry["id"],
            )
        capacities.append(capacity)
    if allow_ties and seed is None:
        raise DraftInputError("seed_needed", "同順位を抽選で決めるには seed（整数）が必要です")
    rng, broken = random.Random(seed), []
    player_names, team_names = list(player_index), list(team_index)
    integer_ids = {
        "players": any(type(i) is int for i in player_index),
        "teams": any(type(i) is int for i in team_index),
    }

    def ranking_of(entry: Mapping, known: dict[Id, int], names: list[Id], other: str) -> tuple[int, ...]:
        ranking = entry.get("ranking", [])
        plain = _plain(ranking, known, integer_ids[other])
        if plain is not None:
            return plain
        groups = _groups(entry["id"], ranking, known, other)
        return _flatten(entry["id"], groups, names, ties=allow_ties, rng=rng, broken=broken)

    player_rankings = tuple(ranking_of(e, team_index, team_names, "teams") for e in players)
    team_rankings = tuple(ranking_of(e, player_index, player_names, "players") for e in teams)
    return Instance(
        player_ids=tuple(player_names),
        team_ids=tuple(team_names),
        capacities=tuple(capacities),
        player_rankings=player_rankings,
        team_rankings=team_rankings,
        tie_seed=seed if allow_ties else None,
        broken_ties=tuple(broken),
    )
