"""Talent profiles: Tokyo-area professionals (and U-turn candidates) offering their skills.

Contact details (email, phone, full name) never reach a company before mutual consent; what a
company may see is decided by ``visibility`` and by the consent records of later issues.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkStyle(models.TextChoices):
    REMOTE = "remote", _("リモートのみ")
    HYBRID = "hybrid", _("リモート中心＋現地訪問")
    ONSITE = "onsite", _("現地中心")


class TalentProfile(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("公開（表示名で公開）")
        ANONYMOUS = "anonymous", _("企業にのみ公開（氏名・連絡先は非表示）")
        PRIVATE = "private", _("非公開")

    class Motive(models.TextChoices):
        REGIONAL_CONTRIBUTION = "regional_contribution", _("地域貢献")
        SKILL_UP = "skill_up", _("スキルアップ")
        INCOME = "income", _("収入")
        GIVE_BACK = "give_back", _("地元への恩返し")
        CONSIDER_MOVING = "consider_moving", _("移住の検討")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent")
    family_name = models.CharField(_("姓"), max_length=40)
    given_name = models.CharField(_("名"), max_length=40)
    family_name_kana = models.CharField(_("セイ"), max_length=80)
    given_name_kana = models.CharField(_("メイ"), max_length=80)
    display_name = models.CharField(_("表示名"), max_length=40)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    home_prefecture = models.ForeignKey(
        "regions.Prefecture", on_delete=models.PROTECT, related_name="+", verbose_name=_("お住まいの都道府県")
    )
    home_municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("お住まいの市区町村"),
    )
    hometown_prefecture = models.ForeignKey(
        "regions.Prefecture",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("出身地（都道府県）"),
    )
    hometown_municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("出身地（市区町村）"),
    )
    current_job = models.CharField(_("現在の仕事"), max_length=100, blank=True)
    current_industry = models.ForeignKey(
        "vocabulary.IndustryGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("現在の業種"),
    )
    themes = models.ManyToManyField("vocabulary.Theme", blank=True, verbose_name=_("関心のあるテーマ"))
    days_per_month = models.PositiveSmallIntegerField(_("月に使える日数"), null=True, blank=True)
    work_style = models.CharField(
        _("希望する働き方"), max_length=8, choices=WorkStyle.choices, default=WorkStyle.REMOTE
    )
    visits_per_month = models.PositiveSmallIntegerField(_("月の現地訪問回数"), default=0)
    desired_monthly_fee_yen = models.PositiveIntegerField(_("希望月額報酬（円）"), null=True, blank=True)
    accepts_pro_bono = models.BooleanField(_("プロボノ（無償）の仕事も受ける"), default=False)
    prefectures_of_interest = models.ManyToManyField(
        "regions.Prefecture", blank=True, related_name="+", verbose_name=_("関心のある県")
    )
    motives = models.JSONField(_("動機"), default=list, blank=True)
    self_introduction = models.TextField(_("自己紹介"), blank=True)
    visibility = models.CharField(
        _("公開範囲"), max_length=10, choices=Visibility.choices, default=Visibility.ANONYMOUS
    )
    in_company_digests = models.BooleanField(
        _("企業・自治体への「新しく合う人材」のお知らせに載ってよい"), default=False
    )
    search_text = models.TextField(editable=False, blank=True, help_text="normalised text for search")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("人材プロフィール")
        verbose_name_plural = _("人材プロフィール")
        indexes = [models.Index(fields=["visibility"])]

    def __str__(self) -> str:
        return self.display_name


class TalentSkill(models.Model):
    class Level(models.IntegerChoices):
        BASIC = 1, _("基礎")
        PRACTICAL = 2, _("実務")
        LEAD = 3, _("リード・指導")
        EXPERT = 4, _("専門家")

    talent = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("vocabulary.Skill", on_delete=models.PROTECT, null=True, blank=True)
    free_text = models.CharField(_("スキル（自由記述）"), max_length=60, blank=True)
    normalized = models.CharField(max_length=120, editable=False)
    years = models.PositiveSmallIntegerField(_("経験年数"), default=0)
    level = models.PositiveSmallIntegerField(_("レベル"), choices=Level.choices, default=Level.PRACTICAL)

    class Meta:
        verbose_name = _("スキル")
        verbose_name_plural = _("スキル")
        constraints = [models.UniqueConstraint(fields=["talent", "normalized"], name="uniq_talent_skill")]

    def __str__(self) -> str:
        return str(self.skill or self.free_text)
