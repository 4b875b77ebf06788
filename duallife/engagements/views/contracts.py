"""Pages of contracts (成約) and their follow-up: the contract part of the application page, record /
start / end, the check-in page where each side answers, and the coordinators' follow-up list.

Thin: objects are loaded through permission functions (404 for anyone else), input goes through a
form, one service writes, its :class:`EngagementError` becomes a form error or a message. Staff
reading a check-in (answers about a person) is logged.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.accounts.services import personal_data_access_log
from duallife.core.audience import ALL, NOT_FOUND, OWN, audience
from duallife.core.errors import add_to_form
from duallife.core.paging import page_of
from duallife.organizations.permissions import is_coordinator, is_operator
from duallife.postings.models import SpecSheet
from duallife.subsidies.selectors.programs import place_offers
from duallife.subsidies.selectors.rules import contract_months

from ..errors import EngagementError
from ..forms.contracts import (
    ChangeRequestForm,
    CheckInAnswerForm,
    ConfirmForm,
    EndForm,
    FollowupFilterForm,
    ProposalForm,
    contract_initial,
    proposal_initial,
)
from ..models import ENGAGED_STATUSES, Application, CheckIn, CheckInAnswer, Contract, ContractProposal
from ..permissions import (
    APPLICATION_SIDES,
    get_application_for_user,
    get_checkin_for_user,
    get_contract_for_user,
)
from ..selectors import contracts as reads
from ..selectors.applications import open_conversations
from ..services import contracts as services
from ..services import proposals as proposal_services
from ..terms_sheet import terms_pdf
from ..wording import worded_for_storage
from .steps import application_step, back_to_application, report_errors

S = Application.Status
State = ContractProposal.State


# --- The part of the application page ----------------------------------------------------------


def contract_panel(request: HttpRequest, application: Application, side: str) -> dict | None:
    """条件提示: the company's proposal form (prefilled from its last proposal or the sheet), the
    talent's confirm / ask-for-changes; 成約 and after: the contract, its start / end actions and
    its check-ins for both sides and staff."""
    if application.status == S.OFFER:
        return _offer_panel(request, application, side)
    if application.status not in (*ENGAGED_STATUSES, S.COMPLETED):
        return None
    contract = reads.contract_of(application)
    if contract is None:
        return None
    party = side in ("talent", "company")
    engaged = application.status in ENGAGED_STATUSES
    return {
        "mode": "contract",
        "contract": contract,
        "checkins": reads.checkin_rows(contract),
        "can_start": side == "company" and application.status == S.CONTRACTED,
        "end_form": EndForm(prefix="end", initial={"ended_on": timezone.localdate()})
        if party and engaged
        else None,
        "today": timezone.localdate(),
        "party": party,
        "support": _support(contract, side),
    }


def _support(contract: Contract, side: str):
    """The travel-cost support programs the side may claim for the contract's visits: the company's
    members those paying companies, the talent those paying talents (four queries; none for staff
    or a sheet without visits)."""
    if side not in ("company", "talent"):  # a program's payee: Program.Payee
        return None
    return place_offers(
        contract.sheet.municipality,
        trips_per_month=contract.sheet.visits_per_month,
        today=timezone.localdate(),
        contract_months=contract_months(contract),
        payee=side,
    )


def _offer_panel(request: HttpRequest, application: Application, side: str) -> dict | None:
    proposal = reads.proposal_of(application)
    live = proposal if proposal is not None and proposal.state != State.WITHDRAWN else None
    if side == "talent":
        answering = live is not None and live.state == State.PROPOSED
        return {
            "mode": "answer",
            "proposal": live,
            "confirm_form": ConfirmForm(prefix="confirm", initial={"version": live.version})
            if answering
            else None,
            "changes_form": ChangeRequestForm(prefix="changes", initial={"version": live.version})
            if answering
            else None,
        }
    if side != "company":
        return {"mode": "answer", "proposal": live, "staff": True} if side == "staff" else None
    sheet = application.sheet
    taken = Contract.objects.filter(sheet=sheet).count()
    fills_last = taken + 1 >= sheet.openings
    conversations = open_conversations(sheet, excluding=application.pk) if fills_last else []
    form = getattr(request, "proposal_form", None)  # sent back with its errors (see ``propose``)
    if form is None:
        initial = proposal_initial(live) if live is not None else contract_initial(sheet)
        initial["closing_keep"] = [app.pk for app in conversations if app.booked]
        form = ProposalForm(prefix="contract", initial=initial, conversations=conversations)
    return {
        "mode": "offer",
        "proposal": live,
        "form": form,
        "openings": sheet.openings,
        "taken": taken,
        "fills_last": fills_last,
        "conversations": conversations,
        "employment": sheet.contract_type == SpecSheet.ContractType.EMPLOYMENT_REFERRAL,
    }


# --- Writes -------------------------------------------------------------------------------------


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def withdraw_proposal(request: HttpRequest, pk) -> HttpResponse:
    def action(application, _data):
        proposal_services.contract_withdraw_proposal(application=application, by=request.user)
        return messages.SUCCESS, _("契約条件の提示を取り下げました。")

    return application_step(request, pk, lambda data, _application: forms.Form(data), action)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def confirm(request: HttpRequest, pk) -> HttpResponse:
    """The talent confirms the terms they read: the contract (成約) is made."""

    def action(application, data):
        proposal_services.contract_confirm(application=application, by=request.user, version=data["version"])
        return messages.SUCCESS, _(
            "契約条件を確認しました。成約です。条件の書面（PDF）はこのページから保存できます。"
        )

    return application_step(
        request, pk, lambda data, _application: ConfirmForm(data, prefix="confirm"), action
    )


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def request_changes(request: HttpRequest, pk) -> HttpResponse:
    def action(application, data):
        proposal_services.contract_request_changes(application=application, by=request.user, **data)
        return messages.SUCCESS, _("変更の相談を企業に送りました。")

    return application_step(
        request, pk, lambda data, _application: ChangeRequestForm(data, prefix="changes"), action
    )


@personal_data_view
@audience(talent=OWN, company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def terms_sheet(request: HttpRequest, pk) -> HttpResponse:
    """The terms sheet as a PDF in Japanese, for the two parties: the contract's once confirmed,
    the proposal's (marked 案) before that."""
    application, side = get_application_for_user(request.user, pk)
    if side not in ("talent", "company"):
        raise PermissionDenied(_("条件の書面を保存できるのは、契約する人材と企業のメンバーだけです。"))
    contract = reads.contract_of(application)
    proposal = None if contract is not None else reads.proposal_of(application)
    if contract is None and (proposal is None or proposal.state == State.WITHDRAWN):
        raise Http404
    document = terms_pdf(contract=contract, proposal=proposal, application=application)
    response = HttpResponse(document, content_type="application/pdf")
    name = f"terms-{application.pk}.pdf" if contract is not None else f"terms-{application.pk}-draft.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def start(request: HttpRequest, pk) -> HttpResponse:
    contract, _side = get_contract_for_user(request.user, pk)
    try:
        services.contract_start(contract=contract, by=request.user)
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("稼働中にしました。"))
    return back_to_application(contract.application_id)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def end(request: HttpRequest, pk) -> HttpResponse:
    contract, _side = get_contract_for_user(request.user, pk)
    form = EndForm(request.POST, prefix="end")
    if not form.is_valid():
        report_errors(request, form)
        return back_to_application(contract.application_id)
    try:
        services.contract_end(contract=contract, by=request.user, **form.cleaned_data)
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("契約の終了を記録しました。ふりかえりへの回答をお願いします。"))
    return back_to_application(contract.application_id)


