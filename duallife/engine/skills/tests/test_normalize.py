"""Worked examples of the normaliser: each line is a 表記ゆれ seen in real postings."""

import pytest

from duallife.engine.skills import compact_key, normalize, normalize_tokens, search_terms, search_text


@pytest.mark.parametrize(
    "variant",
    [
        "Webマーケティング",
        "ウェブマーケティング",
        "Ｗｅｂマーケ",
        "ウエブ・マーケティング",
        "web　まーけ",
        "WEBマーケ",
    ],
)
def test_web_marketing_variants_share_one_form(variant):
    assert normalize(variant) == "ウェブ マーケティング"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ＳＮＳ運用", "SNS 運用"),  # full-width Latin
        ("ｓｎｓ運用", "SNS 運用"),  # full-width lower case
        ("ﾏｰｹﾃｨﾝｸﾞ", "マーケティング"),  # half-width katakana
        ("ＤＸ推進", "DX 推進"),
        ("１０人", "10 人"),  # full-width digits
    ],
)
def test_width_and_case_are_folded(typed, expected):
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("まーけてぃんぐ", "マーケティング"),  # a loanword typed in hiragana
        ("ぱいそん", "PYTHON"),
        ("きんとーん", "KINTONE"),
        ("ｗｅｂまーけの経験", "ウェブ マーケティング の 経験"),  # particle after the loanword stays
    ],
)
def test_hiragana_loanwords_are_read_as_katakana(typed, expected):
    assert normalize(typed) == expected


@pytest.mark.parametrize("typed", ["でも", "だれでも", "ひと"])
def test_native_hiragana_is_not_turned_into_katakana(typed):
    assert not any("\u30a1" <= char <= "\u30fa" for char in normalize(typed))


@pytest.mark.parametrize(
    "typed", ["マ－ケティング", "マ-ケティング", "マ―ケティング", "マ‐ケティング", "ﾏｰｹﾃｨﾝｸﾞ"]
)
def test_dashes_after_katakana_are_long_vowel_marks(typed):
    assert normalize(typed) == "マーケティング"


@pytest.mark.parametrize(("a", "b"), [("サーバ構築", "サーバー構築"), ("コンピュータ", "コンピューター")])
def test_trailing_long_vowel_variants_fold(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("typed", ["UI/UX", "UI・UX", "UI UX", "ui／ux", "UI　UX"])
def test_separators_only_separate(typed):
    assert normalize(typed) == "UI UX"


def test_middle_dot_between_katakana_words_is_dropped():
    assert (
        compact_key("データ・サイエンス")
        == compact_key("データサイエンス")
        == compact_key("データ サイエンス")
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("マーケ", "マーケティング"),
        ("パイソン", "PYTHON"),
        ("デジタルトランスフォーメーション", "DX"),
        ("広報・PR", "広報"),  # PR → 広報, then the repeat is kept once
        ("HR", "人事"),
        ("知財", "知的財産"),
        ("ホームページ制作", "ウェブサイト 制作"),
        ("Ｗｅｂサイト制作", "ウェブサイト 制作"),
    ],
)
def test_project_synonyms_apply_on_top_of_sudachi(typed, expected):
    assert normalize(typed) == expected


def test_synonyms_match_whole_words_only():
    assert normalize("PRO") != normalize("広報O")
    assert "広報" not in normalize("PRO")


@pytest.mark.parametrize(
    ("typed", "expected"), [("C++", "CPLUSPLUS"), ("C#", "CSHARP"), ("Node.js", "NODEJS")]
)
def test_symbol_bearing_names_stay_whole(typed, expected):
    assert normalize(typed) == expected
    assert normalize("C") != normalize(typed)


@pytest.mark.parametrize("blank", ["", "   ", "\u3000", "・・・", "\u200b", "\n\t"])
def test_blank_text_normalises_to_empty(blank):
    assert normalize(blank) == ""
    assert normalize_tokens(blank) == ()
    assert search_terms(blank) == []


def test_zero_width_characters_are_removed():
    assert normalize("Py\u200bthon") == "PYTHON"


def test_long_text_is_tokenised_in_chunks():
    text = "マーケティングの経験を活かしたい。" * 3000  # ~150 KB in UTF-8, above Sudachi's limit
    tokens = normalize_tokens(text)
    assert tokens.count("マーケティング") == 3000


def test_non_str_is_refused():
    with pytest.raises(TypeError):
        normalize(None)


def test_search_terms_drop_particles_and_split_compounds():
    assert search_terms("データ分析の経験") == ["データ", "分析", "経験"]
    assert search_terms("Ｗｅｂマーケ") == ["ウェブ", "マーケティング"]


def test_search_terms_find_rows_written_differently():
    row = search_text("地元の酒蔵", "ウェブマーケティングとデータの分析をお願いしたい")
    for query in ["Webマーケ", "データ分析", "ｳｪﾌﾞ", "酒蔵"]:
        assert all(term in row for term in search_terms(query)), query
    assert not all(term in row for term in search_terms("kintone"))


def test_search_text_skips_blank_parts():
    assert search_text("", "ＳＮＳ", "  ") == "SNS"
