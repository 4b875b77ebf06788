"""The coordinators' review: the queue of submitted sheets in their area (every area for
operators), a sheet with its quality check and history, and the decision (approve or return).
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

from duallife.core.audience import ALL, AREA, NOT_FOUND, audience
from duallife.core.paging import page_of
from duallife.organizations.links import organization_url

from .. import permissions, selectors
from ..errors import SpecSheetError
from ..forms.approval import ReviewForm
from ..services.approval import spec_sheet_approve, spec_sheet_return
from .sheets import quality_check_context


def _require_reviewer(request: HttpRequest) -> None:
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied(_("審査は、自治体・支援機関の担当者と事務局が行います。"))


@login_required
@audience(coordinator=ALL, operator=ALL)
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request)
    page = page_of(request, selectors.review_queue(request.user), per_page=selectors.PER_PAGE)
    return render(request, "postings/review_queue.html", {"page": page, "sheets": page.object_list})


def _review_page(request, sheet, *, form=None, status=200) -> HttpResponse:
    context = {
        "sheet": sheet,
        "organization_url": organization_url(sheet.organization),
        "lint": quality_check_context(selectors.sheet_lint(sheet)),
        "events": list(selectors.sheet_events(sheet)),
        "form": form or ReviewForm(),
    }
    return render(request, "postings/review.html", context, status=status)


@login_required
@audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    sheet = permissions.get_sheet_for_reviewer(request.user, pk)
    return _review_page(request, sheet)


@login_required
@require_POST
@audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND)
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
            spec_sheet_approve(sheet=sheet, by=request.user, comment=comment)
            messages.success(request, _("「%(title)s」を承認し、公開しました。") % {"title": sheet.title})
        else:
            spec_sheet_return(sheet=sheet, by=request.user, comment=comment)
            messages.success(request, _("「%(title)s」を差し戻しました。") % {"title": sheet.title})
    except SpecSheetError as exc:
        form.add_error("comment" if exc.field == "comment" else None, exc.message)
        return _review_page(request, sheet, form=form, status=400)
    return redirect("postings:review_queue")


urlpatterns = [
    path("review/", review_queue, name="review_queue"),
    path("review/<id:pk>/", review_detail, name="review"),
    path("review/<id:pk>/decide/", review_decide, name="review_decide"),
]
