"""Pages of applications: apply, the talent's list, the company's pipeline (board and list), the
application page with its history and actions.

Thin: every application is loaded through ``permissions.get_application_for_user`` (404 for anyone
else), input goes through a form, one service writes, its :class:`EngagementError` becomes a form
error or a message. Staff reading an applicant's personal data is logged.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import NOT_FOUND, SIGNED_IN, audience
from duallife.core.errors import add_to_form
from duallife.core.paging import other_parameters, page_of
from duallife.organizations.permissions import companies_of
from duallife.postings.models import SpecSheet
from duallife.postings.permissions import get_sheet_for_public

from ..errors import EngagementError
from ..forms.applications import NEXT_STEPS, AdvanceForm, ApplyForm, PipelineFilterForm, ReasonForm, ShareForm
from ..forms.contracts import ProposalForm
from ..models import OPEN_STATUSES, Application, ShareableField
from ..permissions import (
    ALREADY_APPLIED,
    APPLICATION_SIDES,
    NO_PROFILE,
    OWN_COMPANY,
    application_refusal,
    consented_fields,
    get_application_for_user,
    log_application_read,
    talent_of,
)
from ..selectors import applications as reads
from ..selectors.applications import open_conversations
from ..selectors.messages import unread_counts
from ..services import applications as services
from ..services.consent import consent_grant
from ..services.proposals import TERM_FIELDS, contract_propose
from ..wording import stored_note
from .panels import split_panels
from .steps import application_step

S = Application.Status


def _explain_refusal(request: HttpRequest, refusal: EngagementError, *, sheet, talent, quiet=False):
    """Where a talent who may not apply goes instead: to make a profile, or to the application."""
    if refusal.code == NO_PROFILE:
        messages.info(request, _("応募するには、先に人材プロフィールを作成してください。"))
        return redirect("talents:profile_edit")
    if not quiet:
        messages.info(request, _("この案件にはすでに応募しています。"))
    existing = Application.objects.get(sheet=sheet, talent=talent)
    return redirect("engagements:application_detail", existing.pk)


# Anyone signed in: someone without a talent profile is sent to create one first.
@login_required
@audience(SIGNED_IN)
def apply(request: HttpRequest, sheet_pk) -> HttpResponse:
    sheet = get_sheet_for_public(sheet_pk)
    talent = talent_of(request.user)
    refusal = application_refusal(talent, sheet)
    if refusal is not None and refusal.code != OWN_COMPANY:
        return _explain_refusal(request, refusal, sheet=sheet, talent=talent)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                sheet=sheet,
                by=request.user,
                message=form.cleaned_data["message"],
                shared_fields=form.cleaned_data["shared_fields"],
            )
        except EngagementError as exc:
            if exc.code == ALREADY_APPLIED:  # a double-clicked submit: the first click created it
                return _explain_refusal(request, exc, sheet=sheet, talent=talent, quiet=True)
            add_to_form(form, exc)
        else:
            messages.success(request, _("応募しました。企業からの連絡をお待ちください。"))
            return redirect("engagements:application_detail", application.pk)
    return render(
        request, "engagements/applications/apply.html", {"sheet": sheet, "form": form, "talent": talent}
    )


def _with_unread(user, applications: list[Application]) -> list[Application]:
    """Mark each application with its number of unread messages (one query for the list)."""
    counts = unread_counts(user, [application.pk for application in applications])
    for application in applications:
        application.unread = counts.get(application.pk, 0)
    return applications


@login_required
@audience(SIGNED_IN)
def mine(request: HttpRequest) -> HttpResponse:
    applications = reads.talent_applications(request.user)
    # Every open application; the ended ones (which only grow) a page at a time.
    open_applications = list(applications.filter(status__in=OPEN_STATUSES))
    ended = page_of(request, applications.exclude(status__in=OPEN_STATUSES))
    _with_unread(request.user, [*open_applications, *ended.object_list])
    return render(
        request,
        "engagements/applications/mine.html",
        {
            "has_profile": talent_of(request.user) is not None,
            "open_applications": open_applications,
            "other_applications": ended.object_list,
            "page": ended,
        },
    )


@login_required
@audience(SIGNED_IN)
def pipeline(request: HttpRequest) -> HttpResponse:
    companies = list(companies_of(request.user))

    sheets = list(
        SpecSheet.objects.filter(organization__in=companies, applications__isnull=False)
        .distinct()
        .order_by("-published_at", "-pk")
        .only("pk", "title")
    )
    form = PipelineFilterForm(request.GET or None, sheets=sheets)
    filters = reads.PipelineFilters()
    view = "board"
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = reads.PipelineFilters(
            sheet_id=data["sheet"], status=data["status"], query=data["q"].strip()
        )
        view = data["view"] or "board"
    context = {"companies": companies, "form": form, "view": view, "query": other_parameters(request)}
    if companies and view == "list":
        page = page_of(request, reads.company_pipeline(request.user, filters))
        context |= {"page": page, "applications": page.object_list, "total": page.paginator.count}
        _with_unread(request.user, page.object_list)
    elif companies:
        columns = reads.pipeline_columns(request.user, filters)
        context |= {
            "columns": columns,
            "total": sum(column["count"] for column in columns),
            "list_query": other_parameters(request, "page", "view", "status"),
        }
        _with_unread(request.user, [a for column in columns for a in column["applications"]])
    return render(request, "engagements/applications/pipeline.html", context)


@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def detail(request: HttpRequest, pk) -> HttpResponse:
    application, side = get_application_for_user(request.user, pk)
    log_application_read(request.user, application, side, via="page")
    return _page(request, application, side)


def _page(request: HttpRequest, application: Application, side: str, *, status: int = 200) -> HttpResponse:
    fields = consented_fields(application)
    is_open = application.status in OPEN_STATUSES
    context = {
        "application": application,
        "side": side,
        "sheet": application.sheet,
        "talent": application.talent,
        "card": reads.applicant_card(application, fields) if side != "talent" else None,
        "shared_labels": [label for value, label in ShareableField.choices if value in fields],
        "events": _history(application),
        "advance_form": AdvanceForm(
            prefix="advance",
            current=application.status,
            initial={"interview_mode": application.interview_mode, "interview_at": application.interview_at},
        )
        if side == "company" and is_open and NEXT_STEPS.get(application.status)
        else None,
        "next_step": _next_step(application, side),
        "decline_form": ReasonForm(prefix="decline") if side == "company" and is_open else None,
        "withdraw_form": ReasonForm(prefix="withdraw") if side == "talent" and is_open else None,
        "share_form": ShareForm(prefix="share")
        if side == "talent" and application.status not in (S.DECLINED, S.WITHDRAWN, S.EXPIRED)
        else None,
        **split_panels(request, application, side),
    }
    return render(request, "engagements/applications/detail.html", context, status=status)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def propose(request: HttpRequest, pk) -> HttpResponse:
    """The company proposes (or revises) the terms; the talent is asked to confirm them. A refused
    proposal comes back on the application page with each error beside its field and the entries
    kept."""
    application, side = get_application_for_user(request.user, pk)
    others = open_conversations(application.sheet, excluding=application.pk)
    form = ProposalForm(request.POST, prefix="contract", conversations=others)
    if form.is_valid():
        terms = {name: form.cleaned_data[name] for name in (*TERM_FIELDS, "closing_keep", "closing_message")}
        try:
            contract_propose(application=application, by=request.user, **terms)
        except EngagementError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("契約条件を提示しました。応募者が確認すると成約になります。"))
            return redirect("engagements:application_detail", application.pk)
    request.proposal_form = form
    return _page(request, application, side, status=400)


def _next_step(application: Application, side: str) -> str:
    """What the page's header points to first: ``propose`` / ``proposed`` (the company, in
    条件提示, before or after proposing), ``confirm`` (the talent, with terms waiting), or nothing."""
    if application.status != S.OFFER or side not in ("talent", "company"):
        return ""
    proposal = getattr(application, "proposal", None)
    live = proposal is not None and proposal.state != proposal.State.WITHDRAWN
    if side == "company":
        return "proposed" if live else "propose"
    return "confirm" if live and proposal.state == proposal.State.PROPOSED else ""


def _history(application: Application) -> list[dict]:
    """Each step with who took it, named by role (both sides see it; no personal names)."""
    talent_user_id = application.talent.user_id
    rows = []
    for event in application.events.all():
        if event.by_id is None:
            who = _("システム")
        elif event.by_id == talent_user_id:
            who = _("応募者")
        else:
            who = application.sheet.organization.name
        rows.append(
            {
                "at": event.at,
                "who": who,
                "from_label": S(event.from_status).label if event.from_status else "",
                "to_label": S(event.to_status).label,
                "to": event.to_status,
                "note": stored_note(event.note),
            }
        )
    return rows


def _act(request: HttpRequest, pk, form_class, prefix: str, action) -> HttpResponse:
    return application_step(request, pk, lambda data, _application: form_class(data, prefix=prefix), action)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def advance(request: HttpRequest, pk) -> HttpResponse:
    def action(application, data):
        services.application_advance(
            application=application,
            by=request.user,
            to=data["to"],
            interview_mode=data["interview_mode"],
            interview_at=data["interview_at"],
            note=data["note"],
        )
        return messages.SUCCESS, _("応募を「%(status)s」にしました。") % {"status": S(data["to"]).label}

    return _act(request, pk, AdvanceForm, "advance", action)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def decline(request: HttpRequest, pk) -> HttpResponse:
    def action(application, data):
        services.application_decline(application=application, by=request.user, reason=data["reason"])
        return messages.SUCCESS, _("見送りにしました。応募者にお知らせしました。")

    return _act(request, pk, ReasonForm, "decline", action)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def withdraw(request: HttpRequest, pk) -> HttpResponse:
    def action(application, data):
        services.application_withdraw(application=application, by=request.user, reason=data["reason"])
        return messages.SUCCESS, _("応募を辞退しました。")

    return _act(request, pk, ReasonForm, "withdraw", action)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def share(request: HttpRequest, pk) -> HttpResponse:
    def action(application, data):
        record = consent_grant(application=application, by=request.user, fields=data["fields_to_share"])
        if record is None:
            return messages.INFO, _("選んだ項目は、すでに企業に知らせています。")
        return messages.SUCCESS, _("選んだ項目を企業に知らせました。提供の記録はマイページから確認できます。")

    return _act(request, pk, ShareForm, "share", action)


urlpatterns = [
    path("sheets/<id:sheet_pk>/apply/", apply, name="apply"),
    path("applications/", mine, name="my_applications"),
    path("applications/pipeline/", pipeline, name="pipeline"),
    path("applications/<id:pk>/", detail, name="application_detail"),
    path("applications/<id:pk>/advance/", advance, name="application_advance"),
    path("applications/<id:pk>/decline/", decline, name="application_decline"),
    path("applications/<id:pk>/withdraw/", withdraw, name="application_withdraw"),
    path("applications/<id:pk>/share/", share, name="application_share"),
    path("applications/<id:pk>/contract/", propose, name="contract_propose"),
]
