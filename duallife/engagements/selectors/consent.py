"""Reads for "who received my data": the provisions a person agreed to, and staff reads of their data.

Both lists belong to the person alone (they are always filtered by the acting user). Staff are
named by their organisation, never by their own name or email. Bounded queries: a page of each
list costs a fixed number of queries, whatever its length.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from duallife.accounts.models import PersonalDataAccess
from duallife.organizations.models import Membership, Organization

from ..models import ConsentRecord, ShareableField

PER_PAGE = 20
#: Organisations whose members read personal data as platform staff.
STAFF_KINDS = (Organization.Kind.COORDINATOR, Organization.Kind.SECRETARIAT)


@dataclass(frozen=True)
class ProvisionRow:
    """One provision: to whom, which fields, on what basis, when, kept until when."""

    id: int
    recipient: str
    fields: list[str]
    field_labels: list[str]
    basis: str
    basis_label: str
    granted_at: datetime.datetime
    keep_until: datetime.date
    application_id: int | None
    sheet_title: str


@dataclass(frozen=True)
class StaffReadRow:
    """One staff read of the person's data: when, what, and the reader's organisation."""

    at: datetime.datetime
    what: str
    organization: str


def field_labels(fields) -> list[str]:
    """Labels of ``fields`` in the canonical order; unknown names are shown as they are."""
    labels = dict(ShareableField.choices)
    known = [str(labels[value]) for value in ShareableField.values if value in fields]
    return known + [str(value) for value in fields if value not in labels]


def provisions_of(user) -> QuerySet[ConsentRecord]:
    """The person's provision records, newest first."""
    return (
        ConsentRecord.objects.filter(talent_user_id=user.pk)
        .select_related("recipient", "application", "application__sheet")
        .order_by("-granted_at", "-pk")
    )


def staff_reads_of(user) -> QuerySet[PersonalDataAccess]:
    """Staff reads and exports of the person's data, newest first."""
    return PersonalDataAccess.objects.filter(subject_id=user.pk).order_by("-at", "-pk")


def provision_rows(records) -> list[ProvisionRow]:
    rows = []
    for record in records:
        application = record.application
        rows.append(
            ProvisionRow(
                id=record.pk,
                recipient=record.recipient.name,
                fields=list(record.fields or []),
                field_labels=field_labels(record.fields or []),
                basis=record.basis,
                basis_label=str(record.get_basis_display()),
                granted_at=record.granted_at,
                keep_until=record.keep_until,
                application_id=application.pk if application is not None else None,
                sheet_title=application.sheet.title if application is not None else "",
            )
        )
    return rows


def reader_organizations(user_ids) -> dict[int, str]:
    """For each staff user id, the names of their coordinator bodies / the secretariat (one query)."""
    names: dict[int, list[str]] = defaultdict(list)
    for user_id, name in (
        Membership.objects.filter(user_id__in=set(user_ids), organization__kind__in=STAFF_KINDS)
        .order_by("organization__name", "pk")
        .values_list("user_id", "organization__name")
    ):
        names[user_id].append(name)
    # Translators: the separator between the names of a person's organisations.
    separator = _("・")
    return {user_id: separator.join(orgs) for user_id, orgs in names.items()}


def staff_read_rows(accesses) -> list[StaffReadRow]:
    accesses = list(accesses)
    organizations = reader_organizations(access.by_id for access in accesses)
    fallback = _("デュアルライフ東北 事務局")
    return [
        StaffReadRow(at=access.at, what=access.what, organization=organizations.get(access.by_id, fallback))
        for access in accesses
    ]


def provisions_page(user, number) -> tuple[Page, list[ProvisionRow]]:
    page = Paginator(provisions_of(user), PER_PAGE).get_page(number)
    return page, provision_rows(page.object_list)


def staff_reads_page(user, number) -> tuple[Page, list[StaffReadRow]]:
    page = Paginator(staff_reads_of(user), PER_PAGE).get_page(number)
    return page, staff_read_rows(page.object_list)
