"""The recommender's fast path: the same scores and order as :func:`~.score.score_pair` and
:mod:`.rank`, computed for many pairs at once with numpy and scipy.

* :class:`SheetIndex` holds the open sheets as arrays (skills, themes and words as sparse 0/1
  matrices over a key vocabulary; days, style, visits, fees, place and crowding as per-sheet
  arrays; travel minutes per route origin, cached). ``top_sheets`` ranks them for one talent.
* :class:`TalentIndex` does the same the other way: ``top_talents`` for one sheet.
* :func:`top_sheets_batch` / :func:`top_talents_batch` rank for many at once.

Exactness: :func:`_exact` repeats ``score_pair``'s arithmetic operation by operation on arrays, so
the score before rounding is the same float, bit for bit; rounding follows Python's ``round``. The
constants are read from :mod:`.score` when an index is built or a query runs, never copied. Only
the final top-k go through the pure ``score_pair``, which gives the reasons and must agree with the
fast score (a disagreement raises :class:`FastPathMismatch`).

Ids: an index keeps its sheets (or talents) sorted by id, integers first by value, then strings
(:func:`~duallife.engine.ids.id_order`), and works on positions in that order; ids never enter an
array, so a string id ranks exactly as the pure path ranks it, and equal scores go by position.

Speed: ``top_sheets`` and the batch first rank with a cheaper estimate (cached rows per talent
field, parts added in any order; float64 for one talent, float32 in one sparse × dense product for
a batch), then score exactly every sheet within the estimate's error of the k-th best, so the
result is the exact top k.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from types import SimpleNamespace

import numpy as np
from scipy import sparse

from ..ids import Id, id_order
from . import score as _score
from .model import Context, Reason, Recommendation, Route, RouteTable, Sheet, Style, Talent
from .score import congestion_factor, crowding, score_pair

#: The order in which ``score_pair`` adds the weighted parts (float addition is not associative).
_PARTS = ("required", "welcome", "themes", "text", "availability", "fee", "travel", "ties")
#: How far the batch's float32 estimate may stray from the exact score (generous: the error of a
#: dozen float32 operations on values in [0, 1] is below 1e-6).
_ESTIMATE_ERROR = 1e-5


class FastPathMismatch(RuntimeError):
    """The fast path and ``score_pair`` disagree: a change to one was not made to the other."""


# --- Building blocks -------------------------------------------------------------------------------


def _vocabulary(groups: Iterable[Iterable[frozenset[str]]]) -> dict[str, int]:
    """Sorted keys → column; sorted so that an index is the same whatever the hash seed."""
    keys: set[str] = set()
    for group in groups:
        for items in group:
            keys.update(items)
    return {key: column for column, key in enumerate(sorted(keys))}


def _matrix(rows: Sequence[frozenset[str]], vocabulary: dict[str, int], dtype=np.int32) -> sparse.csr_matrix:
    """Rows of keys as a 0/1 CSR matrix; keys outside the vocabulary are left out (they match nothing)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indices: list[int] = []
    for row, keys in enumerate(rows):
        indices.extend(sorted(vocabulary[key] for key in keys if key in vocabulary))
        indptr[row + 1] = len(indices)
    data = np.ones(len(indices), dtype=dtype)
    return sparse.csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), indptr), shape=(len(rows), len(vocabulary))
    )


def _rows_with(csc: sparse.csc_matrix, columns: Iterable[int]) -> np.ndarray:
    """The rows having any of ``columns``, once per column they have."""
    parts = [csc.indices[csc.indptr[c] : csc.indptr[c + 1]] for c in columns]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _column_hits(csc: sparse.csc_matrix, columns: Iterable[int], size: int) -> np.ndarray:
    """For each row, how many of ``columns`` it has (the overlap of one key set with every row)."""
    return np.bincount(_rows_with(csc, columns), minlength=size)


def _pair_hits(left: sparse.csr_matrix, right: sparse.csr_matrix, li: np.ndarray, ri: np.ndarray):
    """Overlap counts of rows ``left[li[p]]`` and ``right[ri[p]]`` for every pair ``p``."""
    if len(li) == 0:
        return np.zeros(0, dtype=np.int64)
    product = left[li].multiply(right[ri])
    return np.asarray(product.sum(axis=1)).ravel().astype(np.int64)


def round_like_python(values: np.ndarray, digits: int) -> np.ndarray:
    """``round(v, digits)`` for each value, as Python rounds a float (numpy's rounding scales by
    10**digits first, which can tip a value lying next to a half the other way: those few are
    rounded one by one in Python)."""
    values = np.asarray(values, dtype=np.float64)
    result = np.round(values, digits)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * 10.0**digits
        risky = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for i in np.flatnonzero(risky & np.isfinite(values)):
        result[i] = round(float(values[i]), digits)
    return result


class _Travel:
    """Travel minutes by route origin and destination, from ``RouteTable.lookup`` (so the
    same-prefecture stand-in rule is the table's own), each pair looked up once."""

    def __init__(self, routes: RouteTable) -> None:
        self.routes = routes
        self.origins_with_routes = {origin for origin, _ in routes.routes}
        self.homes: dict[str, str] = {}  # origin → a home that maps to it
        self.cache: dict[tuple[str, str], int] = {}

    def origin(self, home: str | None) -> str | None:
        origin = self.routes.origin_of(home)
        if origin is not None:
            self.homes.setdefault(origin, home)
        return origin

    def minutes(self, origin: str | None, destination: str) -> int:
        """One-way minutes, or -1 where ``lookup`` finds no route."""
        if origin is None or origin not in self.origins_with_routes:
            return -1
        key = (origin, destination)
        if key not in self.cache:
            route = self.routes.lookup(self.homes[origin], destination)
            self.cache[key] = -1 if route is None else route.minutes
        return self.cache[key]


