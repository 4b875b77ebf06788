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
