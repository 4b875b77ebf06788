"""The reviewers' steps of a claim and the budget they move.

- :func:`claim_return` (差戻し, with reasons) and :func:`claim_reject` (却下): a submitted claim.
- :func:`claim_approve` (交付決定): the amount is computed again under the claim's rules version,
  counting what was granted before, and reserved from the budget — inside one transaction, with
  row locks taken in a fixed order: the program, then the claim, then the person's and the
  company's totals. An amount the budget cannot take is refused, whole; when the budget is used
  up, intake closes by itself (see ``permissions.intake_refusal``).
- :func:`claim_fix` (額の確定): the final amount, at most the reservation; the difference goes
  back to the budget.
- :func:`claim_pay` (支払済): the payment with its date and reference; with the two-person rule the
  approver may not record it.

Crossing 80 %, 95 % and 100 % of the budget (reserved + paid) tells the program's managers, once
each.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.formats import format_yen
from duallife.core.texts import Text, Yen

from ..errors import SupportConflictError, SupportError
from ..links import claim_url, program_url
from ..models import BudgetEntry, Claim, ClaimEvent, GrantTotal, Program
from ..notices import manager_users, payee_users, tell
from ..permissions import review_refusal
from ..selectors.rules import claim_assessment, reasons_to_json
from ..texts import reason_text

NOTE_MAX_CHARS = 2000
REFERENCE_MAX_CHARS = 60
#: Budget use (reserved + paid, % of the budget) the managers are told of.
WARNING_LEVELS = (80, 95, 100)


def _note(note: str, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise SupportError(_("申請者に伝える理由を書いてください。"), field="note")
    if len(note) > NOTE_MAX_CHARS:
        raise SupportError(_("理由は%(max)s字以内で書いてください。") % {"max": NOTE_MAX_CHARS}, field="note")
    return note


def _lock(claim: Claim) -> tuple[Program, Claim]:
    """Lock the program, then the claim (the order every budget step uses)."""
    program = Program.objects.select_for_update().get(pk=claim.program_id)
    locked = (
        Claim.objects.select_related("program", "contract", "talent", "talent__user")
        .select_for_update(of=("self",))
        .get(pk=claim.pk)
    )
    locked.program = program
    return program, locked


def _check(by, claim: Claim, step: str) -> None:
    refusal = review_refusal(by, claim, step)
    if refusal:
        raise refusal


def _lock_totals(claim: Claim, program: Program) -> tuple[GrantTotal, GrantTotal]:
    """The person's, then the company's total for the program's year, locked (created if new)."""
    totals = []
    for holder, holder_id in (
        (GrantTotal.Holder.PERSON, claim.talent_id),
        (GrantTotal.Holder.COMPANY, claim.company_id),
    ):
        GrantTotal.objects.get_or_create(
            program_slug=program.slug, fiscal_year=program.fiscal_year, holder=holder, holder_id=holder_id
        )
        totals.append(
            GrantTotal.objects.select_for_update().get(
                program_slug=program.slug, fiscal_year=program.fiscal_year, holder=holder, holder_id=holder_id
            )
        )
    return totals[0], totals[1]


def _move_totals(person: GrantTotal, company: GrantTotal, delta: int) -> None:
    for total in (person, company):
        total.granted_yen = max(0, total.granted_yen + delta)
        total.save(update_fields=["granted_yen"])


def _warn(program: Program) -> None:
    """Tell the managers when budget use crosses a warning level they were not told of yet."""
    crossed = [level for level in WARNING_LEVELS if program.used_percent >= level > program.warned_percent]
    if not crossed:
        return
    level = crossed[-1]
    program.warned_percent = level
    program.save(update_fields=["warned_percent", "updated_at"])
    if level >= 100:
        title = Text(
            gettext_lazy("「%(program)s」の予算を使い切り、受付を終了しました"), program=program.name
        )
    else:
        title = Text(
            gettext_lazy("「%(program)s」の予算の%(percent)s%%を使いました"),
            program=program.name,
            percent=level,
        )
    tell(
        manager_users(program),
        title=title,
        body=[Text(gettext_lazy("残り: %(amount)s"), amount=Yen(program.remaining_yen))],
        url=program_url(program.pk),
    )