# --- The check-in page --------------------------------------------------------------------------


def _answer_rows(checkin: CheckIn, side: str) -> list[CheckInAnswer]:
    """The answers this user may read: staff all, each side its own."""
    answers = sorted(checkin.answers.all(), key=lambda answer: answer.side != CheckInAnswer.Side.TALENT)
    return answers if side == "staff" else [answer for answer in answers if answer.side == side]


@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def checkin_page(request: HttpRequest, pk) -> HttpResponse:
    """A check-in: each side answers its own questions once; staff read both answers (logged)."""
    checkin, side = get_checkin_for_user(request.user, pk)
    contract = checkin.contract
    if side == "staff":
        personal_data_access_log(
            by=request.user,
            subject=contract.talent.user,
            what=worded_for_storage(
                gettext_lazy("「%(sheet)s」のフォローアップ（%(date)s）の閲覧"),
                sheet=contract.sheet.title[:60],
                date=checkin.due_on,
            ),
        )
    today = timezone.localdate()
    answered = reads.answered_sides(checkin)
    can_answer = side in ("talent", "company") and side not in answered and checkin.due_on <= today
    form = CheckInAnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("このフォローアップには回答できません。"))
            return redirect("engagements:checkin", checkin.pk)
        if form.is_valid():
            try:
                services.checkin_answer(checkin=checkin, by=request.user, **form.cleaned_data)
            except EngagementError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("回答しました。ありがとうございました。"))
                return redirect("engagements:checkin", checkin.pk)
    context = {
        "checkin": checkin,
        "contract": contract,
        "application_id": contract.application_id,
        "sheet": contract.sheet,
        "side": side,
        "form": form,
        "answers": _answer_rows(checkin, side),
        "talent_answered": CheckInAnswer.Side.TALENT in answered,
        "company_answered": CheckInAnswer.Side.COMPANY in answered,
        "not_yet": side in ("talent", "company") and checkin.due_on > today,
    }
    return render(
        request, "engagements/contracts/checkin.html", context, status=400 if form and form.errors else 200
    )


