"""From interest to contract: 気になる, scouts, applications, messages, consent, contracts (成約),
check-ins and referrals.

An :class:`Application` is the one record a talent and a company share about one spec sheet. It is
created when a talent applies, or when a talent accepts a :class:`Scout` (at once, or after a
casual talk, カジュアル面談, on the scout: its messages then join the application's thread). Its
life cycle::

    applied → in_conversation → interview → offer → contracted (成約) → active → completed
       └────────────┴──────────────┴─────────┴──→ declined / withdrawn / expired

Every status change is a service in ``services/`` and leaves an :class:`ApplicationEvent` (who,
when, from, to). What the company may see of the talent is written down in :class:`ConsentRecord`
rows: which fields, to which organisation, when, on what basis — kept three years.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from duallife.core.storage import private_storage
from duallife.postings.models import SpecSheet


class ShareableField(models.TextChoices):
    """Parts of a talent profile that reach a company only with the talent's consent."""

    NAME = "name", _("氏名（姓名・フリガナ）")
    EMAIL = "email", _("メールアドレス")
    PHONE = "phone", _("電話番号")
    CURRENT_JOB = "current_job", _("現在の仕事・業種")
    HOMETOWN = "hometown", _("出身地")
    SELF_INTRODUCTION = "self_introduction", _("自己紹介")


#: Contact details: a company sees these only after consent, whatever the profile's visibility.
CONTACT_FIELDS = frozenset({ShareableField.NAME, ShareableField.EMAIL, ShareableField.PHONE})
#: How long a record of a provision of personal data is kept (個人情報保護法: 3 years).
CONSENT_RETENTION = datetime.timedelta(days=3 * 365 + 1)


class Interest(models.Model):
    """気になる: a talent marks a published sheet or a prefecture as interesting.

    Companies see counts only; a talent's display name only when ``share_identity`` is on.
    """

    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.CASCADE, related_name="interests")
    sheet = models.ForeignKey(
        SpecSheet, on_delete=models.CASCADE, null=True, blank=True, related_name="interests"
    )
    prefecture = models.ForeignKey(
        "regions.Prefecture", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    share_identity = models.BooleanField(_("企業に表示名を知らせる"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("気になる")
        verbose_name_plural = _("気になる")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(sheet__isnull=False, prefecture__isnull=True)
                    | Q(sheet__isnull=True, prefecture__isnull=False)
                ),
                name="interest_one_target",
            ),
            models.UniqueConstraint(
                fields=["talent", "sheet"], condition=Q(sheet__isnull=False), name="uniq_interest_sheet"
            ),
            models.UniqueConstraint(
                fields=["talent", "prefecture"],
                condition=Q(prefecture__isnull=False),
                name="uniq_interest_prefecture",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.talent_id} ♡ {self.sheet_id or self.prefecture_id}"


class Application(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("応募")
        IN_CONVERSATION = "in_conversation", _("やりとり中")
        INTERVIEW = "interview", _("面談")
        OFFER = "offer", _("条件提示")
        CONTRACTED = "contracted", _("成約")
        ACTIVE = "active", _("稼働中")
        COMPLETED = "completed", _("完了")
        DECLINED = "declined", _("見送り")
        WITHDRAWN = "withdrawn", _("辞退")
        EXPIRED = "expired", _("終了（募集終了など）")

    class Origin(models.TextChoices):
        APPLICATION = "application", _("応募")
        SCOUT = "scout", _("スカウト")

    class InterviewMode(models.TextChoices):
        ONLINE = "online", _("オンライン")
        ONSITE = "onsite", _("現地")

    sheet = models.ForeignKey(SpecSheet, on_delete=models.PROTECT, related_name="applications")
    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.PROTECT, related_name="applications")
    origin = models.CharField(
        _("きっかけ"), max_length=12, choices=Origin.choices, default=Origin.APPLICATION
    )
    status = models.CharField(_("状態"), max_length=16, choices=Status.choices, default=Status.APPLIED)
    message = models.TextField(_("応募メッセージ"), blank=True)
    #: The optional profile parts (:class:`ShareableField` values) the talent chose to share.
    shared_fields = models.JSONField(_("共有する項目"), default=list, blank=True)
    interview_mode = models.CharField(
        _("面談の方法"), max_length=8, choices=InterviewMode.choices, blank=True
    )
    interview_at = models.DateTimeField(_("面談日時"), null=True, blank=True)
    close_reason = models.TextField(_("見送り・辞退の理由"), blank=True)
    #: The coordinator body credited with this application (the company's referrer when created).
    referrer = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("応募日時"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("応募")
        verbose_name_plural = _("応募")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "talent"], name="uniq_application_sheet_talent")
        ]
        indexes = [models.Index(fields=["sheet", "status"]), models.Index(fields=["talent", "-updated_at"])]

    def __str__(self) -> str:
        return f"{self.talent_id} → {self.sheet_id} ({self.status})"


