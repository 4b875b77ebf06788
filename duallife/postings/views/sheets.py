"""The company's side: the dashboard of its sheets, the guided form (create, edit, the live quality
check), submit and close.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duallife.core.audience import ALL, NOT_FOUND, OWN, SIGNED_IN, audience
from duallife.core.errors import add_to_form
from duallife.core.paging import page_of
from duallife.engagements.selectors.applications import applicant_counts
from duallife.engine.skills import ResolvedSkill
from duallife.engine.speclint import FIELD_ORDER, LintReport, Severity, lint
from duallife.organizations.permissions import companies_of

from .. import lint_words, permissions, selectors
from ..errors import SpecSheetError
from ..forms.sheets import DEFAULT_INITIAL, SpecSheetForm
from ..models import SpecSheet
from ..services.lifecycle import EDITABLE_STATUSES
from ..services.sheets import spec_sheet_create, spec_sheet_submit, spec_sheet_update

Status = SpecSheet.Status

#: The dashboard's groups, in the order a company works through them.
DASHBOARD_ORDER = (Status.RETURNED, Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED, Status.CLOSED)
#: The parameter that numbers the pages of the dashboard's closed sheets.
CLOSED_PAGE = "closed_page"
#: Where a speclint finding's field is on the form (the field's own id, as forms/field.html renders it).
FIELD_ANCHORS = {name: f"id_{name}" for name in FIELD_ORDER}


@login_required
@audience(SIGNED_IN)
def dashboard(request: HttpRequest) -> HttpResponse:
    companies = list(companies_of(request.user).order_by("name"))
    all_sheets = selectors.company_sheets(request.user)
    # The sheets being written, reviewed or open, and a page of the closed ones (which only grow).
    current = list(all_sheets.exclude(status=Status.CLOSED))
    closed = page_of(
        request, all_sheets.filter(status=Status.CLOSED), per_page=selectors.PER_PAGE, param=CLOSED_PAGE
    )
    sheets = [*current, *closed.object_list]
    counts = applicant_counts(sheet.pk for sheet in sheets)
    for sheet in sheets:
        sheet.applicants = counts.get(sheet.pk, {"total": 0, "open": 0})
    groups = []
    for status in DASHBOARD_ORDER:
        rows = [sheet for sheet in sheets if sheet.status == status]
        page = closed if status == Status.CLOSED else None
        groups.append(
            {
                "status": status,
                "label": Status(status).label,
                "sheets": rows,
                "count": page.paginator.count if page else len(rows),
                "page": page,
            }
        )
    context = {
        "companies": companies,
        "groups": groups,
        "page_param": CLOSED_PAGE,
        "total": len(current) + closed.paginator.count,
        "collaborating": list(selectors.collaborating_sheets(request.user)),
        "invitations_waiting": selectors.pending_invitations(
            permissions.confirmed_addresses(request.user)
        ).count(),
    }
    return render(request, "postings/dashboard.html", context)


def quality_check_context(report: LintReport, matches: dict | None = None) -> dict:
    findings = [
        {
            "finding": worded.finding,
            "label": worded.label,
            "message": worded.message,
            "suggestion": worded.suggestion,
            "anchor": FIELD_ANCHORS.get(worded.field, ""),
        }
        for worded in lint_words.word_all(report.findings)
    ]
    return {
        "report": report,
        "findings": findings,
        "error_count": len(report.errors),
        "warning_count": len(report.warnings),
        "matches": matches,
        "severity": Severity,
    }


def _preview(form: SpecSheetForm) -> dict:
    """The quality check of what the form holds now (valid fields only), with skill matches."""
    form.is_valid()
    draft, matches = selectors.draft_from_data(form.to_data(partial=True))
    return quality_check_context(lint(draft), matches)


def _render_form(request, form, *, sheet=None, lint_context=None, status=200) -> HttpResponse:
    if lint_context is None:
        if sheet is not None:
            lint_context = quality_check_context(selectors.sheet_lint(sheet), _saved_matches(sheet))
        else:
            lint_context = _preview(form) if form.is_bound else None
    context = {"form": form, "sheet": sheet, "lint": lint_context}
    return render(request, "postings/form.html", context, status=status)


def _saved_matches(sheet: SpecSheet) -> dict:
    """How the saved skills matched: known skills carry their vocabulary entry."""

    matches: dict[str, list] = {"required": [], "welcome": []}
    for item in sheet.skills.all():
        if item.skill_id:
            resolved = ResolvedSkill(
                text=item.skill.name, normalized=item.normalized, key=item.skill.key, name=item.skill.name
            )
        else:
            resolved = ResolvedSkill(text=item.free_text, normalized=item.normalized)
        matches[item.kind].append(resolved)
    return matches


@login_required
@audience(company=ALL)
def sheet_create(request: HttpRequest) -> HttpResponse:
    organizations = list(companies_of(request.user).order_by("name"))
    if not organizations:
        raise PermissionDenied(_("仕様書を作成できるのは、企業のメンバーとして登録している方だけです。"))
    if request.method != "POST":
        form = SpecSheetForm(initial=DEFAULT_INITIAL, organizations=organizations)
        return _render_form(request, form)
    form = SpecSheetForm(request.POST, organizations=organizations)
    if request.POST.get("action") == "check" or not form.is_valid():
        return _render_form(request, form)
    try:
        sheet = spec_sheet_create(
            organization=form.chosen_organization(), by=request.user, data=form.to_data()
        )
    except SpecSheetError as exc:
        add_to_form(form, exc)
        return _render_form(request, form)
    return _after_save(request, sheet)


@login_required
@audience(company=OWN, denied=NOT_FOUND)
def sheet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    if sheet.status not in EDITABLE_STATUSES:
        messages.info(
            request,
            _("「%(status)s」の仕様書は編集できません。") % {"status": sheet.get_status_display()},
        )
        return redirect("postings:detail", pk=sheet.pk)
    if request.method != "POST":
        form = SpecSheetForm(initial=SpecSheetForm.initial_from(sheet))
        return _render_form(request, form, sheet=sheet)
    form = SpecSheetForm(request.POST)
    if request.POST.get("action") == "check" or not form.is_valid():
        return _render_form(request, form, sheet=sheet, lint_context=_preview(form))
    try:
        spec_sheet_update(sheet=sheet, by=request.user, data=form.to_data())
    except SpecSheetError as exc:
        add_to_form(form, exc)
        return _render_form(request, form, sheet=sheet, lint_context=_preview(form))
    return _after_save(request, sheet)


def _after_save(request: HttpRequest, sheet: SpecSheet) -> HttpResponse:
    if request.POST.get("action") == "submit":
        try:
            spec_sheet_submit(sheet=sheet, by=request.user)
        except SpecSheetError as exc:
            messages.error(
                request, _("保存しましたが、提出できませんでした。%(reason)s") % {"reason": exc.message}
            )
            return redirect("postings:edit", pk=sheet.pk)
        messages.success(request, _("保存して、審査に提出しました。担当の自治体・支援機関が確認します。"))
        return redirect("postings:dashboard")
    messages.success(request, _("下書きを保存しました。"))
    return redirect("postings:edit", pk=sheet.pk)


@login_required
@require_POST
@audience(company=ALL)
def sheet_preview(request: HttpRequest) -> HttpResponse:
    """The live quality check beside the form (htmx): lints the posted fields, saves nothing. The
    score in the phone's bar follows out of band."""
    if not companies_of(request.user).exists():
        raise PermissionDenied(_("品質チェックは、企業のメンバーとして登録している方が使えます。"))
    form = SpecSheetForm(request.POST)
    return render(request, "postings/_lint_response.html", {"lint": _preview(form)})


@login_required
@require_POST
@audience(company=OWN, denied=NOT_FOUND)
def sheet_submit(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    try:
        spec_sheet_submit(sheet=sheet, by=request.user)
    except SpecSheetError as exc:
        messages.error(request, exc.message)
        if sheet.status in EDITABLE_STATUSES:
            return redirect("postings:edit", pk=sheet.pk)
        return redirect("postings:dashboard")
    messages.success(request, _("「%(title)s」を審査に提出しました。") % {"title": sheet.title})
    return redirect("postings:dashboard")


urlpatterns = [
    path("mine/", dashboard, name="dashboard"),
    path("new/", sheet_create, name="create"),
    path("preview/", sheet_preview, name="preview"),
    path("<id:pk>/edit/", sheet_edit, name="edit"),
    path("<id:pk>/submit/", sheet_submit, name="submit"),
]
