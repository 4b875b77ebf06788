"""The English name of each place of a pack (``municipalities.csv``'s ``name_en``): generated
from the reading by :func:`duallife.engine.romaji.place_name_en`, except where the reading in the
official list would give a wrong one. ``scripts/romanise_places.py`` writes the column; a test
holds every pack to it."""

from __future__ import annotations

from duallife.engine.romaji import place_name_en

#: Names the reading does not give, with why.
HAND_WRITTEN = {
    # not a municipality: Tokyo's 23 special wards, the report's origin
    "131008": "Tokyo 23 wards",
    # the official list writes the reading シヨウナイマチ with a full-size ヨ (say ショウナイ)
    "064289": "Shonai",
    # the same: 行田 ギヨウダ, 本庄 ホンジヨウ, 羽生 ハニユウ, 九十九里 クジユウクリ, 御宿 オンジユク
    "112062": "Gyoda",
    "112119": "Honjo",
    "112160": "Hanyu",
    "124036": "Kujukuri",
    "124435": "Onjuku",
    # two places of one prefecture read alike: the kind of place tells them apart, as they sign it
    "112372": "Misato City",
    "113816": "Misato Town",
    "131164": "Toshima City",
    "133621": "Toshima Village",
}


def english_name(code: str, name: str, kana: str) -> str:
    """The name English pages show for the place ``code`` (仙台市 → ``Sendai``)."""
    return HAND_WRITTEN.get(code) or place_name_en(name, kana)
