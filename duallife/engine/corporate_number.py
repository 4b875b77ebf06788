"""法人番号 (corporate numbers): 13 digits, the first of which checks the other twelve.

The National Tax Agency assigns every registered corporation a 13-digit number. The leading digit
is a check digit computed from the 12-digit base number: number the base digits from the right
(the last digit is position 1), weight odd positions by 1 and even positions by 2, and the check
digit is 9 minus (the weighted sum modulo 9).

Pure Python: no Django, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

CORPORATE_NUMBER_LENGTH = 13
_BASE = re.compile(r"^[0-9]{12}$")
_NUMBER = re.compile(r"^[0-9]{13}$")
#: Separators people put between digit groups when they copy a number: spaces and dashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff0d]")


def corporate_number_check_digit(base: str) -> int:
    """The check digit for a 12-digit base number (ASCII digits only)."""
    if not isinstance(base, str) or not _BASE.match(base):
        raise ValueError("base must be twelve ASCII digits")
    total = 0
    for position, digit in enumerate(reversed(base), start=1):
        total += int(digit) * (2 if position % 2 == 0 else 1)
    return 9 - total % 9


def is_valid_corporate_number(number: str) -> bool:
    """True for 13 ASCII digits whose leading check digit matches the other twelve."""
    if not isinstance(number, str) or not _NUMBER.match(number):
        return False
    return corporate_number_check_digit(number[1:]) == int(number[0])


def clean_corporate_number(text: str) -> str:
    """What a person typed, as 13 ASCII digits: full-width digits folded, spaces and dashes removed.

    Returns the cleaned text whether or not it is valid; check it with
    :func:`is_valid_corporate_number`.
    """
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKC", text)
    return _SEPARATORS.sub("", folded)