def _tell_payee(claim: Claim, title, body=()) -> None:
    tell(payee_users(claim), title=title, body=body, url=claim_url(claim.pk))


def _decide(claim: Claim, by, note: str, now, *, step: str, state: str, title) -> Claim:
    _program, claim = _lock(claim)
    _check(by, claim, step)
    note = _note(note, required=True)
    claim.state = state
    claim.decision_note = note
    claim.save(update_fields=["state", "decision_note", "updated_at"])
    ClaimEvent.objects.create(claim=claim, action=state, by=by, at=now or timezone.now(), note=note)
    _tell_payee(claim, Text(title, program=claim.program.name))
    return claim


@transaction.atomic
def claim_return(*, claim: Claim, by, note: str, now: datetime.datetime | None = None) -> Claim:
    """差戻し: back to the applicant with the reasons; they change the trips and submit again."""
    title = gettext_lazy("「%(program)s」の申請に修正のお願いがあります")
    return _decide(claim, by, note, now, step="return", state=Claim.State.RETURNED, title=title)


@transaction.atomic
def claim_reject(*, claim: Claim, by, note: str, now: datetime.datetime | None = None) -> Claim:
    """却下: the claim is not supported; the reason is shown to the applicant."""
    title = gettext_lazy("「%(program)s」の申請は対象外となりました")
    return _decide(claim, by, note, now, step="reject", state=Claim.State.REJECTED, title=title)


@transaction.atomic
def claim_approve(*, claim: Claim, by, now: datetime.datetime | None = None) -> Claim:
    """交付決定: compute the amount again (the caps count what was granted before) and reserve it."""
    now = now or timezone.now()
    program, claim = _lock(claim)
    _check(by, claim, "approve")
    person, company = _lock_totals(claim, program)
    outcome = claim_assessment(claim)
    if not outcome.eligible or outcome.payable_yen == 0:
        raise SupportConflictError(
            _("今の交付状況では支援額が0円になるため、交付決定できません: %(reasons)s")
            % {"reasons": " ".join(reason_text(reason) for reason in outcome.reasons)},
            code="nothing_payable",
        )
    amount = outcome.payable_yen
    if amount > program.remaining_yen:
        raise SupportConflictError(
            _("予算の残り（%(left)s）では、この申請の%(amount)sを交付決定できません。")
            % {"left": format_yen(program.remaining_yen), "amount": format_yen(amount)},
            code="budget_exhausted",
        )
    program.reserved_yen += amount
    program.save(update_fields=["reserved_yen", "updated_at"])
    BudgetEntry.objects.create(
        program=program, claim=claim, kind=BudgetEntry.Kind.RESERVE, amount_yen=amount, at=now
    )
    _move_totals(person, company, amount)
    claim.state = Claim.State.APPROVED
    claim.approved_yen = amount
    claim.approved_at = now
    claim.approved_by = by
    claim.assessment = reasons_to_json(outcome)
    claim.save(
        update_fields=["state", "approved_yen", "approved_at", "approved_by", "assessment", "updated_at"]
    )
    ClaimEvent.objects.create(
        claim=claim, action=ClaimEvent.Action.APPROVED, by=by, at=now, amount_yen=amount
    )
    _tell_payee(
        claim,
        Text(gettext_lazy("「%(program)s」の交付が決定しました"), program=claim.program.name),
        [
            Text(gettext_lazy("交付決定額: %(amount)s"), amount=Yen(amount)),
            Text(gettext_lazy("往復を終えたら、領収書を添えて実績報告をしてください。")),
        ],
    )
    _warn(program)
    return claim


