"""Reads of pages and inquiries worth naming."""

from __future__ import annotations

from django.core.paginator import Page as ListPage
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from duallife.organizations.models import Organization

from .models import Inquiry, Page, PageVersion, TermsConsent

INQUIRIES_PER_PAGE = 30


def published(page: Page) -> QuerySet[PageVersion]:
    return page.versions.filter(status=PageVersion.Status.PUBLISHED).order_by("-number")


def version_in_force(slug: str) -> PageVersion | None:
    """The latest published version of page ``slug`` (``None``: nothing published yet)."""
    return (
        PageVersion.objects.filter(page__slug=slug, status=PageVersion.Status.PUBLISHED)
        .select_related("page")
        .order_by("-number")
        .first()
    )


def draft_of(page: Page) -> PageVersion | None:
    return page.versions.filter(status=PageVersion.Status.DRAFT).first()


def pages_for_editors() -> QuerySet[Page]:
    """Every page with its latest version number, last publication, whether a draft waits, and
    the title of its latest version (``Page.title``). One query."""
    newest = PageVersion.objects.filter(page=OuterRef("pk")).order_by("-number")  # a draft is 0
    return Page.objects.annotate(
        newest_title_ja=Subquery(newest.values("title_ja")[:1]),
        newest_title_en=Subquery(newest.values("title_en")[:1]),
        latest=Max("versions__number", filter=Q(versions__status=PageVersion.Status.PUBLISHED)),
        last_published=Max("versions__published_at"),
        drafts=Count("versions", filter=Q(versions__status=PageVersion.Status.DRAFT)),
    ).order_by("kind", "slug")


def inquiry_queue(status: str | None, page_number) -> ListPage:
    inquiries = Inquiry.objects.all()
    if status in Inquiry.Status.values:
        inquiries = inquiries.filter(status=status)
    return Paginator(inquiries.order_by("-created_at", "-pk"), INQUIRIES_PER_PAGE).get_page(page_number)


def inquiry_counts() -> dict[str, int]:
    counts = dict(Inquiry.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {status: counts.get(status, 0) for status in Inquiry.Status.values}


def coordinator_bodies() -> QuerySet[Organization]:
    """The coordinator bodies and the secretariat, with where they are and how to reach them."""
    return (
        Organization.objects.filter(
            kind__in=[Organization.Kind.COORDINATOR, Organization.Kind.SECRETARIAT], is_active=True
        )
        .select_related("prefecture", "municipality", "coordinator")
        .order_by("kind", "prefecture__code", "name")
    )


#: The page whose published versions are the terms of use people agree to.
TERMS_PAGE = "terms"


def terms_in_force() -> PageVersion | None:
    return version_in_force(TERMS_PAGE)


def terms_due(user) -> PageVersion | None:
    """The terms in force when ``user`` has not agreed to them yet (``None``: nothing to ask, also
    when no terms are published, as on a new instance)."""
    if not getattr(user, "is_authenticated", False):
        return None
    current = terms_in_force()
    if current is None or TermsConsent.objects.filter(user=user, version=current).exists():
        return None
    return current
