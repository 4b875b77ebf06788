"""Pages of referrals (紹介): the credits of a coordinator body, registering and removing a referral.

For coordinators (their own bodies) and operators (every body); anyone else gets a 403, a referral
of another body a 404. Thin: reads through ``selectors.referrals``, writes through one service,
whose :class:`EngagementError` becomes a form error or a message.
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

from duallife.core.audience import ALL, NOT_FOUND, OWN, audience
from duallife.core.errors import add_to_form
from duallife.core.paging import page_of

from ..errors import EngagementError
from ..forms.referrals import CompanySearchForm, ReferralForm
from ..permissions import can_use_referrals, get_referral_for_user, referrals_visible_to, referrer_bodies_of
from ..selectors.referrals import (
    COMPANY_CHOICES_MAX,
    aggregate_credits,
    referable_companies,
    with_credits,
)
from ..services.referrals import referral_register, referral_remove


def _ensure_staff(user) -> None:
    if not can_use_referrals(user):
        raise PermissionDenied(_("紹介の記録は、自治体・支援機関の担当者と事務局が扱います。"))


def _chosen_body(request: HttpRequest, bodies: list):
    """The body picked in ``?referrer=`` among ``bodies`` (None: all of them)."""
    raw = request.GET.get("referrer", "")
    return next((body for body in bodies if str(body.pk) == raw), None)


@login_required
@audience(coordinator=ALL, operator=ALL)
def referral_list(request: HttpRequest) -> HttpResponse:
    _ensure_staff(request.user)
    bodies = list(referrer_bodies_of(request.user))
    body = _chosen_body(request, bodies)
    referrals = referrals_visible_to(request.user)
    if body is not None:
        referrals = referrals.filter(referrer=body)
    referrals = with_credits(referrals).order_by("-registered_at", "-pk")
    page = page_of(request, referrals)
    context = {
        "bodies": bodies,
        "body": body,
        "page": page,
        "rows": list(page.object_list),
        "totals": aggregate_credits(referrals),
        "show_referrer": body is None and len(bodies) != 1,
        "query": f"referrer={body.pk}" if body is not None else "",
    }
    return render(request, "engagements/referrals/list.html", context)


@login_required
@audience(coordinator=ALL, operator=ALL)
def referral_new(request: HttpRequest) -> HttpResponse:
    _ensure_staff(request.user)
    search = CompanySearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    companies = referable_companies(request.user, query=query)
    form = ReferralForm(request.POST or None, bodies=referrer_bodies_of(request.user), companies=companies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral_register(
                referrer=data["referrer"], company=data["company"], by=request.user, note=data["note"]
            )
        except EngagementError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("「%(company)s」を「%(body)s」の紹介として登録しました。")
                % {"company": data["company"].name, "body": data["referrer"].name},
            )
            return redirect("engagements:referrals")
    context = {
        "form": form,
        "search": search,
        "query": query,
        "company_count": companies.count(),
        "choices_max": COMPANY_CHOICES_MAX,
    }
    return render(request, "engagements/referrals/new.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
@audience(coordinator=OWN, operator=ALL, outside=NOT_FOUND)
def referral_delete(request: HttpRequest, pk) -> HttpResponse:
    _ensure_staff(request.user)
    referral = get_referral_for_user(request.user, pk)
    try:
        referral_remove(referral=referral, by=request.user)
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("「%(company)s」の紹介の登録を取り消しました。") % {"company": referral.company.name}
        )
    return redirect("engagements:referrals")


urlpatterns = [
    path("referrals/", referral_list, name="referrals"),
    path("referrals/new/", referral_new, name="referral_new"),
    path("referrals/<id:pk>/remove/", referral_delete, name="referral_remove"),
]