def _amount(value, *, field: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise SupportError(
            _("金額は0から%(max)sまでの整数（円）で入力してください。") % {"max": format_yen(maximum)},
            field=field,
        )
    return value


@transaction.atomic
def claim_fix(
    *, claim: Claim, by, amount_yen: int, note: str = "", now: datetime.datetime | None = None
) -> Claim:
    """額の確定: the amount after the report, at most the reservation; the rest goes back."""
    now = now or timezone.now()
    program, claim = _lock(claim)
    _check(by, claim, "fix")
    amount = _amount(amount_yen, field="amount_yen", maximum=claim.approved_yen)
    note = _note(note, required=amount < claim.approved_yen)
    released = claim.approved_yen - amount
    if released:
        person, company = _lock_totals(claim, program)
        program.reserved_yen -= released
        program.save(update_fields=["reserved_yen", "updated_at"])
        BudgetEntry.objects.create(
            program=program, claim=claim, kind=BudgetEntry.Kind.RELEASE, amount_yen=released, at=now
        )
        _move_totals(person, company, -released)
    claim.state = Claim.State.FIXED
    claim.fixed_yen = amount
    claim.fixed_at = now
    claim.decision_note = note
    claim.save(update_fields=["state", "fixed_yen", "fixed_at", "decision_note", "updated_at"])
    ClaimEvent.objects.create(
        claim=claim, action=ClaimEvent.Action.FIXED, by=by, at=now, amount_yen=amount, note=note
    )
    _tell_payee(
        claim,
        Text(gettext_lazy("「%(program)s」の支援額が確定しました"), program=claim.program.name),
        [Text(gettext_lazy("確定額: %(amount)s"), amount=Yen(amount))],
    )
    return claim


@transaction.atomic
def claim_pay(
    *, claim: Claim, by, paid_on: datetime.date, reference: str, now: datetime.datetime | None = None
) -> Claim:
    """支払済: the fixed amount was paid on ``paid_on`` (``reference``: the transfer's number)."""
    now = now or timezone.now()
    program, claim = _lock(claim)
    _check(by, claim, "pay")
    if not isinstance(paid_on, datetime.date):
        raise SupportError(_("支払日を入力してください。"), field="paid_on")
    if paid_on > timezone.localdate(now) or (claim.fixed_at and paid_on < timezone.localdate(claim.fixed_at)):
        raise SupportError(_("支払日は額の確定の日から今日までの日付にしてください。"), field="paid_on")
    reference = " ".join((reference or "").split())
    if not reference or len(reference) > REFERENCE_MAX_CHARS:
        raise SupportError(
            _("振込の参照番号などを%(max)s字以内で入力してください。") % {"max": REFERENCE_MAX_CHARS},
            field="reference",
        )
    amount = claim.fixed_yen or 0
    program.reserved_yen -= amount
    program.paid_yen += amount
    program.save(update_fields=["reserved_yen", "paid_yen", "updated_at"])
    BudgetEntry.objects.create(
        program=program, claim=claim, kind=BudgetEntry.Kind.PAY, amount_yen=amount, at=now
    )
    claim.state = Claim.State.PAID
    claim.paid_yen = amount
    claim.paid_on = paid_on
    claim.payment_reference = reference
    claim.paid_by = by
    claim.save(update_fields=["state", "paid_yen", "paid_on", "payment_reference", "paid_by", "updated_at"])
    ClaimEvent.objects.create(
        claim=claim, action=ClaimEvent.Action.PAID, by=by, at=now, amount_yen=amount, note=reference
    )
    _tell_payee(
        claim,
        Text(gettext_lazy("「%(program)s」の支援額をお支払いしました"), program=claim.program.name),
        [Text(gettext_lazy("支払額: %(amount)s（%(date)s）"), amount=Yen(amount), date=paid_on)],
    )
    return claim
