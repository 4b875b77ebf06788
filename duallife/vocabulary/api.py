"""Read-only JSON of the shared vocabularies (skills with their synonyms, themes, industries),
mounted at ``/api/v1/vocabulary/``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from duallife.core.audience import PUBLIC, audience

from .models import IndustryGroup, Skill, Theme

router = Router()


class IndustryOut(Schema):
    code: str = Field(description="日本標準産業分類の大分類（A〜T）")
    name: str
    name_en: str


class SkillOut(Schema):
    key: str
    name: str
    name_en: str
    category: str
    synonyms: list[str]


class ThemeOut(Schema):
    key: str
    name: str
    name_en: str


@router.get(
    "/skills",
    response=list[SkillOut],
    summary="スキル語彙",
    description="正式名と、同じスキルとして扱う同義語・表記ゆれ。仕様書と人材プロフィールで共通です。",
    operation_id="vocabulary_skills",
)
@audience(PUBLIC)
def vocabulary_skills(request: HttpRequest):
    return [
        {
            "key": skill.key,
            "name": skill.name,
            "name_en": skill.name_en,
            "category": skill.category,
            "synonyms": [part.strip() for part in skill.synonyms.split("|") if part.strip()],
        }
        for skill in Skill.objects.order_by("position", "key")
    ]


@router.get(
    "/themes",
    response=list[ThemeOut],
    summary="仕事のテーマ",
    operation_id="vocabulary_themes",
)
@audience(PUBLIC)
def vocabulary_themes(request: HttpRequest):
    return [
        {"key": theme.key, "name": theme.name, "name_en": theme.name_en}
        for theme in Theme.objects.order_by("position", "key")
    ]


@router.get(
    "/industries",
    response=list[IndustryOut],
    summary="産業分類（日本標準産業分類の大分類）",
    operation_id="vocabulary_industries",
)
@audience(PUBLIC)
def vocabulary_industries(request: HttpRequest):
    return [
        {"code": g.code, "name": g.name, "name_en": g.name_en} for g in IndustryGroup.objects.order_by("code")
    ]
