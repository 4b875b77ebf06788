"""Pages of contracts (成約) and their follow-up: the contract part of the application page, record /
start / end, the check-in page where each side answers, and the coordinators' follow-up list.

Thin: objects are loaded through permission functions (404 for anyone else), input goes through a
form, one service writes, its :class:`EngagementError` becomes a form error or a message. Staff
reading a check-in (answers about a person) is logged.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.accounts.services import personal_data_access_log
from duallife.core.audience import ALL, NOT_FOUND, audience
from duallife.core.errors import add_to_form
from duallife.core.paging import page_of
from duallife.organizations.permissions import is_coordinator, is_operator
from duallife.postings.models import SpecSheet

from ..errors import EngagementError
from ..forms.contracts import CheckInAnswerForm, ContractForm, EndForm, FollowupFilterForm, contract_initial
from ..models import ENGAGED_STATUSES, Application, CheckIn, CheckInAnswer, Contract
from ..permissions import (
    APPLICATION_SIDES,
    get_application_for_user,
    get_checkin_for_user,
    get_contract_for_user,
)
from ..selectors import contracts as reads
from ..services import contracts as services
from ..wording import worded_for_storage

S = Application.Status


def _report(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _back(application_id: int) -> HttpResponse:
    return redirect("engagements:application_detail", application_id)


# --- The part of the application page ----------------------------------------------------------


def contract_panel(request: HttpRequest, application: Application, side: str) -> dict | None:
    """条件提示: the company's contract form (prefilled from the sheet); 成約 and after: the contract,
    its start / end actions and its check-ins for both sides and staff."""
    if application.status == S.OFFER:
        return _offer_panel(application, side)
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
    }


def _offer_panel(application: Application, side: str) -> dict | None:
    if side == "talent":
        return {"mode": "waiting"}
    if side != "company":
        return None
    sheet = application.sheet
    return {
        "mode": "offer",
        "form": ContractForm(prefix="contract", initial=contract_initial(sheet)),
        "openings": sheet.openings,
        "taken": Contract.objects.filter(sheet=sheet).count(),
        "employment": sheet.contract_type == SpecSheet.ContractType.EMPLOYMENT_REFERRAL,
    }


# --- Writes -------------------------------------------------------------------------------------


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def record(request: HttpRequest, pk) -> HttpResponse:
    application, _side = get_application_for_user(request.user, pk)
    form = ContractForm(request.POST, prefix="contract")
    if not form.is_valid():
        _report(request, form)
        return _back(application.pk)
    try:
        services.contract_record(application=application, by=request.user, **form.cleaned_data)
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("成約を記録しました。フォローアップの予定も作りました。"))
    return _back(application.pk)


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
    return _back(contract.application_id)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def end(request: HttpRequest, pk) -> HttpResponse:
    contract, _side = get_contract_for_user(request.user, pk)
    form = EndForm(request.POST, prefix="end")
    if not form.is_valid():
        _report(request, form)
        return _back(contract.application_id)
    try:
        services.contract_end(contract=contract, by=request.user, **form.cleaned_data)
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("契約の終了を記録しました。ふりかえりへの回答をお願いします。"))
    return _back(contract.application_id)


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
    path("applications/<id:pk>/contract/", record, name="contract_record"),
    path("contracts/<id:pk>/start/", start, name="contract_start"),
    path("contracts/<id:pk>/end/", end, name="contract_end"),
    path("checkins/<id:pk>/", checkin_page, name="checkin"),
    path("followups/", followups, name="followups"),
]
