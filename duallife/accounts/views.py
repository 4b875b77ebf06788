"""Account pages: マイページ, data rights, invitations, and the operators' coordinator bodies."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, OWNER, SIGNED_IN, audience
from duallife.core.errors import add_to_form
from duallife.core.paging import page_of
from duallife.organizations import permissions
from duallife.organizations import selectors as organization_selectors
from duallife.organizations.errors import CoordinatorSetupError, InvitationError, VerificationError
from duallife.organizations.forms.verification import VerificationDecisionForm, VerificationQueueForm
from duallife.organizations.permissions import invitation_acceptance_error
from duallife.organizations.services.coordinators import coordinator_body_create, scope_grant
from duallife.organizations.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from duallife.organizations.services.verification import (
    company_verification_confirm,
    company_verification_revoke,
)
from duallife.organizations.texts import verification_note

from . import selectors
from .errors import AccountDeletionError
from .forms import AccountDeleteForm, CoordinatorBodyForm, InvitationForm, ScopeGrantForm
from .mfa import personal_data_view
from .services import account_delete, account_export

INVITATION_ERROR_STATUS = {
    "not_found": 404,
    "revoked": 410,
    "used": 410,
    "expired": 410,
    "inactive": 410,
    "wrong_email": 403,
    "unverified": 403,
}


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- マイページ and data rights -----------------------------------------------------------------


@login_required
@audience(SIGNED_IN)
def me(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/me.html",
        {"overview": selectors.account_overview(request.user)},
    )


@login_required
@audience(SIGNED_IN)
def me_export(request: HttpRequest) -> HttpResponse:
    data = account_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"duallife-account-{request.user.pk}-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@audience(SIGNED_IN)
def me_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(
                user=request.user,
                password=form.cleaned_data["password"],
                reason=form.cleaned_data["reason"],
            )
        except AccountDeletionError as exc:
            form.add_error(exc.field, exc.message)
        else:
            logout(request)
            messages.success(request, _("アカウントを削除しました。ご利用ありがとうございました。"))
            return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})


# --- Invitations --------------------------------------------------------------------------------


@personal_data_view  # lists members' email addresses: staff roles need MFA first
@audience(company=OWN, coordinator=OWN, operator=ALL, denied=NOT_FOUND, personal_data=True)
def organization_invite(request: HttpRequest, slug: str) -> HttpResponse:
    organization = permissions.get_organization_for_inviting(request.user, slug=slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                base_url=_base_url(request),
            )
        except InvitationError as exc:
            form.add_error("email", exc.message)
        else:
            messages.success(
                request,
                _("%(email)s に招待メールを送りました（有効期限は7日間です）。")
                % {"email": invitation.email},
            )
            return redirect("accounts:organization_invite", slug=organization.slug)
    now = timezone.now()
    invitations = list(selectors.organization_invitations(organization))
    return render(
        request,
        "accounts/organization_invite.html",
        {
            "organization": organization,
            "form": form,
            "pending": [
                i for i in invitations if not i.accepted_at and not i.revoked_at and i.expires_at > now
            ],
            "members": selectors.organization_members(organization),
        },
    )


@require_POST
@personal_data_view
@audience(company=OWN, coordinator=OWN, operator=ALL, denied=NOT_FOUND, personal_data=True)
def invitation_revoke_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    invitation = permissions.get_invitation_for_inviting(request.user, slug=slug, pk=pk)
    try:
        invitation_revoke(invitation=invitation, by=request.user)
    except InvitationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(email)s への招待を取り消しました。") % {"email": invitation.email})
    return redirect("accounts:organization_invite", slug=slug)


# The person the invitation is addressed to (whatever their role); anyone else signed in is told
# it is for another address (403).
@login_required
@audience(**OWNER)
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = permissions.get_invitation_by_token(token=token)
    error = None
    if request.method == "POST":
        try:
            membership = invitation_accept(token=token, user=request.user)
        except InvitationError as exc:
            error = exc
        else:
            messages.success(
                request,
                _("「%(name)s」に%(role)sとして参加しました。")
                % {"name": membership.organization.name, "role": membership.get_role_display()},
            )
            return redirect("accounts:me")
    else:
        error = invitation_acceptance_error(invitation=invitation, user=request.user)
    status = INVITATION_ERROR_STATUS.get(error.code, 400) if error else 200
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "error": error},
        status=status,
    )


# --- Operators: coordinator bodies and their scopes ---------------------------------------------


@personal_data_view
@audience(operator=ALL, personal_data=True)
def operator_coordinator_bodies(request: HttpRequest) -> HttpResponse:
    if not permissions.is_operator(request.user):
        raise PermissionDenied
    form = CoordinatorBodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = coordinator_body_create(
                by=request.user, base_url=_base_url(request), **form.cleaned_data
            )
        except CoordinatorSetupError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("「%(name)s」を登録しました。") % {"name": organization.name})
            return redirect("accounts:operator_coordinator_body", slug=organization.slug)
    page = page_of(request, selectors.coordinator_bodies())
    return render(
        request,
        "accounts/operator_bodies.html",
        {"form": form, "page": page, "bodies": page.object_list},
    )


@personal_data_view
@audience(operator=ALL, personal_data=True)
def operator_coordinator_body(request: HttpRequest, slug: str) -> HttpResponse:
    organization = permissions.get_coordinator_body_for_operator(request.user, slug=slug)
    form = ScopeGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scope = scope_grant(
                organization=organization,
                prefecture=form.cleaned_data["prefecture"],
                municipality=form.cleaned_data["municipality"],
                by=request.user,
            )
        except CoordinatorSetupError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("担当地域に%(place)sを追加しました。") % {"place": scope})
            return redirect("accounts:operator_coordinator_body", slug=organization.slug)
    return render(
        request,
        "accounts/operator_body.html",
        {
            "organization": organization,
            "form": form,
            "scopes": organization.scopes.select_related("prefecture", "municipality__prefecture").order_by(
                "prefecture__code", "municipality__code"
            ),
            "members": selectors.organization_members(organization),
        },
    )


# --- Coordinators and operators: companies' verification (確認済み) --------------------------------


@personal_data_view
@audience(coordinator=ALL, operator=ALL, personal_data=True)
def company_verifications(request: HttpRequest) -> HttpResponse:
    """The companies of the staff member's area (every one for operators), unverified first."""
    if not permissions.may_verify_companies(request.user):
        raise PermissionDenied(_("企業の確認は、自治体・支援機関の担当者と事務局が行います。"))
    form = VerificationQueueForm(request.GET or None)
    queue = organization_selectors.verification_queue(request.user, form.state_value())
    page = page_of(request, queue, per_page=organization_selectors.VERIFICATION_PER_PAGE)
    return render(
        request,
        "accounts/verifications.html",
        {"form": form, "page": page, "companies": page.object_list},
    )


@personal_data_view
@audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND, personal_data=True)
def company_verification(request: HttpRequest, pk: int) -> HttpResponse:
    """A company's verification: what it entered, what the published data says, the history;
    confirm it by hand or revoke it, with a note."""
    organization = permissions.get_company_for_verifier(request.user, pk)
    form = VerificationDecisionForm(request.POST or None, organization=organization)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            decide = (
                company_verification_confirm
                if form.cleaned_data["decision"] == "confirm"
                else company_verification_revoke
            )
            try:
                decide(organization=organization, by=request.user, note=form.cleaned_data["note"])
            except VerificationError as exc:
                add_to_form(form, exc)
                status = exc.status
            else:
                done = (
                    _("「%(name)s」を確認済みにしました。")
                    if form.cleaned_data["decision"] == "confirm"
                    else _("「%(name)s」の確認を取り消しました。")
                )
                messages.success(request, done % {"name": organization.name})
                return redirect("accounts:company_verification", pk=organization.pk)
    page = organization_selectors.verification_page(organization)
    return render(
        request,
        "accounts/verification.html",
        {
            "page": page,
            "organization": page.organization,
            "note": verification_note(page.organization),
            "form": form,
        },
        status=status,
    )