class _MemoRoutes:
    """``RouteTable.lookup`` remembered per (home, destination), for ``score_pair``'s reasons."""

    def __init__(self, routes: RouteTable) -> None:
        self.routes = routes
        self.memo: dict[tuple[str | None, str], Route | None] = {}

    def origin_of(self, home: str | None) -> str | None:
        return self.routes.origin_of(home)

    def lookup(self, home: str | None, destination: str) -> Route | None:
        key = (home, destination)
        try:
            return self.memo[key]
        except KeyError:
            route = self.memo[key] = self.routes.lookup(home, destination)
            return route


def _memo_context(ctx: Context) -> Context:
    if isinstance(ctx.routes, _MemoRoutes):
        return ctx
    return dataclasses.replace(ctx, routes=_MemoRoutes(ctx.routes))


# --- Arrays for each side ------------------------------------------------------------------------------


def _talent_fields(talents: Sequence[Talent]) -> SimpleNamespace:
    """What the hard rules and the parts need from talents, as arrays (or 0-d arrays for one)."""
    return SimpleNamespace(
        has_days=np.array([t.days_per_month is not None for t in talents], dtype=bool),
        days=np.array([t.days_per_month or 0 for t in talents], dtype=np.int64),
        remote=np.array([t.style == Style.REMOTE for t in talents], dtype=bool),
        max_visits=np.array([t.max_visits_per_month for t in talents], dtype=np.int64),
        min_fee=np.array([t.min_monthly_fee_yen or 0 for t in talents], dtype=np.int64),
        accepts_pro_bono=np.array([t.accepts_pro_bono for t in talents], dtype=bool),
        give_back=np.array([_score.GIVE_BACK in t.motives for t in talents], dtype=bool),
        moving=np.array([_score.CONSIDER_MOVING in t.motives for t in talents], dtype=bool),
    )


def _sheet_fields(sheets: Sequence[Sheet]) -> SimpleNamespace:
    return SimpleNamespace(
        closed=np.array([not s.is_open for s in sheets], dtype=bool),
        onsite=np.array([s.style == Style.ONSITE for s in sheets], dtype=bool),
        days=np.array([s.days_per_month or 0 for s in sheets], dtype=np.int64),
        visits=np.array([s.visits_per_month for s in sheets], dtype=np.int64),
        pro_bono=np.array([s.pro_bono for s in sheets], dtype=bool),
        has_fee_max=np.array([s.fee_max_yen is not None for s in sheets], dtype=bool),
        fee_max=np.array([s.fee_max_yen or 0 for s in sheets], dtype=np.int64),
        n_required=np.array([len(s.required_skills) for s in sheets], dtype=np.int64),
        n_welcome=np.array([len(s.welcome_skills) for s in sheets], dtype=np.int64),
        n_themes=np.array([len(s.themes) for s in sheets], dtype=np.int64),
        n_terms=np.array([len(s.terms) for s in sheets], dtype=np.int64),
        crowd=np.array([crowding(s) for s in sheets], dtype=np.float64),
    )


def _take(fields: SimpleNamespace, where) -> SimpleNamespace:
    arrays = {name: value for name, value in vars(fields).items() if isinstance(value, np.ndarray)}
    return SimpleNamespace(**{name: value[where] for name, value in arrays.items()})


def _blocked(t: SimpleNamespace, s: SimpleNamespace) -> np.ndarray:
    """:func:`~.rules.blockers` is non-empty, for every pair (the same conditions, as masks)."""
    fee_short = (t.min_fee != 0) & s.has_fee_max & (s.fee_max < t.min_fee)
    return (
        s.closed
        | (t.remote & s.onsite)
        | (t.has_days & (s.days > t.days))
        | (s.visits > t.max_visits)
        | np.where(s.pro_bono, ~t.accepts_pro_bono, fee_short)
    )


def _availability(t: SimpleNamespace, s: SimpleNamespace) -> np.ndarray:
    """The availability part as ``score_pair`` computes it, for arrays."""
    enough = np.where(t.days >= s.days + 1, 1.0, _score.AVAILABILITY_TIGHT)
    return np.where((t.days != 0) & (s.days != 0), enough, 1.0)


def _fee(t: SimpleNamespace, s: SimpleNamespace) -> np.ndarray:
    """The fee part as ``score_pair`` computes it, for arrays."""
    sc = _score
    with np.errstate(divide="ignore", invalid="ignore"):
        paid = np.minimum(
            1.0, sc.FEE_AT_MINIMUM + sc.FEE_SLOPE * (s.fee_max - t.min_fee) / np.maximum(t.min_fee, 1)
        )
    known = np.where(
        s.has_fee_max & (t.min_fee != 0), paid, np.where(s.fee_max != 0, sc.FEE_PAID, sc.FEE_UNKNOWN)
    )
    return np.where(s.pro_bono, sc.FEE_PRO_BONO, known)


def _exact(t: SimpleNamespace, s: SimpleNamespace, pair: SimpleNamespace, congestion: bool) -> np.ndarray:
    """``score_pair``'s score before rounding, operation for operation (so the same float), for
    every pair; -inf where a hard rule blocks. ``t`` and ``s`` hold arrays that broadcast against
    each other (one talent against many sheets, many against one, or pairs); ``pair`` holds the
    overlap counts, the route (``route_minutes`` -1: none) and the hometown / interest matches."""
    sc = _score
    with np.errstate(divide="ignore", invalid="ignore"):
        required = np.where(
            s.n_required > 0, pair.required / np.maximum(s.n_required, 1), sc.OPEN_SKILLS_CREDIT
        )
        welcome = np.where(s.n_welcome > 0, pair.welcome / np.maximum(s.n_welcome, 1), 0.0)
        themes = np.where(s.n_themes > 0, pair.themes / np.maximum(s.n_themes, 1), 0.0)
        text = np.where(s.n_terms > 0, np.minimum(1.0, pair.terms / sc.TEXT_FULL_TERMS), 0.0)
        availability = _availability(t, s)
        fee = _fee(t, s)
        by_route = np.maximum(0.0, 1.0 - pair.route_minutes / sc.TRAVEL_ZERO_MINUTES)
        travel = np.where(
            s.visits == 0,
            1.0,
            np.where((pair.route_minutes >= 0) & (s.visits > 0), by_route, sc.TRAVEL_UNKNOWN),
        )
    ties = np.where(pair.home, 0.0 + sc.TIES_HOMETOWN, 0.0)
    ties = np.where(pair.home & t.give_back, ties + sc.TIES_GIVE_BACK, ties)
    ties = np.where(pair.interest, ties + sc.TIES_INTEREST, ties)
    ties = np.where(t.moving & (s.visits > 0), ties + sc.TIES_MOVING, ties)
    ties = np.minimum(1.0, ties)
    parts = {
        "required": required,
        "welcome": welcome,
        "themes": themes,
        "text": text,
        "availability": availability,
        "fee": fee,
        "travel": travel,
        "ties": ties,
    }
    fit = 0
    for name in _PARTS:  # as sum() adds them: from 0, in this order
        fit = fit + sc.WEIGHTS[name] * parts[name]
    result = fit
    if congestion:
        skill_fit = np.where(s.n_required > 0, required, 0.0)
        result = fit * congestion_factor(s.crowd, skill_fit)
    return np.where(_blocked(t, s), -np.inf, result)


