"""The batch format: talents and sheets as JSON lines in, top-k recommendations as JSON lines out.

Pure: the caller reads files and passes lines; skill and theme texts are turned into keys by a
``keys`` function (a :class:`~duallife.engine.skills.SkillVocabulary`'s resolve, so that
「Webマーケ」 and 「ウェブマーケティング」 meet). A bad line is reported with its number and skipped.

Talent: ``id``, ``skills``, ``themes``, ``days_per_month``, ``style``, ``max_visits_per_month``,
``min_monthly_fee_yen``, ``accepts_pro_bono``, ``home_municipality``, ``hometown_municipality``,
``interest_prefectures``, ``motives``, ``text``. Sheet: ``id``, ``required_skills``,
``welcome_skills``, ``themes``, ``days_per_month``, ``style``, ``visits_per_month``,
``fee_min_yen``, ``fee_max_yen``, ``pro_bono``, ``municipality``, ``openings``, ``applicants``,
``text``. Output: ``{"talent": id, "items": [{"sheet": id, "score": s, "reasons": [...]}]}`` or,
for sheets, ``{"sheet": id, "items": [{"talent": id, ...}]}``. An ``id`` is a JSON integer or string,
echoed back unchanged (:mod:`duallife.engine.ids`; ``1`` and ``"1"`` are two ids); output objects
and equal scores go by id, integers first.

Reasons are written as Japanese sentences (「スキル一致: Webマーケティング」), as the batch always
wrote them: the engine gives codes and values (:class:`~.model.Reason`) and :func:`.wording.japanese`
words them without Django. The site words the same codes in the reader's language.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..ids import MISSING, Id, id_order, id_problem, id_text, loads_json
from .fast import SheetIndex, TalentIndex, top_sheets_batch
from .model import Context, RouteTable, Sheet, Style, Talent
from .wording import japanese

Keys = Callable[[str], str]
CODE6 = re.compile(r"^\d{6}$")
CODE2 = re.compile(r"^\d{2}$")
TERM_SPLIT = re.compile(r"[\s、。,.・/／()（）「」]+")


class LineError(ValueError):
    """One input line that cannot be read (the message is Japanese)."""


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def _int(obj: dict, name: str, *, low: int = 0, high: int = 10_000_000, optional: bool = False) -> int | None:
    value = obj.get(name)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise LineError(f"{name} は整数で指定してください")
    if not low <= value <= high:
        raise LineError(f"{name} は{low}〜{high}の範囲で指定してください")
    return value


def _strings(obj: dict, name: str) -> list[str]:
    value = obj.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LineError(f"{name} は文字列の配列で指定してください")
    return value


def _code(obj: dict, name: str, pattern: re.Pattern, *, optional: bool = False) -> str | None:
    value = obj.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not pattern.match(value):
        raise LineError(f"{name} は{'6' if pattern is CODE6 else '2'}桁のコードで指定してください")
    return value


def _style(obj: dict) -> Style:
    try:
        return Style(obj.get("style", "remote"))
    except ValueError:
        raise LineError("style は remote / hybrid / onsite のいずれかで指定してください") from None


def _bool(obj: dict, name: str) -> bool:
    value = obj.get(name, False)
    if not isinstance(value, bool):
        raise LineError(f"{name} は true か false で指定してください")
    return value


def _terms(obj: dict, keys: Keys) -> frozenset[str]:
    text = obj.get("text", "")
    if not isinstance(text, str):
        raise LineError("text は文字列で指定してください")
    return frozenset(keys(part) for part in TERM_SPLIT.split(text[:4000]) if len(part) >= 2)


def _id(obj: dict) -> Id:
    value = obj.get("id", MISSING)
    problem = id_problem(value)
    if problem is not None:
        raise LineError(problem)
    return value


def parse_talent(obj: object, keys: Keys) -> Talent:
    if not isinstance(obj, dict):
        raise LineError("1行に1つのJSONオブジェクトを書いてください")
    return Talent(
        id=_id(obj),
        skills=frozenset(keys(s) for s in _strings(obj, "skills") if s.strip()),
        themes=frozenset(keys(s) for s in _strings(obj, "themes") if s.strip()),
        days_per_month=_int(obj, "days_per_month", low=1, high=31, optional=True),
        style=_style(obj),
        max_visits_per_month=_int(obj, "max_visits_per_month", high=31, optional=True) or 0,
        min_monthly_fee_yen=_int(obj, "min_monthly_fee_yen", optional=True),
        accepts_pro_bono=_bool(obj, "accepts_pro_bono"),
        home_municipality=_code(obj, "home_municipality", CODE6, optional=True),
        hometown_municipality=_code(obj, "hometown_municipality", CODE6, optional=True),
        interest_prefectures=frozenset(
            _code({"code": c}, "code", CODE2) for c in _strings(obj, "interest_prefectures")
        ),
        motives=frozenset(_strings(obj, "motives")),
        terms=_terms(obj, keys),
    )


def parse_sheet(obj: object, keys: Keys) -> Sheet:
    if not isinstance(obj, dict):
        raise LineError("1行に1つのJSONオブジェクトを書いてください")
    return Sheet(
        id=_id(obj),
        municipality=_code(obj, "municipality", CODE6),
        required_skills=frozenset(keys(s) for s in _strings(obj, "required_skills") if s.strip()),
        welcome_skills=frozenset(keys(s) for s in _strings(obj, "welcome_skills") if s.strip()),
        themes=frozenset(keys(s) for s in _strings(obj, "themes") if s.strip()),
        days_per_month=_int(obj, "days_per_month", low=1, high=31, optional=True),
        style=_style(obj),
        visits_per_month=_int(obj, "visits_per_month", high=31, optional=True) or 0,
        fee_min_yen=_int(obj, "fee_min_yen", optional=True),
        fee_max_yen=_int(obj, "fee_max_yen", optional=True),
        pro_bono=_bool(obj, "pro_bono"),
        openings=_int(obj, "openings", low=1, high=999, optional=True) or 1,
        applicants=_int(obj, "applicants", high=1_000_000, optional=True) or 0,
        terms=_terms(obj, keys),
    )


def read_lines(
    lines: Iterable[str], parse: Callable[[object, Keys], object], keys: Keys, *, strict: bool = False
):
    """Parse JSON lines; returns (items, problems). Blank lines are skipped; a repeated id is a
    problem. With ``strict`` the first problem raises :class:`LineError` naming the line."""
    items, problems, seen = [], [], set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            try:
                obj = loads_json(line)
            except json.JSONDecodeError as exc:
                raise LineError(f"JSONとして読めません（{exc.msg}）") from None
            item = parse(obj, keys)
            if item.id in seen:
                raise LineError(f"id {id_text(item.id)} が重複しています")
        except LineError as exc:
            if strict:
                raise LineError(f"{number}行目: {exc}") from None
            problems.append(Problem(number, str(exc)))
            continue
        seen.add(item.id)
        items.append(item)
    return items, problems


def routes_from_csv(lines: Iterable[str]) -> RouteTable:
    """A route table from the region pack's ``routes.csv`` columns (origin_code, destination_code,
    one_way_minutes, round_trip_fare_yen); homes in Tokyo's wards use the wards' reference origin."""
    routes: dict[tuple[str, str], tuple[int, int]] = {}
    for row in csv.DictReader(lines):
        try:
            key = (row["origin_code"].strip(), row["destination_code"].strip())
            value = (int(row["one_way_minutes"]), int(row["round_trip_fare_yen"]))
        except (KeyError, ValueError, AttributeError) as exc:
            raise LineError(f"経路の行が読めません: {exc}") from None
        routes[key] = min(value, routes.get(key, value))
    origins = {"131": "131008"} if any(origin == "131008" for origin, _ in routes) else {}
    return RouteTable(routes=routes, origins=origins)


def run_batch(
    talents: list[Talent],
    sheets: list[Sheet],
    ctx: Context,
    *,
    k: int = 10,
    for_sheets: bool = False,
    workers: int = 1,
) -> Iterator[dict]:
    """One output object per talent (or per sheet with ``for_sheets``), in id order — what
    :func:`~.rank.recommend_sheets` (congestion on) or :func:`~.rank.recommend_talents` (off) give,
    computed by the fast path (:mod:`.fast`); ``workers`` processes share a talents' batch."""
    if for_sheets:
        index = TalentIndex(talents, ctx)
        for sheet in sorted(sheets, key=lambda s: id_order(s.id)):
            ranked = index.top_talents(sheet, k)
            yield {
                "sheet": sheet.id,
                "items": [
                    {"talent": r.talent, "score": r.score, "reasons": [japanese(x) for x in r.reasons]}
                    for r in ranked
                ],
            }
        return
    index = SheetIndex(sheets, ctx)
    ordered = sorted(talents, key=lambda t: id_order(t.id))
    for talent, ranked in top_sheets_batch(ordered, index, k, workers=workers):
        yield {
            "talent": talent.id,
            "items": [
                {"sheet": r.sheet, "score": r.score, "reasons": [japanese(x) for x in r.reasons]}
                for r in ranked
            ],
        }
