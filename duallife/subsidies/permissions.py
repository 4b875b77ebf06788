"""Who may do what with support programs and claims — one rule, one place.

- Programs are public (their rules and budget are the owning body's published facts). They are
  managed, and their claims reviewed, by the coordinators of the owning body and by operators.
- A claim belongs to its payee side: the members of the company (programs that pay companies) or
  the talent (programs that pay talents). Nobody else sees it — not the other party of the
  contract, not another company, not a coordinator of another body (404 for all of them).
- A staff read of a claim (trips, receipts: personal data) is logged.

The ``*_refusal`` functions say why a step is refused (or ``None``); services ask them to refuse,
pages ask them to explain.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.accounts.services import personal_data_access_log
from duallife.core.errors import NotFoundError
from duallife.core.formats import format_date
from duallife.core.ids import parse_id
from duallife.core.texts import worded_for_storage
from duallife.engine.subsidies import Rules
from duallife.organizations.models import Organization
from duallife.organizations.permissions import companies_of, is_operator, memberships
from duallife.talents.models import TalentProfile

from .errors import SupportConflictError, SupportError, SupportPermissionError, SupportTransitionError
from .models import Claim, Program

Side = Literal["payee", "reviewer"]
S = Claim.State

#: States in which the payee side may still change the trips.
EDITABLE_STATES = (S.DRAFT, S.RETURNED)


def _signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


# --- Programs ------------------------------------------------------------------------------------


def managed_programs(user) -> QuerySet[Program]:
    """The programs ``user`` manages: every one for an operator, their bodies' for a coordinator."""
    if not _signed_in(user):
        return Program.objects.none()
    if is_operator(user):
        return Program.objects.all()
    bodies = memberships(user, kind=Organization.Kind.COORDINATOR).values_list("organization_id", flat=True)
    return Program.objects.filter(owner_organization_id__in=list(bodies))


def can_manage_program(user, program: Program) -> bool:
    return managed_programs(user).filter(pk=program.pk).exists()


def get_program(pk) -> Program:
    """A program by id for anyone (programs are public); 404 when there is none."""
    message = _("交通費支援の制度が見つかりません。")
    program = (
        Program.objects.select_related("owner_organization")
        .filter(pk=parse_id(pk, not_found=message))
        .first()
    )
    if program is None:
        raise NotFoundError(message)
    return program


def get_program_for_manager(user, pk) -> Program:
    """A program ``user`` manages; 404 for everyone else (a coordinator of another body too)."""
    program = get_program(pk)
    if not can_manage_program(user, program):
        raise NotFoundError(_("交通費支援の制度が見つかりません。"))
    return program


def intake_refusal(program: Program, *, today: datetime.date) -> str | None:
    """Why the program takes no new claim today (or None)."""
    if program.intake_opens_on and today < program.intake_opens_on:
        return _("受付は%(date)sからです。") % {"date": _date(program.intake_opens_on)}
    if program.intake_closes_on and today > program.intake_closes_on:
        return _("受付は%(date)sで終了しました。") % {"date": _date(program.intake_closes_on)}
    if program.remaining_yen <= 0:
        return _("予算の上限に達したため、受付を終了しました。")
    return None


def _date(day: datetime.date) -> str:
    return format_date(day)


# --- Claims --------------------------------------------------------------------------------------


def talent_profile_of(user) -> TalentProfile | None:
    if not _signed_in(user):
        return None
    return TalentProfile.objects.filter(user=user).first()


def may_claim(user) -> bool:
    """Talents and company members make claims (for themselves, or for their companies)."""
    return talent_profile_of(user) is not None or companies_of(user).exists()


def is_payee_side(user, claim: Claim) -> bool:
    if not _signed_in(user):
        return False
    if claim.payee == Program.Payee.COMPANY:
        return companies_of(user).filter(pk=claim.company_id).exists()
    return claim.talent.user_id == user.pk


def payee_claims(user) -> QuerySet[Claim]:
    """The claims ``user`` makes: their companies' (company-paid programs) and their own."""
    if not _signed_in(user):
        return Claim.objects.none()
    companies = list(companies_of(user).values_list("pk", flat=True))
    return Claim.objects.filter(
        Q(payee=Program.Payee.COMPANY, company_id__in=companies)
        | Q(payee=Program.Payee.TALENT, talent__user=user)
    )


