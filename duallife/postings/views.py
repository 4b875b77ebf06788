"""Spec-sheet pages: the public listing and detail, the company's guided form and dashboard,
co-writing, and the coordinators' review queue.

Thin: every sheet is loaded through ``permissions`` (404 for anyone who may not see it), input is
validated by a form, one service does the write, and its :class:`SpecSheetError` becomes a form
error or a message. Forms work without JavaScript; with htmx the listing swaps its results and the
sheet form shows the quality check live.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duallife.core.errors import add_to_form
from duallife.engagements.selectors.applications import applicant_counts
from duallife.engine.skills import ResolvedSkill
from duallife.engine.speclint import FIELD_ORDER, LintReport, Severity, lint
from duallife.organizations.links import organization_url
from duallife.organizations.permissions import companies_of

from . import lint_words, permissions, selectors, services
from .errors import SpecSheetError
from .forms import DEFAULT_INITIAL, CloseForm, CommentForm, InviteForm, ListingForm, ReviewForm, SpecSheetForm
from .models import SpecSheet

Status = SpecSheet.Status

#: The dashboard's groups, in the order a company works through them.
DASHBOARD_ORDER = (Status.RETURNED, Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED, Status.CLOSED)
#: Where a speclint finding's field is on the form (the field's own id, as forms/field.html renders it).
FIELD_ANCHORS = {name: f"id_{name}" for name in FIELD_ORDER}


# --- Public pages --------------------------------------------------------------------------------


def sheet_list(request: HttpRequest) -> HttpResponse:
    choices = selectors.listing_choices()
    form = ListingForm(request.GET or None, choices=choices)
    filters = form.filters()
    page = selectors.published_sheets_page(filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "sheets": [(sheet, organization_url(sheet.organization)) for sheet in page.object_list],
        "query": query.urlencode(),
        "filtered": form.is_bound and form.active(),
    }
    template = "postings/_results.html" if request.htmx else "postings/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_user(request.user, pk)
    is_editor = permissions.is_sheet_editor(request.user, sheet)
    context = {
        "sheet": sheet,
        "organization_url": organization_url(sheet.organization),
        "is_editor": is_editor,
        "close_form": CloseForm() if is_editor and sheet.status == Status.PUBLISHED else None,
        "reviewer_matches": not is_editor
        and sheet.status == Status.PUBLISHED
        and permissions.can_review_sheet(request.user, sheet),
    }
    if sheet.status in (Status.PUBLISHED, Status.CLOSED):  # applying and 気になる (engagements)
        from duallife.engagements.views.scouts import sheet_page_context

        context["engagement"] = sheet_page_context(request, sheet)
    return render(request, "postings/detail.html", context)


# --- The company's side: dashboard, guided form, submit, close -----------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    companies = list(companies_of(request.user).order_by("name"))
    sheets = list(selectors.company_sheets(request.user))
    counts = applicant_counts(sheet.pk for sheet in sheets)
    for sheet in sheets:
        sheet.applicants = counts.get(sheet.pk, {"total": 0, "open": 0})
    groups = []
    for status in DASHBOARD_ORDER:
        rows = [sheet for sheet in sheets if sheet.status == status]
        groups.append({"status": status, "label": Status(status).label, "sheets": rows})
    context = {
        "companies": companies,
        "groups": groups,
        "total": len(sheets),
        "collaborating": list(selectors.collaborating_sheets(request.user)),
        "close_form": CloseForm(),
    }
    return render(request, "postings/dashboard.html", context)


def _lint_context(report: LintReport, matches: dict | None = None) -> dict:
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
    return _lint_context(lint(draft), matches)


def _render_form(request, form, *, sheet=None, lint_context=None, status=200) -> HttpResponse:
    if lint_context is None:
        if sheet is not None:
            lint_context = _lint_context(selectors.sheet_lint(sheet), _saved_matches(sheet))
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
        sheet = services.spec_sheet_create(
            organization=form.chosen_organization(), by=request.user, data=form.to_data()
        )
    except SpecSheetError as exc:
        add_to_form(form, exc)
        return _render_form(request, form)
    return _after_save(request, sheet)


@login_required
def sheet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    if sheet.status not in services.EDITABLE_STATUSES:
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
        services.spec_sheet_update(sheet=sheet, by=request.user, data=form.to_data())
    except SpecSheetError as exc:
        add_to_form(form, exc)
        return _render_form(request, form, sheet=sheet, lint_context=_preview(form))
    return _after_save(request, sheet)


def _after_save(request: HttpRequest, sheet: SpecSheet) -> HttpResponse:
    if request.POST.get("action") == "submit":
        try:
            services.spec_sheet_submit(sheet=sheet, by=request.user)
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
def sheet_preview(request: HttpRequest) -> HttpResponse:
    """The live quality check beside the form (htmx): lints the posted fields, saves nothing."""
    if not companies_of(request.user).exists():
        raise PermissionDenied(_("品質チェックは、企業のメンバーとして登録している方が使えます。"))
    form = SpecSheetForm(request.POST)
    return render(request, "postings/_lint.html", {"lint": _preview(form)})


@login_required
@require_POST
def sheet_submit(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    try:
        services.spec_sheet_submit(sheet=sheet, by=request.user)
    except SpecSheetError as exc:
        messages.error(request, exc.message)
        if sheet.status in services.EDITABLE_STATUSES:
            return redirect("postings:edit", pk=sheet.pk)
        return redirect("postings:dashboard")
    messages.success(request, _("「%(title)s」を審査に提出しました。") % {"title": sheet.title})
    return redirect("postings:dashboard")


@login_required
@require_POST
def sheet_close(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", [])))
        return redirect("postings:detail", pk=sheet.pk)
    try:
        services.spec_sheet_close(sheet=sheet, by=request.user, reason=form.cleaned_data["reason"])
    except SpecSheetError as exc:
        messages.error(request, exc.message)
        return redirect("postings:dashboard")
    messages.success(request, _("「%(title)s」の募集を終了しました。") % {"title": sheet.title})
    return redirect("postings:dashboard")


# --- Co-writing: collaborators, comments, versions ------------------------------------------------


def _cowrite_page(request, sheet, *, invite_form=None, comment_form=None, status=200) -> HttpResponse:
    is_editor = permissions.is_sheet_editor(request.user, sheet)
    comments = list(selectors.sheet_comments(sheet))
    by_version: dict[int, list] = {}
    for comment in comments:
        by_version.setdefault(comment.version, []).append(comment)
    context = {
        "sheet": sheet,
        "is_editor": is_editor,
        "collaborators": list(selectors.sheet_collaborators(sheet)) if is_editor else [],
        "can_invite": is_editor and sheet.status in services.EDITABLE_STATUSES,
        "can_comment": sheet.status in services.COMMENTABLE_STATUSES,
        "invite_form": invite_form or InviteForm(),
        "comment_form": comment_form or CommentForm(),
        "comment_groups": sorted(by_version.items(), reverse=True),
    }
    return render(request, "postings/cowrite.html", context, status=status)


@login_required
def sheet_cowrite(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_cowriting(request.user, pk)
    return _cowrite_page(request, sheet)


@login_required
@require_POST
def sheet_invite(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.spec_sheet_invite_collaborator(
                sheet=sheet, by=request.user, user=selectors.user_by_email(form.cleaned_data["email"])
            )
        except SpecSheetError as exc:
            form.add_error("email", exc.message)
        else:
            messages.success(
                request, _("%(email)s さんを招待しました。") % {"email": form.cleaned_data["email"]}
            )
            return redirect("postings:cowrite", pk=sheet.pk)
    return _cowrite_page(request, sheet, invite_form=form, status=400)


@login_required
@require_POST
def sheet_comment(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_cowriting(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.spec_sheet_comment(sheet=sheet, by=request.user, body=form.cleaned_data["body"])
        except SpecSheetError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("コメントを書き込みました。"))
            return redirect("postings:cowrite", pk=sheet.pk)
    return _cowrite_page(request, sheet, comment_form=form, status=400)


@login_required
def sheet_versions(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_history(request.user, pk)
    context = {
        "sheet": sheet,
        "versions": list(selectors.sheet_versions(sheet)),
        "events": list(selectors.sheet_events(sheet)),
        "is_editor": permissions.is_sheet_editor(request.user, sheet),
    }
    return render(request, "postings/versions.html", context)


# --- Coordinators: the review queue --------------------------------------------------------------


def _require_reviewer(request: HttpRequest) -> None:
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied(_("審査は、自治体・支援機関の担当者と事務局が行います。"))


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request)
    sheets = list(selectors.review_queue(request.user))
    return render(request, "postings/review_queue.html", {"sheets": sheets})


def _review_page(request, sheet, *, form=None, status=200) -> HttpResponse:
    context = {
        "sheet": sheet,
        "organization_url": organization_url(sheet.organization),
        "lint": _lint_context(selectors.sheet_lint(sheet)),
        "events": list(selectors.sheet_events(sheet)),
        "form": form or ReviewForm(),
    }
    return render(request, "postings/review.html", context, status=status)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    sheet = permissions.get_sheet_for_reviewer(request.user, pk)
    return _review_page(request, sheet)


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or return (``decision`` = ``approve`` / ``return``) with the comment."""
    _require_reviewer(request)
    sheet = permissions.get_sheet_for_reviewer(request.user, pk)
    form = ReviewForm(request.POST)
    decision = request.POST.get("decision")
    if decision not in ("approve", "return"):
        form.is_valid()
        form.add_error(None, _("「承認して公開」か「差し戻す」を選んでください。"))
        return _review_page(request, sheet, form=form, status=400)
    if not form.is_valid():
        return _review_page(request, sheet, form=form, status=400)
    comment = form.cleaned_data["comment"]
    try:
        if decision == "approve":
            services.spec_sheet_approve(sheet=sheet, by=request.user, comment=comment)
            messages.success(request, _("「%(title)s」を承認し、公開しました。") % {"title": sheet.title})
        else:
            services.spec_sheet_return(sheet=sheet, by=request.user, comment=comment)
            messages.success(request, _("「%(title)s」を差し戻しました。") % {"title": sheet.title})
    except SpecSheetError as exc:
        form.add_error("comment" if exc.field == "comment" else None, exc.message)
        return _review_page(request, sheet, form=form, status=400)
    return redirect("postings:review_queue")
