"""Co-writing before publication: the page where the company invites people and everyone who
accepted comments, the invited person's list of invitations with 承諾する / 辞退する, and the
versions page (snapshots and the events of the review).

Inviting answers the same whatever the address (ADR 0020): a refusal is only ever about what the
company typed or its own limits, and the company's list shows the address it typed and the
status, nothing of the person, until they accept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, OWNER, SIGNED_IN, audience

from .. import permissions, selectors
from ..errors import SpecSheetError
from ..forms.cowriting import AnswerForm, CommentForm, InviteForm
from ..services.cowriting import (
    INVITATION_VALID_FOR,
    spec_sheet_comment,
    spec_sheet_invitation_accept,
    spec_sheet_invitation_decline,
    spec_sheet_invitation_withdraw,
    spec_sheet_invite_collaborator,
)
from ..services.lifecycle import COMMENTABLE_STATUSES, EDITABLE_STATUSES
from ..texts import invited_message


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
        "valid_days": INVITATION_VALID_FOR.days,
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
    status = 400
    if form.is_valid():
        try:
            address = spec_sheet_invite_collaborator(
                sheet=sheet, by=request.user, email=form.cleaned_data["email"]
            )
        except SpecSheetError as exc:
            form.add_error("email", exc.message)
            status = exc.status
        else:
            messages.success(request, invited_message(address))
            return redirect("postings:cowrite", pk=sheet.pk)
    return _cowrite_page(request, sheet, invite_form=form, status=status)


@login_required
@require_POST
@audience(company=OWN, denied=NOT_FOUND)
def sheet_invitation_withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_editor(request.user, pk)
    invitation = permissions.get_invitation_for_editor(request.user, sheet, invitation_pk)
    try:
        spec_sheet_invitation_withdraw(invitation=invitation, by=request.user)
    except SpecSheetError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(email)s への招待を取り下げました。") % {"email": invitation.email})
    return redirect("postings:cowrite", pk=sheet.pk)


def _invitations_page(request, *, failed=None, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "invitations": list(selectors.pending_invitations(permissions.confirmed_addresses(request.user))),
        "failed": failed,
        "error": error,
        "needs_profile": not permissions.has_talent_profile(request.user),
    }
    return render(request, "postings/invitations.html", context, status=status)


@login_required
@require_safe
@audience(SIGNED_IN)
def invitations(request: HttpRequest) -> HttpResponse:
    return _invitations_page(request)


# Addressed to one person (a confirmed address of theirs), whatever their role; anyone else: 404.
@login_required
@require_POST
@audience(**OWNER, denied=NOT_FOUND)
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = permissions.get_invitation_for_invitee(request.user, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _invitations_page(request, failed=invitation.pk, error=form.errors["answer"][0], status=400)
    accept = form.cleaned_data["answer"] == "accept"
    answer = spec_sheet_invitation_accept if accept else spec_sheet_invitation_decline
    try:
        answer(invitation=invitation, by=request.user)
    except SpecSheetError as exc:
        return _invitations_page(request, failed=invitation.pk, error=exc.message, status=exc.status)
    if accept:
        messages.success(
            request,
            _("招待を承諾しました。「%(title)s」にコメントできます。") % {"title": invitation.sheet.title},
        )
        return redirect("postings:cowrite", pk=invitation.sheet_id)
    messages.success(request, _("招待を辞退しました。企業には「辞退」とだけ伝わります。"))
    return redirect("postings:invitations")


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
    path("invitations/", invitations, name="invitations"),
    path("invitations/<id:pk>/answer/", invitation_answer, name="invitation_answer"),
    path("<id:pk>/cowrite/", sheet_cowrite, name="cowrite"),
    path("<id:pk>/invite/", sheet_invite, name="invite"),
    path(
        "<id:pk>/invitations/<id:invitation_pk>/withdraw/",
        sheet_invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<id:pk>/comments/", sheet_comment, name="comment"),
    path("<id:pk>/versions/", sheet_versions, name="versions"),
]
