"""Organisations on the platform and who belongs to them.

- a company (地域企業) posts spec sheets;
- a coordinator body (自治体・支援機関) reviews sheets in its scope and presents its region;
- the secretariat (事務局) operates the platform across all prefectures.

A person's roles come from memberships: a member of a company is a company member, of a
coordinator body a coordinator, of the secretariat an operator. A talent is a user with a
talent profile (``duallife.talents``). One person may hold several roles.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VerificationMethod(models.TextChoices):
    """How a company came to be shown as 確認済み."""

    REGISTRY = "registry", _("国税庁の公表データとの照合")
    MANUAL = "manual", _("担当者による確認")


class VerificationOutcome(models.TextChoices):
    """The last automatic comparison of a company with the published 法人番号 data."""

    MATCHED = "matched", _("一致")
    NO_NUMBER = "no_number", _("法人番号なし")
    REGISTRY_EMPTY = "registry_empty", _("公表データ未読込")
    NOT_FOUND = "not_found", _("公表データに見つからない")
    CLOSED = "closed", _("登記記録の閉鎖")
    NAME_MISMATCH = "name_mismatch", _("商号が不一致")
    PLACE_MISMATCH = "place_mismatch", _("所在地が不一致")
    NAME_AND_PLACE_MISMATCH = "name_and_place_mismatch", _("商号と所在地が不一致")


class Organization(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("企業")
        COORDINATOR = "coordinator", _("自治体・支援機関")
        SECRETARIAT = "secretariat", _("事務局")

    kind = models.CharField(_("種類"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=120)
    name_kana = models.CharField(_("名称（カナ）"), max_length=200, blank=True)
    slug = models.SlugField(_("URL用の識別子"), max_length=80, unique=True)
    prefecture = models.ForeignKey(
        "regions.Prefecture",
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("都道府県"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("市区町村"),
    )
    is_active = models.BooleanField(_("有効"), default=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    # A company's verification (確認済み): set by the services in ``services/verification.py`` only.
    verified_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    verification_method = models.CharField(
        _("確認の方法"), max_length=12, choices=VerificationMethod.choices, blank=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("確認した担当者"),
    )
    #: The last comparison with the published 法人番号 data (a code of ``VerificationOutcome``) and
    #: what the data said (``registered_name``, ``registered_place``, ``closed_on``, ``data_date``),
    #: worded for the company when read (``organizations/texts.py``).
    verification_outcome = models.CharField(
        _("照合の結果"), max_length=24, choices=VerificationOutcome.choices, blank=True
    )
    verification_detail = models.JSONField(_("照合の詳細"), default=dict, blank=True)
    verification_checked_at = models.DateTimeField(_("照合日時"), null=True, blank=True)
    #: Set when staff took the badge away: an automatic comparison does not give it back until
    #: the company changes its number, name or place, or staff confirm it by hand.
    verification_revoked_at = models.DateTimeField(_("確認の取消日時"), null=True, blank=True)

    class Meta:
        ordering = ["prefecture__code", "name"]
        verbose_name = _("組織")
        verbose_name_plural = _("組織")
        indexes = [models.Index(fields=["kind", "prefecture"])]

    def __str__(self) -> str:
        return self.name


class CompanyProfile(models.Model):
    """What a company tells outsiders: facts, and its vision and appeal (shortage ③)."""

    class Size(models.TextChoices):
        XS = "1-5", _("1〜5人")
        S = "6-20", _("6〜20人")
        M = "21-50", _("21〜50人")
        L = "51-100", _("51〜100人")
        XL = "101-300", _("101〜300人")
        XXL = "301+", _("301人以上")

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="company")
    corporate_number = models.CharField(_("法人番号"), max_length=13, blank=True)
    industry = models.ForeignKey(
        "vocabulary.IndustryGroup", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("業種")
    )
    size = models.CharField(_("従業員規模"), max_length=8, choices=Size.choices, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("創業年"), null=True, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    summary = models.CharField(_("ひとことで言うと"), max_length=200, blank=True)
    vision = models.TextField(_("ビジョン"), blank=True)
    strategy = models.TextField(_("戦略・これから取り組むこと"), blank=True)
    region_meaning = models.TextField(_("地域との関わり"), blank=True)
    appeal = models.TextField(_("外部人材にとっての魅力"), blank=True)
    top_message = models.TextField(_("代表者メッセージ"), blank=True)
    top_name = models.CharField(_("代表者名"), max_length=60, blank=True)
    top_title = models.CharField(_("代表者の役職"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("企業プロフィール")
        verbose_name_plural = _("企業プロフィール")

    def __str__(self) -> str:
        return str(self.organization)


class CoordinatorProfile(models.Model):
    """A coordinator body and its region strategy page ("Plan" in the report's 4P)."""

    class BodyType(models.TextChoices):
        PREFECTURE = "prefecture", _("県")
        MUNICIPALITY = "municipality", _("市町村")
        PRO_TALENT_CENTER = "pro_talent_center", _("プロフェッショナル人材戦略拠点")
        CHAMBER = "chamber", _("商工会議所・商工会")
        REGIONAL_BANK = "regional_bank", _("地域金融機関")
        OTHER = "other", _("その他の支援機関")

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="coordinator")
    body_type = models.CharField(_("種別"), max_length=20, choices=BodyType.choices)
    contact_email = models.EmailField(_("連絡先メール"), blank=True)
    contact_phone = models.CharField(_("連絡先電話"), max_length=20, blank=True)
    contact_url = models.URLField(_("窓口のページ"), blank=True)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    region_vision = models.TextField(_("地域のビジョン"), blank=True)
    talent_needed = models.TextField(_("求める人材"), blank=True)

    class Meta:
        verbose_name = _("自治体・支援機関プロフィール")
        verbose_name_plural = _("自治体・支援機関プロフィール")

    def __str__(self) -> str:
        return str(self.organization)


