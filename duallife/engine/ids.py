"""Ids as other systems bring them, for every JSON input the engine reads.

An id is a JSON integer (any value) or a JSON string that is not empty, not only spaces and at most
:data:`MAX_ID_CHARS` characters long. It is echoed back unchanged, so ``1`` and ``"1"`` are two
different ids. Booleans, floats, null, lists and objects are not ids (:func:`id_problem` says why
in Japanese). Wherever ids are sorted or break a tie, integers come first by value, then strings
by code point (:func:`id_order`), so integer ids order as they always did.
"""

from __future__ import annotations

import json
import re
import sys

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


def id_problem(value: object) -> str | None:
    """Why ``value`` cannot be an id, in Japanese; None when it is one."""
    if type(value) is int:
        return None
    if type(value) is str:
        if not value.strip():
            return f"id が空です。空でない文字列か整数で指定してください（{id_text(value)}）"
        if len(value) > MAX_ID_CHARS:
            return f"id は{MAX_ID_CHARS}文字以内にしてください（{value[:20]}…）"
        return None
    if value is MISSING:
        return "id がありません。空でない文字列か整数で指定してください"
    return f"id は空でない文字列か整数で指定してください（{id_text(value)}）"


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
