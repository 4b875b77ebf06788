"""Contracts both sides confirm: the company proposes the terms, the talent confirms them.

- :func:`contract_propose`: a member of the company proposes (or revises) the terms of an
  application in 条件提示 — the work's shape and what the フリーランス法 asks a commissioner to
  state (the work, the place, the fee, the payment date, the method, the inspection);
- :func:`contract_request_changes`: the talent asks for changes, in words the company reads;
- :func:`contract_withdraw_proposal`: the company takes its proposal back;
- :func:`contract_confirm`: the talent confirms the version they read. Only then is there a
  contract (成約): it takes an opening, starts the check-ins, counts in referral credits, and the
  contract that fills the last opening closes the sheet with the company's choices for the other
  conversations (made when it proposed; by default a booked meeting stays open).

Lock order: sheet → application → proposal (→ contract).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.postings.models import SpecSheet
from duallife.postings.services.sheets import spec_sheet_close_filled

from ..errors import (
    EngagementConflictError,
    EngagementError,
    EngagementPermissionError,
    EngagementTransitionError,
)
from ..links import application_url
from ..models import Application, CheckIn, Contract, ContractProposal, ContractTerms
from ..permissions import is_company_side
from . import pipeline
from .applications import clean_text, lock_sheet
from .closing import clean_closing, closing_plan
from .contracts import checkin_schedule, clean_terms
from .notices import notify_company, notify_user

S = Application.Status
State = ContractProposal.State
Method = ContractTerms.PaymentMethod

#: フリーランス法 art. 4: the fee is paid within 60 days of receiving the work. Work is received
#: month by month here (closing at each month's end), so the payment date counts from that end.
PAYMENT_WITHIN_DAYS = 60
PAYMENT_MONTH_OFFSETS = (1, 2)
WORK_DESCRIPTION_MIN_CHARS = 10
WORK_DESCRIPTION_MAX_CHARS = 2000
WORK_PLACE_MAX_CHARS = 200
METHOD_NOTE_MAX_CHARS = 200
CHANGE_REQUEST_MIN_CHARS = 5
CHANGE_REQUEST_MAX_CHARS = 2000

LABEL_WORK = pgettext_lazy("subject of an error message", "業務の内容")
LABEL_PLACE = pgettext_lazy("subject of an error message", "業務を行う場所")
LABEL_METHOD_NOTE = pgettext_lazy("subject of an error message", "支払方法の補足")
LABEL_CHANGE_REQUEST = pgettext_lazy("subject of an error message", "変更してほしい点")

#: The terms a proposal carries over to its contract.
TERM_FIELDS = tuple(field.name for field in ContractTerms._meta.get_fields())


# --- The payment date -----------------------------------------------------------------------------


def payment_date(month_end: datetime.date, *, month_offset: int, day: int) -> datetime.date:
    """When the work of the month ending ``month_end`` is paid: ``day`` (0: the last day) of the
    month ``month_offset`` months later, kept inside that month."""
    index = month_end.month - 1 + month_offset
    year, month = month_end.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, last if day == 0 else min(day, last))


def payment_gaps(*, month_offset: int, day: int) -> tuple[int, int]:
    """The shortest and the longest number of days from a month's end to its payment, over the
    months of a common and a leap year."""
    gaps = []
    for year in (2027, 2028):
        for month in range(1, 13):
            end = datetime.date(year, month, calendar.monthrange(year, month)[1])
            gaps.append((payment_date(end, month_offset=month_offset, day=day) - end).days)
    return min(gaps), max(gaps)


def clean_commission(
    *,
    paid: bool,
    work_description,
    work_place,
    payment_month_offset,
    payment_day,
    payment_method,
    payment_method_note,
    inspection_days,
) -> dict:
    """What the フリーランス法 asks the company to state, checked. The payment date must fall within
    60 days of each month's end, and any inspection must end before it; an unpaid engagement
    (プロボノ) keeps the defaults, since there is no fee to pay."""
    work_description = clean_text(
        work_description,
        field="work_description",
        label=LABEL_WORK,
        min_chars=WORK_DESCRIPTION_MIN_CHARS,
        max_chars=WORK_DESCRIPTION_MAX_CHARS,
    )
    work_place = clean_text(work_place, field="work_place", label=LABEL_PLACE, max_chars=WORK_PLACE_MAX_CHARS)
    if not work_place:
        raise EngagementError(
            _("業務を行う場所を書いてください（例：オンライン、○○市の事務所）。"), field="work_place"
        )
    terms = {"work_description": work_description, "work_place": work_place}
    if not paid:
        return terms | {
            "payment_month_offset": 1,
            "payment_day": 0,
            "payment_method": Method.BANK_TRANSFER,
            "payment_method_note": "",
            "inspection_days": None,
        }
    if payment_month_offset not in PAYMENT_MONTH_OFFSETS or isinstance(payment_month_offset, bool):
        raise EngagementError(
            _("支払月は「翌月」か「翌々月」から選んでください。"), field="payment_month_offset"
        )
    if isinstance(payment_day, bool) or not isinstance(payment_day, int) or not 0 <= payment_day <= 31:
        raise EngagementError(_("支払日は1日から31日まで、または末日で選んでください。"), field="payment_day")
    shortest, longest = payment_gaps(month_offset=payment_month_offset, day=payment_day)
    if longest > PAYMENT_WITHIN_DAYS:
        raise EngagementError(
            _(
                "支払期日は、各月の業務の締め（月末）から%(limit)d日以内にしてください（フリーランス法）。"
                "この設定では最も遅い月で%(days)d日後になります。"
            )
            % {"limit": PAYMENT_WITHIN_DAYS, "days": longest},
            field="payment_day",
        )
    if payment_method not in Method.values:
        raise EngagementError(_("支払方法を選んでください。"), field="payment_method")
    payment_method_note = clean_text(
        payment_method_note,
        field="payment_method_note",
        label=LABEL_METHOD_NOTE,
        max_chars=METHOD_NOTE_MAX_CHARS,
    )
    if payment_method == Method.OTHER and not payment_method_note:
        raise EngagementError(_("「その他」の支払方法を補足に書いてください。"), field="payment_method_note")
    if inspection_days is not None:
        if isinstance(inspection_days, bool) or not isinstance(inspection_days, int) or inspection_days < 1:
            raise EngagementError(_("検査の期日は1日以上の日数で入力してください。"), field="inspection_days")
        if inspection_days >= shortest:
            raise EngagementError(
                _("検査は支払日より前に終えてください（月末から%(days)d日より短く）。") % {"days": shortest},
                field="inspection_days",
            )
    return terms | {
        "payment_month_offset": payment_month_offset,
        "payment_day": payment_day,
        "payment_method": payment_method,
        "payment_method_note": payment_method_note,
        "inspection_days": inspection_days,
    }


# --- Helpers --------------------------------------------------------------------------------------


def lock_proposal(application: Application) -> ContractProposal | None:
    return ContractProposal.objects.select_for_update(of=("self",)).filter(application=application).first()


def confirmed_count(sheet: SpecSheet) -> int:
    return Contract.objects.filter(sheet=sheet).count()


def refuse_when_full(sheet: SpecSheet, taken: int) -> None:
    if taken >= sheet.openings:
        raise EngagementConflictError(
            _("この仕様書の募集人数（%(openings)d人）は、すべて成約済みです。これ以上は記録できません。")
            % {"openings": sheet.openings}
        )


def require_offer(application: Application) -> None:
    if application.status != S.OFFER:
        raise EngagementTransitionError(
            _("契約条件を扱えるのは「条件提示」の応募です（この応募は「%(status)s」です）。")
            % {"status": application.get_status_display()}
        )


def require_talent(application: Application, by) -> None:
    if not getattr(by, "is_authenticated", False) or application.talent.user_id != by.pk:
        raise EngagementPermissionError(_("契約条件を確認できるのは、応募した本人だけです。"))


# --- The company proposes ------------------------------------------------------------------------


@transaction.atomic
def contract_propose(
    *,
    application: Application,
    by,
    contract_type: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    days_per_month: int,
    monthly_fee_yen: int,
    travel_paid_by: str,
    subsidy_eligible: bool,
    work_description: str,
    work_place: str,
    payment_month_offset: int = 1,
    payment_day: int = 0,
    payment_method: str = Method.BANK_TRANSFER,
    payment_method_note: str = "",
    inspection_days: int | None = None,
    closing_keep: Iterable[int] = (),
    closing_message: str = "",
) -> ContractProposal:
    """The company proposes the terms of an application in 条件提示, or revises its proposal
    (the version goes up, so that the talent confirms what they read). The talent is told.

    Only 業務委託 and プロボノ are proposed here (雇用 goes through a licensed placement
    partner). ``closing_keep`` / ``closing_message`` say what happens to the sheet's other open
    conversations if this contract fills the last opening.
    """
    if not is_company_side(by, application.sheet):
        raise EngagementPermissionError(_("契約条件を提示できるのは、仕様書の企業のメンバーだけです。"))
    terms = clean_terms(
        contract_type=contract_type,
        starts_on=starts_on,
        ends_on=ends_on,
        days_per_month=days_per_month,
        monthly_fee_yen=monthly_fee_yen,
        travel_paid_by=travel_paid_by,
        subsidy_eligible=subsidy_eligible,
        today=timezone.localdate(),
    )
    terms |= clean_commission(
        paid=terms["monthly_fee_yen"] > 0,
        work_description=work_description,
        work_place=work_place,
        payment_month_offset=payment_month_offset,
        payment_day=payment_day,
        payment_method=payment_method,
        payment_method_note=payment_method_note,
        inspection_days=inspection_days,
    )
    sheet = lock_sheet(application.sheet)
    locked = pipeline.lock_application(application)
    require_offer(locked)
    refuse_when_full(sheet, confirmed_count(sheet))
    keep, message = clean_closing(sheet, keep_open=closing_keep, message=closing_message, excluding=locked.pk)
    proposal = lock_proposal(locked)
    now = timezone.now()
    if proposal is None:
        proposal = ContractProposal(application=locked, version=1)
    elif proposal.state == State.CONFIRMED:
        raise EngagementConflictError(_("この契約条件は、すでに確認されています。"))
    else:
        proposal.version += 1
        proposal.previous_terms = proposal.terms_snapshot()
    for name, value in terms.items():
        setattr(proposal, name, value)
    proposal.state = State.PROPOSED
    proposal.proposed_by = by
    proposal.proposed_at = now
    proposal.responded_at = None
    proposal.closing_keep = keep
    proposal.closing_message = message
    proposal.save()
    notify_user(
        locked.talent.user,
        kind=Kind.CONTRACT,
        title=Text(gettext_lazy("「%(sheet)s」の契約条件が届きました"), sheet=sheet.title),
        body=Text(
            gettext_lazy(
                "%(company)sから契約条件の提示がありました。内容を確かめて、確認するか、変更を相談してください。"
            ),
            company=sheet.organization.name,
        ),
        url=application_url(locked.pk),
    )
    pipeline.sync(application, locked)
    return proposal


@transaction.atomic
def contract_withdraw_proposal(*, application: Application, by) -> ContractProposal:
    """The company takes back a proposal the talent has not confirmed; the talent is told."""
    if not is_company_side(by, application.sheet):
        raise EngagementPermissionError(_("契約条件を取り下げられるのは、仕様書の企業のメンバーだけです。"))
    locked = pipeline.lock_application(application)
    proposal = lock_proposal(locked)
    if proposal is None or proposal.state not in (State.PROPOSED, State.CHANGES_REQUESTED):
        raise EngagementTransitionError(_("取り下げられる契約条件の提示はありません。"))
    proposal.state = State.WITHDRAWN
    proposal.responded_at = timezone.now()
    proposal.save(update_fields=["state", "responded_at"])
    notify_user(
        locked.talent.user,
        kind=Kind.CONTRACT,
        title=Text(
            gettext_lazy("「%(sheet)s」の契約条件の提示が取り下げられました"), sheet=locked.sheet.title
        ),
        url=application_url(locked.pk),
    )
    return proposal


# --- The talent answers --------------------------------------------------------------------------


def _proposal_to_answer(locked: Application, version) -> ContractProposal:
    proposal = lock_proposal(locked)
    if proposal is None or proposal.state != State.PROPOSED:
        raise EngagementTransitionError(_("確認を待っている契約条件はありません。"))
    if isinstance(version, bool) or not isinstance(version, int) or version != proposal.version:
        raise EngagementConflictError(
            _("契約条件が更新されました。新しい内容を読んでから、もう一度操作してください。"), code="stale"
        )
    return proposal


@transaction.atomic
def contract_request_changes(*, application: Application, by, version: int, message: str) -> ContractProposal:
    """The talent asks for changes to the proposal they read; the company is told what."""
    require_talent(application, by)
    message = clean_text(
        message,
        field="message",
        label=LABEL_CHANGE_REQUEST,
        min_chars=CHANGE_REQUEST_MIN_CHARS,
        max_chars=CHANGE_REQUEST_MAX_CHARS,
    )
    locked = pipeline.lock_application(application)
    require_offer(locked)
    proposal = _proposal_to_answer(locked, version)
    proposal.state = State.CHANGES_REQUESTED
    proposal.change_request = message
    proposal.responded_at = timezone.now()
    proposal.save(update_fields=["state", "change_request", "responded_at"])
    notify_company(
        locked.sheet.organization_id,
        kind=Kind.CONTRACT,
        title=Text(gettext_lazy("「%(sheet)s」の契約条件について相談がありました"), sheet=locked.sheet.title),
        body=Text(message),
        url=application_url(locked.pk),
    )
    return proposal


@transaction.atomic
def contract_confirm(*, application: Application, by, version: int) -> Contract:
    """The talent confirms the proposal they read: the contract (成約) is made from its terms.

    The sheet is locked first and its contracts counted under that lock, so a sheet never gets
    more contracts than openings however many confirmations arrive at once. Check-ins are
    scheduled, the company is told, and the contract that fills the last opening closes the sheet
    as filled with the company's choices for the others.
    """
    require_talent(application, by)
    sheet = lock_sheet(application.sheet)
    locked = pipeline.lock_application(application)
    require_offer(locked)
    proposal = _proposal_to_answer(locked, version)
    taken = confirmed_count(sheet)
    refuse_when_full(sheet, taken)
    terms = {name: getattr(proposal, name) for name in TERM_FIELDS}
    now = timezone.now()
    contract = Contract.objects.create(
        application=locked,
        sheet=sheet,
        organization_id=sheet.organization_id,
        talent=locked.talent,
        referrer_id=locked.referrer_id,
        recorded_by=proposal.proposed_by,
        confirmed_by=by,
        confirmed_at=now,
        commissioned_on=timezone.localdate(now),
        **terms,
    )
    proposal.state = State.CONFIRMED
    proposal.responded_at = now
    proposal.save(update_fields=["state", "responded_at"])
    type_label = SpecSheet.ContractType(terms["contract_type"]).label
    # Stored as its source and worded when shown; the terms themselves are on the contract.
    pipeline.move(locked, to=S.CONTRACTED, by=by, note=gettext_noop("契約条件を確認し、成約しました。"))
    CheckIn.objects.bulk_create(
        CheckIn(contract=contract, kind=CheckIn.Kind.PERIODIC, due_on=due)
        for due in checkin_schedule(terms["starts_on"], terms["ends_on"])
    )
    notify_company(
        sheet.organization_id,
        kind=Kind.CONTRACT,
        title=Text(gettext_lazy("「%(sheet)s」の契約条件が確認され、成約しました"), sheet=sheet.title),
        body=Text(
            gettext_lazy("%(name)sさんとの%(type)sの契約です。%(date)sに始まります。"),
            name=locked.talent.display_name,
            type=type_label,
            date=terms["starts_on"],
        ),
        url=application_url(locked.pk),
    )
    if taken + 1 >= sheet.openings and sheet.status == SpecSheet.Status.PUBLISHED:
        _close_filled(sheet, proposal)
    pipeline.sync(application, locked)
    return contract


def _close_filled(sheet: SpecSheet, proposal: ContractProposal) -> None:
    """The last opening is filled: close the sheet with the company's choices made when it
    proposed (or, without any, a booked meeting stays open and the kind default words go)."""
    keep, message = closing_plan(
        sheet,
        keep_open=proposal.closing_keep,
        message=proposal.closing_message,
        excluding=proposal.application_id,
    )
    by = (
        proposal.proposed_by
        if proposal.proposed_by and is_company_side(proposal.proposed_by, sheet)
        else None
    )
    spec_sheet_close_filled(sheet=sheet, by=by, keep_open=keep, message=message)