class CoordinatorScope(models.Model):
    """An area a coordinator body looks after: a whole prefecture, or one municipality."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="scopes")
    prefecture = models.ForeignKey("regions.Prefecture", on_delete=models.PROTECT, verbose_name=_("都道府県"))
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("市区町村")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("付与日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("担当地域")
        verbose_name_plural = _("担当地域")
        constraints = [
            models.UniqueConstraint(fields=["organization", "prefecture", "municipality"], name="uniq_scope"),
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.prefecture)


class OrganizationPhoto(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("写真"), upload_to="organizations/%Y/%m/")
    alt_text = models.CharField(_("写真の説明（代替テキスト）"), max_length=200)
    caption = models.CharField(_("キャプション"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("表示順"), default=0)
    width = models.PositiveIntegerField(_("幅（ピクセル）"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("高さ（ピクセル）"), null=True, blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("写真")
        verbose_name_plural = _("写真")

    def __str__(self) -> str:
        return self.alt_text


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("管理者")
        MEMBER = "member", _("メンバー")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("権限"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("所属")
        verbose_name_plural = _("所属")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="uniq_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class Invitation(models.Model):
    """An emailed invitation to join an organisation; the token is single-use and expires."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("メールアドレス"))
    role = models.CharField(
        _("権限"), max_length=8, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"))
    accepted_at = models.DateTimeField(_("承諾日時"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("取消日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("招待")
        verbose_name_plural = _("招待")

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"


class VerificationEvent(models.Model):
    """One step of a company's verification: an automatic comparison whose outcome changed, a
    confirmation by hand or a revocation (who, when, with which number, and why)."""

    class Action(models.TextChoices):
        CHECKED = "checked", _("公表データと照合")
        CONFIRMED = "confirmed", _("担当者が確認")
        REVOKED = "revoked", _("確認を取り消し")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="verification_events"
    )
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    outcome = models.CharField(
        _("照合の結果"), max_length=24, choices=VerificationOutcome.choices, blank=True
    )
    verified = models.BooleanField(_("確認済み"))
    corporate_number = models.CharField(_("法人番号"), max_length=13, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("担当者"),
    )
    note = models.TextField(_("メモ"), blank=True)
    at = models.DateTimeField(_("日時"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("確認の記録")
        verbose_name_plural = _("確認の記録")

    def __str__(self) -> str:
        return f"{self.organization} {self.action} {self.at:%Y-%m-%d}"


# --- the published 法人番号 data ------------------------------------------------------------------


class CorporateRecord(models.Model):
    """The newest published state of one 法人番号 (国税庁 基本3情報), as loaded by
    ``duallife load-corporate-numbers``. Older names of the number are ``CorporateName`` rows."""

    number = models.CharField(_("法人番号"), max_length=13, primary_key=True)
    process = models.CharField(_("処理区分"), max_length=2)
    name = models.CharField(_("商号又は名称"), max_length=300)
    furigana = models.CharField(_("フリガナ"), max_length=500, blank=True)
    name_en = models.CharField(_("商号又は名称（英語表記）"), max_length=300, blank=True)
    kind = models.CharField(_("法人種別"), max_length=3)
    prefecture_name = models.CharField(_("国内所在地（都道府県）"), max_length=10, blank=True)
    city_name = models.CharField(_("国内所在地（市区町村）"), max_length=60, blank=True)
    street = models.TextField(_("国内所在地（丁目番地等）"), blank=True)
    prefecture_code = models.CharField(_("都道府県コード"), max_length=2, blank=True)
    city_code = models.CharField(_("市区町村コード"), max_length=3, blank=True)
    postcode = models.CharField(_("郵便番号"), max_length=7, blank=True)
    closed_on = models.DateField(_("登記記録の閉鎖等年月日"), null=True, blank=True)
    close_cause = models.CharField(_("登記記録の閉鎖等の事由"), max_length=2, blank=True)
    successor_number = models.CharField(_("承継先法人番号"), max_length=13, blank=True)
    assigned_on = models.DateField(_("法人番号指定年月日"), null=True, blank=True)
    updated_on = models.DateField(_("更新年月日"))
    changed_on = models.DateField(_("変更年月日"), null=True, blank=True)
    excluded = models.BooleanField(_("検索対象除外"), default=False)

    class Meta:
        verbose_name = _("法人番号の公表データ")
        verbose_name_plural = _("法人番号の公表データ")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class CorporateName(models.Model):
    """A name a number has had in the published data (its current name and every older one the
    data lists): a company registered under a name it has since changed is still recognised."""

    number = models.CharField(_("法人番号"), max_length=13, db_index=True)
    name = models.CharField(_("商号又は名称"), max_length=300)

    class Meta:
        verbose_name = _("法人の商号の履歴")
        verbose_name_plural = _("法人の商号の履歴")
        constraints = [models.UniqueConstraint(fields=["number", "name"], name="uniq_corporate_name")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class CorporateRegistryLoad(models.Model):
    """One loaded file of the published data: what it held, what changed, and up to which day."""

    file_name = models.CharField(_("ファイル名"), max_length=255)
    encoding = models.CharField(_("文字コード"), max_length=12)
    rows = models.PositiveIntegerField(_("行数"))
    created = models.PositiveIntegerField(_("追加"))
    updated = models.PositiveIntegerField(_("更新"))
    unchanged = models.PositiveIntegerField(_("変更なし"))
    names_added = models.PositiveIntegerField(_("追加した商号"))
    data_date = models.DateField(_("データの更新年月日（最新）"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("読込日時"))

    class Meta:
        ordering = ["-loaded_at", "-pk"]
        verbose_name = _("法人番号データの読込")
        verbose_name_plural = _("法人番号データの読込")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.loaded_at:%Y-%m-%d})"
