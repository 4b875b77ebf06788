"""Matching free text against the skill vocabulary."""

import pytest

from duallife.engine.skills import MatchVia, ResolvedSkill, SkillRow, SkillVocabulary, VocabularyError


@pytest.mark.parametrize("typed", ["Webマーケティング", "ウェブマーケティング", "Ｗｅｂマーケ"])
def test_the_issue_example_maps_to_one_key(vocabulary, typed):
    found = vocabulary.match(typed)
    assert found is not None
    assert found.key == "web-marketing"
    assert found.name == "ウェブマーケティング"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("ＳＮＳ運用", "sns-operation"),
        ("ｓｎｓ運用", "sns-operation"),
        ("ﾏｰｹﾃｨﾝｸﾞ", "marketing"),
        ("マーケ", "marketing"),
        ("まーけてぃんぐ", "marketing"),
        ("ぱいそん", "python"),
        ("PYTHON", "python"),
        ("ｐｙｔｈｏｎ", "python"),
        ("キントーン", "kintone"),
        ("ＤＸ", "dx"),
        ("デジタルトランスフォーメーション", "dx"),
        ("ＰＲ", "pr"),
        ("広報", "pr"),
        ("HR", "hr"),
        ("UI・UX", "ui-ux-design"),
        ("ui ux", "ui-ux-design"),
        ("ホームページ制作", "website-production"),
        ("HP制作", "website-production"),
        ("六次産業化", "sixth-sector"),
        ("知財", "intellectual-property"),
        ("マ－ケティング", "marketing"),
        ("Marketing", "marketing"),  # English names match too
        ("Data analysis", "data-analysis"),
    ],
)
def test_variants_match_their_skill(vocabulary, typed, key):
    found = vocabulary.match(typed)
    assert found is not None, typed
    assert found.key == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [("でーたぶんせき", "data-analysis"), ("えくせる", "excel"), ("じゃばすくりぷと", "javascript")],
)
def test_kana_only_input_matches_by_reading(vocabulary, typed, key):
    found = vocabulary.match(typed)
    assert found is not None
    assert found.key == key
    assert found.via is MatchVia.READING


def test_match_says_how_it_matched(vocabulary):
    assert vocabulary.match("ウェブマーケティング").via is MatchVia.NAME
    assert vocabulary.match("Webマーケ").via is MatchVia.NAME  # normalises to the name itself
    assert vocabulary.match("ネットマーケティング").via is MatchVia.SYNONYM
    assert vocabulary.match("Web marketing").via is MatchVia.NAME


@pytest.mark.parametrize("typed", ["藍染め職人", "Haskell", "ドローン空撮", "酒蔵ツーリズムの企画"])
def test_unknown_skills_stay_free(vocabulary, typed):
    assert vocabulary.match(typed) is None
    resolved = vocabulary.resolve(typed)
    assert resolved.is_free
    assert resolved.key is None
    assert resolved.label == typed
    assert resolved.normalized


@pytest.mark.parametrize("typed", ["", "   ", None, "あ" * 500])
def test_blank_or_oversized_text_never_matches(vocabulary, typed):
    assert vocabulary.match(typed) is None


def test_resolve_keeps_the_typed_text_and_the_canonical_name(vocabulary):
    resolved = vocabulary.resolve("  Ｗｅｂマーケ ")
    assert resolved == ResolvedSkill(
        text="Ｗｅｂマーケ",
        normalized="ウェブ マーケティング",
        key="web-marketing",
        name="ウェブマーケティング",
    )
    assert resolved.label == "ウェブマーケティング"


def test_match_many_deduplicates_and_keeps_order(vocabulary):
    resolved = vocabulary.match_many(
        ["Ｗｅｂマーケ", "", "藍染め", "ウェブマーケティング", "Python", "藍染め ", "ぱいそん"]
    )
    assert [(r.key, r.label) for r in resolved] == [
        ("web-marketing", "ウェブマーケティング"),
        (None, "藍染め"),
        ("python", "Python"),
    ]


def test_search_terms_use_the_canonical_name_of_a_named_skill(vocabulary):
    assert vocabulary.search_terms("でーたぶんせき") == ["データ", "分析"]
    assert vocabulary.search_terms("キントーン") == ["KINTONE"]
    assert vocabulary.search_terms("酒蔵の新商品") == ["酒蔵", "新商品"]


def test_lookup_by_key(vocabulary):
    assert "python" in vocabulary
    assert vocabulary.get("python").name == "Python"
    assert vocabulary.get("nope") is None
    assert len(vocabulary) == len(list(vocabulary))


def test_two_skills_sharing_a_synonym_are_refused():
    rows = [
        SkillRow(key="web-marketing", name="ウェブマーケティング", synonyms=("ネット集客",)),
        SkillRow(key="web-advertising", name="Web広告", synonyms=("ネット集客",)),
    ]
    with pytest.raises(VocabularyError, match="ネット集客"):
        SkillVocabulary(tuple(rows))


def test_a_synonym_equal_to_another_skills_name_after_normalisation_is_refused():
    rows = [
        SkillRow(key="marketing", name="マーケティング"),
        SkillRow(key="promotion", name="販売促進", synonyms=("ﾏｰｹ",)),
    ]
    with pytest.raises(VocabularyError, match="marketing"):
        SkillVocabulary(tuple(rows))


def test_duplicate_keys_and_bad_keys_are_refused():
    with pytest.raises(VocabularyError):
        SkillVocabulary((SkillRow(key="a", name="A"), SkillRow(key="a", name="B")))
    with pytest.raises(VocabularyError):
        SkillRow(key="Web Marketing", name="ウェブマーケティング")
    with pytest.raises(VocabularyError):
        SkillRow(key="web", name=" ")


def test_from_rows_accepts_csv_dicts():
    vocabulary = SkillVocabulary.from_rows(
        [
            {
                "key": "kintone",
                "name": "kintone",
                "name_en": "kintone",
                "category": "it",
                "synonyms": "キントーン| |",
            }
        ]
    )
    assert vocabulary.get("kintone").synonyms == ("キントーン",)
    assert vocabulary.match("きんとーん").key == "kintone"


def test_ambiguous_readings_match_neither_skill():
    vocabulary = SkillVocabulary(
        (SkillRow(key="kouhou-a", name="広報"), SkillRow(key="kouhou-b", name="公報"))
    )
    assert vocabulary.match("こうほう") is None
    assert vocabulary.match("広報").key == "kouhou-a"
