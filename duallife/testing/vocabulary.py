"""The skill, theme and industry vocabularies in the test database.

``load_vocabulary_for_tests()`` loads the real ``data/vocabulary/*.csv`` (the same service as
``duallife load-vocabulary``) and returns the report. ``make_small_vocabulary()`` writes the few
rows the marketplace tests need (six skills, four themes, one industry group). Both need database
access; call ``forget_vocabulary()`` afterwards, as the rows are rolled back.
"""

from __future__ import annotations

from duallife.vocabulary.models import IndustryGroup, Skill, Theme
from duallife.vocabulary.selectors import skill_vocabulary_invalidate
from duallife.vocabulary.services import VocabularyLoadReport, vocabulary_load

SKILLS = [
    ("web-marketing", "ウェブマーケティング", "Web marketing", "marketing", "Webマーケティング|Webマーケ"),
    ("marketing", "マーケティング", "Marketing", "marketing", "マーケ|マーケター"),
    ("sns-operation", "SNS運用", "Social media management", "marketing", "SNSマーケティング|SNS活用"),
    ("data-analysis", "データ分析", "Data analysis", "data", "データ解析|データアナリティクス"),
    ("product-planning", "商品企画", "Product planning", "product", "商品開発企画"),
    ("ec-operation", "EC運営", "E-commerce operation", "marketing", "ネットショップ運営|EC運用"),
]
THEMES = [
    ("marketing", "マーケティング", "Marketing"),
    ("product-development", "商品開発", "Product development"),
    ("new-business", "新規事業", "New business"),
    ("dx-it", "DX・IT", "DX / IT"),
]


def load_vocabulary_for_tests() -> VocabularyLoadReport:
    return vocabulary_load()


def make_small_vocabulary() -> dict[str, list[str]]:
    """Six skills, four themes and 製造業; returns their keys. Rows written here, not by
    ``vocabulary_load()``: the cached skill vocabulary is dropped like that service does."""
    for position, (key, name, name_en, category, synonyms) in enumerate(SKILLS):
        Skill.objects.create(
            key=key, name=name, name_en=name_en, category=category, synonyms=synonyms, position=position
        )
    for position, (key, name, name_en) in enumerate(THEMES):
        Theme.objects.create(key=key, name=name, name_en=name_en, position=position)
    IndustryGroup.objects.create(code="E", name="製造業", name_en="Manufacturing")
    forget_vocabulary()
    return {"skills": [row[0] for row in SKILLS], "themes": [row[0] for row in THEMES]}


def forget_vocabulary() -> None:
    """Drop the cached skill vocabulary (call after a test that loaded one, as its data is rolled back)."""
    skill_vocabulary_invalidate()