# --- The coordinators' follow-up list -----------------------------------------------------------


@personal_data_view
@audience(coordinator=ALL, operator=ALL, personal_data=True)
def followups(request: HttpRequest) -> HttpResponse:
    """Coordinators (their scopes) and operators (all): running contracts and their next check-in."""
    if not (is_operator(request.user) or is_coordinator(request.user)):
        raise PermissionDenied(_("フォローアップの一覧は、自治体・支援機関の担当者と事務局が使います。"))
    prefectures = reads.followup_prefectures(request.user)
    form = FollowupFilterForm(request.GET or None, prefectures=prefectures)
    filters = reads.FollowupFilters()
    query = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = reads.FollowupFilters(prefecture_id=data["prefecture"], alerts_only=data["alerts"])
        query = {
            key: value
            for key, value in (("prefecture", data["prefecture"]), ("alerts", "on" if data["alerts"] else ""))
            if value
        }
    contracts = reads.followup_contracts(request.user, filters, today=timezone.localdate())
    page = page_of(request, contracts)
    context = {
        "form": form,
        "page": page,
        "contracts": list(page.object_list),
        "query": urlencode(query),
        "today": timezone.localdate(),
    }
    return render(request, "engagements/contracts/followups.html", context)


urlpatterns = [
    path("applications/<id:pk>/contract/withdraw/", withdraw_proposal, name="contract_withdraw_proposal"),
    path("applications/<id:pk>/contract/confirm/", confirm, name="contract_confirm"),
    path("applications/<id:pk>/contract/changes/", request_changes, name="contract_request_changes"),
    path("applications/<id:pk>/contract/terms.pdf", terms_sheet, name="contract_terms_sheet"),
    path("contracts/<id:pk>/start/", start, name="contract_start"),
    path("contracts/<id:pk>/end/", end, name="contract_end"),
    path("checkins/<id:pk>/", checkin_page, name="checkin"),
    path("followups/", followups, name="followups"),
]
