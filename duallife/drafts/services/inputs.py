"""Checks of typed values that several draft services share (not use cases)."""

from __future__ import annotations

import datetime

from django.utils import timezone


def whole_number(value) -> bool:
    """An ``int`` that is not a ``bool``."""
    return isinstance(value, int) and not isinstance(value, bool)


def aware(value) -> bool:
    """An aware datetime."""
    return isinstance(value, datetime.datetime) and timezone.is_aware(value)


def same_minute(a: datetime.datetime, b: datetime.datetime) -> bool:
    """A time typed again to the minute is the stored one (which may carry seconds)."""
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)
