"""Texts written now and read later, in the reader's language.

A notification is written when something happens and read days later, perhaps in English; an
email goes out in the recipient's language. So such texts are kept as a :class:`Text`: the
message's source (its gettext msgid, Japanese) and its parameters, stored as JSON, and worded
only when shown (:meth:`Text.render`, or ``str()``), in the language active then.

    title = Text(gettext_lazy("「%(sheet)s」に応募がありました"), sheet=sheet.title)
    title.to_json()   # {"m": "「%(sheet)s」に応募がありました", "p": {"sheet": "…"}}
    str(Text.from_json(data))   # worded in the active language

Parameters may be what people typed (kept as written), numbers, dates and times (formatted by the
locale when worded), lazy texts such as a choice's label (translated when worded), other
:class:`Text`, :class:`Yen` amounts and lists of these (joined by the locale's list separator).
Plurals: pass ``ngettext_lazy(singular, plural, "count")`` and a ``count`` parameter.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, ngettext, pgettext

from .formats import format_date, format_datetime, format_yen

__all__ = ["Text", "Yen", "lazy_text", "lines", "literal", "worded_for_storage"]


@dataclass(frozen=True)
class Yen:
    """An amount of yen, formatted by the locale when worded (``12,000円`` / ``¥12,000``)."""

    amount: int


def _msgid(message: Promise) -> dict[str, Any]:
    """The source of a lazy text: its msgid (and plural form), untranslated."""
    kw = getattr(message, "_kw", None) or {}
    if "singular" in kw and "plural" in kw:  # ngettext_lazy(singular, plural, "count")
        return {"m": kw["singular"], "pl": kw["plural"], "n": kw.get("number", "count")}
    with translation.override(None):
        return {"m": str(message)}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Text):
        return {"x": value.to_json()}
    if isinstance(value, Promise):
        return {"x": _msgid(value)}
    if isinstance(value, Yen):
        return {"yen": int(value.amount)}
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, list | tuple):
        return {"list": [_encode(item) for item in value]}
    if isinstance(value, Mapping):
        return {"map": {str(key): _encode(item) for key, item in value.items()}}
    raise TypeError(f"Text: cannot keep a {type(value).__name__} as a parameter")


def _decode(value: Any) -> Any:
    """JSON back to values; texts stay :class:`Text` (worded when formatted)."""
    if not isinstance(value, dict):
        return value
    if "x" in value:
        return Text.from_json(value["x"])
    if "yen" in value:
        return Yen(int(value["yen"]))
    if "dt" in value:
        return datetime.datetime.fromisoformat(value["dt"])
    if "d" in value:
        return datetime.date.fromisoformat(value["d"])
    if "list" in value:
        return [_decode(item) for item in value["list"]]
    if "map" in value:
        return {key: _decode(item) for key, item in value["map"].items()}
    return value


def _word(value: Any) -> Any:
    """A parameter as it appears in the sentence (numbers stay numbers for ``%(n)d``)."""
    if isinstance(value, Text):
        return value.render()
    if isinstance(value, Yen):
        return format_yen(value.amount)
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, list):
        return pgettext("list separator", "、").join(str(_word(item)) for item in value)
    if isinstance(value, dict):
        return {key: _word(item) for key, item in value.items()}
    return value


class Text:
    """A message kept in its source language with its parameters, worded when read."""

    __slots__ = ("_source", "params")

    def __init__(self, message: Promise | str, /, **params: Any) -> None:
        if isinstance(message, Promise):
            source = _msgid(message)
        elif isinstance(message, str):
            source = {"s": message}  # written by a person (or already worded): kept as it is
        else:
            raise TypeError("Text needs a lazy text (gettext_lazy) or a str")
        self._source = source
        self.params = {key: _decode(_encode(value)) for key, value in params.items()}

    # --- storage ----------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data = dict(self._source)
        if self.params:
            data["p"] = {key: _encode(value) for key, value in self.params.items()}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str | None) -> Text:
        """Read what :meth:`to_json` wrote; a bare string (or nothing) is kept as written."""
        text = cls.__new__(cls)
        if not isinstance(data, Mapping):
            text._source, text.params = {"s": str(data or "")}, {}
            return text
        text._source = {key: data[key] for key in ("m", "pl", "n", "s") if key in data}
        if not text._source:
            text._source = {"s": ""}
        text.params = {key: _decode(value) for key, value in (data.get("p") or {}).items()}
        return text

    # --- reading ----------------------------------------------------------------------------------

    @property
    def source(self) -> str:
        """The untranslated message (the msgid, or the text as written)."""
        return self._source.get("m", self._source.get("s", ""))

    def render(self) -> str:
        """The text in the active language."""
        src = self._source
        if "s" in src:
            message = src["s"]
        elif "pl" in src:
            count = self.params.get(src.get("n", "count"), 1)
            message = ngettext(src["m"], src["pl"], count if isinstance(count, int) else 1)
        else:
            message = gettext(src["m"])
        if not self.params or "s" in src:
            return message
        return message % {key: _word(value) for key, value in self.params.items()}

    def replace_param(self, old: str, new: Any) -> bool:
        """Replace every parameter (here and in nested texts) equal to ``old`` by ``new``.
        Returns whether something changed; used to take a person's name out of kept texts."""
        changed = False
        for key, value in list(self.params.items()):
            if value == old:
                self.params[key] = _decode(_encode(new))
                changed = True
            elif isinstance(value, Text):
                changed |= value.replace_param(old, new)
        return changed

    def replace_written(self, old: str, new: str) -> bool:
        """In a text kept as written, replace the words ``old`` by ``new`` (texts written before
        they were kept as msgids, e.g. old notifications). Returns whether something changed."""
        written = self._source.get("s")
        if not old or written is None or old not in written:
            return False
        self._source = {"s": written.replace(old, new)}
        return True

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.to_json()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(repr(self))


def literal(value: str) -> Text:
    """A text kept exactly as written (what a person typed; a place name)."""
    return Text(str(value))


def lines(texts: Iterable[Text | Promise | str | None]) -> list[Text]:
    """Lines of a body, as texts (``None`` and empty lines between paragraphs are kept as "")."""
    out = []
    for item in texts:
        if item is None:
            continue
        out.append(item if isinstance(item, Text) else Text(item))
    return out


def _render(message: Promise | str, params: dict[str, Any]) -> str:
    return Text(message, **params).render()


_lazy_render = lazy(_render, str)


def lazy_text(message: Promise | str, /, **params: Any) -> Promise:
    """A lazy string: ``message`` (a ``gettext_lazy`` msgid) with ``params``, worded each time it is
    used. For texts built at import time, such as a form field's error messages:
    ``gettext_lazy("%(label)sを入力してください。") % {...}`` would be worded once, in Japanese."""
    return _lazy_render(message, params)


def worded_for_storage(message, /, **params) -> str:
    """``Text(message, **params)`` worded in the site's language, for a column that holds a string
    (an access log's "what"): the record reads the same whatever language the actor used."""
    with translation.override(settings.LANGUAGE_CODE):
        return Text(message, **params).render()
