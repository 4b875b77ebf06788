"""Stored recommendations, both ways: the sheets that fit a talent, the talents that fit a sheet.

Rows are derived data: the engine (:mod:`duallife.engine.recommend`) computes them, the services in
:mod:`.services` replace them when a profile or a sheet changes (after commit, through Celery) and
every night for everyone. Each list keeps its best :data:`KEEP` entries, so the pages can filter
without computing anything.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: How many entries each list keeps (pages filter within them).
KEEP = 50


class SheetRecommendation(models.Model):
    """One sheet in a talent's "あなたへのおすすめ" list (congestion-aware score)."""

    talent = models.ForeignKey(
        "talents.TalentProfile", on_delete=models.CASCADE, related_name="sheet_recommendations"
    )
    sheet = models.ForeignKey("postings.SpecSheet", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("スコア"))
    reasons = models.JSONField(_("理由"), default=list)
    computed_at = models.DateTimeField(_("計算日時"))

    class Meta:
        verbose_name = _("おすすめの仕様書")
        verbose_name_plural = _("おすすめの仕様書")
        constraints = [models.UniqueConstraint(fields=["talent", "sheet"], name="uniq_sheet_recommendation")]
        indexes = [models.Index(fields=["talent", "-score", "sheet"])]

    def __str__(self) -> str:
        return f"{self.talent_id} → {self.sheet_id} ({self.score:.3f})"


class TalentRecommendation(models.Model):
    """One talent in a sheet's "この仕様書に合う人材" list (plain fit, no congestion).

    Holds only profiles that are not private; who may see which row is decided again at read time
    (:func:`duallife.talents.permissions.visible_talents`)."""

    sheet = models.ForeignKey(
        "postings.SpecSheet", on_delete=models.CASCADE, related_name="talent_recommendations"
    )
    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("スコア"))
    reasons = models.JSONField(_("理由"), default=list)
    computed_at = models.DateTimeField(_("計算日時"))

    class Meta:
        verbose_name = _("仕様書に合う人材")
        verbose_name_plural = _("仕様書に合う人材")
        constraints = [models.UniqueConstraint(fields=["sheet", "talent"], name="uniq_talent_recommendation")]
        indexes = [models.Index(fields=["sheet", "-score", "talent"])]

    def __str__(self) -> str:
        return f"{self.sheet_id} → {self.talent_id} ({self.score:.3f})"
