"""Place names from their readings: Hepburn without macrons, as the places sign themselves."""

from __future__ import annotations

import pytest

from duallife.engine.romaji import ReadingError, place_name_en, romanised

OFFICIAL = [
    ("仙台市", "センダイシ", "Sendai"),
    ("南三陸町", "ミナミサンリクチョウ", "Minamisanriku"),
    ("大崎市", "オオサキシ", "Osaki"),  # おお: o
    ("郡山市", "コオリヤマシ", "Koriyama"),
    ("新庄市", "シンジョウシ", "Shinjo"),  # じょう: jo
    ("会津若松市", "アイヅワカマツシ", "Aizuwakamatsu"),  # づ: zu
    ("一関市", "イチノセキシ", "Ichinoseki"),
    ("六ヶ所村", "ロッカショムラ", "Rokkasho"),  # っ doubles, しょ sho
    ("八峰町", "ハッポウチョウ", "Happo"),
    ("妙高市", "ミョウコウシ", "Myoko"),
    ("上越市", "ジョウエツシ", "Joetsu"),
    ("奥州市", "オウシュウシ", "Oshu"),
    ("七ヶ宿町", "シチカシュクマチ", "Shichikashuku"),
    ("南相馬市", "ミナミソウマシ", "Minamisoma"),
    ("天栄村", "テンエイムラ", "Tenei"),
    ("大内村", "オオウチムラ", "Ouchi"),  # おお then うち: not o-o-u
]


@pytest.mark.parametrize(("name", "kana", "english"), OFFICIAL)
def test_places_are_named_as_they_sign_themselves(name, kana, english):
    assert place_name_en(name, kana) == english


def test_the_suffix_goes_only_when_the_reading_ends_with_it():
    assert place_name_en("町", "マチ") == "Machi"  # nothing would be left
    assert place_name_en("東京都特別区部", "トウキョウトトクベツクブ") == "Tokyototokubetsukubu"


@pytest.mark.parametrize(
    ("kana", "latin"),
    [
        ("マッチ", "matchi"),
        ("キャンプ", "kyanpu"),
        ("チャ", "cha"),
        ("ジュ", "ju"),
        ("フィルム", "firumu"),
        ("ラーメン", "ramen"),
        ("ヴ", "vu"),
    ],
)
def test_small_kana_and_long_marks(kana, latin):
    assert romanised(kana) == latin


@pytest.mark.parametrize("kana", ["せんだい", "Sendai", "仙台"])
def test_anything_but_katakana_is_refused(kana):
    with pytest.raises(ReadingError, match="is not katakana"):
        romanised(kana)
