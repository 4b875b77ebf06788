"""Ids as other systems bring them, for every JSON input the engine reads.

An id is a JSON integer (any value) or a JSON string that is not empty, not only spaces and at most
:data:`MAX_ID_CHARS` characters long. It is echoed back unchanged, so ``1`` and ``"1"`` are two
different ids. Booleans, floats, null, lists and objects are not ids: :func:`id_issue` says why as
a code (:class:`IdIssue`) that the app words in the reader's language
(:func:`duallife.core.ids.id_issue_message`); :func:`id_problem` words it in Japanese for the
console commands. Wherever ids are sorted or break a tie, integers come first by value, then strings
by code point (:func:`id_order`), so integer ids order as they always did.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass

Id = int | str
MAX_ID_CHARS = 100


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


#: What ``obj.get("id", MISSING)`` gives when an object has no id at all.
MISSING = _Missing()


def is_id(value: object) -> bool:
    """What :func:`id_problem` accepts, in one cheap test."""
    kind = type(value)
    return kind is int or (kind is str and len(value) <= MAX_ID_CHARS and not value.isspace() and value != "")


def id_order(value: Id) -> tuple[int, Id]:
    """The sort key of an id: integers first by value, then strings by code point."""
    return (1, value) if isinstance(value, str) else (0, value)


def id_text(value: object) -> str:
    """An id (or what stood for one) as JSON writes it — ``7``, ``"p7"``, ``true`` — so that ``1``
    and ``"1"`` read differently in a message; long values are cut."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else f"{text[:40]}…"


@dataclass(frozen=True)
class IdIssue:
    """Why a value is not an id, as a code and the values a message needs.

    ``code`` is ``"empty"`` (a blank string), ``"too_long"`` (longer than ``max_chars``),
    ``"missing"`` (no id at all) or ``"not_an_id"`` (not a string or an integer). ``shown`` is the
    value as a message may show it (JSON-like, cut), empty for ``"missing"``.
    """

    code: str
    shown: str = ""
    max_chars: int = MAX_ID_CHARS


def id_issue(value: object) -> IdIssue | None:
    """Why ``value`` cannot be an id, as an :class:`IdIssue`; None when it is one."""
    if type(value) is int:
        return None
    if type(value) is str:
        if not value.strip():
            return IdIssue("empty", id_text(value))
        if len(value) > MAX_ID_CHARS:
            return IdIssue("too_long", f"{value[:20]}…")
        return None
    if value is MISSING:
        return IdIssue("missing")
    return IdIssue("not_an_id", id_text(value))


#: The console's Japanese wording of each :class:`IdIssue` code (the web app words them itself).
_CONSOLE_WORDING = {
    "empty": "id が空です。空でない文字列か整数で指定してください（{shown}）",
    "too_long": "id は{max_chars}文字以内にしてください（{shown}）",
    "missing": "id がありません。空でない文字列か整数で指定してください",
    "not_an_id": "id は空でない文字列か整数で指定してください（{shown}）",
}


def id_problem(value: object) -> str | None:
    """Why ``value`` cannot be an id, in Japanese for the console; None when it is one."""
    issue = id_issue(value)
    if issue is None:
        return None
    return _CONSOLE_WORDING[issue.code].format(shown=issue.shown, max_chars=issue.max_chars)


def loads_json(text: str) -> object:
    """``json.loads`` for input that may carry any integer: one longer than Python converts (more
    than ``sys.get_int_max_str_digits()`` digits) raises :class:`json.JSONDecodeError` at that
    number, with a Japanese reason, like any other unreadable JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:
        limit = sys.get_int_max_str_digits()
        found = re.search(rf"\d{{{limit + 1},}}", text)
        position = found.start() if found else 0
        raise json.JSONDecodeError(f"整数の桁数が多すぎます（{limit}桁まで）", text, position) from None
