"""Stored recommendations, both ways: the sheets that fit a talent, the talents that fit a sheet.

Rows are derived data: the engine (:mod:`duallife.engine.recommend`) computes them, the services in
:mod:`.services` replace them when a profile or a sheet changes (after commit, through Celery) and
every night for everyone. Each list keeps its best :data:`KEEP` entries, so the pages can filter
without computing anything.
"""

from __future__ import annotations

from django.conf import settings
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
    reasons = models.JSONField(
        _("理由"), default=list, help_text=_("おすすめの理由のコードと値（表示するときに言葉にします）")
    )
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
    reasons = models.JSONField(
        _("理由"), default=list, help_text=_("おすすめの理由のコードと値（表示するときに言葉にします）")
    )
    computed_at = models.DateTimeField(_("計算日時"))

    class Meta:
        verbose_name = _("仕様書に合う人材")
        verbose_name_plural = _("仕様書に合う人材")
        constraints = [models.UniqueConstraint(fields=["sheet", "talent"], name="uniq_talent_recommendation")]
        indexes = [models.Index(fields=["sheet", "-score", "talent"])]

    def __str__(self) -> str:
        return f"{self.sheet_id} → {self.talent_id} ({self.score:.3f})"


# --- Saved searches and the weekly digest ------------------------------------------------------

#: How many saved searches one person may keep.
SAVED_SEARCHES_MAX = 20


class SavedSearch(models.Model):
    """A listing's conditions saved under a name, to run again or to get new matches weekly.

    ``query`` holds the listing's GET parameters (strings, as the listing reads them), checked by the
    listing's own form when saved: sheets (``/sheets/``) or talents (``/talents/``). ``digest`` is the
    person's opt-in to the weekly email of new matches (off unless they turn it on)."""

    class Kind(models.TextChoices):
        SHEETS = "sheets", _("案件")
        TALENTS = "talents", _("人材")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    kind = models.CharField(_("種類"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("名前"), max_length=60)
    query = models.JSONField(_("条件"), default=dict, blank=True)
    digest = models.BooleanField(_("週次ダイジェスト"), default=False)
    last_digest_at = models.DateTimeField(_("前回のダイジェスト"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("保存した検索条件")
        verbose_name_plural = _("保存した検索条件")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="uniq_saved_search_name")]
        indexes = [models.Index(fields=["digest", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.name} ({self.kind})"


class DigestSubscription(models.Model):
    """A company member's opt-in to the weekly digest of new talents fitting the company's open sheets."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    last_digest_at = models.DateTimeField(_("前回のダイジェスト"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("人材の週次ダイジェストの受け取り")
        verbose_name_plural = _("人材の週次ダイジェストの受け取り")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="uniq_digest_subscription")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ← {self.organization_id}"


class DigestLog(models.Model):
    """One row per person and week once their weekly digest was handled: a second run in the same
    week finds it and sends nothing (the unique constraint holds even for two runs at once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("週（月曜日）"))
    items = models.PositiveIntegerField(_("件数"), default=0)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("週次ダイジェストの送信記録")
        verbose_name_plural = _("週次ダイジェストの送信記録")
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="uniq_digest_week")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}: {self.items}"


class DigestMention(models.Model):
    """A talent already named in someone's digest: each talent is news to a person once."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "talent"], name="uniq_digest_mention")]

    def __str__(self) -> str:
        return f"{self.recipient_id} ← {self.talent_id}"
