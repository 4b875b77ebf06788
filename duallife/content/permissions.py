"""Who may write pages and read inquiries: the secretariat (operators), as for every setting of the
service. Everyone may read the published pages and their history."""

from __future__ import annotations

from django.utils.translation import gettext as _

from duallife.core.errors import NotFoundError
from duallife.core.ids import parse_id
from duallife.organizations.permissions import is_operator

from .errors import NotAnEditor
from .models import Inquiry, Page, PageVersion


def can_edit_pages(user) -> bool:
    return is_operator(user)


def can_handle_inquiries(user) -> bool:
    return is_operator(user)


def editor_refusal(user) -> str | None:
    """Why ``user`` may not write pages (``None``: they may)."""
    if can_edit_pages(user):
        return None
    return _("ページを編集できるのは事務局の方だけです。")


def require_editor(user) -> None:
    refusal = editor_refusal(user)
    if refusal:
        raise NotAnEditor(refusal)


def get_page(slug: str) -> Page:
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        raise NotFoundError(_("ページが見つかりません。"))
    return page


def get_inquiry_for_user(user, pk) -> Inquiry:
    """Inquiry ``pk`` for the secretariat; 404 for anyone else (and for a missing one)."""
    not_found = _("お問い合わせが見つかりません。")
    if not can_handle_inquiries(user):
        raise NotFoundError(not_found)
    inquiry = Inquiry.objects.filter(pk=parse_id(pk, not_found=not_found)).first()
    if inquiry is None:
        raise NotFoundError(not_found)
    return inquiry


def get_published_version(slug: str, number) -> PageVersion:
    """Published version ``number`` of page ``slug``; 404 for a draft, a missing one or garbage."""
    not_found = _("その版はありません。")
    version = (
        PageVersion.objects.filter(
            page__slug=slug, status=PageVersion.Status.PUBLISHED, number=parse_id(number, not_found=not_found)
        )
        .select_related("page")
        .first()
    )
    if version is None:
        raise NotFoundError(not_found)
    return version
