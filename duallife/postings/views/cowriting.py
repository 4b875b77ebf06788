"""Co-writing before publication: the page where the company invites talents and everyone invited
comments, and the versions page (snapshots and the events of the review).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, audience

from .. import permissions, selectors
from ..errors import SpecSheetError
from ..forms.cowriting import CommentForm, InviteForm
from ..services.cowriting import spec_sheet_comment, spec_sheet_invite_collaborator
from ..services.lifecycle import COMMENTABLE_STATUSES, EDITABLE_STATUSES


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
        "can_invite": is_editor and sheet.status in EDITABLE_STATUSES,
        "can_comment": sheet.status in COMMENTABLE_STATUSES,
        "invite_form": invite_form or InviteForm(),
        "comment_form": comment_form or CommentForm(),
        "comment_groups": sorted(by_version.items(), reverse=True),
    }
    return render(request, "postings/cowrite.html", context, status=status)


@login_required
@audience(company=OWN, talent=OWN, denied=NOT_FOUND)
def sheet_cowrite(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_cowriting(request.user, pk)
    return _cowrite_page(request, sheet)


@login_required
@require_POST
@audience(company=OWN, denied=NOT_FOUND)
def sheet_invite(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            spec_sheet_invite_collaborator(
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
@audience(company=OWN, talent=OWN, denied=NOT_FOUND)
def sheet_comment(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_cowriting(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            spec_sheet_comment(sheet=sheet, by=request.user, body=form.cleaned_data["body"])
        except SpecSheetError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("コメントを書き込みました。"))
            return redirect("postings:cowrite", pk=sheet.pk)
    return _cowrite_page(request, sheet, comment_form=form, status=400)


@login_required
@audience(company=OWN, talent=OWN, coordinator=AREA, operator=ALL, denied=NOT_FOUND)
def sheet_versions(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_history(request.user, pk)
    context = {
        "sheet": sheet,
        "versions": list(selectors.sheet_versions(sheet)),
        "events": list(selectors.sheet_events(sheet)),
        "is_editor": permissions.is_sheet_editor(request.user, sheet),
    }
    return render(request, "postings/versions.html", context)


urlpatterns = [
    path("<id:pk>/cowrite/", sheet_cowrite, name="cowrite"),
    path("<id:pk>/invite/", sheet_invite, name="invite"),
    path("<id:pk>/comments/", sheet_comment, name="comment"),
    path("<id:pk>/versions/", sheet_versions, name="versions"),
]