def _select(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` best finite scores, best first, equal scores by position."""
    finite = int(np.count_nonzero(scores > -np.inf))
    k = min(k, finite)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k < len(scores):
        kth = scores[np.argpartition(-scores, k - 1)[:k]].min()
        candidates = np.flatnonzero(scores >= kth)
    else:
        candidates = np.flatnonzero(scores > -np.inf)
    return candidates[np.argsort(-scores[candidates], kind="stable")][:k]


def _check(fast: float, scored, talent_id: Id, sheet_id: Id) -> float:
    if scored is None or scored.score != fast:
        raise FastPathMismatch(
            f"talent {talent_id} × sheet {sheet_id}: fast {fast!r}, score_pair "
            f"{None if scored is None else scored.score!r}"
        )
    return scored.score


# --- One talent against many sheets ----------------------------------------------------------------------


class SheetIndex:
    """Sheets made ready for ranking, built once (sorted by id, integers first: ``ids`` and
    ``sheets`` give the order that :meth:`scores` uses; a sheet's position in it breaks ties)."""

    def __init__(self, sheets: Iterable[Sheet], ctx: Context) -> None:
        self.sheets: list[Sheet] = sorted(sheets, key=lambda s: id_order(s.id))
        self.ids: list[Id] = [s.id for s in self.sheets]
        self.position = {sheet_id: i for i, sheet_id in enumerate(self.ids)}
        if len(self.position) != len(self.ids):
            raise ValueError("仕様書のidが重複しています")
        self.ctx = ctx
        self.reasons_ctx = _memo_context(ctx)
        self.travel = _Travel(ctx.routes)
        n = len(self.sheets)
        self.fields = _sheet_fields(self.sheets)
        self.skill_keys = _vocabulary(
            [(s.required_skills for s in self.sheets), (s.welcome_skills for s in self.sheets)]
        )
        self.theme_keys = _vocabulary([(s.themes for s in self.sheets)])
        self.term_keys = _vocabulary([(s.terms for s in self.sheets)])
        self.required = _matrix([s.required_skills for s in self.sheets], self.skill_keys)
        self.welcome = _matrix([s.welcome_skills for s in self.sheets], self.skill_keys)
        self.themes = _matrix([s.themes for s in self.sheets], self.theme_keys)
        self.terms = _matrix([s.terms for s in self.sheets], self.term_keys)
        self._csc = {name: getattr(self, name).tocsc() for name in ("required", "welcome", "themes", "terms")}
        self.municipalities = sorted({s.municipality for s in self.sheets})
        places = {code: i for i, code in enumerate(self.municipalities)}
        self.municipality = np.array([places[s.municipality] for s in self.sheets], dtype=np.int64).reshape(n)
        self.prefectures = {code: i for i, code in enumerate(sorted({m[:2] for m in self.municipalities}))}
        self.prefecture = np.array([self.prefectures[s.prefecture] for s in self.sheets], dtype=np.int64)
        self._minutes_by_origin: dict[str | None, np.ndarray] = {}
        # places: (municipality, visits none / some / other) — travel and ties depend on nothing else
        visit_code = np.where(self.fields.visits == 0, 0, np.where(self.fields.visits > 0, 1, 2))
        self.place = self.municipality * 3 + visit_code
        self.place_municipality = np.repeat(np.arange(len(self.municipalities)), 3)
        self.place_prefecture = np.repeat(
            np.array([self.prefectures[m[:2]] for m in self.municipalities], dtype=np.int64), 3
        )
        self.place_visits = np.tile(np.array([0, 1, -1], dtype=np.int64), len(self.municipalities))
        self.travel_rows: dict[str | None, np.ndarray] = {}
        # is congestion a no-op on an uncrowded sheet (as documented)? if not, every sheet counts
        neutral = np.all(congestion_factor(np.zeros(11), np.linspace(0.0, 1.0, 11)) == 1.0)
        self.crowded = np.flatnonzero(self.fields.crowd > 0) if neutral else np.arange(n)
        self._base_cache: dict[tuple, np.ndarray] = {}
        self._bulk: SimpleNamespace | None = None

    def __len__(self) -> int:
        return len(self.sheets)

    def minutes_for(self, origin: str | None) -> np.ndarray:
        """One-way minutes from ``origin`` to each sheet (-1: no route), cached per origin."""
        cached = self._minutes_by_origin.get(origin)
        if cached is None:
            per_place = np.array(
                [self.travel.minutes(origin, m) for m in self.municipalities] or [0], dtype=np.int64
            )
            cached = self._minutes_by_origin[origin] = per_place[self.municipality]
        return cached

    def _pair_for(self, talent: Talent) -> SimpleNamespace:
        n = len(self.sheets)
        skills = [self.skill_keys[k] for k in talent.skills if k in self.skill_keys]
        interest = np.zeros(len(self.prefectures) + 1, dtype=bool)
        interest[[self.prefectures[p] for p in talent.interest_prefectures if p in self.prefectures]] = True
        hometown = self.prefectures.get(talent.hometown_prefecture, -1) if talent.hometown_prefecture else -1
        hits = {
            "required": _rows_with(self._csc["required"], skills),
            "welcome": _rows_with(self._csc["welcome"], skills),
            "themes": _rows_with(
                self._csc["themes"], [self.theme_keys[k] for k in talent.themes if k in self.theme_keys]
            ),
            "terms": _rows_with(
                self._csc["terms"], [self.term_keys[k] for k in talent.terms if k in self.term_keys]
            ),
        }
        pair = SimpleNamespace(
            **{name: np.bincount(rows, minlength=n) for name, rows in hits.items()},
            route_minutes=self.minutes_for(self.travel.origin(talent.home_municipality)),
            home=self.prefecture == hometown,
            interest=interest[self.prefecture],
        )
        pair.hits = hits
        return pair

    def scores(self, talent: Talent, congestion: bool = True) -> np.ndarray:
        """Every sheet's score for ``talent`` in the index's order (as ``score_pair`` rounds
        them); -inf where a hard rule blocks the pair."""
        if not self.sheets:
            return np.zeros(0)
        t = _talent_fields([talent])
        t = SimpleNamespace(**{name: value[0] for name, value in vars(t).items()})
        raw = _exact(t, self.fields, self._pair_for(talent), congestion)
        return round_like_python(raw, _score.SCORE_DECIMALS)

    def top_sheets(
        self, talent: Talent, k: int, *, congestion: bool = True, exclude: Iterable[Id] = frozenset()
    ) -> list[Recommendation]:
        """The ``k`` best sheets for ``talent`` (what :func:`~.rank.recommend_sheets` returns),
        leaving out the sheet ids in ``exclude``."""
        if k <= 0 or not self.sheets:
            return []
        t = _talent_fields([talent])
        pair = self._pair_for(talent)
        estimate = self._estimate(talent, t, pair, congestion)
        skip = [self.position[i] for i in exclude if i in self.position]
        if skip:
            estimate[skip] = -np.inf
        # every sheet the estimate cannot rule out is scored exactly
        n, kk, width = len(estimate), min(k, len(estimate)), 32
        if n >= 4 * width * kk:  # a lower bound of the k-th best from the maxima of blocks
            maxima = np.maximum.reduceat(estimate, np.arange(0, n, width))
            kth = -np.partition(-maxima, kk - 1)[kk - 1]
        else:
            kth = -np.partition(-estimate, kk - 1)[kk - 1]
        floor = max(kth - (_ESTIMATE_ERROR + 10.0 ** (-_score.SCORE_DECIMALS)), np.finfo(np.float64).min)
        candidates = np.flatnonzero(estimate >= floor)
        one = SimpleNamespace(**{name: value[0] for name, value in vars(t).items()})
        exact = _exact(one, _take(self.fields, candidates), _take(pair, candidates), congestion)
        exact = round_like_python(exact, _score.SCORE_DECIMALS)
        return [
            self._recommendation(talent, int(candidates[i]), float(exact[i]), congestion)
            for i in _select(exact, k)
        ]

    def _cached(self, key: tuple, compute, limit: int) -> np.ndarray:
        """Rows that depend on a few of the talent's fields, kept for the next talents alike."""
        row = self._base_cache.get(key)
        if row is None:
            if len(self._base_cache) >= limit:
                self._base_cache.pop(next(iter(self._base_cache)))
            row = self._base_cache[key] = compute()
        return row

    def _estimate(self, talent: Talent, t: SimpleNamespace, pair: SimpleNamespace, congestion: bool):
        """A float64 estimate of every sheet's score (not rounded, parts added in another order):
        cached rows for the talent's rules/days/fee and origin, then the sparse skill hits."""
        sc = _score
        w = sc.WEIGHTS
        f = self.fields
        one = SimpleNamespace(**{name: value[0] for name, value in vars(t).items()})
        base = self._cached(
            ("base", int(one.days), int(one.min_fee)),
            lambda: (
                w["availability"] * _availability(one, f)
                + w["fee"] * _fee(one, f)
                + np.where(f.n_required > 0, 0.0, w["required"] * sc.OPEN_SKILLS_CREDIT)
            ),
            limit=64,
        )
        penalty = self._cached(
            ("blocked", *(int(value[0]) for value in vars(t).values())),
            lambda: np.where(_blocked(one, f), -np.inf, 0.0),
            limit=256,
        )
        per_hit = self._cached(
            ("per hit",),
            lambda: {
                name: np.where(size > 0, w[name] / np.maximum(size, 1), 0.0)
                for name, size in (
                    ("required", f.n_required),
                    ("welcome", f.n_welcome),
                    ("themes", f.n_themes),
                )
            },
            limit=256,
        )
        interest = np.zeros((1, len(self.prefectures) + 1), dtype=bool)
        interest[0, [self.prefectures[p] for p in talent.interest_prefectures if p in self.prefectures]] = (
            True
        )
        hometown = self.prefectures.get(talent.hometown_prefecture, -1) if talent.hometown_prefecture else -1
        places = _travel_row(self, self.travel.origin(talent.home_municipality)) + _ties_rows(
            self, np.array([hometown]), t.give_back, interest, t.moving
        )
        estimate = places[0][self.place]
        estimate += base
        estimate += penalty
        # the skill and theme parts: each shared key adds its weight over the sheet's key count
        hits = [pair.hits[name] for name in per_hit]
        if sum(len(h) for h in hits):
            gains = np.concatenate([per_hit[name][h] for name, h in zip(per_hit, hits, strict=True)])
            estimate += np.bincount(np.concatenate(hits), weights=gains, minlength=len(estimate))
        if len(pair.hits["terms"]):
            estimate += w["text"] * np.minimum(1.0, pair.terms / sc.TEXT_FULL_TERMS)
        if congestion and len(self.crowded):
            c = self.crowded
            n_required = f.n_required[c]
            skill_fit = np.where(n_required > 0, pair.required[c] / np.maximum(n_required, 1), 0.0)
            values = estimate[c]
            scaled = values * congestion_factor(f.crowd[c], skill_fit)
            estimate[c] = np.where(values > -np.inf, scaled, values)
        return estimate

    def _recommendation(self, talent: Talent, position: int, fast: float, congestion: bool) -> Recommendation:
        sheet = self.sheets[position]
        scored = score_pair(talent, sheet, self.reasons_ctx, congestion=congestion)
        return Recommendation(talent.id, sheet.id, _check(fast, scored, talent.id, sheet.id), scored.reasons)


# --- One sheet against many talents -------------------------------------------------------------------------


class TalentIndex:
    """Talents made ready for ranking, built once (sorted by id, integers first)."""

    def __init__(self, talents: Iterable[Talent], ctx: Context) -> None:
        self.talents: list[Talent] = sorted(talents, key=lambda t: id_order(t.id))
        self.ids: list[Id] = [t.id for t in self.talents]
        self.position = {talent_id: i for i, talent_id in enumerate(self.ids)}
        if len(self.position) != len(self.ids):
            raise ValueError("人材のidが重複しています")
        self.ctx = ctx
        self.reasons_ctx = _memo_context(ctx)
        self.travel = _Travel(ctx.routes)
        self.fields = _talent_fields(self.talents)
        self.skill_keys = _vocabulary([(t.skills for t in self.talents)])
        self.theme_keys = _vocabulary([(t.themes for t in self.talents)])
        self.term_keys = _vocabulary([(t.terms for t in self.talents)])
        self._csc = {
            "skills": _matrix([t.skills for t in self.talents], self.skill_keys).tocsc(),
            "themes": _matrix([t.themes for t in self.talents], self.theme_keys).tocsc(),
            "terms": _matrix([t.terms for t in self.talents], self.term_keys).tocsc(),
        }
        origins = [self.travel.origin(t.home_municipality) for t in self.talents]
        self.origins = sorted({o for o in origins if o is not None})
        codes = {o: i for i, o in enumerate(self.origins)}
        self.origin = np.array([codes.get(o, len(self.origins)) for o in origins], dtype=np.int64)
        hometowns = sorted({t.hometown_prefecture for t in self.talents if t.hometown_prefecture})
        self._hometown_codes = {p: i for i, p in enumerate(hometowns)}
        self.hometown = np.array(
            [self._hometown_codes.get(t.hometown_prefecture, -1) for t in self.talents], dtype=np.int64
        )
        interests = sorted({p for t in self.talents for p in t.interest_prefectures})
        self._interest_columns = {p: i for i, p in enumerate(interests)}
        self.interest = _matrix(
            [t.interest_prefectures for t in self.talents], self._interest_columns, dtype=bool
        ).tocsc()

    def __len__(self) -> int:
        return len(self.talents)

    def scores(self, sheet: Sheet, congestion: bool = False) -> np.ndarray:
        """Every talent's score for ``sheet`` in the index's order; -inf where a rule blocks."""
        n = len(self.talents)
        if not n:
            return np.zeros(0)
        s = SimpleNamespace(**{name: value[0] for name, value in vars(_sheet_fields([sheet])).items()})
        minutes = np.array([self.travel.minutes(o, sheet.municipality) for o in self.origins] + [-1])
        column = self._interest_columns.get(sheet.prefecture)
        pair = SimpleNamespace(
            required=_column_hits(
                self._csc["skills"],
                [self.skill_keys[k] for k in sheet.required_skills if k in self.skill_keys],
                n,
            ),
            welcome=_column_hits(
                self._csc["skills"],
                [self.skill_keys[k] for k in sheet.welcome_skills if k in self.skill_keys],
                n,
            ),
            themes=_column_hits(
                self._csc["themes"], [self.theme_keys[k] for k in sheet.themes if k in self.theme_keys], n
            ),
            terms=_column_hits(
                self._csc["terms"], [self.term_keys[k] for k in sheet.terms if k in self.term_keys], n
            ),
            route_minutes=minutes[self.origin],
            home=self.hometown == self._hometown_codes.get(sheet.prefecture, -2),
            interest=_column_hits(self.interest, [] if column is None else [column], n) > 0,
        )
        return round_like_python(_exact(self.fields, s, pair, congestion), _score.SCORE_DECIMALS)

    def top_talents(
        self, sheet: Sheet, k: int, *, congestion: bool = False, allowed_ids: Iterable[Id] | None = None
    ) -> list[Recommendation]:
        """The ``k`` best talents for ``sheet`` (what :func:`~.rank.recommend_talents` returns);
        with ``allowed_ids``, only those talents (the ones the viewer may see)."""
        if k <= 0 or not self.talents:
            return []
        scores = self.scores(sheet, congestion)
        if allowed_ids is not None:
            keep = np.zeros(len(scores), dtype=bool)
            keep[[self.position[i] for i in allowed_ids if i in self.position]] = True
            scores[~keep] = -np.inf
        result = []
        for i in _select(scores, k):
            talent = self.talents[int(i)]
            scored = score_pair(talent, sheet, self.reasons_ctx, congestion=congestion)
            score = _check(float(scores[i]), scored, talent.id, sheet.id)
            result.append(Recommendation(talent.id, sheet.id, score, scored.reasons))
        return result


def top_talents_batch(
    sheets: Iterable[Sheet], index: TalentIndex, k: int = 10, *, congestion: bool = False
) -> Iterator[tuple[Sheet, list[Recommendation]]]:
    """``(sheet, top talents)`` for each sheet, in the order given."""
    for sheet in sheets:
        yield sheet, index.top_talents(sheet, k, congestion=congestion)


# --- Many talents against many sheets --------------------------------------------------------------------


def _bulk(index: SheetIndex) -> SimpleNamespace:
    """What the batch estimate needs, built once per index: sheets reordered so that crowded ones
    come first (congestion then touches one block), the skill and theme parts as one sparse
    weight matrix, and per-place codes for travel and ties."""
    if index._bulk is not None:
        return index._bulk
    f = index.fields
    n = len(index.sheets)
    crowded = np.zeros(n, dtype=bool)
    crowded[index.crowded] = True  # congestion then touches one block of columns
    order = np.concatenate([np.flatnonzero(crowded), np.flatnonzero(~crowded)])
    w = _score.WEIGHTS
    with np.errstate(divide="ignore"):
        per_required = np.where(f.n_required > 0, 1.0 / f.n_required, 0.0)
        per_welcome = np.where(f.n_welcome > 0, 1.0 / f.n_welcome, 0.0)
        per_theme = np.where(f.n_themes > 0, 1.0 / f.n_themes, 0.0)
    required = sparse.diags(per_required) @ index.required.astype(np.float64)
    skills = w["required"] * required + sparse.diags(w["welcome"] * per_welcome) @ index.welcome.astype(
        np.float64
    )
    themes = sparse.diags(w["themes"] * per_theme) @ index.themes.astype(np.float64)
    weights = sparse.hstack([skills, themes]).tocsr()[order].T.tocsr().astype(np.float32)
    n_crowded = int(crowded.sum())
    dense_limit = 32_000_000  # entries (128 MB of float32)
    terms = index.terms[order].T.tocsr()
    index._bulk = SimpleNamespace(
        order=order,
        n_crowded=n_crowded,
        weights=weights,
        weights_dense=weights.toarray() if weights.shape[0] * n <= dense_limit else None,
        terms_dense=terms.astype(np.float32).toarray() if terms.shape[0] * n <= dense_limit else None,
        required_share=required.tocsr()[order[:n_crowded]].T.tocsr().astype(np.float32),
        terms=terms,
        fields=_take(f, order),
        place=index.place[order],
    )
    return index._bulk


def _travel_row(index: SheetIndex, origin: str | None) -> np.ndarray:
    """Weighted travel part per place code for one origin (for estimates)."""
    row = index.travel_rows.get(origin)
    if row is None:
        per_place = np.array([index.travel.minutes(origin, m) for m in index.municipalities], dtype=np.int64)
        minutes = per_place[index.place_municipality]
        visits = index.place_visits
        known = (minutes >= 0) & (visits > 0)
        travel = np.where(
            visits == 0,
            1.0,
            np.where(
                known, np.maximum(0.0, 1.0 - minutes / _score.TRAVEL_ZERO_MINUTES), _score.TRAVEL_UNKNOWN
            ),
        )
        row = index.travel_rows[origin] = _score.WEIGHTS["travel"] * travel
    return row


def _ties_rows(index: SheetIndex, hometown, give_back, interest, moving) -> np.ndarray:
    """Weighted ties part per place code for each talent (for estimates): hometown / interest as
    prefecture numbers of the index, ``interest`` a talents × (prefectures + 1) boolean array."""
    sc = _score
    home = hometown[:, None] == index.place_prefecture[None, :]
    ties = np.where(home, 0.0 + sc.TIES_HOMETOWN, 0.0)
    ties = np.where(home & give_back[:, None], ties + sc.TIES_GIVE_BACK, ties)
    ties = np.where(interest[:, index.place_prefecture], ties + sc.TIES_INTEREST, ties)
    ties = np.where(moving[:, None] & (index.place_visits[None, :] > 0), ties + sc.TIES_MOVING, ties)
    return sc.WEIGHTS["ties"] * np.minimum(1.0, ties)


def _base_rows(t: SimpleNamespace, s: SimpleNamespace, dtype=np.float32) -> np.ndarray:
    """Availability, fee and the open-skills credit, weighted, -inf where a rule blocks; one row per
    talent signature (days, style, visits, fee, pro bono), estimate only."""
    sc = _score
    w = sc.WEIGHTS
    t = SimpleNamespace(**{name: value[:, None] for name, value in vars(t).items()})
    rows = w["availability"] * _availability(t, s) + w["fee"] * _fee(t, s)
    rows += np.where(s.n_required > 0, 0.0, w["required"] * sc.OPEN_SKILLS_CREDIT)
    rows[_blocked(t, s)] = -np.inf
    return rows.astype(dtype, copy=False)


class _Batch:
    """The state of one batch run: talents as arrays and sparse rows in the index's vocabulary."""

    def __init__(self, talents: list[Talent], index: SheetIndex, congestion: bool) -> None:
        self.index = index
        self.bulk = _bulk(index)
        self.talents = talents
        self.congestion = congestion
        self.fields = _talent_fields(talents)
        n_skill = len(index.skill_keys)
        skills = _matrix([t.skills for t in talents], index.skill_keys)
        themes = _matrix([t.themes for t in talents], index.theme_keys)
        self.skills = skills
        self.themes = themes
        self.terms = _matrix([t.terms for t in talents], index.term_keys)
        self.features = sparse.hstack([skills, themes]).tocsr().astype(np.float32)
        self.skills32 = skills.astype(np.float32)
        self.terms32 = self.terms.astype(np.float32)
        assert self.features.shape[1] == n_skill + len(index.theme_keys)
        origins = [index.travel.origin(t.home_municipality) for t in talents]
        self.origin_names = [*sorted({o for o in origins if o is not None}), None]
        codes = {o: i for i, o in enumerate(self.origin_names)}
        self.origin = np.array([codes[o] for o in origins], dtype=np.int64)
        self.travel = np.stack([_travel_row(index, o) for o in self.origin_names])
        self.minutes = np.stack([index.minutes_for(o) for o in self.origin_names])
        p = len(index.prefectures)
        self.hometown = np.array(
            [
                index.prefectures.get(t.hometown_prefecture, -1) if t.hometown_prefecture else -1
                for t in talents
            ],
            dtype=np.int64,
        )
        interest = np.zeros((len(talents), p + 1), dtype=bool)
        for row, t in enumerate(talents):
            for code in t.interest_prefectures:
                if code in index.prefectures:
                    interest[row, index.prefectures[code]] = True
        self.interest = interest
        # talent signatures for the base rows
        sig = np.stack(
            [
                self.fields.has_days,
                self.fields.days,
                self.fields.remote,
                self.fields.max_visits,
                self.fields.min_fee,
                self.fields.accepts_pro_bono,
            ],
            axis=1,
        ).astype(np.int64)
        unique, self.signature = np.unique(sig, axis=0, return_inverse=True)
        self.signature = self.signature.ravel()
        self.unique_fields = SimpleNamespace(
            has_days=unique[:, 0].astype(bool),
            days=unique[:, 1],
            remote=unique[:, 2].astype(bool),
            max_visits=unique[:, 3],
            min_fee=unique[:, 4],
            accepts_pro_bono=unique[:, 5].astype(bool),
        )
        n_sheets = len(index.sheets)
        self.base: np.ndarray | None = None
        if len(unique) * n_sheets <= 48_000_000:  # at most ~200 MB of float32
            self.base = np.empty((len(unique), n_sheets), dtype=np.float32)
            for start in range(0, len(unique), 256):
                part = _take(self.unique_fields, slice(start, start + 256))
                self.base[start : start + 256] = _base_rows(part, self.bulk.fields)
        self.combined = self._combine()

    def _combine(self) -> tuple[sparse.csr_matrix, np.ndarray] | None:
        """When it fits in memory, the whole estimate as ONE sparse × dense product: each talent's
        row has its skills, themes and words (the text part taken as linear, corrected below for
        talents with more words than the cap) and a one for its rules/days/fee signature, its
        route origin and its ties; the dense side holds the matching weighted rows per sheet."""
        b, index, sc = self.bulk, self.index, _score
        if self.base is None or b.weights_dense is None or b.terms_dense is None:
            return None
        n_talents, n_sheets = len(self.talents), len(index.sheets)
        ties_key = np.concatenate(
            [
                self.hometown[:, None],
                self.fields.give_back[:, None],
                self.fields.moving[:, None],
                self.interest,
            ],
            axis=1,
        ).astype(np.int64)
        ties_unique, ties_code = np.unique(ties_key, axis=0, return_inverse=True)
        parts = [b.weights_dense, b.terms_dense, self.base]
        height = sum(p.shape[0] for p in parts) + len(self.origin_names) + len(ties_unique)
        if height * n_sheets > 64_000_000:  # at most 256 MB of float32
            return None
        ties = _ties_rows(
            index,
            ties_unique[:, 0],
            ties_unique[:, 1].astype(bool),
            ties_unique[:, 3:].astype(bool),
            ties_unique[:, 2].astype(bool),
        )
        dense = np.concatenate(
            [
                b.weights_dense,
                b.terms_dense * np.float32(sc.WEIGHTS["text"] / sc.TEXT_FULL_TERMS),
                self.base,
                self.travel[:, b.place].astype(np.float32),
                ties[:, b.place].astype(np.float32),
            ]
        )

        def one_hot(codes: np.ndarray, width: int) -> sparse.csr_matrix:
            ones = np.ones(n_talents, dtype=np.float32)
            return sparse.csr_matrix((ones, codes, np.arange(n_talents + 1)), shape=(n_talents, width))

        rows = sparse.hstack(
            [
                self.features,
                self.terms32,
                one_hot(self.signature, self.base.shape[0]),
                one_hot(self.origin, len(self.origin_names)),
                one_hot(ties_code.ravel(), len(ties_unique)),
            ]
        ).tocsr()
        self.over_cap = np.flatnonzero(np.diff(self.terms.indptr) > sc.TEXT_FULL_TERMS)
        return rows, dense

    def estimate(self, rows: slice) -> np.ndarray:
        """float32 estimate of the scores of the talents in ``rows`` against every sheet, in the
        bulk order; -inf where a rule blocks."""
        b = self.bulk
        sc = _score
        if self.combined is not None:
            combined, dense = self.combined
            estimate = combined[rows] @ dense
            lo, hi = rows.start, rows.stop
            over = self.over_cap[(self.over_cap >= lo) & (self.over_cap < hi)]
            if len(over):  # the text part is capped: take back what the linear sum overcounted
                counts = self.terms32[over] @ b.terms_dense
                excess = np.maximum(counts * np.float32(1.0 / sc.TEXT_FULL_TERMS) - np.float32(1.0), 0)
                estimate[over - lo] -= excess * np.float32(sc.WEIGHTS["text"])
            self._congest(estimate, rows)
            return estimate
        if b.weights_dense is not None:
            estimate = self.features[rows] @ b.weights_dense
        else:
            estimate = (self.features[rows] @ b.weights).toarray()
        signature = self.signature[rows]
        if self.base is not None:
            estimate += self.base[signature]
        else:
            used, inverse = np.unique(signature, return_inverse=True)
            estimate += _base_rows(_take(self.unique_fields, used), b.fields)[inverse.ravel()]
        # travel and ties per place code, then spread over the sheets
        places = self.travel[self.origin[rows]] + _ties_rows(
            self.index,
            self.hometown[rows],
            self.fields.give_back[rows],
            self.interest[rows],
            self.fields.moving[rows],
        )
        estimate += np.take(places.astype(np.float32), b.place, axis=1)
        # free-text words, capped
        if b.terms_dense is not None:
            words = self.terms32[rows] @ b.terms_dense
            words *= np.float32(1.0 / sc.TEXT_FULL_TERMS)
            np.minimum(words, np.float32(1.0), out=words)
            words *= np.float32(sc.WEIGHTS["text"])
            estimate += words
        elif (words := (self.terms[rows] @ b.terms).tocoo()).nnz:
            gain = sc.WEIGHTS["text"] * np.minimum(1.0, words.data / sc.TEXT_FULL_TERMS)
            estimate[words.row, words.col] += gain.astype(np.float32)  # one entry per (row, col)
        self._congest(estimate, rows)
        return estimate

    def _congest(self, estimate: np.ndarray, rows: slice) -> None:
        b = self.bulk
        if self.congestion and b.n_crowded:
            block = estimate[:, : b.n_crowded]
            skill_fit = (self.skills32[rows] @ b.required_share).toarray()
            factor = congestion_factor(b.fields.crowd[: b.n_crowded].astype(np.float32), skill_fit)
            np.multiply(block, factor, out=block, where=np.isfinite(block))

    def pairs(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Exact scores (rounded as ``score_pair`` rounds) of talents ``rows`` × sheets
        ``columns`` (index positions), pair by pair."""
        index = self.index
        t = _take(self.fields, rows)
        s = _take(index.fields, columns)
        minutes = self.minutes
        pair = SimpleNamespace(
            required=_pair_hits(self.skills, index.required, rows, columns),
            welcome=_pair_hits(self.skills, index.welcome, rows, columns),
            themes=_pair_hits(self.themes, index.themes, rows, columns),
            terms=_pair_hits(self.terms, index.terms, rows, columns),
            route_minutes=minutes[self.origin[rows], columns],
            home=self.hometown[rows] == index.prefecture[columns],
            interest=self.interest[rows, index.prefecture[columns]],
        )
        return round_like_python(_exact(t, s, pair, self.congestion), _score.SCORE_DECIMALS)

    def rank(self, start: int, stop: int, k: int) -> list[list[tuple[int, float]]]:
        """(sheet position, exact score) of the top ``k`` for each talent in ``start:stop``."""
        b = self.bulk
        estimate = self.estimate(slice(start, stop))
        n_rows, n_sheets = estimate.shape
        # the k-th best estimate of each row; every sheet within the error of it (and of the
        # rounding) may belong to the exact top k, so all of those are rescored exactly
        kk = min(k, n_sheets)
        width = 32
        if n_sheets >= 4 * width * kk:
            # a lower bound of the k-th best, cheaply: the k-th best of the maxima of blocks of
            # sheets (k blocks reach it, so k sheets do)
            maxima = np.maximum.reduceat(estimate, np.arange(0, n_sheets, width), axis=1)
            kth = -np.partition(np.negative(maxima), kk - 1, axis=1)[:, kk - 1]
        else:
            kth = -np.partition(np.negative(estimate), kk - 1, axis=1)[:, kk - 1]
        floor = kth - np.float32(2 * _ESTIMATE_ERROR + 10.0 ** (-_score.SCORE_DECIMALS))
        floor = np.maximum(floor, np.finfo(np.float32).min)  # never a blocked pair
        rows, cols = np.nonzero(estimate >= floor[:, None])
        rows = rows + start
        cols = b.order[cols]
        exact = self.pairs(rows, cols)
        ok = exact > -np.inf
        rows, cols, exact = rows[ok], cols[ok], exact[ok]
        order = np.lexsort((cols, -exact, rows))  # by talent, score desc, then id (= position) asc
        rows, cols, exact = rows[order], cols[order], exact[order]
        result: list[list[tuple[int, float]]] = [[] for _ in range(n_rows)]
        for row, col, value in zip(rows.tolist(), cols.tolist(), exact.tolist(), strict=True):
            items = result[row - start]
            if len(items) < k:
                items.append((col, value))
        return result


def _chunk_size(n_sheets: int) -> int:
    return max(16, min(2048, 2_000_000 // max(n_sheets, 1)))


def _ranked_block(batch: _Batch, start: int, stop: int, k: int) -> list[list[Recommendation]]:
    index = batch.index
    out = []
    step = _chunk_size(len(index.sheets))
    for lo in range(start, stop, step):
        ranked = batch.rank(lo, min(stop, lo + step), k)
        for offset, items in enumerate(ranked):
            talent = batch.talents[lo + offset]
            recs = []
            for position, fast in items:
                sheet = index.sheets[position]
                scored = score_pair(talent, sheet, index.reasons_ctx, congestion=batch.congestion)
                recs.append(
                    Recommendation(
                        talent.id, sheet.id, _check(fast, scored, talent.id, sheet.id), scored.reasons
                    )
                )
            out.append(recs)
    return out


_WORKER_BATCH: _Batch | None = None


def _worker(block: tuple[int, int, int]) -> list[list[tuple]]:
    start, stop, k = block
    ranked = _ranked_block(_WORKER_BATCH, start, stop, k)
    seen: dict[tuple, Reason] = {}  # equal reasons sent once
    return [
        [(r.sheet, r.score, tuple(seen.setdefault(x.key(), x) for x in r.reasons)) for r in recs]
        for recs in ranked
    ]


def top_sheets_batch(
    talents: Iterable[Talent],
    index: SheetIndex,
    k: int = 10,
    *,
    congestion: bool = True,
    workers: int = 1,
    block: int = 2000,
) -> Iterator[tuple[Talent, list[Recommendation]]]:
    """``(talent, its top-k sheets)`` for each talent, in the order given — the same lists as
    :meth:`SheetIndex.top_sheets`. ``workers`` > 1 shares the work among processes (fork only;
    the output is the same; ``block`` talents at a time go to a process)."""
    talents = list(talents)
    if not talents:
        return
    if k <= 0 or not index.sheets:
        for talent in talents:
            yield talent, []
        return
    batch = _Batch(talents, index, congestion)
    blocks = [(lo, min(len(talents), lo + block), k) for lo in range(0, len(talents), block)]
    if workers > 1 and len(blocks) > 1 and "fork" in _start_methods():
        yield from _parallel(batch, blocks, workers)
        return
    for lo, hi, _ in blocks:
        for offset, recs in enumerate(_ranked_block(batch, lo, hi, k)):
            yield talents[lo + offset], recs


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _parallel(batch: _Batch, blocks, workers: int):
    import multiprocessing

    global _WORKER_BATCH
    _WORKER_BATCH = batch
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for (lo, _, _), ranked in zip(blocks, pool.imap(_worker, blocks), strict=True):
                for offset, items in enumerate(ranked):
                    talent = batch.talents[lo + offset]
                    yield (
                        talent,
                        [Recommendation(talent.id, s, score, reasons) for s, score, reasons in items],
                    )
    finally:
        _WORKER_BATCH = None


__all__ = [
    "FastPathMismatch",
    "SheetIndex",
    "TalentIndex",
    "round_like_python",
    "top_sheets_batch",
    "top_talents_batch",
]
