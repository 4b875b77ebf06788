"""Spec sheets (仕様書): what a company or town needs, stated concretely, and their life cycle.

draft → submitted → (approved by a coordinator of that area | returned with comments → draft)
→ published → closed (filled / withdrawn / expired). Every transition is a service in
``services.py``; illegal transitions are refused there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from duallife.talents.models import WorkStyle


class SpecSheet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        SUBMITTED = "submitted", _("審査待ち")
        RETURNED = "returned", _("差し戻し")
        PUBLISHED = "published", _("公開中")
        CLOSED = "closed", _("募集終了")

    class ClosedReason(models.TextChoices):
        FILLED = "filled", _("決定")
        WITHDRAWN = "withdrawn", _("取り下げ")
        EXPIRED = "expired", _("締切")

    class ContractType(models.TextChoices):
        OUTSOURCING = "outsourcing", _("業務委託")
        PROBONO = "probono", _("プロボノ")
        EMPLOYMENT_REFERRAL = "employment_referral", _("雇用（提携する職業紹介事業者へ紹介）")

    class TravelPaidBy(models.TextChoices):
        COMPANY = "company", _("企業が負担")
        SHARED = "shared", _("企業と人材で分担")
        TALENT = "talent", _("人材が負担")
        NONE = "none", _("現地訪問なし")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="spec_sheets"
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="spec_sheets", verbose_name=_("勤務地")
    )
    title = models.CharField(_("タイトル"), max_length=80)
    issue = models.TextField(_("背景・課題"))
    outcome = models.TextField(_("成果物・ゴール"), blank=True)
    themes = models.ManyToManyField("vocabulary.Theme", blank=True, verbose_name=_("テーマ"))
    days_per_month_min = models.PositiveSmallIntegerField(_("月の稼働日数（下限）"), null=True, blank=True)
    days_per_month_max = models.PositiveSmallIntegerField(_("月の稼働日数（上限）"), null=True, blank=True)
    work_style = models.CharField(
        _("働き方"), max_length=8, choices=WorkStyle.choices, default=WorkStyle.REMOTE
    )
    visits_per_month = models.PositiveSmallIntegerField(_("月の現地訪問回数"), default=0)
    duration_months = models.PositiveSmallIntegerField(_("期間（か月）"), null=True, blank=True)
    fee_min_yen = models.PositiveIntegerField(_("月額報酬（下限・円）"), null=True, blank=True)
    fee_max_yen = models.PositiveIntegerField(_("月額報酬（上限・円）"), null=True, blank=True)
    is_probono = models.BooleanField(_("プロボノ（無償）"), default=False)
    fee_reason = models.CharField(_("報酬設定の理由"), max_length=300, blank=True)
    contract_type = models.CharField(
        _("契約形態"), max_length=20, choices=ContractType.choices, default=ContractType.OUTSOURCING
    )
    travel_paid_by = models.CharField(
        _("交通費の負担"), max_length=8, choices=TravelPaidBy.choices, default=TravelPaidBy.COMPANY
    )
    subsidy_applies = models.BooleanField(_("交通費補助制度の対象"), default=False)
    openings = models.PositiveSmallIntegerField(_("募集人数"), default=1)
    closes_on = models.DateField(_("募集締切日"), null=True, blank=True)
    why_you = models.TextField(_("あなたが必要な理由"), blank=True)

    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    closed_reason = models.CharField(_("終了理由"), max_length=10, choices=ClosedReason.choices, blank=True)
    version = models.PositiveIntegerField(_("版"), default=1)
    lint_score = models.PositiveSmallIntegerField(_("品質スコア"), default=0)
    search_text = models.TextField(editable=False, blank=True, help_text="normalised text for search")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("仕様書")
        verbose_name_plural = _("仕様書")
        indexes = [
            models.Index(fields=["status", "closes_on"]),
            models.Index(fields=["status", "-published_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class SheetSkill(models.Model):
    class Kind(models.TextChoices):
        REQUIRED = "required", _("必須")
        WELCOME = "welcome", _("歓迎")

    sheet = models.ForeignKey(SpecSheet, on_delete=models.CASCADE, related_name="skills")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    skill = models.ForeignKey("vocabulary.Skill", on_delete=models.PROTECT, null=True, blank=True)
    free_text = models.CharField(_("スキル（自由記述）"), max_length=60, blank=True)
    normalized = models.CharField(max_length=120, editable=False)

    class Meta:
        verbose_name = _("求めるスキル")
        verbose_name_plural = _("求めるスキル")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "kind", "normalized"], name="uniq_sheet_skill")
        ]

    def __str__(self) -> str:
        return str(self.skill or self.free_text)


class SpecSheetVersion(models.Model):
    """A frozen copy of a sheet's content, kept at every submission and co-writing round."""

    sheet = models.ForeignKey(SpecSheet, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sheet", "number"]
        constraints = [models.UniqueConstraint(fields=["sheet", "number"], name="uniq_sheet_version")]

    def __str__(self) -> str:
        return f"{self.sheet_id} v{self.number}"


class SpecSheetCollaborator(models.Model):
    """An invitation to read and comment on a draft before publication, sent to an email address,
    and — once the person behind that address accepted it — the collaborator it made.

    The company sees only the address it typed and the status until the invitation is accepted:
    ``user`` stays empty until then, so nothing of the person (account, name, profile) is tied to
    the row before they agreed (ADR 0020). A pending invitation past ``expires_at`` counts as
    expired wherever it is read; it is written ``expired`` when the same address is invited again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("招待中（承諾待ち）")
        ACCEPTED = "accepted", _("参加中")
        DECLINED = "declined", _("辞退されました")
        WITHDRAWN = "withdrawn", _("取り下げました")
        EXPIRED = "expired", _("期限切れ")

    sheet = models.ForeignKey(SpecSheet, on_delete=models.CASCADE, related_name="collaborators")
    #: The address the company typed (lower case), the only thing it sees before acceptance.
    email = models.EmailField(_("招待したメールアドレス"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PENDING)
    #: The person who accepted; empty while pending and for declined, withdrawn or expired ones.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"), null=True, blank=True)
    answered_at = models.DateTimeField(_("回答・取り下げの日時"), null=True, blank=True)
    #: When the invitation was delivered (a notification, or an email to an address without an
    #: account); set once, so delivering twice sends nothing more.
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("共同編集への招待")
        verbose_name_plural = _("共同編集への招待")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "user"], name="uniq_sheet_collaborator"),
            models.UniqueConstraint(
                fields=["sheet", "email"],
                condition=models.Q(status="pending"),
                name="uniq_sheet_pending_invitation",
            ),
        ]
        indexes = [models.Index(fields=["email", "status"])]

    def __str__(self) -> str:
        return f"{self.email} on {self.sheet_id} ({self.status})"

    def current_status(self, now=None) -> str:
        """The status as people see it: a pending invitation past its expiry is expired."""
        expired = self.expires_at is not None and self.expires_at <= (now or timezone.now())
        if self.status == self.Status.PENDING and expired:
            return self.Status.EXPIRED
        return self.status

    def get_current_status_display(self) -> str:
        return self.Status(self.current_status()).label


class SpecSheetComment(models.Model):
    sheet = models.ForeignKey(SpecSheet, on_delete=models.CASCADE, related_name="comments")
    version = models.PositiveIntegerField(_("対象の版"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("コメント"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"comment on {self.sheet_id} v{self.version}"


#: The comment kept on the event of a sheet closed by its closing date (worded when shown).
EXPIRED_COMMENT = gettext_noop("締切日を過ぎたため自動で終了しました。")


class SpecSheetEvent(models.Model):
    """The audit trail of a sheet's status changes (and review decisions with their comments)."""

    sheet = models.ForeignKey(SpecSheet, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=SpecSheet.Status.choices)
    to_status = models.CharField(max_length=10, choices=SpecSheet.Status.choices)
    version = models.PositiveIntegerField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.sheet_id}: {self.from_status} → {self.to_status}"

    @property
    def comment_text(self) -> str:
        """The comment as shown: a reviewer's words as written; the product's own note (a sheet
        closed by its closing date) in the reader's language."""
        if self.by_id is None and self.comment == EXPIRED_COMMENT:
            return gettext(EXPIRED_COMMENT)
        return self.comment
