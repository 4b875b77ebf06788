"""Region and life information: places, access to Tokyo, rents, indicators, support programs.

Every figure that comes from a region pack keeps the pack's source and the year it describes.
Places are identified by official codes: prefectures by JIS X 0401 (2 digits), municipalities
by the 全国地方公共団体コード (6 digits with check digit).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionPack(models.Model):
    slug = models.SlugField(_("識別子"), unique=True)
    version = models.CharField(_("版"), max_length=40)
    title = models.CharField(_("名称"), max_length=200)
    checksum = models.CharField(_("チェックサム"), max_length=64)
    loaded_at = models.DateTimeField(_("読込日時"), auto_now=True)

    class Meta:
        verbose_name = _("地域パック")
        verbose_name_plural = _("地域パック")

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Source(models.Model):
    """A cited source of figures (a statistics table, a fare search, a report)."""

    pack = models.ForeignKey(RegionPack, on_delete=models.CASCADE, related_name="sources")
    key = models.SlugField(_("識別子"), max_length=80)
    title = models.CharField(_("名称"), max_length=300)
    publisher = models.CharField(_("発行者"), max_length=200)
    url = models.URLField(_("URL"), blank=True)
    published = models.CharField(_("公表時期"), max_length=40, help_text=_("例: 2021-03"))
    note = models.TextField(_("注記"), blank=True)

    class Meta:
        verbose_name = _("出典")
        verbose_name_plural = _("出典")
        constraints = [models.UniqueConstraint(fields=["pack", "key"], name="uniq_source_key_per_pack")]

    def __str__(self) -> str:
        return f"{self.publisher}「{self.title}」"


class Prefecture(models.Model):
    code = models.CharField(_("都道府県コード"), max_length=2, unique=True)
    lg_code = models.CharField(_("地方公共団体コード"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=10)
    name_kana = models.CharField(_("読み"), max_length=20)
    name_en = models.CharField(_("英語名"), max_length=20)
    pack = models.ForeignKey(
        RegionPack,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prefectures",
        help_text=_("この都道府県を対象地域として扱う地域パック"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("都道府県")
        verbose_name_plural = _("都道府県")

    def __str__(self) -> str:
        return self.name

    @property
    def in_pack(self) -> bool:
        return self.pack_id is not None


class Municipality(models.Model):
    class Role(models.TextChoices):
        PACK = "pack", _("対象地域")
        COMPARISON = "comparison", _("比較都市")
        REFERENCE = "reference", _("基準地")
        ORIGIN = "origin", _("出発地（東京圏）")

    code = models.CharField(_("地方公共団体コード"), max_length=6, unique=True)
    prefecture = models.ForeignKey(Prefecture, on_delete=models.PROTECT, related_name="municipalities")
    name = models.CharField(_("名称"), max_length=40)
    name_kana = models.CharField(_("読み"), max_length=80)
    #: Hepburn without macrons, without the 市/町/村 (``Minamisanriku``): shown on English pages.
    name_en = models.CharField(_("英語名"), max_length=60, blank=True)
    role = models.CharField(_("区分"), max_length=12, choices=Role.choices, default=Role.PACK)
    is_capital = models.BooleanField(_("県庁所在地"), default=False)
    #: The place whose fares and travel times this place uses (ADR 0018): its prefecture's capital
    #: by default, itself for a place with its own routes, the reference for a Tokyo-area origin.
    gateway = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="served",
        verbose_name=_("経由地"),
        help_text=_("運賃と所要時間を使う地域（既定は県庁所在地）"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("市区町村")
        verbose_name_plural = _("市区町村")

    def __str__(self) -> str:
        return f"{self.prefecture.name}{self.name}" if self.role != self.Role.REFERENCE else self.name


class Route(models.Model):
    """Access between two places: one-way time and round-trip fare, with its source."""

    origin = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="routes_out")
    destination = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="routes_in")
    mode = models.CharField(_("交通手段"), max_length=40)
    one_way_minutes = models.PositiveIntegerField(_("片道時間（分）"))
    round_trip_fare_yen = models.PositiveIntegerField(_("往復運賃（円）"))
    note = models.CharField(_("注記"), max_length=200, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年"))

    class Meta:
        verbose_name = _("交通アクセス")
        verbose_name_plural = _("交通アクセス")
        constraints = [
            models.UniqueConstraint(fields=["origin", "destination", "mode"], name="uniq_route"),
        ]

    def __str__(self) -> str:
        return f"{self.origin.name}–{self.destination.name} ({self.mode})"


class RentBenchmark(models.Model):
    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="rent")
    monthly_rent_yen = models.PositiveIntegerField(_("月額家賃（円）"))
    definition = models.CharField(_("定義"), max_length=200)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年"))

    class Meta:
        verbose_name = _("家賃の目安")
        verbose_name_plural = _("家賃の目安")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.monthly_rent_yen}"


class Indicator(models.Model):
    key = models.SlugField(_("識別子"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英語名"), max_length=100)
    unit = models.CharField(_("単位"), max_length=20)
    definition = models.CharField(_("定義"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("指標")
        verbose_name_plural = _("指標")

    def __str__(self) -> str:
        return self.name


class PrefectureIndicator(models.Model):
    prefecture = models.ForeignKey(Prefecture, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("値"), max_digits=12, decimal_places=2)
    national_rank = models.PositiveSmallIntegerField(_("全国順位"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年"))

    class Meta:
        verbose_name = _("都道府県の指標")
        verbose_name_plural = _("都道府県の指標")
        constraints = [
            models.UniqueConstraint(fields=["prefecture", "indicator"], name="uniq_prefecture_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.prefecture_id}/{self.indicator_id}: {self.value}"


class Industry(models.Model):
    key = models.SlugField(_("識別子"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英語名"), max_length=100)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    definition = models.CharField(_("定義"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("産業")
        verbose_name_plural = _("産業")

    def __str__(self) -> str:
        return self.name


class IndustryEmployment(models.Model):
    """Workers by industry in an area: a prefecture, or an aggregate (全国, 東北)."""

    area_key = models.CharField(_("地域識別子"), max_length=20)
    area_name = models.CharField(_("地域名"), max_length=20)
    prefecture = models.ForeignKey(
        Prefecture, on_delete=models.CASCADE, null=True, blank=True, related_name="industry_employment"
    )
    industry = models.ForeignKey(Industry, on_delete=models.CASCADE, related_name="employment")
    workers_thousands = models.PositiveIntegerField(_("就業者数（千人）"))
    share_percent = models.DecimalField(_("構成比（%）"), max_digits=5, decimal_places=1)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年"))

    class Meta:
        verbose_name = _("産業別就業者")
        verbose_name_plural = _("産業別就業者")
        constraints = [
            models.UniqueConstraint(fields=["area_key", "industry", "year"], name="uniq_industry_employment"),
        ]

    def __str__(self) -> str:
        return f"{self.area_name} {self.industry_id} {self.year}: {self.workers_thousands}"


class NetMigration(models.Model):
    """Monthly net in-migration (転入超過数) of a prefecture; negative means net out-migration."""

    prefecture = models.ForeignKey(Prefecture, on_delete=models.CASCADE, related_name="net_migration")
    year = models.PositiveIntegerField(_("年"))
    month = models.PositiveSmallIntegerField(_("月"))
    net_migrants = models.IntegerField(_("転入超過数（人）"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["year", "month"]
        verbose_name = _("転入超過数")
        verbose_name_plural = _("転入超過数")
        constraints = [
            models.UniqueConstraint(fields=["prefecture", "year", "month"], name="uniq_net_migration"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}: {self.net_migrants}"


class SupportProgram(models.Model):
    """A relocation or dual-life support program offered by a prefecture or municipality."""

    class Category(models.TextChoices):
        RELOCATION_GRANT = "relocation_grant", _("移住支援金")
        TRIAL_STAY = "trial_stay", _("お試し居住")
        COWORKING = "coworking", _("コワーキング・サテライトオフィス")
        TRAVEL = "travel", _("交通費補助")
        HOUSING = "housing", _("住まいの支援")
        SIDE_JOB = "side_job", _("副業・兼業人材の活用支援")
        OTHER = "other", _("その他")

    prefecture = models.ForeignKey(Prefecture, on_delete=models.CASCADE, related_name="support_programs")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="support_programs",
        help_text=_("空欄なら都道府県全体の制度"),
    )
    owner = models.CharField(_("実施主体"), max_length=100)
    category = models.CharField(_("種類"), max_length=20, choices=Category.choices)
    name = models.CharField(_("制度名"), max_length=200)
    summary = models.TextField(_("概要"))
    amount_yen = models.PositiveIntegerField(_("上限額（円）"), null=True, blank=True)
    amount_note = models.CharField(_("金額の補足"), max_length=200, blank=True)
    conditions = models.TextField(_("主な条件"), blank=True)
    url = models.URLField(_("詳細ページ"), blank=True)
    is_published = models.BooleanField(_("公開"), default=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["prefecture__code", "municipality__code", "category", "name"]
        verbose_name = _("支援制度")
        verbose_name_plural = _("支援制度")

    def __str__(self) -> str:
        return self.name
