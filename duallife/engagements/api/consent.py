"""JSON API of "who received my data" for the acting user (mounted at ``/api/v1/my/``).

- ``GET data-provisions``: the provisions of the user's personal data to companies (which fields,
  to whom, on what basis, when, kept until when) and the reads of their data by platform staff
  (when, what, which organisation), newest first, 20 of each a page.

Only the acting user's own records; anonymous → 401.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from duallife.core.api import ErrorOut, session_auth
from duallife.core.audience import SIGNED_IN, audience

from ..links import application_url
from ..selectors.consent import PER_PAGE, provision_rows, provisions_of, staff_read_rows, staff_reads_of

router = Router()


class ProvisionOut(Schema):
    id: int
    recipient: str = Field(description="提供先の企業")
    fields: list[str] = Field(
        description="提供した項目（name, email, phone, current_job, hometown, self_introduction）"
    )
    field_labels: list[str] = Field(description="提供した項目の名前（日本語）")
    basis: str = Field(
        description="application（応募時）／scout_accept（スカウト承諾時）／additional（追加）"
    )
    basis_label: str
    granted_at: datetime.datetime
    keep_until: datetime.date = Field(description="この記録の保存期限（提供から3年）")
    application_id: int | None
    application_url: str | None = Field(description="応募のページのパス")
    sheet_title: str


class StaffReadOut(Schema):
    at: datetime.datetime
    what: str = Field(description="閲覧・出力した内容")
    organization: str = Field(description="閲覧した担当者の所属機関（個人名は出しません）")


class ProvisionListOut(Schema):
    count: int
    results: list[ProvisionOut]


class StaffReadListOut(Schema):
    count: int
    results: list[StaffReadOut]


class DataProvisionsOut(Schema):
    page: int
    pages: int = Field(description="二つの一覧のうち長いほうのページ数")
    per_page: int
    provisions: ProvisionListOut
    staff_reads: StaffReadListOut


class ProvisionPageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)


def _page_of(queryset, number: int) -> tuple[Paginator, list]:
    paginator = Paginator(queryset, PER_PAGE)
    if number > paginator.num_pages:
        return paginator, []
    return paginator, list(paginator.page(number).object_list)


def provision_payload(row) -> dict:
    return {
        "id": row.id,
        "recipient": row.recipient,
        "fields": row.fields,
        "field_labels": row.field_labels,
        "basis": row.basis,
        "basis_label": row.basis_label,
        "granted_at": row.granted_at,
        "keep_until": row.keep_until,
        "application_id": row.application_id,
        "application_url": application_url(row.application_id) if row.application_id else None,
        "sheet_title": row.sheet_title,
    }


@router.get(
    "/data-provisions",
    response={200: DataProvisionsOut, 400: ErrorOut, 401: ErrorOut},
    auth=session_auth,
    summary="個人情報の提供記録と閲覧記録",
    description="ログインしている人の個人情報を、いつ・どの企業に・どの項目を提供したかの記録と、"
    "自治体・支援機関や事務局の担当者が閲覧した記録。新しい順に20件ずつ。",
    operation_id="my_data_provisions",
)
@audience(SIGNED_IN)
def data_provisions(request: HttpRequest, params: Query[ProvisionPageQuery]):
    provisions, provision_records = _page_of(provisions_of(request.auth), params.page)
    reads, read_records = _page_of(staff_reads_of(request.auth), params.page)
    pages = max(
        provisions.num_pages if provisions.count else 0,
        reads.num_pages if reads.count else 0,
    )
    return Status(
        200,
        {
            "page": params.page,
            "pages": pages,
            "per_page": PER_PAGE,
            "provisions": {
                "count": provisions.count,
                "results": [provision_payload(row) for row in provision_rows(provision_records)],
            },
            "staff_reads": {
                "count": reads.count,
                "results": [
                    {"at": row.at, "what": row.what, "organization": row.organization}
                    for row in staff_read_rows(read_records)
                ],
            },
        },
    )
