"""How an id from a user is read: one rule for URLs, query strings, forms and the API.

An id is an integer in ``1..MAX_ID`` (the largest bigint, as the database stores it). Anything
else — ``abc``, ``1.5``, ``-1``, ``0``, ``10**30``, nothing — is not an id: a page answers 404
(:func:`parse_id` raises :class:`~duallife.core.errors.NotFoundError`), a URL does not match
(:class:`IdConverter`, registered as ``<id:...>``), a form field shows its invalid-choice message
(:mod:`duallife.core.fields`). The database is never asked about a value it could not store,
so a garbage id never ends in an ``OverflowError``.
"""

from __future__ import annotations

from django.urls.converters import IntConverter
from django.utils.translation import gettext as _

from duallife.engine.ids import IdIssue

from .errors import NotFoundError

__all__ = ["MAX_ID", "IdConverter", "id_issue_message", "is_id", "parse_id"]

#: The largest id (a 64-bit signed integer, as the database).
MAX_ID = 2**63 - 1


def is_id(value) -> bool:
    """Whether ``value`` is an id: an ``int`` (not a bool) or a string of ASCII digits, in
    ``1..MAX_ID``."""
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID))):
            return False
        value = int(value)
    elif isinstance(value, bool) or not isinstance(value, int):
        return False
    return 0 < value <= MAX_ID


def parse_id(value, *, not_found: str) -> int:
    """``value`` as an id, or :class:`NotFoundError` (``not_found`` is its message)."""
    if not is_id(value):
        raise NotFoundError(not_found)
    return int(value)


class IdConverter(IntConverter):
    """``<id:pk>`` in a URL: 1 to 19 digits up to :data:`MAX_ID`; anything else does not match (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        if not is_id(value):
            raise ValueError(value)  # the resolver takes it as "no match"
        return int(value)


def id_issue_message(issue: IdIssue) -> str:
    """Why an id in an organiser's JSON input (:func:`duallife.engine.ids.id_issue`) is refused,
    in the active language."""
    values = {"shown": issue.shown, "max": issue.max_chars}
    if issue.code == "empty":
        return _("id が空です。空でない文字列か整数で指定してください（%(shown)s）") % values
    if issue.code == "too_long":
        return _("id は%(max)d文字以内にしてください（%(shown)s）") % values
    if issue.code == "missing":
        return _("id がありません。空でない文字列か整数で指定してください")
    return _("id は空でない文字列か整数で指定してください（%(shown)s）") % values
