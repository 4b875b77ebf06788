"""Pages: the secretariat's pages (terms, privacy policy, about, FAQ, accessibility) with their
history, their editor, the contact form and the secretariat's queue of inquiries.

Thin: input goes through a form, one service writes, reads come from selectors. Anyone reads a
published page and every earlier version of it; only the secretariat edits, publishes and reads
inquiries (they carry names and addresses: ``@personal_data_view``, MFA first).
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, NOT_FOUND, PUBLIC, SIGNED_IN, audience
from duallife.core.errors import add_to_form

from . import selectors, services
from .errors import ContentError, TermsChanged
from .forms import TERMS_CHANGED, InquiryForm, InquiryUpdateForm, PageDraftForm, TermsAgreeForm
from .middleware import TERMS_DUE
from .models import Inquiry
from .permissions import (
    can_edit_pages,
    can_handle_inquiries,
    get_inquiry_for_user,
    get_page,
    get_published_version,
)
from .render import markdown_html

#: The pages every footer links to, in the footer's order (the contact form is a view of its own).
FOOTER_PAGES = ("about", "terms", "privacy", "faq", "accessibility")


@require_safe
@audience(PUBLIC)
def page_view(request: HttpRequest, slug: str) -> HttpResponse:
    version = selectors.version_in_force(slug)
    if version is None:
        raise Http404(_("ページが見つかりません。"))
    context = {
        "version": version,
        "body": markdown_html(version.body),
        "may_edit": can_edit_pages(request.user),
        "bodies": selectors.coordinator_bodies() if slug == "about" else None,
    }
    return render(request, "content/page.html", context)


@require_safe
@audience(PUBLIC)
def page_history(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page(slug)
    versions = list(
        selectors.published(page).only("number", "title_ja", "title_en", "change_note", "published_at")
    )
    if not versions:
        raise Http404(_("ページが見つかりません。"))
    return render(
        request, "content/history.html", {"page": page, "versions": versions, "current": versions[0]}
    )


@require_safe
@audience(PUBLIC)
def page_version(request: HttpRequest, slug: str, number) -> HttpResponse:
    version = get_published_version(slug, number)
    current = selectors.version_in_force(slug)
    context = {
        "version": version,
        "body": markdown_html(version.body),
        "current": current,
        "superseded": current is not None and current.number != version.number,
    }
    return render(request, "content/page.html", context)


@require_safe
@personal_data_view
@audience(operator=ALL, denied=NOT_FOUND, personal_data=True)
def editor_list(request: HttpRequest) -> HttpResponse:
    if not can_edit_pages(request.user):
        raise Http404(_("ページが見つかりません。"))
    return render(request, "content/editor_list.html", {"pages": selectors.pages_for_editors()})


@require_http_methods(["GET", "POST"])
@personal_data_view
@audience(operator=ALL, denied=NOT_FOUND, personal_data=True)
def page_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the waiting draft (or the text in force) in the form. POST: save it as the draft."""
    if not can_edit_pages(request.user):
        raise Http404(_("ページが見つかりません。"))
    page = get_page(slug)
    draft = selectors.draft_of(page)
    shown = draft or selectors.version_in_force(slug)
    initial = {field: getattr(shown, field) for field in services.TEXT_FIELDS} if shown else {}
    if draft:
        initial["change_note"] = draft.change_note
    form = PageDraftForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.page_draft_start(page=page, by=request.user)
            services.page_draft_save(version=draft, by=request.user, **form.cleaned_data)
        except ContentError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("下書きを保存しました。内容を確かめてから公開してください。"))
            return redirect("content:edit", slug=slug)
    context = {
        "page": page,
        "title": shown.title if shown else page.slug,
        "form": form,
        "draft": draft,
        "preview_ja": markdown_html(draft.body_ja) if draft else None,
        "preview_en": markdown_html(draft.body_en) if draft else None,
        "current": selectors.version_in_force(slug),
    }
    return render(request, "content/edit.html", context)


