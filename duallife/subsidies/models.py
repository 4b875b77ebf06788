"""Support programs and the versions of their rules.

A :class:`Program` is one body's support for one fiscal year (April–March), identified by its
slug and year. Its rules are kept as :class:`ProgramVersion` rows: loading a changed file (or,
later, an edit in the product) adds a version; new claims use the latest, decided claims keep the
version they were decided under.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duallife.core.storage import private_storage


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
    #: The coordinator body whose coordinators manage the program and review its claims.
    owner_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_programs",
        verbose_name=_("担当する組織"),
    )
    intake_opens_on = models.DateField(_("受付開始日"), null=True, blank=True)
    intake_closes_on = models.DateField(_("受付終了日"), null=True, blank=True)
    required_documents = models.TextField(_("必要書類"), blank=True)
    #: The approver of an amount may not record its payment.
    two_person_rule = models.BooleanField(_("交付決定と支払の記録を別の人が行う"), default=True)
    #: Running sums of the budget entries: 交付決定 not yet paid, and paid.
    reserved_yen = models.PositiveBigIntegerField(_("交付決定額（未払）"), default=0)
    paid_yen = models.PositiveBigIntegerField(_("支払済額"), default=0)
    #: The highest warning level the coordinators were told of (0, 80, 95, 100).
    warned_percent = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "slug"]
        verbose_name = _("交通費支援の制度")
        verbose_name_plural = _("交通費支援の制度")
        constraints = [models.UniqueConstraint(fields=["slug", "fiscal_year"], name="uniq_program_year")]

    def __str__(self) -> str:
        return f"{self.slug}-{self.fiscal_year}"

    @property
    def remaining_yen(self) -> int:
        return max(0, self.budget_yen - self.reserved_yen - self.paid_yen)

    @property
    def used_percent(self) -> int:
        """Reserved and paid as a whole percentage of the budget (rounded down)."""
        if not self.budget_yen:
            return 100
        return (self.reserved_yen + self.paid_yen) * 100 // self.budget_yen


class ProgramVersion(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版"))
    #: The rules as loaded (JSON: the file's keys, dates as ISO text); see ``selectors.rules_of``.
    rules = models.JSONField()
    source = models.CharField(_("出典"), max_length=300)
    source_date = models.DateField(_("出典の日付"))
    #: The rules' notes (what no key can express), kept as text beside the rules' JSON.
    notes = models.TextField(_("注記"), blank=True)
    loaded_from = models.CharField(_("読み込んだファイル"), max_length=200, blank=True)
    #: Who changed the rules in the product (empty for a file load).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "-number"]
        verbose_name = _("制度のルールの版")
        verbose_name_plural = _("制度のルールの版")
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="uniq_program_version")]

    def __str__(self) -> str:
        return f"{self.program} v{self.number}"


def receipt_path(instance: ClaimTrip, filename: str) -> str:
    """Receipts are stored under a random name; the cleaned original name is kept beside it."""
    return f"receipts/{uuid.uuid4().hex}"


class Claim(models.Model):
    """A claim under one program, by its payee side, for the trips of one contract.

    The state follows the prefectures' own procedure: 下書き → 申請 → 差戻し / 却下 / 交付決定 →
    実績報告 → 額の確定 → 支払済. ``version`` is the rules version the claim was last assessed
    under; a decision keeps it, whatever is loaded later. ``approved_yen`` is reserved from the
    budget at 交付決定, ``fixed_yen`` replaces it at 額の確定 (the difference goes back), ``paid_yen``
    is recorded with the payment.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("下書き")
        SUBMITTED = "submitted", _("申請")
        RETURNED = "returned", _("差戻し")
        REJECTED = "rejected", _("却下")
        APPROVED = "approved", _("交付決定")
        REPORTED = "reported", _("実績報告")
        FIXED = "fixed", _("額の確定")
        PAID = "paid", _("支払済")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="claims")
    version = models.ForeignKey(ProgramVersion, on_delete=models.PROTECT, related_name="claims")
    contract = models.ForeignKey(
        "engagements.Contract", on_delete=models.PROTECT, related_name="support_claims"
    )
    company = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.PROTECT, related_name="+")
    payee = models.CharField(_("支払先"), max_length=8, choices=Program.Payee.choices)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: 他の補助を受けていないことの申告: checked and dated at submission.
    declared_no_other_subsidy = models.BooleanField(_("ほかの補助を受けていない旨の申告"), default=False)
    submitted_at = models.DateTimeField(_("申請日時"), null=True, blank=True)
    #: The engine's answer at the last submission: payable amount and reasons (codes with figures).
    assessed_yen = models.PositiveBigIntegerField(_("算定額（円）"), default=0)
    assessment = models.JSONField(default=list, blank=True)
    approved_yen = models.PositiveBigIntegerField(_("交付決定額（円）"), default=0)
    approved_at = models.DateTimeField(_("交付決定日時"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("実績報告日時"), null=True, blank=True)
    report_note = models.TextField(_("実績報告"), blank=True)
    fixed_yen = models.PositiveBigIntegerField(_("確定額（円）"), null=True, blank=True)
    fixed_at = models.DateTimeField(_("額の確定日時"), null=True, blank=True)
    paid_yen = models.PositiveBigIntegerField(_("支払額（円）"), default=0)
    paid_on = models.DateField(_("支払日"), null=True, blank=True)
    payment_reference = models.CharField(_("支払の参照番号"), max_length=60, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: What the reviewer said when returning or rejecting (shown to the applicant).
    decision_note = models.TextField(_("審査からの連絡"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("交通費支援の申請")
        verbose_name_plural = _("交通費支援の申請")
        indexes = [
            models.Index(fields=["program", "state"]),
            models.Index(fields=["company", "-created_at"]),
            models.Index(fields=["talent", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"claim {self.pk} ({self.state})"

    @property
    def granted_yen(self) -> int:
        """What the claim counts for against caps and the budget: the fixed amount once fixed."""
        if self.state in (self.State.FIXED, self.State.PAID):
            return self.fixed_yen or 0
        if self.state in (self.State.APPROVED, self.State.REPORTED):
            return self.approved_yen
        return 0


class ClaimTrip(models.Model):
    """One round trip of a claim: its day, route, fare (prefilled from the region pack's table,
    changed only with a reason), lodging, whether another subsidy pays it, and its receipt."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="trips")
    date = models.DateField(_("出発日"))
    origin_prefecture = models.CharField(_("出発地（都道府県コード）"), max_length=2)
    destination = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("行き先")
    )
    round_trip_fare_yen = models.PositiveIntegerField(_("往復運賃（円）"))
    #: The fare of the region pack's table for this route when the trip was written (0: none).
    pack_fare_yen = models.PositiveIntegerField(_("標準運賃（円）"), default=0)
    fare_reason = models.CharField(_("運賃を変えた理由"), max_length=200, blank=True)
    lodging_nights = models.PositiveSmallIntegerField(_("宿泊数"), default=0)
    lodging_yen_per_night = models.PositiveIntegerField(_("1泊の宿泊費（円）"), default=0)
    other_subsidy = models.BooleanField(_("ほかの補助を受けている"), default=False)
    receipt = models.FileField(_("領収書"), upload_to=receipt_path, storage=private_storage, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    receipt_type = models.CharField(max_length=100, blank=True)
    receipt_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("往復")
        verbose_name_plural = _("往復")

    def __str__(self) -> str:
        return f"trip {self.pk} of claim {self.claim_id}"


class ClaimEvent(models.Model):
    """Who did what to a claim and when (the reviewers' history)."""

    class Action(models.TextChoices):
        CREATED = "created", pgettext_lazy("a claim was", "作成")
        SUBMITTED = "submitted", _("申請")
        RETURNED = "returned", _("差戻し")
        REJECTED = "rejected", _("却下")
        APPROVED = "approved", _("交付決定")
        REPORTED = "reported", _("実績報告")
        FIXED = "fixed", _("額の確定")
        PAID = "paid", _("支払の記録")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("日時"), default=timezone.now)
    amount_yen = models.BigIntegerField(_("金額（円）"), null=True, blank=True)
    note = models.TextField(_("メモ"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("申請の記録")
        verbose_name_plural = _("申請の記録")

    def __str__(self) -> str:
        return f"{self.action} on claim {self.claim_id}"


class BudgetEntry(models.Model):
    """A movement of a program's budget: a reservation at 交付決定, a release when the fixed amount
    is lower, a payment (which turns a reservation into money paid). The burn-down is read from
    these; the program's ``reserved_yen`` and ``paid_yen`` are their running sums."""

    class Kind(models.TextChoices):
        RESERVE = "reserve", _("交付決定")
        RELEASE = "release", _("確定による戻り")
        PAY = "pay", _("支払")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="budget_entries")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="budget_entries")
    kind = models.CharField(_("種類"), max_length=8, choices=Kind.choices)
    amount_yen = models.PositiveBigIntegerField(_("金額（円）"))
    at = models.DateTimeField(_("日時"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("予算の動き")
        verbose_name_plural = _("予算の動き")
        indexes = [models.Index(fields=["program", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount_yen} on {self.program_id}"


class GrantTotal(models.Model):
    """What a person or a company was granted under a program (by slug) in one fiscal year: the
    row each approval locks (after the program) and the caps count."""

    class Holder(models.TextChoices):
        PERSON = "person", _("人材")
        COMPANY = "company", _("企業")

    program_slug = models.SlugField(max_length=80)
    fiscal_year = models.PositiveSmallIntegerField()
    holder = models.CharField(max_length=8, choices=Holder.choices)
    holder_id = models.PositiveBigIntegerField()
    granted_yen = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program_slug", "fiscal_year", "holder", "holder_id"], name="uniq_grant_total"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_slug}-{self.fiscal_year} {self.holder} {self.holder_id}"
