"""People's names and phone numbers as Japanese forms take them.

- Names (姓/名) are kept exactly as written in full UTF-8 (髙橋, 𠮷田, 齋藤 and variation
  sequences stay as typed); only surrounding space is trimmed. Control characters and digits are
  refused: a digit in a name field is almost always a slip.
- Readings (セイ/メイ) are katakana. What people type is folded first: half-width katakana and
  hiragana become full-width katakana (ﾀｶﾊｼ, たかはし → タカハシ); a space or a middle dot may
  separate words (foreign names: スミス・ジョン).
- Phone numbers are digits with optional hyphens, 10 or 11 digits starting with 0 (full-width digits
  and other dashes are folded first).

Pure Python: no Django, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Nd"})
_KATAKANA_NAME = re.compile(
    r"^[\u30a1-\u30fa](?:[\u30a1-\u30fa\u30fb\u30fc\u30fd\u30fe ]*[\u30a1-\u30fa\u30fc\u30fd\u30fe])?$"
)
_HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u30fc\ufe63\uff0d]")
_SPACES = re.compile(r"\s+")
_PHONE = re.compile(r"^0[0-9]*(?:-[0-9]+)*$")
PHONE_DIGITS = (10, 11)


def clean_name(text: str) -> str:
    """A name as typed, trimmed, NFC-composed; otherwise untouched (no width or variant folding)."""
    if not isinstance(text, str):
        return ""
    return unicodedata.normalize("NFC", text).strip()


def is_valid_name(text: str) -> bool:
    """True for a non-empty name with no control characters, line breaks or digits."""
    if not isinstance(text, str) or not text.strip():
        return False
    return all(unicodedata.category(ch) not in _REFUSED_CATEGORIES for ch in text)


def fold_kana(text: str) -> str:
    """Half-width katakana and hiragana → full-width katakana; spaces collapsed to one."""
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKC", text)
    folded = _HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), folded)
    return _SPACES.sub(" ", folded).strip()


def is_katakana_name(text: str) -> bool:
    """True for full-width katakana (with ー, and ・ or a space between words)."""
    return isinstance(text, str) and bool(_KATAKANA_NAME.match(text))


def clean_phone(text: str) -> str:
    """Full-width digits folded, every kind of dash turned into ``-``, spaces removed."""
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKC", text)
    folded = _DASHES.sub("-", folded)
    return _SPACES.sub("", folded)


def is_valid_phone(text: str) -> bool:
    """True for a Japanese number: starts with 0, 10 or 11 digits, hyphens only between digits."""
    if not isinstance(text, str) or not _PHONE.match(text):
        return False
    return sum(ch.isdigit() for ch in text) in PHONE_DIGITS