OPEN_STATUSES = (
    Application.Status.APPLIED,
    Application.Status.IN_CONVERSATION,
    Application.Status.INTERVIEW,
    Application.Status.OFFER,
)
ENGAGED_STATUSES = (Application.Status.CONTRACTED, Application.Status.ACTIVE)


class ApplicationEvent(models.Model):
    """One step of an application's history, seen by both sides."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Application.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class Scout(models.Model):
    """A personal invitation to a talent, tied to a sheet: "why we need you".

    The talent accepts (an application), declines, or first asks for a casual talk (まずは話を聞く):
    the scout is then ``talking`` and has a message thread of its own, before any application or
    consent. From the talk the talent accepts or declines, or the sender closes it (``closed``)::

        pending → talking → accepted / declined / closed
           └──→ accepted / declined / expired
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("回答待ち")
        TALKING = "talking", _("カジュアル面談中")
        ACCEPTED = "accepted", _("承諾")
        DECLINED = "declined", _("辞退")
        EXPIRED = "expired", _("期限切れ")
        CLOSED = "closed", _("カジュアル面談終了")

    sheet = models.ForeignKey(SpecSheet, on_delete=models.PROTECT, related_name="scouts")
    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.PROTECT, related_name="scouts")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sender_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="scouts_sent"
    )
    message = models.TextField(_("あなたが必要な理由"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.TextField(_("辞退の理由"), blank=True)
    expires_at = models.DateTimeField(_("回答期限"))
    responded_at = models.DateTimeField(null=True, blank=True)
    talk_started_at = models.DateTimeField(_("カジュアル面談の開始日時"), null=True, blank=True)
    talk_closed_at = models.DateTimeField(_("カジュアル面談の終了日時"), null=True, blank=True)
    application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="scout"
    )
    created_at = models.DateTimeField(_("送信日時"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("スカウト")
        verbose_name_plural = _("スカウト")
        constraints = [models.UniqueConstraint(fields=["sheet", "talent"], name="uniq_scout_sheet_talent")]
        indexes = [
            models.Index(fields=["sender", "created_at"]),
            models.Index(fields=["status", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"scout {self.sheet_id} → {self.talent_id} ({self.status})"


def attachment_path(instance: Message, filename: str) -> str:
    # A random name: the original one is kept in ``attachment_name`` and never used on disk.
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"messages/{instance.application_id}/{uuid.uuid4().hex}.{suffix}"


class Message(models.Model):
    """One message in an application's thread (text, optionally one attachment), or in the casual
    talk of a scout (text only, ``application`` empty until the talk becomes an application: then
    both are set and the message belongs to the application's thread)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    scout = models.ForeignKey(
        Scout, on_delete=models.CASCADE, null=True, blank=True, related_name="talk_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("メッセージ"), blank=True)
    attachment = models.FileField(
        _("添付ファイル"), upload_to=attachment_path, storage=private_storage, blank=True
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("メッセージ")
        verbose_name_plural = _("メッセージ")
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False) | Q(scout__isnull=False), name="message_has_thread"
            )
        ]

    def __str__(self) -> str:
        return f"message {self.pk} on {self.application_id or f'scout {self.scout_id}'}"


class ThreadRead(models.Model):
    """How far a user has read an application's thread, or a scout's casual talk (``application``
    empty; set when the talk becomes an application, as for its messages)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="reads"
    )
    scout = models.ForeignKey(Scout, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="uniq_thread_read"),
            models.UniqueConstraint(
                fields=["scout", "user"], condition=Q(application__isnull=True), name="uniq_talk_read"
            ),
            models.CheckConstraint(
                condition=Q(application__isnull=False) | Q(scout__isnull=False), name="thread_read_has_thread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.application_id or f'scout {self.scout_id}'} to {self.last_read_at}"


class ConsentRecord(models.Model):
    """A provision of a talent's personal data to an organisation: which fields, to whom, when.

    Written when a talent applies (the fields chosen), accepts a scout, or shares more later.
    Kept for three years (``keep_until``), also after the talent's account is deleted.
    """

    class Basis(models.TextChoices):
        APPLICATION = "application", _("応募時の同意")
        SCOUT_ACCEPT = "scout_accept", _("スカウト承諾時の同意")
        ADDITIONAL = "additional", _("追加の同意")

    talent_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consents_given"
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="consents"
    )
    recipient = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="consents_received"
    )
    fields = models.JSONField(_("提供した項目"))
    basis = models.CharField(_("根拠"), max_length=16, choices=Basis.choices)
    granted_at = models.DateTimeField(_("提供日時"), auto_now_add=True)
    keep_until = models.DateField(_("保存期限"))

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("個人情報の提供記録")
        verbose_name_plural = _("個人情報の提供記録")
        indexes = [models.Index(fields=["talent_user", "-granted_at"]), models.Index(fields=["keep_until"])]

    def __str__(self) -> str:
        return f"{self.talent_user_id} → {self.recipient_id}: {','.join(self.fields)}"


class ContractTerms(models.Model):
    """The terms of an engagement, shared by the company's proposal and the contract it becomes.

    Besides the work's shape (type, dates, days, fee, travel) they hold what the フリーランス法
    (特定受託事業者に係る取引の適正化等に関する法律, art. 3) asks a commissioner to state: the work,
    where it is delivered, when the fee is paid (monthly closing at the month's end, paid within 60
    days of it), how, and by when each month's work is inspected where it is.
    """

    class PaymentMethod(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("銀行振込")
        CASH = "cash", _("現金")
        OTHER = "other", _("その他")

    contract_type = models.CharField(_("契約形態"), max_length=20, choices=SpecSheet.ContractType.choices)
    starts_on = models.DateField(_("開始日"))
    ends_on = models.DateField(_("終了予定日"), null=True, blank=True)
    days_per_month = models.PositiveSmallIntegerField(_("月の稼働日数"))
    monthly_fee_yen = models.PositiveIntegerField(_("月額報酬（円）"))
    travel_paid_by = models.CharField(_("交通費の負担"), max_length=8, choices=SpecSheet.TravelPaidBy.choices)
    subsidy_eligible = models.BooleanField(_("交通費補助の対象"), default=False)
    work_description = models.TextField(_("業務の内容"), blank=True)
    work_place = models.CharField(_("業務を行う場所"), max_length=200, blank=True)
    #: Months after the month of the work in which the fee is paid: 1 (翌月) or 2 (翌々月).
    payment_month_offset = models.PositiveSmallIntegerField(_("支払月"), default=1)
    #: The day of that month the fee is paid; 0 means its last day (末日).
    payment_day = models.PositiveSmallIntegerField(_("支払日"), default=0)
    payment_method = models.CharField(
        _("支払方法"), max_length=16, choices=PaymentMethod.choices, default=PaymentMethod.BANK_TRANSFER
    )
    payment_method_note = models.CharField(_("支払方法の補足"), max_length=200, blank=True)
    #: Days after the end of each month by which that month's work is inspected; empty: no inspection.
    inspection_days = models.PositiveSmallIntegerField(
        _("検査を完了する期日（月末から何日以内）"), null=True, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_paid(self) -> bool:
        return self.monthly_fee_yen > 0

    def terms_snapshot(self) -> dict[str, str | None]:
        """The terms as text (dates in ISO form), to compare one version with another."""
        snapshot = {}
        for field in ContractTerms._meta.get_fields():
            value = getattr(self, field.name)
            snapshot[field.name] = None if value is None else str(value)
        return snapshot


class ContractProposal(ContractTerms):
    """条件の提示: the terms the company proposes on an application in 条件提示; the talent confirms
    them (then a :class:`Contract` is made from them) or asks for changes. One per application,
    revised in place (``version`` counts the revisions, so a confirmation names the terms it read).

    ``closing_keep`` and ``closing_message`` are the company's choices for the other open
    conversations of the sheet, used when this contract fills its last opening.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", _("確認待ち")
        CHANGES_REQUESTED = "changes_requested", _("変更の相談中")
        CONFIRMED = "confirmed", _("確認済み")
        WITHDRAWN = "withdrawn", _("取り下げ")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="proposal")
    state = models.CharField(_("状態"), max_length=20, choices=State.choices, default=State.PROPOSED)
    version = models.PositiveIntegerField(default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("提示日時"))
    change_request = models.TextField(_("変更の相談"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closing_keep = models.JSONField(default=list, blank=True)
    closing_message = models.TextField(_("ほかの応募者へのメッセージ"), blank=True)
    #: The terms of the version before this one (field → value as text), to show what changed.
    previous_terms = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("契約条件の提示")
        verbose_name_plural = _("契約条件の提示")

    def __str__(self) -> str:
        return f"proposal {self.pk} v{self.version} ({self.state})"

    def changed_labels(self) -> list[str]:
        """The names of the terms that differ from the previous version (empty for the first)."""
        if not self.previous_terms:
            return []
        now = self.terms_snapshot()
        return [
            str(ContractTerms._meta.get_field(name).verbose_name)
            for name, value in now.items()
            if self.previous_terms.get(name, value) != value
        ]

    def changed_text(self) -> str:
        """:meth:`changed_labels` as one phrase in the reader's language."""
        return pgettext("separator between the items of a list", "、").join(self.changed_labels())


class Contract(ContractTerms):
    """成約: the engagement a talent and a company agreed on — the company proposed the terms and
    the talent confirmed them. The figure KPIs count."""

    class EndReason(models.TextChoices):
        COMPLETED = "completed", _("予定どおり完了")
        TALENT_CIRCUMSTANCES = "talent_circumstances", _("人材側の事情（本業・家庭など）")
        COMPANY_CIRCUMSTANCES = "company_circumstances", _("企業側の事情（方針・予算の変更など）")
        MISMATCH = "mismatch", _("期待・役割の食い違い")
        COMMUNICATION = "communication", _("コミュニケーションの問題")
        OTHER = "other", _("その他")

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="contract")
    sheet = models.ForeignKey(SpecSheet, on_delete=models.PROTECT, related_name="contracts")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="contracts"
    )
    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.PROTECT, related_name="contracts")
    referrer = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The member of the company who proposed the terms.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("記録日時"), auto_now_add=True)
    #: The talent who confirmed; empty for contracts recorded before confirmation existed.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    #: 業務委託をした日: the day both sides agreed (the talent's confirmation).
    commissioned_on = models.DateField(_("業務委託をした日"), null=True, blank=True)
    ended_on = models.DateField(_("終了日"), null=True, blank=True)
    end_reason = models.CharField(_("終了の理由"), max_length=24, choices=EndReason.choices, blank=True)
    end_note = models.TextField(_("終了についてのメモ"), blank=True)
    ended_early = models.BooleanField(_("途中終了"), default=False)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("成約")
        verbose_name_plural = _("成約")
        indexes = [models.Index(fields=["sheet"]), models.Index(fields=["organization", "-recorded_at"])]

    def __str__(self) -> str:
        return f"contract {self.pk}: {self.talent_id} × {self.organization_id}"


class CheckIn(models.Model):
    """A scheduled follow-up of a contract: both sides answer a few short questions."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("定期フォローアップ")
        COMPLETION = "completion", _("完了時のふりかえり")

    class Status(models.TextChoices):
        OPEN = "open", _("回答受付中")
        DONE = "done", _("回答済み")
        MISSED = "missed", _("未回答")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="checkins")
    kind = models.CharField(_("種類"), max_length=12, choices=Kind.choices, default=Kind.PERIODIC)
    due_on = models.DateField(_("実施日"))
    status = models.CharField(_("状態"), max_length=8, choices=Status.choices, default=Status.OPEN)
    alerted_at = models.DateTimeField(_("コーディネーターへの通知日時"), null=True, blank=True)
    #: When both sides were asked to answer (once; the daily job skips check-ins already asked).
    announced_at = models.DateTimeField(_("回答依頼の日時"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("フォローアップ")
        verbose_name_plural = _("フォローアップ")
        constraints = [models.UniqueConstraint(fields=["contract", "kind", "due_on"], name="uniq_checkin")]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"check-in {self.contract_id} {self.due_on}"


class CheckInAnswer(models.Model):
    class Side(models.TextChoices):
        COMPANY = "company", _("企業")
        TALENT = "talent", _("人材")

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    side = models.CharField(max_length=8, choices=Side.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    #: 1 (とても悪い) … 5 (とても良い)
    rating = models.PositiveSmallIntegerField(_("全体の満足度"))
    on_track = models.BooleanField(_("取り決めどおりに進んでいる"))
    comment = models.TextField(_("コメント"), blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["checkin", "side"], name="uniq_checkin_side")]

    def __str__(self) -> str:
        return f"{self.side} answer to {self.checkin_id}"


class Referral(models.Model):
    """紹介: a coordinator body (a regional bank, a chamber of commerce) brought a company here.

    Sheets, applications and contracts of the company from ``registered_at`` on are credited to it.
    """

    referrer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="referrals_made"
    )
    company = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="referral"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    note = models.CharField(_("メモ"), max_length=300, blank=True)

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("企業の紹介")
        verbose_name_plural = _("企業の紹介")

    def __str__(self) -> str:
        return f"{self.referrer_id} referred {self.company_id}"
