"""Organisation pages: the directory, a company's or coordinator body's public page, and the page
where its members edit that profile. Thin: load through ``permissions``, validate with a form,
call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from duallife.core.audience import OWN, PUBLIC, SIGNED_IN, audience

from . import permissions, selectors
from .errors import ProfileInvalid, RegistrationInvalid
from .forms.directory import DirectoryFilterForm
from .forms.profiles import CompanyProfileForm, CoordinatorProfileForm, photo_changes, photo_formset
from .forms.registration import CompanyRegistrationForm
from .models import Organization
from .services.profiles import MAX_PHOTOS, company_profile_update, coordinator_profile_update
from .services.registration import company_register


@audience(PUBLIC)
def directory(request: HttpRequest) -> HttpResponse:
    prefectures = selectors.directory_prefectures()
    form = DirectoryFilterForm(request.GET or None, prefectures=prefectures)
    form.is_valid()  # an unknown value in one filter drops that filter only
    cleaned = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    filters = selectors.DirectoryFilters(
        prefecture=cleaned.get("prefecture"), kind=cleaned.get("kind") or "", industry=cleaned.get("industry")
    )
    page = selectors.directory_page(filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "organizations": list(page.object_list),
        "query": query.urlencode(),
        "filtered": any([filters.prefecture, filters.kind, filters.industry]),
    }
    template = "organizations/_directory_results.html" if request.htmx else "organizations/directory.html"
    return render(request, template, context)


@audience(PUBLIC)
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = permissions.get_organization_for_public(slug=slug)
    page = selectors.organization_page(organization)
    context = {
        "page": page,
        "organization": page.organization,
        "sheets": [(sheet, _sheet_url(sheet)) for sheet in page.published_sheets],
        "can_edit": permissions.can_edit_organization(request.user, page.organization),
        "can_verify": permissions.can_verify_company(request.user, page.organization),
    }
    if page.organization.kind == Organization.Kind.COORDINATOR:
        return render(request, "organizations/coordinator_detail.html", context)
    return render(request, "organizations/company_detail.html", context)


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """The 403 page with a Japanese message saying who may do this (shared by every app)."""
    return render(request, "organizations/forbidden.html", {"message": message}, status=403)


@audience(company=OWN, coordinator=OWN)
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        organization = permissions.get_organization_for_editing(request.user, slug=slug)
    except PermissionDenied:
        return forbidden(request, _("このプロフィールを編集できるのは、この組織のメンバーだけです。"))
    organization = selectors.organization_page(organization).organization
    is_company = organization.kind == Organization.Kind.COMPANY
    form_class = CompanyProfileForm if is_company else CoordinatorProfileForm
    form_kwargs = {"organization": organization} if is_company else {}
    photos = selectors.photos_of(organization)

    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        formset = photo_formset(photos, data=request.POST)
        if form.is_valid() & formset.is_valid():
            try:
                if is_company:
                    company_profile_update(
                        organization=organization,
                        by=request.user,
                        data=form.to_data(),
                        photos=photo_changes(formset, form),
                    )
                else:
                    coordinator_profile_update(
                        organization=organization,
                        by=request.user,
                        data=form.to_data(),
                        photos=photo_changes(formset, form),
                    )
            except ProfileInvalid as exc:
                form.apply_service_errors(exc.errors)
            else:
                messages.success(request, _("プロフィールを保存しました。"))
                return redirect("organizations:detail", slug=organization.slug)
    else:
        form = form_class(initial=form_class.initial_for(organization), **form_kwargs)
        formset = photo_formset(photos)

    return render(
        request,
        "organizations/edit.html",
        {
            "organization": organization,
            "form": form,
            "formset": formset,
            "is_company": is_company,
            "max_photos": MAX_PHOTOS,
        },
    )


def _sheet_url(sheet) -> str | None:
    """The spec sheet's public page, once the postings app serves one."""
    try:
        return reverse("postings:detail", args=[sheet.pk])
    except NoReverseMatch:
        return None


@audience(SIGNED_IN)
def register(request: HttpRequest) -> HttpResponse:
    """A signed-up user registers their company and becomes its first admin."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = CompanyRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organization = company_register(
                user=request.user,
                name=data["name"],
                name_kana=data["name_kana"],
                prefecture=data["prefecture"],
                municipality=data["municipality"],
                corporate_number=data["corporate_number"],
            )
        except RegistrationInvalid as exc:
            form.apply_service_errors(exc.errors)
        else:
            messages.success(request, _("企業を登録しました。続けてプロフィールを書きましょう。"))
            if organization.verified_at is not None:
                messages.success(
                    request,
                    _("法人番号と商号・所在地が国税庁の公表データと一致したため、「確認済み」と表示します。"),
                )
            return redirect("organizations:edit", slug=organization.slug)
    return render(request, "organizations/register.html", {"form": form}, status=400 if form.errors else 200)
