"""Reads of organisations worth naming: the directory and the public pages.

Query counts stay flat: the directory is one page query (plus the paginator's count), and a public
page loads its photos, scopes and published spec sheets with one query each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from duallife.engine.corporate_registry import PROCESS_DELETED, Registered
from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture
from duallife.vocabulary.models import IndustryGroup

from . import permissions
from .models import (
    CoordinatorScope,
    CorporateName,
    CorporateRecord,
    CorporateRegistryLoad,
    Organization,
    OrganizationPhoto,
    VerificationEvent,
)
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


# --- verification: the published 法人番号 data and the staff's pages ----------------------------


def registry_data_date() -> datetime.date | None:
    """The newest 更新年月日 of the loaded data; ``None`` while no file was loaded."""
    load = CorporateRegistryLoad.objects.order_by("-data_date").first()
    return load.data_date if load else None


def registry_loaded() -> bool:
    return CorporateRegistryLoad.objects.exists()


def registered_names(number: str, current: str = "") -> tuple[str, ...]:
    """Every name the data lists for ``number``: ``current`` first, then the others by name."""
    names = sorted(
        set(CorporateName.objects.filter(number=number).values_list("name", flat=True)) - {current}
    )
    return (current, *names) if current else tuple(names)


def registered_entry(number: str) -> Registered | None:
    """What the loaded data says of ``number`` (two queries), or ``None`` when it is not there."""
    record = CorporateRecord.objects.filter(number=number).first()
    if record is None:
        return None
    return Registered(
        names=registered_names(number, record.name),
        prefecture_code=record.prefecture_code,
        city_code=record.city_code,
        prefecture_name=record.prefecture_name,
        city_name=record.city_name,
        closed_on=record.closed_on,
        successor_number=record.successor_number,
        deleted=record.process == PROCESS_DELETED,
    )


VERIFICATION_STATES = ("unverified", "verified", "all")
VERIFICATION_PER_PAGE = 20


def verification_queue(user, state: str = "unverified") -> QuerySet[Organization]:
    """Active companies in the user's area (every company for operators), unverified ones first
    by default; one query per page (plus the paginator's count)."""
    qs = Organization.objects.filter(kind=Organization.Kind.COMPANY, is_active=True).select_related(
        "prefecture", "municipality", "company"
    )
    if not permissions.is_operator(user):
        qs = qs.filter(permissions.area_condition(user))
    if state == "unverified":
        qs = qs.filter(verified_at__isnull=True)
    elif state == "verified":
        qs = qs.filter(verified_at__isnull=False)
    return qs.order_by("prefecture__code", "-created_at", "pk")


@dataclass(frozen=True)
class VerificationPage:
    organization: Organization
    record: CorporateRecord | None
    names: tuple[str, ...]
    events: list[VerificationEvent]
    data_date: datetime.date | None


def verification_page(organization: Organization) -> VerificationPage:
    """A company's verification for staff: its details, what the data says of its number, and
    the history of checks, confirmations and revocations (five queries)."""
    organization = Organization.objects.select_related(
        "prefecture", "municipality", "company", "verified_by"
    ).get(pk=organization.pk)
    profile = getattr(organization, "company", None)
    number = profile.corporate_number if profile else ""
    record = CorporateRecord.objects.filter(number=number).first() if number else None
    return VerificationPage(
        organization=organization,
        record=record,
        names=registered_names(number, record.name) if record else (),
        events=list(VerificationEvent.objects.filter(organization=organization).select_related("by")),
        data_date=registry_data_date(),
    )