@require_POST
@personal_data_view
@audience(operator=ALL, denied=NOT_FOUND, personal_data=True)
def page_publish(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_edit_pages(request.user):
        raise Http404(_("ページが見つかりません。"))
    page = get_page(slug)
    draft = selectors.draft_of(page)
    if draft is None:
        messages.error(request, _("公開する下書きがありません。"))
        return redirect("content:edit", slug=slug)
    try:
        version = services.page_publish(version=draft, by=request.user)
    except ContentError as exc:
        messages.error(request, exc.message)
        return redirect("content:edit", slug=slug)
    messages.success(request, _("第%(number)d版として公開しました。") % {"number": version.number})
    return redirect("content:history", slug=slug)


@require_http_methods(["GET", "POST"])
@audience(PUBLIC)
def contact(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    initial = {"name": user.get_full_name() or "", "email": user.email} if user else {}
    form = InquiryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.inquiry_submit(
                **form.cleaned_data,
                user=user,
                sender_address=get_client_ip_address(request) or "unknown",
                language=get_language() or "ja",
            )
        except ContentError as exc:
            add_to_form(form, exc)
            return render(request, "content/contact.html", {"form": form}, status=exc.status)
        return render(request, "content/contact_sent.html")
    return render(request, "content/contact.html", {"form": form})


@require_safe
@personal_data_view
@audience(operator=ALL, denied=NOT_FOUND, personal_data=True)
def inquiry_queue(request: HttpRequest) -> HttpResponse:
    if not can_handle_inquiries(request.user):
        raise Http404(_("お問い合わせが見つかりません。"))
    status = request.GET.get("status") or Inquiry.Status.NEW
    counts = selectors.inquiry_counts()
    context = {
        "page": selectors.inquiry_queue(status, request.GET.get("page")),
        "status": status,
        "statuses": [(value, label, counts[value]) for value, label in Inquiry.Status.choices],
    }
    return render(request, "content/inquiries.html", context)


@require_http_methods(["GET", "POST"])
@personal_data_view
@audience(operator=ALL, denied=NOT_FOUND, personal_data=True)
def inquiry_detail(request: HttpRequest, pk) -> HttpResponse:
    inquiry = get_inquiry_for_user(request.user, pk)
    form = InquiryUpdateForm(
        request.POST if request.method == "POST" else None,
        initial={"status": inquiry.status, "staff_note": inquiry.staff_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.inquiry_update(inquiry=inquiry, by=request.user, **form.cleaned_data)
        except ContentError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("お問い合わせの状態を保存しました。"))
            return redirect("content:inquiry", pk=inquiry.pk)
    return render(request, "content/inquiry.html", {"inquiry": inquiry, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
@audience(SIGNED_IN)
def terms_agree_view(request: HttpRequest) -> HttpResponse:
    """The first log-in after new terms: read them and agree, then go on to ``next``."""
    current = selectors.terms_in_force()
    form = TermsAgreeForm(
        request.POST if request.method == "POST" else None,
        initial={"terms_version": current.number if current else None, "next": request.GET.get("next", "")},
    )
    next_url = request.POST.get("next") if request.method == "POST" else request.GET.get("next")
    if not next_url or not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("home")
    if current is None or selectors.terms_due(request.user) is None:
        request.session.pop(TERMS_DUE, None)
        return redirect(next_url)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["terms_version"] != current.number:
                raise TermsChanged(TERMS_CHANGED)
            services.terms_agree(user=request.user, version=current)
        except TermsChanged as exc:
            add_to_form(form, exc)
        else:
            request.session.pop(TERMS_DUE, None)
            messages.success(request, _("新しい利用規約に同意しました。"))
            return redirect(next_url)
    return render(
        request,
        "content/terms_agree.html",
        {"form": form, "terms": current, "body": markdown_html(current.body)},
    )


urlpatterns = [
    *[path(f"{slug}/", page_view, {"slug": slug}, name=slug) for slug in FOOTER_PAGES],
    path("contact/", contact, name="contact"),
    path("terms/agree/", terms_agree_view, name="terms_agree"),
    path("pages/", editor_list, name="editors"),
    path("pages/<slug:slug>/history/", page_history, name="history"),
    path("pages/<slug:slug>/versions/<id:number>/", page_version, name="version"),
    path("pages/<slug:slug>/edit/", page_edit, name="edit"),
    path("pages/<slug:slug>/publish/", page_publish, name="publish"),
    path("contact/inquiries/", inquiry_queue, name="inquiries"),
    path("contact/inquiries/<id:pk>/", inquiry_detail, name="inquiry"),
]
