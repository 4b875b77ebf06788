"""JSON API of the public listing, mounted at ``/api/v1/``: ``GET /sheets`` and
``GET /sheets/{id}``, published sheets with the same search, filters, sorting and pagination as
the ``/sheets/`` page (closed sheets keep their detail, with their status).

Every error answers JSON ``{"detail": "<message in the request's language>", "errors": [<fields>]}``.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from duallife.core.api import MAX_ID, ErrorOut
from duallife.core.audience import PUBLIC, audience
from duallife.regions.api import PlaceOut

from .. import permissions, selectors
from ..links import sheet_url
from ..models import SpecSheet

router = Router()

WorkStyleValue = Literal["remote", "hybrid", "onsite"]
ContractValue = Literal["outsourcing", "probono", "employment_referral"]
TravelValue = Literal["company", "shared", "talent", "none"]


# --- Schemas ------------------------------------------------------------------------------------


class OrganizationRefOut(Schema):
    slug: str
    name: str
    kind: str


class ThemeRefOut(Schema):
    key: str
    name: str


class SkillRefOut(Schema):
    name: str = Field(description="語彙にあるスキルは正式名、ないものは入力どおり")
    key: str | None = Field(description="スキル語彙のキー（自由記述のスキルは null）")


class SheetOut(Schema):
    id: int
    url: str = Field(description="公開ページのパス")
    title: str
    organization: OrganizationRefOut
    municipality: PlaceOut
    themes: list[ThemeRefOut]
    required_skills: list[SkillRefOut]
    welcome_skills: list[SkillRefOut]
    days_per_month_min: int | None
    days_per_month_max: int | None
    work_style: str
    visits_per_month: int
    duration_months: int | None
    fee_min_yen: int | None = Field(description="月額報酬の下限（円）")
    fee_max_yen: int | None = Field(description="月額報酬の上限（円）")
    is_probono: bool
    contract_type: str
    closes_on: datetime.date | None
    why_you: str = Field(description="あなたが必要な理由")
    published_at: datetime.datetime | None


class SheetDetailOut(SheetOut):
    issue: str = Field(description="背景・課題")
    outcome: str = Field(description="成果物・ゴール")
    fee_reason: str
    travel_paid_by: str
    subsidy_applies: bool
    openings: int
    status: str = Field(description="published（公開中）または closed（募集終了）")
    closed_reason: str


class SheetPageOut(Schema):
    count: int = Field(description="条件に合う件数")
    page: int
    pages: int
    per_page: int
    results: list[SheetOut]


class SheetQuery(Schema):
    q: str = Field(
        "", max_length=200, description="キーワード（表記ゆれをそろえて、すべての語を含むものを探します）"
    )
    prefecture: str = Field("", max_length=2, description="県コード（JIS X 0401、2桁）")
    municipality: str = Field("", max_length=6, description="全国地方公共団体コード（6桁）")
    theme: str = Field("", max_length=60, description="テーマのキー")
    work_style: WorkStyleValue | None = Field(None, description="働き方")
    days: int | None = Field(None, ge=1, le=31, description="月の稼働日数がこの日数以内")
    fee: int | None = Field(None, ge=0, le=10_000_000, description="月額報酬の下限がこの金額（円）以上")
    contract_type: ContractValue | None = Field(None, description="契約形態")
    closes_after: datetime.date | None = Field(None, description="この日以降も募集中（締切なしを含む）")
    sort: Literal["new", "closing", "fee"] = Field(
        "new", description="new: 新着順／closing: 締切が近い順／fee: 報酬が高い順"
    )
    page: int = Field(1, ge=1, le=100_000)


# --- Payloads -----------------------------------------------------------------------------------


def _place(place) -> dict:
    return {
        "code": place.code,
        "name": place.name,
        "prefecture_code": place.prefecture.code,
        "prefecture": place.prefecture.name,
    }


def _skills(sheet: SpecSheet, kind: str) -> list[dict]:
    return [
        {"name": item.skill.name, "key": item.skill.key}
        if item.skill_id
        else {"name": item.free_text, "key": None}
        for item in sheet.skills.all()
        if item.kind == kind
    ]


def sheet_payload(sheet: SpecSheet) -> dict:
    return {
        "id": sheet.pk,
        "url": sheet_url(sheet.pk),
        "title": sheet.title,
        "organization": {
            "slug": sheet.organization.slug,
            "name": sheet.organization.name,
            "kind": sheet.organization.kind,
        },
        "municipality": _place(sheet.municipality),
        "themes": [{"key": theme.key, "name": theme.name} for theme in sheet.themes.all()],
        "required_skills": _skills(sheet, "required"),
        "welcome_skills": _skills(sheet, "welcome"),
        "days_per_month_min": sheet.days_per_month_min,
        "days_per_month_max": sheet.days_per_month_max,
        "work_style": sheet.work_style,
        "visits_per_month": sheet.visits_per_month,
        "duration_months": sheet.duration_months,
        "fee_min_yen": sheet.fee_min_yen,
        "fee_max_yen": sheet.fee_max_yen,
        "is_probono": sheet.is_probono,
        "contract_type": sheet.contract_type,
        "closes_on": sheet.closes_on,
        "why_you": sheet.why_you,
        "published_at": sheet.published_at,
    }


def sheet_detail_payload(sheet: SpecSheet) -> dict:
    return {
        **sheet_payload(sheet),
        "issue": sheet.issue,
        "outcome": sheet.outcome,
        "fee_reason": sheet.fee_reason,
        "travel_paid_by": sheet.travel_paid_by,
        "subsidy_applies": sheet.subsidy_applies,
        "openings": sheet.openings,
        "status": sheet.status,
        "closed_reason": sheet.closed_reason,
    }


# --- Endpoints ----------------------------------------------------------------------------------


@router.get(
    "/sheets",
    response={200: SheetPageOut, 400: ErrorOut},
    summary="公開中の仕様書の一覧",
    description="/sheets/ のページと同じ検索・絞り込み・並び順で、公開中の仕様書を20件ずつ返します。"
    "範囲を超えたページは results が空になります。",
    operation_id="sheets_list",
)
@audience(PUBLIC)
def sheets_list(request: HttpRequest, params: Query[SheetQuery]):
    filters = selectors.SheetFilters(
        q=params.q,
        prefecture=params.prefecture,
        municipality=params.municipality,
        theme=params.theme,
        work_style=params.work_style or "",
        max_days=params.days,
        min_fee=params.fee,
        contract_type=params.contract_type or "",
        closes_after=params.closes_after,
        sort=params.sort,
    )
    paginator = Paginator(selectors.published_sheets(filters), selectors.PER_PAGE)
    try:
        results = list(paginator.page(params.page).object_list)
    except EmptyPage:
        results = []
    return Status(
        200,
        {
            "count": paginator.count,
            "page": params.page,
            "pages": paginator.num_pages if paginator.count else 0,
            "per_page": selectors.PER_PAGE,
            "results": [sheet_payload(sheet) for sheet in results],
        },
    )


@router.get(
    "/sheets/{sheet_id}",
    response={200: SheetDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="仕様書の詳細",
    description="公開中または募集終了の仕様書。下書き・審査中・差し戻し中のものは 404 です。",
    operation_id="sheets_detail",
)
@audience(PUBLIC)
def sheets_detail(request: HttpRequest, sheet_id: int = Path(..., ge=1, le=MAX_ID)):
    sheet = permissions.get_sheet_for_public(sheet_id)
    return Status(200, sheet_detail_payload(sheet))
