"""Official place codes: JIS X 0401 prefectures and 全国地方公共団体コード (JIS X 0402).

A local-government code is five digits plus a check digit: multiply the digits by 6, 5, 4, 3, 2,
take the sum modulo 11, and the check digit is (11 − remainder) mod 10.
"""

from __future__ import annotations

import re

_LG_CODE = re.compile(r"^[0-9]{6}$")
_PREFECTURE_CODE = re.compile(r"^(0[1-9]|[1-3][0-9]|4[0-7])$")


def lg_check_digit(first_five: str) -> int:
    if not re.fullmatch(r"[0-9]{5}", first_five):
        raise ValueError("first_five must be five ASCII digits")
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def is_valid_lg_code(code: str) -> bool:
    """True for a six-digit code whose check digit is right and whose prefecture part exists."""
    if not isinstance(code, str) or not _LG_CODE.match(code):
        return False
    if not _PREFECTURE_CODE.match(code[:2]):
        return False
    return lg_check_digit(code[:5]) == int(code[5])


def is_valid_prefecture_code(code: str) -> bool:
    return isinstance(code, str) and bool(_PREFECTURE_CODE.match(code))


def prefecture_lg_code(prefecture_code: str) -> str:
    """The six-digit local-government code of a prefecture itself (e.g. 02 → 020001)."""
    five = f"{prefecture_code}000"
    return five + str(lg_check_digit(five))
