"""Support programs and the versions of their rules.

A :class:`Program` is one body's support for one fiscal year (April–March), identified by its
slug and year. Its rules are kept as :class:`ProgramVersion` rows: loading a changed file (or,
later, an edit in the product) adds a version; new claims use the latest, decided claims keep the
version they were decided under.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Program(models.Model):
    class Payee(models.TextChoices):
        COMPANY = "company", _("受け入れ企業")
        TALENT = "talent", _("人材")

    slug = models.SlugField(_("識別子"), max_length=80)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    name = models.CharField(_("名称"), max_length=200)
    owner_name = models.CharField(_("実施主体"), max_length=200)
    budget_yen = models.PositiveBigIntegerField(_("予算額（円）"))
    payee = models.CharField(_("支払先"), max_length=8, choices=Payee.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "slug"]
        verbose_name = _("交通費支援の制度")
        verbose_name_plural = _("交通費支援の制度")
        constraints = [models.UniqueConstraint(fields=["slug", "fiscal_year"], name="uniq_program_year")]

    def __str__(self) -> str:
        return f"{self.slug}-{self.fiscal_year}"


class ProgramVersion(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版"))
    #: The rules as loaded (JSON: the file's keys, dates as ISO text); see ``selectors.rules_of``.
    rules = models.JSONField()
    source = models.CharField(_("出典"), max_length=300)
    source_date = models.DateField(_("出典の日付"))
    loaded_from = models.CharField(_("読み込んだファイル"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "-number"]
        verbose_name = _("制度のルールの版")
        verbose_name_plural = _("制度のルールの版")
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="uniq_program_version")]

    def __str__(self) -> str:
        return f"{self.program} v{self.number}"
