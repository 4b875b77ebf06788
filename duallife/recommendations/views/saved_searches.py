"""Pages of saved searches (保存した検索条件) and the weekly digest's opt-ins.

``/saved-searches/`` lists the person's searches (run, rename, digest on/off, delete) and, for
company members, the digest of new fitting talents per company. Searches are saved from the sheet
listing and the talent search (a small form under their results). Thin: forms parse, one service
of :mod:`..services.saved_searches` / :mod:`..services.digests` writes, and its
:class:`~duallife.recommendations.errors.SavedSearchError` becomes a form error or a message.
Another person's search is a 404; every write is a POST with CSRF.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from duallife.core.audience import NOT_FOUND, OWNER, SIGNED_IN, audience
from duallife.notifications.models import EmailPreference
from duallife.notifications.models import Kind as NotificationKind
from duallife.organizations.permissions import companies_of

from ..errors import SavedSearchError
from ..forms import CompanyDigestForm, RenameForm, SaveSearchForm, SwitchForm
from ..links import run_url
from ..models import SAVED_SEARCHES_MAX
from ..permissions import can_save, get_saved_search_for_user
from ..selectors.digests import digest_subscriptions_of
from ..selectors.saved_searches import ConditionDescriber, saved_searches_of
from ..services.digests import digest_subscription_set
from ..services.saved_searches import (
    saved_search_create,
    saved_search_delete,
    saved_search_rename,
    saved_search_set_digest,
)


def _first_error(form: forms.Form) -> str:
    for errors in form.errors.values():
        for error in errors:
            return error
    return _("入力内容を確認してください。")


@require_GET
@login_required
@audience(SIGNED_IN)
def saved_search_list(request: HttpRequest) -> HttpResponse:
    searches = saved_searches_of(request.user)
    describer = ConditionDescriber()
    may_save = {kind: can_save(request.user, kind) for kind in {s.kind for s in searches}}
    rows = [
        {"search": s, "conditions": describer.describe(s), "run_url": run_url(s), "usable": may_save[s.kind]}
        for s in searches
    ]
    companies = list(companies_of(request.user).order_by("name"))
    subscribed = digest_subscriptions_of(request.user) if companies else {}
    digest_email_off = EmailPreference.objects.filter(
        user=request.user, kind=NotificationKind.DIGEST, email=False
    ).exists()
    context = {
        "rows": rows,
        "limit": SAVED_SEARCHES_MAX,
        "companies": [(company, company.pk in subscribed) for company in companies],
        "digest_email_off": digest_email_off,
        "any_digest": any(s.digest for s in searches) or bool(subscribed),
    }
    return render(request, "recommendations/saved_searches/list.html", context)


@require_POST
@login_required
@audience(SIGNED_IN)
def saved_search_new(request: HttpRequest) -> HttpResponse:
    form = SaveSearchForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            search = saved_search_create(
                user=request.user,
                kind=data["kind"],
                name=data["name"],
                query=data["query"],
                digest=data["digest"],
            )
        except SavedSearchError as exc:
            form.add_error(exc.field if exc.field in ("name", "digest") else None, exc.message)
        else:
            messages.success(request, _("検索条件「%(name)s」を保存しました。") % {"name": search.name})
            return redirect("recommendations:saved_search_list")
    return render(request, "recommendations/saved_searches/create.html", {"form": form}, status=400)


@require_POST
@login_required
@audience(**OWNER, denied=NOT_FOUND)
def saved_search_rename_view(request: HttpRequest, pk) -> HttpResponse:
    search = get_saved_search_for_user(request.user, pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("recommendations:saved_search_list")
    old = search.name
    try:
        saved_search_rename(search=search, name=form.cleaned_data["name"])
    except SavedSearchError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("「%(old)s」の名前を「%(new)s」に変えました。") % {"old": old, "new": search.name}
        )
    return redirect("recommendations:saved_search_list")


@require_POST
@login_required
@audience(**OWNER, denied=NOT_FOUND)
def saved_search_digest(request: HttpRequest, pk) -> HttpResponse:
    search = get_saved_search_for_user(request.user, pk)
    form = SwitchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("週次ダイジェストの設定を変えられませんでした。もう一度お試しください。"))
        return redirect("recommendations:saved_search_list")
    try:
        saved_search_set_digest(search=search, on=form.cleaned_data["on"])
    except SavedSearchError as exc:
        messages.error(request, exc.message)
    else:
        if search.digest:
            text = _("「%(name)s」の新着を、週1回メールでお知らせします。")
        else:
            text = _("「%(name)s」の週次ダイジェストを止めました。")
        messages.success(request, text % {"name": search.name})
    return redirect("recommendations:saved_search_list")


@require_POST
@login_required
@audience(**OWNER, denied=NOT_FOUND)
def saved_search_delete_view(request: HttpRequest, pk) -> HttpResponse:
    search = get_saved_search_for_user(request.user, pk)
    saved_search_delete(search=search)
    messages.success(request, _("検索条件「%(name)s」を削除しました。") % {"name": search.name})
    return redirect("recommendations:saved_search_list")


@require_POST
@login_required
@audience(SIGNED_IN)
def company_digest(request: HttpRequest) -> HttpResponse:
    form = CompanyDigestForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("所属している企業のダイジェストだけを設定できます。"))
        return redirect("recommendations:saved_search_list")
    organization, on = form.cleaned_data["organization"], form.cleaned_data["on"]
    try:
        digest_subscription_set(user=request.user, organization=organization, on=on)
    except SavedSearchError as exc:
        messages.error(request, exc.message)
    else:
        if on:
            text = _("%(company)sの仕様書に合う新しい人材を、週1回メールでお知らせします。")
        else:
            text = _("%(company)sの人材の週次ダイジェストを止めました。")
        messages.success(request, text % {"company": organization.name})
    return redirect("recommendations:saved_search_list")


urlpatterns = [
    path("saved-searches/", saved_search_list, name="saved_search_list"),
    path("saved-searches/new/", saved_search_new, name="saved_search_create"),
    path("saved-searches/company-digest/", company_digest, name="company_digest"),
    path("saved-searches/<id:pk>/rename/", saved_search_rename_view, name="saved_search_rename"),
    path("saved-searches/<id:pk>/digest/", saved_search_digest, name="saved_search_digest"),
    path("saved-searches/<id:pk>/delete/", saved_search_delete_view, name="saved_search_delete"),
]