def side_of(user, claim: Claim) -> Side | None:
    """The payee side sees its claims; reviewers see them once submitted (a draft is the
    applicant's own until then)."""
    if is_payee_side(user, claim):
        return "payee"
    if claim.state != S.DRAFT and can_manage_program(user, claim.program):
        return "reviewer"
    return None


def get_claim_for_user(user, pk, *, what=None) -> tuple[Claim, Side]:
    """A claim its payee side or its program's managers asked for; 404 for anyone else. A
    reviewer's read is logged as a read of the talent's personal data (``what`` says which)."""
    message = _("交通費支援の申請が見つかりません。")
    claim = (
        Claim.objects.select_related(
            "program",
            "program__owner_organization",
            "version",
            "contract",
            "company",
            "talent",
            "talent__user",
        )
        .filter(pk=parse_id(pk, not_found=message))
        .first()
    )
    side = side_of(user, claim) if claim is not None else None
    if side is None:
        raise NotFoundError(message)
    if side == "reviewer" and claim.talent.user_id is not None:
        personal_data_access_log(
            by=user,
            subject=claim.talent.user,
            what=worded_for_storage(
                what or gettext_lazy("交通費支援の申請（%(claim)s）の閲覧"), claim=claim.pk
            ),
        )
    return claim, side


def contract_claim_refusal(user, contract, program: Program) -> str | None:
    """Why ``user`` may not start a claim under ``program`` for ``contract`` (or None)."""
    if program.payee == Program.Payee.COMPANY:
        if not companies_of(user).filter(pk=contract.organization_id).exists():
            return _("この制度の申請は、受け入れ企業の担当者が行います。")
    elif contract.talent.user_id != getattr(user, "pk", None):
        return _("この制度の申請は、人材本人が行います。")
    return None


def edit_refusal(claim: Claim) -> SupportError | None:
    if claim.state not in EDITABLE_STATES:
        return SupportTransitionError(_("申請したあとは往復を変更できません。"), code="not_editable")
    return None


def submit_refusal(claim: Claim, *, rules: Rules, today: datetime.date, trips: int) -> SupportError | None:
    if claim.state not in EDITABLE_STATES:
        return SupportTransitionError(_("この申請はすでに提出されています。"), code="already_submitted")
    closed = intake_refusal(claim.program, today=today)
    if closed:
        return SupportConflictError(closed, code="intake_closed")
    if trips == 0:
        return SupportError(_("往復を1件以上入力してください。"), code="no_trips", field="trips")
    if claim.contract.ends_on is None and rules.max_contract_months is not None:
        return SupportError(
            _("この制度は契約期間に上限があります。契約の終了予定日を決めてから申請してください。"),
            code="contract_without_end",
        )
    return None


#: What a reviewer may do in each state.
REVIEW_STEPS = {
    "return": (S.SUBMITTED,),
    "reject": (S.SUBMITTED,),
    "approve": (S.SUBMITTED,),
    "fix": (S.REPORTED,),
    "pay": (S.FIXED,),
}


def review_refusal(user, claim: Claim, step: str) -> SupportError | None:
    """Why ``user`` may not take review ``step`` on ``claim`` now (or None)."""
    if not can_manage_program(user, claim.program):
        return SupportPermissionError(_("この制度の審査を担当していません。"))
    return step_refusal(user, claim, step)


def step_refusal(user, claim: Claim, step: str) -> SupportError | None:
    """Why review ``step`` cannot be taken on ``claim`` now by ``user``, one of its reviewers: the
    claim's state, or the two-person rule (the claim's page asks this for each step)."""
    if claim.state not in REVIEW_STEPS[step]:
        return SupportTransitionError(
            _("この申請は「%(state)s」のため、この操作はできません。") % {"state": claim.get_state_display()}
        )
    if step == "pay" and claim.program.two_person_rule and claim.approved_by_id == user.pk:
        return SupportPermissionError(
            _("交付決定をした人は、支払を記録できません（二者確認）。別の担当者が記録してください。"),
            code="two_person_rule",
        )
    return None


def report_refusal(claim: Claim, *, trips_without_receipt: int) -> SupportError | None:
    if claim.state != S.APPROVED:
        return SupportTransitionError(_("実績報告は交付決定のあとに行います。"), code="not_approved")
    if trips_without_receipt:
        return SupportError(
            _("領収書のない往復が%(count)s件あります。すべての往復に領収書を添付してください。")
            % {"count": trips_without_receipt},
            code="receipts_missing",
        )
    return None
