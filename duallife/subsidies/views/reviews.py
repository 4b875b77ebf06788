"""The reviewers' steps on a claim's page: 差戻し, 却下, 交付決定, 額の確定, the payment.

For the program's managers (the owning body's coordinators, operators); the payee side, who reads
the claim, gets 403; anyone else 404. A refused step (the budget cannot take it, the two-person
rule, a claim in another state) comes back as a message on the claim's page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, audience
from duallife.core.errors import add_to_form

from ..errors import SupportError
from ..forms import DecisionNoteForm, FixForm, PayForm
from ..models import Claim
from ..permissions import get_claim_for_user
from ..services import reviews as services
from .claims import render_claim

REVIEWERS = {"coordinator": AREA, "operator": ALL}
READERS = {"talent": OWN, "company": OWN}


def _reviewer_claim(request: HttpRequest, pk) -> Claim:
    claim, side = get_claim_for_user(request.user, pk)
    if side != "reviewer":
        raise PermissionDenied(_("審査は制度を担当する自治体・支援機関と事務局が行います。"))
    return claim


def _done(request: HttpRequest, claim: Claim, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(reverse("subsidies:claim", args=[claim.pk]) + "#review")


def _refused(request: HttpRequest, claim: Claim, exc: SupportError) -> HttpResponse:
    messages.error(request, str(exc))
    return redirect(reverse("subsidies:claim", args=[claim.pk]) + "#review")


def _form_step(request: HttpRequest, pk, form_class, service, done: str, form_name: str) -> HttpResponse:
    """A step with a form: the service takes the form's fields; an error on one of them goes back
    to the form on the claim's page (400), any other refusal becomes a message there."""
    claim = _reviewer_claim(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(claim=claim, by=request.user, **form.cleaned_data)
        except SupportError as exc:
            if exc.field not in form.fields:
                return _refused(request, claim, exc)
            add_to_form(form, exc)
        else:
            return _done(request, claim, done)
    return render_claim(request, claim, "reviewer", status=400, **{form_name: form})


@require_POST
@personal_data_view
@audience(**REVIEWERS, readers=READERS, denied=NOT_FOUND, personal_data=True)
def claim_return(request: HttpRequest, pk) -> HttpResponse:
    return _form_step(
        request, pk, DecisionNoteForm, services.claim_return, _("申請を差し戻しました。"), "note_form"
    )


@require_POST
@personal_data_view
@audience(**REVIEWERS, readers=READERS, denied=NOT_FOUND, personal_data=True)
def claim_reject(request: HttpRequest, pk) -> HttpResponse:
    return _form_step(
        request, pk, DecisionNoteForm, services.claim_reject, _("申請を却下しました。"), "note_form"
    )


@require_POST
@personal_data_view
@audience(**REVIEWERS, readers=READERS, denied=NOT_FOUND, personal_data=True)
def claim_approve(request: HttpRequest, pk) -> HttpResponse:
    claim = _reviewer_claim(request, pk)
    try:
        claim = services.claim_approve(claim=claim, by=request.user)
    except SupportError as exc:
        return _refused(request, claim, exc)
    return _done(request, claim, _("交付決定しました。予算から確保しました。"))


@require_POST
@personal_data_view
@audience(**REVIEWERS, readers=READERS, denied=NOT_FOUND, personal_data=True)
def claim_fix(request: HttpRequest, pk) -> HttpResponse:
    return _form_step(request, pk, FixForm, services.claim_fix, _("支援額を確定しました。"), "fix_form")


@require_POST
@personal_data_view
@audience(**REVIEWERS, readers=READERS, denied=NOT_FOUND, personal_data=True)
def claim_pay(request: HttpRequest, pk) -> HttpResponse:
    return _form_step(request, pk, PayForm, services.claim_pay, _("支払を記録しました。"), "pay_form")


urlpatterns = [
    path("claims/<id:pk>/return/", claim_return, name="claim_return"),
    path("claims/<id:pk>/reject/", claim_reject, name="claim_reject"),
    path("claims/<id:pk>/approve/", claim_approve, name="claim_approve"),
    path("claims/<id:pk>/fix/", claim_fix, name="claim_fix"),
    path("claims/<id:pk>/pay/", claim_pay, name="claim_pay"),
]
