"""Pages the secretariat writes (terms, privacy policy, about, FAQ, accessibility) and the
inquiries people send it.

A :class:`Page` is known by its slug and keeps every :class:`PageVersion`: at most one draft at a
time, published versions numbered 1, 2, … and never changed afterwards (the terms a person agreed
to must stay readable as they were). The version in force is the published one with the highest
number. Each version carries its Japanese and English text (Markdown, no HTML).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    class Kind(models.TextChoices):
        LEGAL = "legal", _("規約・方針")
        HELP = "help", _("案内・ヘルプ")

    slug = models.SlugField(_("URL用の識別子"), max_length=60, unique=True)
    kind = models.CharField(_("種類"), max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("ページ")
        verbose_name_plural = _("ページ")

    def __str__(self) -> str:
        return self.slug

    @property
    def title(self) -> str:
        """The newest version's title in the language of the request, where a selector annotated
        it (``selectors.pages_for_editors``); the slug otherwise."""
        english = (get_language() or "ja").startswith("en")
        title = getattr(self, "newest_title_en" if english else "newest_title_ja", None)
        return title or self.slug


class PageVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        PUBLISHED = "published", _("公開")

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="versions")
    # 0 while a draft; the next number when published
    number = models.PositiveIntegerField(_("版"), default=0)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    title_ja = models.CharField(_("題名（日本語）"), max_length=120)
    title_en = models.CharField(_("題名（英語）"), max_length=120)
    body_ja = models.TextField(_("本文（日本語）"))
    body_en = models.TextField(_("本文（英語）"))
    change_note = models.CharField(_("改定の内容"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("ページの版")
        verbose_name_plural = _("ページの版")
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=Q(status="draft"), name="content_one_draft_per_page"
            ),
            models.UniqueConstraint(
                fields=["page", "number"],
                condition=Q(status="published"),
                name="content_unique_version_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page.slug} v{self.number}" if self.number else f"{self.page.slug} draft"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def title(self) -> str:
        """The title in the language of the request (English pages read the English text)."""
        return self.title_en if (get_language() or "ja").startswith("en") else self.title_ja

    @property
    def body(self) -> str:
        return self.body_en if (get_language() or "ja").startswith("en") else self.body_ja


class Inquiry(models.Model):
    """A message sent through the contact form, waiting in the secretariat's queue."""

    class Topic(models.TextChoices):
        TALENT = "talent", _("人材として使うこと")
        COMPANY = "company", _("企業として使うこと")
        COORDINATOR = "coordinator", _("自治体・支援機関として使うこと")
        ACCOUNT = "account", _("アカウント・ログイン")
        PRIVACY = "privacy", _("個人情報の開示・訂正・削除")
        ACCESSIBILITY = "accessibility", _("アクセシビリティ")
        OTHER = "other", _("その他")

    class Status(models.TextChoices):
        NEW = "new", _("未対応")
        IN_PROGRESS = "in_progress", _("対応中")
        CLOSED = "closed", _("完了")

    name = models.CharField(_("お名前"), max_length=80)
    email = models.EmailField(_("メールアドレス"), max_length=254)
    topic = models.CharField(_("お問い合わせの種類"), max_length=20, choices=Topic.choices)
    body = models.TextField(_("お問い合わせの内容"), max_length=4000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("言語"), max_length=8, default="ja")
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.NEW)
    staff_note = models.TextField(_("対応メモ"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("受付日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("お問い合わせ")
        verbose_name_plural = _("お問い合わせ")
        indexes = [models.Index(fields=["status", "-created_at"], name="content_inquiry_queue")]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.created_at:%Y-%m-%d})"


class TermsConsent(models.Model):
    """A person agreed to one published version of the terms of use (at sign-up, or at the first
    log-in after a new version). Kept with the account: the proof of what was agreed, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_consents"
    )
    version = models.ForeignKey(PageVersion, on_delete=models.PROTECT, related_name="consents")
    agreed_at = models.DateTimeField(_("同意した日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("利用規約への同意")
        verbose_name_plural = _("利用規約への同意")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="content_one_consent_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.version}"
