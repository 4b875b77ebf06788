"""Shared vocabularies: skills (with synonyms and 表記ゆれ), themes, industry major groups.

Loaded from ``data/vocabulary/*.csv`` by ``duallife load-vocabulary``; matching and normalisation
live in the pure engine (``duallife.engine.skills``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Skill(models.Model):
    key = models.SlugField(_("識別子"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英語名"), max_length=80)
    category = models.CharField(_("分類"), max_length=40)
    synonyms = models.TextField(_("同義語・表記ゆれ"), blank=True, help_text=_("| 区切り"))
    position = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("スキル")
        verbose_name_plural = _("スキル")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    key = models.SlugField(_("識別子"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英語名"), max_length=80)
    position = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("テーマ")
        verbose_name_plural = _("テーマ")

    def __str__(self) -> str:
        return self.name


class IndustryGroup(models.Model):
    """日本標準産業分類の大分類 (A–T)."""

    code = models.CharField(_("大分類コード"), max_length=1, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英語名"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("産業分類（大分類）")
        verbose_name_plural = _("産業分類（大分類）")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
