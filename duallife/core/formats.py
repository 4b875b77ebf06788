"""Dates, times and yen for people, in the active language (Django's locale formats).

Python code that puts a date, a time or an amount into a text a person reads uses these, never an
f-string of its own. The formats come from the active language: Django's, with ours on top in
``duallife/formats/<language>/formats.py`` (``FORMAT_MODULE_PATH``).

============================  ========================  ==================
call                          Japanese (the default)    English
============================  ========================  ==================
``format_date(d)``            2026年12月7日             7 Dec 2026
``format_datetime(dt)``       2026年12月7日 13:05       7 Dec 2026 13:05
``format_time(dt)``           13:05                     13:05
``format_yen(3000)``          3,000円                   ¥3,000
============================  ========================  ==================

Datetimes are shown in Tokyo time (``Asia/Tokyo``), whatever the server's time zone.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

TOKYO = ZoneInfo("Asia/Tokyo")


def tokyo_time(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in Tokyo time (a naive one is taken as Tokyo time already)."""
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, TOKYO)


def format_date(value: datetime.date) -> str:
    """A day: 「2026年12月7日」 / "7 Dec 2026" (a datetime gives its day in Tokyo)."""
    if isinstance(value, datetime.datetime):
        value = tokyo_time(value).date()
    return formats.date_format(value, "DATE_FORMAT")


def format_datetime(value: datetime.datetime) -> str:
    """A moment to the minute in Tokyo time: 「2026年12月7日 13:05」 / "7 Dec 2026 13:05"."""
    return formats.date_format(tokyo_time(value), "DATETIME_FORMAT")


def format_time(value: datetime.datetime | datetime.time) -> str:
    """The time of day in Tokyo time: 「13:05」."""
    if isinstance(value, datetime.datetime):
        value = tokyo_time(value)
    return formats.time_format(value, "TIME_FORMAT")


def format_yen(amount: int) -> str:
    """Integer yen with the locale's grouping: 「3,000円」 / "¥3,000"."""
    return _("%(amount)s円") % {"amount": formats.number_format(amount, force_grouping=True)}


def localized_name(obj: Any) -> str:
    """``obj.name_en`` when the active language is English and the object has one, else ``obj.name``."""
    if obj is None:
        return ""
    language = (get_language() or "ja").lower()
    if language.startswith("en"):
        english = getattr(obj, "name_en", "")
        if english:
            return english
    name = getattr(obj, "name", None)  # not str(obj) first: a place's str reads its prefecture
    return str(obj) if name is None else name


def localized_place(municipality: Any, prefecture: Any = None) -> str:
    """A municipality with its prefecture as the active language writes it: 「宮城県仙台市」,
    ``Sendai, Miyagi`` (the prefecture alone when the place has no English name). Without a
    municipality, the prefecture alone; ``prefecture`` saves a query when the caller has it."""
    if municipality is None:
        return localized_name(prefecture) if prefecture is not None else ""
    prefecture = prefecture or municipality.prefecture
    language = (get_language() or "ja").lower()
    if language.startswith("en") and municipality.name_en:
        return f"{municipality.name_en}, {localized_name(prefecture)}"
    return f"{prefecture.name}{municipality.name}"
