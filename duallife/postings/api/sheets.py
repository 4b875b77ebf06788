"""JSON API of a company member's own sheets, mounted at ``/api/v1/my/``: ``/my/sheets…`` lists,
reads (with the quality check), creates, changes (PATCH) and submits them. Session
authentication with CSRF; anonymous → 401, a sheet of another company → 404, an illegal step → 409.

Every error answers JSON ``{"detail": "<message in the request's language>", "errors": [<fields>]}``;
the quality check's findings are worded in the request's language too (with their codes and values).
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status

from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, error, session_auth
from duallife.core.audience import ALL, NOT_FOUND, OWN, SIGNED_IN, audience
from duallife.engine.speclint import LintReport
from duallife.organizations.permissions import companies_of

from .. import lint_words, permissions, selectors
from ..models import SpecSheet
from ..services.sheets import spec_sheet_create, spec_sheet_submit, spec_sheet_update
from .listing import ContractValue, SheetDetailOut, WorkStyleValue, sheet_detail_payload

router = Router()

TravelValue = Literal["company", "shared", "talent", "none"]


# --- Schemas ------------------------------------------------------------------------------------


class FindingOut(Schema):
    code: str
    key: str = Field(description="文言の種類（code、または code.変種）")
    severity: Literal["error", "warning", "info"]
    field: str
    message: str = Field(description="指摘（リクエストの言語で）")
    suggestion: str = Field(description="直し方の提案（リクエストの言語で）")
    params: dict[str, int | str | list[str] | None] = Field(
        description="文言に入る値（文字数、金額（円）、日数、日付（ISO 8601）、該当した語など）"
    )


class LintOut(Schema):
    score: int = Field(description="0〜100点")
    ready: bool = Field(description="提出前に直す必要がある項目がなければ true")
    findings: list[FindingOut]


class MySheetOut(SheetDetailOut):
    version: int
    lint_score: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    submitted_at: datetime.datetime | None


class MySheetDetailOut(MySheetOut):
    lint: LintOut


class SheetIn(Schema):
    organization: str | None = Field(
        None, max_length=80, description="掲載する企業のスラッグ（所属する企業が一つなら省略可）"
    )
    title: str = Field(max_length=80)
    municipality: str = Field(max_length=6, description="勤務地の全国地方公共団体コード（対象地域の市町村）")
    issue: str = Field("", max_length=4000)
    outcome: str = Field("", max_length=2000)
    themes: list[str] = Field(default_factory=list, max_length=10, description="テーマのキー")
    required_skills: list[str] = Field(
        default_factory=list, max_length=20, description="入力どおりのスキル名"
    )
    welcome_skills: list[str] = Field(default_factory=list, max_length=20)
    days_per_month_min: int | None = Field(None, ge=1, le=31)
    days_per_month_max: int | None = Field(None, ge=1, le=31)
    work_style: WorkStyleValue = "remote"
    visits_per_month: int = Field(0, ge=0, le=31)
    duration_months: int | None = Field(None, ge=1, le=60)
    fee_min_yen: int | None = Field(None, ge=0, le=10_000_000)
    fee_max_yen: int | None = Field(None, ge=0, le=10_000_000)
    is_probono: bool = False
    fee_reason: str = Field("", max_length=300)
    contract_type: ContractValue = "outsourcing"
    travel_paid_by: TravelValue = "company"
    subsidy_applies: bool = False
    openings: int = Field(1, ge=1, le=99)
    closes_on: datetime.date | None = None
    why_you: str = Field("", max_length=2000)


class SheetPatch(Schema):
    """Only the keys sent are changed; ``null`` clears an optional number or date."""

    title: str = Field(None, max_length=80)
    municipality: str = Field(None, max_length=6)
    issue: str = Field(None, max_length=4000)
    outcome: str = Field(None, max_length=2000)
    themes: list[str] = Field(None, max_length=10)
    required_skills: list[str] = Field(None, max_length=20)
    welcome_skills: list[str] = Field(None, max_length=20)
    days_per_month_min: int | None = Field(None, ge=1, le=31)
    days_per_month_max: int | None = Field(None, ge=1, le=31)
    work_style: WorkStyleValue = None
    visits_per_month: int = Field(None, ge=0, le=31)
    duration_months: int | None = Field(None, ge=1, le=60)
    fee_min_yen: int | None = Field(None, ge=0, le=10_000_000)
    fee_max_yen: int | None = Field(None, ge=0, le=10_000_000)
    is_probono: bool = None
    fee_reason: str = Field(None, max_length=300)
    contract_type: ContractValue = None
    travel_paid_by: TravelValue = None
    subsidy_applies: bool = None
    openings: int = Field(None, ge=1, le=99)
    closes_on: datetime.date | None = None
    why_you: str = Field(None, max_length=2000)


# --- Payloads -----------------------------------------------------------------------------------


def lint_payload(report: LintReport) -> dict:
    return {
        "score": report.score,
        "ready": report.ready,
        "findings": [
            {
                "code": w.code,
                "key": w.finding.key,
                "severity": str(w.severity),
                "field": w.field,
                "message": w.message,
                "suggestion": w.suggestion,
                "params": lint_words.params_of(w.finding),
            }
            for w in lint_words.word_all(report.findings)
        ],
    }


def my_sheet_payload(sheet: SpecSheet, *, with_lint: bool = False) -> dict:
    payload = {
        **sheet_detail_payload(sheet),
        "version": sheet.version,
        "lint_score": sheet.lint_score,
        "created_at": sheet.created_at,
        "updated_at": sheet.updated_at,
        "submitted_at": sheet.submitted_at,
    }
    if with_lint:
        payload["lint"] = lint_payload(selectors.sheet_lint(sheet))
    return payload


def _reload(sheet: SpecSheet) -> SpecSheet:
    return selectors.sheets_with_details().get(pk=sheet.pk)


# --- Endpoints ----------------------------------------------------------------------------------


@router.get(
    "/sheets",
    response={200: list[MySheetOut], **AUTH_RESPONSES},
    auth=session_auth,
    summary="自社の仕様書の一覧",
    description="ログインしている人が所属する企業の仕様書を、状態を問わずすべて返します。",
    operation_id="my_sheets_list",
)
@audience(SIGNED_IN)
def my_sheets_list(request: HttpRequest):
    sheets = (
        selectors.sheets_with_details()
        .filter(organization__in=companies_of(request.auth))
        .order_by("-updated_at", "-pk")
    )
    return Status(200, [my_sheet_payload(sheet) for sheet in sheets])


@router.get(
    "/sheets/{sheet_id}",
    response={200: MySheetDetailOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="自社の仕様書（品質チェック付き）",
    operation_id="my_sheets_detail",
)
@audience(company=OWN, denied=NOT_FOUND)
def my_sheets_detail(request: HttpRequest, sheet_id: int = Path(..., ge=1, le=MAX_ID)):
    sheet = permissions.get_sheet_for_editor(request.auth, sheet_id)
    return Status(200, my_sheet_payload(sheet, with_lint=True))


@router.post(
    "/sheets",
    response={201: MySheetDetailOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="仕様書の下書きを作る",
    description="下書きとして保存します。公開するには品質チェックを通してから提出し、審査を受けます。",
    operation_id="my_sheets_create",
)
@audience(company=ALL)
def my_sheets_create(request: HttpRequest, payload: SheetIn):
    companies = list(companies_of(request.auth))
    if not companies:
        return error(403, _("仕様書を作成できるのは、企業のメンバーとして登録している方だけです。"))
    if payload.organization:
        organization = next((org for org in companies if org.slug == payload.organization), None)
        if organization is None:
            return error(404, _("所属する企業の中に、指定された企業がありません。"), "organization")
    elif len(companies) == 1:
        organization = companies[0]
    else:
        return error(
            400, _("複数の企業に所属しているため、organization で企業を指定してください。"), "organization"
        )
    data = payload.model_dump(exclude={"organization"})
    sheet = spec_sheet_create(organization=organization, by=request.auth, data=data)
    return Status(201, my_sheet_payload(_reload(sheet), with_lint=True))


@router.patch(
    "/sheets/{sheet_id}",
    response={200: MySheetDetailOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="仕様書を直す",
    description="送った項目だけを変更します。"
    "変更できるのは下書きと差し戻し中の仕様書です（それ以外は 409）。",
    operation_id="my_sheets_update",
)
@audience(company=OWN, denied=NOT_FOUND)
def my_sheets_update(request: HttpRequest, payload: SheetPatch, sheet_id: int = Path(..., ge=1, le=MAX_ID)):
    sheet = permissions.get_sheet_for_editor(request.auth, sheet_id)
    data = payload.model_dump(exclude_unset=True)
    spec_sheet_update(sheet=sheet, by=request.auth, data=data)
    return Status(200, my_sheet_payload(_reload(sheet), with_lint=True))


@router.post(
    "/sheets/{sheet_id}/submit",
    response={200: MySheetDetailOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="仕様書を審査に提出する",
    description="品質チェックで直す必要がある項目が残っていると 400、下書き・差し戻し中以外は 409 です。",
    operation_id="my_sheets_submit",
)
@audience(company=OWN, denied=NOT_FOUND)
def my_sheets_submit(request: HttpRequest, sheet_id: int = Path(..., ge=1, le=MAX_ID)):
    sheet = permissions.get_sheet_for_editor(request.auth, sheet_id)
    spec_sheet_submit(sheet=sheet, by=request.auth)
    return Status(200, my_sheet_payload(_reload(sheet), with_lint=True))
