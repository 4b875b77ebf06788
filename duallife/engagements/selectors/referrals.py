"""Reads of referrals (紹介): the companies a body may refer, and the credits (who may see which
referral is :mod:`duallife.engagements.permissions`).

A coordinator body (a regional bank, a chamber of commerce, a prefecture's desk) registers that it
brought a company to the platform. From then on the company's sheets, the applications to them and
the contracts it records are credited to that body. Applications and contracts store their
referrer when they are created (an auditable trail); the credits read those stored fields, and
fall back to "created since the registration" only for rows written without one.

Coordinators see the referrals of their own bodies, operators every referral; anyone else sees
none (a referral of another body answers 404, so its existence does not leak).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from duallife.organizations.models import CoordinatorScope, Organization
from duallife.organizations.permissions import is_operator
from duallife.postings.models import SpecSheet

from ..models import Application, Contract, Referral
from ..permissions import referrer_bodies_of

#: Rows per page of the credits table and the API list.
PER_PAGE = 50
#: How many companies the registration form offers at once (narrow them with a search).
COMPANY_CHOICES_MAX = 200


def scope_covers(scopes, company: Organization) -> bool:
    """Whether any of ``scopes`` ((prefecture id, municipality id or None) pairs) covers the company's
    place: a whole prefecture covers every company there, a municipality only the companies in it."""
    for prefecture_id, municipality_id in scopes:
        if municipality_id is None and prefecture_id == company.prefecture_id:
            return True
        if municipality_id is not None and municipality_id == company.municipality_id:
            return True
    return False


def body_scopes(body: Organization) -> list[tuple[int, int | None]]:
    return list(
        CoordinatorScope.objects.filter(organization=body).values_list("prefecture_id", "municipality_id")
    )


def companies_in_scope(bodies) -> QuerySet[Organization]:
    """Active companies in the area of any of ``bodies`` (coordinator organisations)."""
    scopes = CoordinatorScope.objects.filter(organization__in=bodies).values_list(
        "prefecture_id", "municipality_id"
    )
    condition = Q(pk__in=[])
    for prefecture_id, municipality_id in scopes:
        if municipality_id is None:
            condition |= Q(prefecture_id=prefecture_id)
        else:
            condition |= Q(municipality_id=municipality_id)
    return Organization.objects.filter(condition, kind=Organization.Kind.COMPANY, is_active=True)


def referable_companies(user, *, query: str = "") -> QuerySet[Organization]:
    """Companies ``user`` may register as referred: active, in scope (any company for an operator),
    not yet referred by anyone; narrowed by a name search; at most ``COMPANY_CHOICES_MAX``."""
    if is_operator(user):
        qs = Organization.objects.filter(kind=Organization.Kind.COMPANY, is_active=True)
    else:
        qs = companies_in_scope(referrer_bodies_of(user))
    qs = qs.filter(referral__isnull=True)
    query = " ".join((query or "").split())
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(name_kana__icontains=query))
    return qs.select_related("prefecture", "municipality").order_by("name", "pk")


# --- Credits ------------------------------------------------------------------------------------


def _count(queryset, group: str) -> Subquery:
    """``COUNT(*)`` of ``queryset`` as a correlated subquery (0 when nothing matches)."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_credits(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Annotate each referral with ``credited_sheets``, ``credited_applications`` and
    ``credited_contracts``: one query for any number of referrals.

    - sheets: the company's sheets created since the registration;
    - applications: applications to the company's sheets that store this referrer, or store none
      and were made since the registration;
    - contracts: the same for contracts the company recorded.
    """
    sheets = SpecSheet.objects.filter(
        organization=OuterRef("company_id"), created_at__gte=OuterRef("registered_at")
    )
    applications = Application.objects.filter(sheet__organization=OuterRef("company_id")).filter(
        Q(referrer=OuterRef("referrer_id"))
        | Q(referrer__isnull=True, created_at__gte=OuterRef("registered_at"))
    )
    contracts = Contract.objects.filter(organization=OuterRef("company_id")).filter(
        Q(referrer=OuterRef("referrer_id"))
        | Q(referrer__isnull=True, recorded_at__gte=OuterRef("registered_at"))
    )
    return referrals.annotate(
        credited_sheets=_count(sheets, "organization"),
        credited_applications=_count(applications, "sheet__organization"),
        credited_contracts=_count(contracts, "organization"),
    )


@dataclass(frozen=True)
class CreditTotals:
    companies: int = 0
    sheets: int = 0
    applications: int = 0
    contracts: int = 0


def credit_totals(rows) -> CreditTotals:
    """The sums over credited rows (annotated by :func:`with_credits`)."""
    rows = list(rows)
    return CreditTotals(
        companies=len(rows),
        sheets=sum(row.credited_sheets for row in rows),
        applications=sum(row.credited_applications for row in rows),
        contracts=sum(row.credited_contracts for row in rows),
    )


def aggregate_credits(referrals: QuerySet[Referral]) -> CreditTotals:
    """The sums over every referral of a queryset annotated by :func:`with_credits` (two queries,
    whatever its length: the table is paginated, the totals are not)."""
    sums = referrals.aggregate(
        sheets=Sum("credited_sheets"),
        applications=Sum("credited_applications"),
        contracts=Sum("credited_contracts"),
    )
    return CreditTotals(
        companies=referrals.count(),
        sheets=sums["sheets"] or 0,
        applications=sums["applications"] or 0,
        contracts=sums["contracts"] or 0,
    )


def referral_credits(referrer: Organization) -> tuple[list[Referral], CreditTotals]:
    """Per company the body referred: the credited sheets, applications and contracts, and the
    totals. One query."""
    rows = list(
        with_credits(
            Referral.objects.filter(referrer=referrer).select_related(
                "referrer", "company", "company__prefecture", "company__municipality"
            )
        ).order_by("-registered_at", "-pk")
    )
    return rows, credit_totals(rows)
