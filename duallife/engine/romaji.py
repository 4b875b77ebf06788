"""Place names in Latin letters, from their reading in katakana: Hepburn without macrons.

``place_name_en("南三陸町", "ミナミサンリクチョウ")`` is ``"Minamisanriku"``: the reading of the
suffix (市 シ, 町 マチ or チョウ, 村 ムラ or ソン, 区 ク) is dropped, the rest is written in Hepburn
(し shi, ち chi, つ tsu, ふ fu, じ and ぢ ji, ず and づ zu, きゃ kya, しゃ sha, っ doubling the next
consonant, っち tchi), and long vowels lose their length as place signs do (おお and おう o,
うう u: 大崎 Osaki, 郡山 Koriyama, 新庄 Shinjo); ん is n.
"""

from __future__ import annotations

import re

_BASE = {
    **dict(zip("アイウエオ", ("a", "i", "u", "e", "o"), strict=True)),
    **dict(zip("カキクケコ", ("ka", "ki", "ku", "ke", "ko"), strict=True)),
    **dict(zip("ガギグゲゴ", ("ga", "gi", "gu", "ge", "go"), strict=True)),
    **dict(zip("サシスセソ", ("sa", "shi", "su", "se", "so"), strict=True)),
    **dict(zip("ザジズゼゾ", ("za", "ji", "zu", "ze", "zo"), strict=True)),
    **dict(zip("タチツテト", ("ta", "chi", "tsu", "te", "to"), strict=True)),
    **dict(zip("ダヂヅデド", ("da", "ji", "zu", "de", "do"), strict=True)),
    **dict(zip("ナニヌネノ", ("na", "ni", "nu", "ne", "no"), strict=True)),
    **dict(zip("ハヒフヘホ", ("ha", "hi", "fu", "he", "ho"), strict=True)),
    **dict(zip("バビブベボ", ("ba", "bi", "bu", "be", "bo"), strict=True)),
    **dict(zip("パピプペポ", ("pa", "pi", "pu", "pe", "po"), strict=True)),
    **dict(zip("マミムメモ", ("ma", "mi", "mu", "me", "mo"), strict=True)),
    **dict(zip("ヤユヨ", ("ya", "yu", "yo"), strict=True)),
    **dict(zip("ラリルレロ", ("ra", "ri", "ru", "re", "ro"), strict=True)),
    **dict(zip("ワヰヱヲ", ("wa", "i", "e", "o"), strict=True)),
    "ヴ": "vu",
    "ン": "n",
}
#: Small ya, yu, yo after an i-syllable (キャ kya, シャ sha, チャ cha, ジャ ja).
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
#: Small vowels after a syllable (フィ fi, ティ ti, ウェ we).
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
#: The readings of a municipality's suffix, by its last character.
SUFFIXES = {"市": ("シ",), "町": ("マチ", "チョウ"), "村": ("ムラ", "ソン"), "区": ("ク",)}
_LONG = re.compile(r"o[ou]|uu")


class ReadingError(ValueError):
    """A reading with a character that is not katakana (the message names it)."""


def _syllables(kana: str) -> list[str]:
    out: list[str] = []
    for char in kana:
        if char in _SMALL_Y and out and out[-1].endswith("i") and len(out[-1]) >= 2:
            last = out.pop()
            stem = last[:-1] if last[:-1] in ("sh", "ch", "j") else last[:-1] + "y"
            out.append(stem + _SMALL_Y[char])
        elif char in _SMALL_VOWEL and out and len(out[-1]) >= 2:
            out.append(out.pop()[:-1] + _SMALL_VOWEL[char])
        elif char == "ッ":
            out.append("ッ")
        elif char == "ー":
            continue  # a long vowel: written short
        elif char in _BASE:
            out.append(_BASE[char])
        else:
            raise ReadingError(f"{char!r} is not katakana")
    return out


def romanised(kana: str) -> str:
    """``kana`` (katakana) in Hepburn without macrons, in lower case."""
    syllables = _syllables(kana)
    text = ""
    for index, syllable in enumerate(syllables):
        if syllable == "ッ":
            following = syllables[index + 1] if index + 1 < len(syllables) else ""
            text += "t" if following.startswith("ch") else following[:1]
        else:
            text += syllable
    return _LONG.sub(lambda match: match.group(0)[0], text)


def place_name_en(name: str, kana: str) -> str:
    """A municipality's name in Latin letters without its suffix: 仙台市 センダイシ → ``Sendai``."""
    for reading in SUFFIXES.get(name[-1:], ()):
        if kana.endswith(reading) and len(kana) > len(reading):
            kana = kana[: -len(reading)]
            break
    return romanised(kana).capitalize()
