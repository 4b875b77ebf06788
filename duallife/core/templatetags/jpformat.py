"""Japanese-first display of figures: durations, yen, ranks, months, localised names.

``{% load jpformat %}`` then ``{{ route.one_way_minutes|jp_duration }}`` → 「2時間12分」,
``{{ rent.monthly_rent_yen|yen }}`` → 「62,065円」, ``{{ value.national_rank|rank }}`` → 「1位」,
``{{ camp.starts_at|format_datetime }}`` → 「2027年3月5日 13:00」 (``format_date``, ``format_datetime``
and ``yen`` are :mod:`duallife.core.formats`, the functions Python code uses for the same texts).
Every format string goes through gettext or the locale's formats so English can reword it.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from duallife.core.formats import format_date, format_datetime, format_yen, localized_name, localized_place

register = template.Library()

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _as_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register.filter
def jp_duration(minutes: Any) -> str:
    """Minutes as hours and minutes: 132 → 「2時間12分」, 60 → 「1時間」, 45 → 「45分」."""
    total = _as_int(minutes)
    if total is None or total < 0:
        return ""
    hours, rest = divmod(total, 60)
    if hours and rest:
        return _("%(hours)d時間%(minutes)d分") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d時間") % {"hours": hours}
    return _("%(minutes)d分") % {"minutes": rest}


@register.filter
def num(value: Any) -> str:
    """An integer with thousands separators: 40568 → 「40,568」, −509 → 「-509」."""
    number = _as_int(value)
    return "" if number is None else formats.number_format(number, force_grouping=True)


@register.filter
def yen(value: Any) -> str:
    """Integer yen: 21120 → 「21,120円」. Empty for a missing value."""
    number = _as_int(value)
    return "" if number is None else format_yen(number)


@register.filter
def rank(value: Any) -> str:
    """A national rank: 1 → 「1位」."""
    number = _as_int(value)
    return "" if number is None else _("%(rank)d位") % {"rank": number}


@register.filter
def decimal_places(value: Any, places: Any = 1) -> str:
    """A decimal shown with a fixed number of places: (Decimal("77.30"), 1) → 「77.3」."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
        digits = int(places)
    except (ArithmeticError, TypeError, ValueError):
        return str(value)
    return f"{number:,.{max(digits, 0)}f}"


@register.filter
def year_month(value: Any) -> str:
    """「2021-02」 → 「2021年2月」 (or “February 2021”); any other text is shown as it is."""
    text = str(value or "").strip()
    match = _YEAR_MONTH.match(text)
    if not match:
        return text
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return text
    return formats.date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")


register.filter("local_name", localized_name)


register.filter("local_place", localized_place)


@register.filter("format_date")
def date_filter(value: Any) -> str:
    """A date (or a datetime's day in Tokyo) in the active language: 「2026年12月7日」."""
    if not isinstance(value, datetime.date):
        return ""
    return format_date(value)


@register.filter("format_datetime")
def datetime_filter(value: Any) -> str:
    """A datetime to the minute in Tokyo time, in the active language: 「2026年12月7日 13:05」."""
    if not isinstance(value, datetime.datetime):
        return ""
    return format_datetime(value)
