"""The vocabulary CSV files are consistent: every name and synonym finds its own skill."""

from collections import defaultdict

import jaconv

from duallife.engine.skills import compact_key, parse_industry_rows, parse_theme_rows
from duallife.engine.skills.testing import read_csv


def _texts(row):
    return [row.name, *([row.name_en] if row.name_en else []), *row.synonyms]


def test_there_are_about_120_skills_in_known_categories(skill_rows):
    assert 110 <= len(skill_rows) <= 200
    categories = {row.category for row in skill_rows}
    assert categories <= {
        "marketing", "ec", "product", "business", "sales", "finance", "hr", "pr", "design", "it",
        "manufacturing", "global", "language", "regional", "legal",
    }  # fmt: skip
    assert all(row.name_en for row in skill_rows)


def test_every_name_and_synonym_maps_to_its_own_skill(skill_rows, vocabulary):
    wrong = []
    for row in skill_rows:
        for text in _texts(row):
            found = vocabulary.match(text)
            if found is None or found.key != row.key:
                wrong.append((row.key, text, found and found.key))
    assert wrong == []


def test_no_synonym_maps_to_two_skills(skill_rows):
    owners = defaultdict(set)
    for row in skill_rows:
        for text in _texts(row):
            owners[compact_key(text)].add(row.key)
    assert {key: keys for key, keys in owners.items() if len(keys) > 1} == {}


def test_full_width_spellings_of_every_name_match_too(skill_rows, vocabulary):
    wrong = []
    for row in skill_rows:
        for text in _texts(row):
            wide = jaconv.h2z(text, kana=True, ascii=True, digit=True)
            found = vocabulary.match(wide)
            if found is None or found.key != row.key:
                wrong.append((row.key, wide))
    assert wrong == []


def test_themes_cover_the_issue_list():
    themes = parse_theme_rows(read_csv("themes.csv"))
    names = {theme.name for theme in themes}
    assert {"マーケティング", "商品開発", "新規事業", "営業戦略", "DX/IT", "人事", "財務", "広報"} <= names
    assert all(theme.name_en for theme in themes)


def test_industries_are_the_twenty_major_groups_a_to_t():
    industries = parse_industry_rows(read_csv("industries.csv"))
    assert [row.code for row in industries] == [chr(code) for code in range(ord("A"), ord("T") + 1)]
    by_code = {row.code: row.name for row in industries}
    assert by_code["E"] == "製造業"
    assert by_code["M"] == "宿泊業、飲食サービス業"
    assert all(row.name_en for row in industries)
