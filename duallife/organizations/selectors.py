"""Reads of organisations worth naming: the directory and the public pages.

Query counts stay flat: the directory is one page query (plus the paginator's count), and a public
page loads its photos, scopes and published spec sheets with one query each.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture
from duallife.vocabulary.models import IndustryGroup

from .models import CoordinatorScope, Organization, OrganizationPhoto
from .permissions import PUBLIC_KINDS

DIRECTORY_PER_PAGE = 24


@dataclass(frozen=True)
class DirectoryFilters:
    prefecture: Prefecture | None = None
    kind: str = ""
    industry: IndustryGroup | None = None


def directory(filters: DirectoryFilters = DirectoryFilters()) -> QuerySet[Organization]:
    """Active companies and coordinator bodies, in JIS prefecture order, then by reading."""
    qs = (
        Organization.objects.filter(is_active=True, kind__in=PUBLIC_KINDS)
        .select_related("prefecture", "municipality", "company__industry", "coordinator")
        .annotate(
            published_sheet_count=Count(
                "spec_sheets", filter=Q(spec_sheets__status=SpecSheet.Status.PUBLISHED)
            ),
            sort_name=Coalesce(NullIf("name_kana", Value("")), "name"),
        )
        .order_by("prefecture__code", "sort_name", "pk")
    )
    if filters.prefecture is not None:
        qs = qs.filter(prefecture=filters.prefecture)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.industry is not None:
        qs = qs.filter(kind=Organization.Kind.COMPANY, company__industry=filters.industry)
    return qs


def directory_page(
    filters: DirectoryFilters, page_number: int | str | None = 1, *, per_page: int = DIRECTORY_PER_PAGE
) -> Page:
    paginator = Paginator(directory(filters), per_page)
    return paginator.get_page(page_number)


def directory_prefectures() -> QuerySet[Prefecture]:
    """The prefectures offered as a filter: those of the loaded region packs."""
    return Prefecture.objects.filter(pack__isnull=False).order_by("code")


@dataclass(frozen=True)
class OrganizationPage:
    organization: Organization
    photos: list[OrganizationPhoto]
    scopes: list[CoordinatorScope]
    published_sheets: list[SpecSheet]

    @property
    def company(self):
        return getattr(self.organization, "company", None)

    @property
    def coordinator(self):
        return getattr(self.organization, "coordinator", None)


def published_sheets_of(organization: Organization) -> QuerySet[SpecSheet]:
    return (
        SpecSheet.objects.filter(organization=organization, status=SpecSheet.Status.PUBLISHED)
        .select_related("municipality__prefecture")
        .order_by("-published_at", "-pk")
    )


def organization_page(organization: Organization) -> OrganizationPage:
    """Everything a public organisation page shows, loaded up front."""
    organization = Organization.objects.select_related(
        "prefecture", "municipality", "company__industry", "coordinator"
    ).get(pk=organization.pk)
    scopes: list[CoordinatorScope] = []
    if organization.kind == Organization.Kind.COORDINATOR:
        scopes = list(
            CoordinatorScope.objects.filter(organization=organization)
            .select_related("prefecture", "municipality__prefecture")
            .order_by("prefecture__code", "municipality__code")
        )
    return OrganizationPage(
        organization=organization,
        photos=list(OrganizationPhoto.objects.filter(organization=organization).order_by("position", "pk")),
        scopes=scopes,
        published_sheets=list(published_sheets_of(organization)),
    )


def photos_of(organization: Organization) -> list[OrganizationPhoto]:
    return list(OrganizationPhoto.objects.filter(organization=organization).order_by("position", "pk"))


def public_organizations() -> QuerySet[Organization]:
    """Organisations with a public profile: active companies and coordinator bodies."""
    return Organization.objects.filter(
        is_active=True, kind__in=[Organization.Kind.COMPANY, Organization.Kind.COORDINATOR]
    ).select_related("prefecture", "municipality", "company", "company__industry", "coordinator")
