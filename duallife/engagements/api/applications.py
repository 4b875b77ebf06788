"""JSON API of applications for the acting user (mounted at ``/api/v1/my/``).

- ``GET applications``: a talent's own applications (``as=talent``) or the pipeline of the user's
  companies (``as=company``), filterable by status and sheet;
- ``POST applications``: apply (201; a second application to the same sheet → 409, so a
  double-clicked submit never makes two);
- ``GET applications/{id}``: one application with its history; the company sees only the
  profile fields the talent consented to;
- ``POST applications/{id}/advance | decline | withdraw | share``: the pipeline steps.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from duallife.accounts.mfa import MFA_REQUIRED, staff_without_mfa
from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, error, session_auth
from duallife.core.audience import ALL, NOT_FOUND, OWN, SIGNED_IN, audience
from duallife.postings.permissions import get_sheet_for_public

from ..links import application_url
from ..models import Application, ShareableField
from ..permissions import APPLICATION_SIDES, consented_fields, get_application_for_user, log_application_read
from ..selectors import applications as reads
from ..services import applications as services
from ..services.consent import consent_grant
from ..wording import stored_note

router = Router()

StatusValue = Literal[
    "applied",
    "in_conversation",
    "interview",
    "offer",
    "contracted",
    "active",
    "completed",
    "declined",
    "withdrawn",
    "expired",
]
FieldValue = Literal["name", "email", "phone", "current_job", "hometown", "self_introduction"]


class ApplicationSheetOut(Schema):
    id: int
    title: str
    organization: str
    municipality: str


class ApplicationEventOut(Schema):
    from_status: str
    to_status: str
    by_side: Literal["talent", "company", "system"]
    note: str
    at: datetime.datetime


class ApplicantOut(Schema):
    display_name: str
    consented: dict[str, str] = Field(description="本人が同意した項目だけ（キーは項目名）")


class ApplicationOut(Schema):
    id: int
    url: str = Field(description="応募のページのパス")
    sheet: ApplicationSheetOut
    status: StatusValue
    origin: Literal["application", "scout"]
    applicant: str = Field(description="応募者の表示名")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ApplicationDetailOut(ApplicationOut):
    message: str
    shared_fields: list[str]
    interview_mode: str
    interview_at: datetime.datetime | None
    close_reason: str
    side: Literal["talent", "company", "staff"]
    applicant_details: ApplicantOut
    events: list[ApplicationEventOut]


class ApplicationQuery(Schema):
    as_: Literal["talent", "company"] = Field(
        "talent", alias="as", description="talent: 自分の応募／company: 自社への応募"
    )
    status: StatusValue | None = None
    sheet_id: int | None = Field(None, ge=1, le=MAX_ID)


class ApplicationIn(Schema):
    sheet_id: int = Field(ge=1, le=MAX_ID)
    message: str = Field(max_length=2000, description="応募メッセージ（10文字以上）")
    shared_fields: list[FieldValue] = Field(
        default_factory=list, max_length=6, description="企業に知らせる項目"
    )


class ApplicationAdvanceIn(Schema):
    to: Literal["in_conversation", "interview", "offer"]
    interview_mode: Literal["online", "onsite", ""] = ""
    interview_at: datetime.datetime | None = None
    note: str = Field("", max_length=1000)


class ApplicationReasonIn(Schema):
    reason: str = Field("", max_length=1000)


class ApplicationShareIn(Schema):
    fields: list[FieldValue] = Field(min_length=1, max_length=6)


def _payload(application: Application) -> dict:
    sheet = application.sheet
    return {
        "id": application.pk,
        "url": application_url(application.pk),
        "sheet": {
            "id": sheet.pk,
            "title": sheet.title,
            "organization": sheet.organization.name,
            "municipality": str(sheet.municipality),
        },
        "status": application.status,
        "origin": application.origin,
        "applicant": application.talent.display_name,
        "created_at": application.created_at,
        "updated_at": application.updated_at,
    }


def _consented_values(application: Application, fields: frozenset[str]) -> dict[str, str]:
    talent = application.talent
    values = {
        ShareableField.NAME: reads.full_name(talent),
        ShareableField.EMAIL: talent.user.email,
        ShareableField.PHONE: talent.phone,
        ShareableField.CURRENT_JOB: talent.current_job,
        ShareableField.HOMETOWN: str(talent.hometown_municipality or talent.hometown_prefecture or ""),
        ShareableField.SELF_INTRODUCTION: talent.self_introduction,
    }
    return {str(key): value for key, value in values.items() if key in fields}


def _detail_payload(application: Application, side: str) -> dict:
    fields = frozenset(application.shared_fields) if side == "talent" else consented_fields(application)
    talent_user_id = application.talent.user_id
    events = [
        {
            "from_status": event.from_status,
            "to_status": event.to_status,
            "by_side": "system"
            if event.by_id is None
            else ("talent" if event.by_id == talent_user_id else "company"),
            "note": stored_note(event.note),
            "at": event.at,
        }
        for event in application.events.all()
    ]
    return {
        **_payload(application),
        "message": application.message,
        "shared_fields": list(application.shared_fields),
        "interview_mode": application.interview_mode,
        "interview_at": application.interview_at,
        "close_reason": stored_note(application.close_reason),
        "side": side,
        "applicant_details": {
            "display_name": application.talent.display_name,
            "consented": _consented_values(application, fields),
        },
        "events": events,
    }


def _load(request: HttpRequest, application_id: int, *, reading: bool = False) -> tuple[Application, str]:
    """The application through the permission check (404 for others); staff need MFA (403)
    before anything is read or logged."""
    application, side = get_application_for_user(request.auth, application_id)
    if side == "staff" and staff_without_mfa(request.auth):
        raise HttpError(403, MFA_REQUIRED)
    if reading:
        log_application_read(request.auth, application, side, via="api")
    return application, side


def _reloaded(request: HttpRequest, application: Application) -> Status:
    fresh, side = _load(request, application.pk)
    return Status(200, _detail_payload(fresh, side))


@router.get(
    "/applications",
    response={200: list[ApplicationOut], 400: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="応募の一覧",
    description="as=talent で自分の応募、as=company で所属企業の仕様書への応募を返します。",
    operation_id="my_applications_list",
)
@audience(SIGNED_IN)
def applications_list(request: HttpRequest, params: Query[ApplicationQuery]):
    if params.as_ == "company":
        filters = reads.PipelineFilters(sheet_id=params.sheet_id, status=params.status or "")
        applications = reads.company_pipeline(request.auth, filters)
    else:
        applications = reads.talent_applications(request.auth)
        if params.status:
            applications = applications.filter(status=params.status)
        if params.sheet_id:
            applications = applications.filter(sheet_id=params.sheet_id)
    return Status(200, [_payload(application) for application in applications[:500]])


@router.post(
    "/applications",
    response={201: ApplicationDetailOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="仕様書に応募する",
    description="選んだ項目（shared_fields）は、応募と同時に企業に届きます（応募が同意になり、記録されます）。",
    operation_id="my_applications_create",
)
@audience(talent=ALL)
def applications_create(request: HttpRequest, payload: ApplicationIn):
    try:
        sheet = get_sheet_for_public(payload.sheet_id)
    except Http404:
        return error(404, _("案件が見つかりません。"), "sheet_id")
    application = services.application_submit(
        sheet=sheet, by=request.auth, message=payload.message, shared_fields=payload.shared_fields
    )
    fresh, side = get_application_for_user(request.auth, application.pk)
    return Status(201, _detail_payload(fresh, side))


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetailOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="応募の詳細と経過",
    operation_id="my_applications_detail",
)
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def applications_detail(request: HttpRequest, application_id: int = Path(..., ge=1, le=MAX_ID)):
    application, side = _load(request, application_id, reading=True)
    return Status(200, _detail_payload(application, side))


def _step(request: HttpRequest, application_id: int, action) -> Status:
    application, _side = _load(request, application_id)
    action(application)
    return _reloaded(request, application)


STEP_RESPONSES = {200: ApplicationDetailOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES}


@router.post(
    "/applications/{application_id}/advance",
    response=STEP_RESPONSES,
    auth=session_auth,
    summary="応募を次の段階へ進める（企業）",
    operation_id="my_applications_advance",
)
@audience(company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def applications_advance(
    request: HttpRequest, payload: ApplicationAdvanceIn, application_id: int = Path(..., ge=1, le=MAX_ID)
):
    return _step(
        request,
        application_id,
        lambda application: services.application_advance(
            application=application,
            by=request.auth,
            to=payload.to,
            interview_mode=payload.interview_mode,
            interview_at=payload.interview_at,
            note=payload.note,
        ),
    )


@router.post(
    "/applications/{application_id}/decline",
    response=STEP_RESPONSES,
    auth=session_auth,
    summary="応募を見送る（企業）",
    operation_id="my_applications_decline",
)
@audience(company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def applications_decline(
    request: HttpRequest, payload: ApplicationReasonIn, application_id: int = Path(..., ge=1, le=MAX_ID)
):
    return _step(
        request,
        application_id,
        lambda application: services.application_decline(
            application=application, by=request.auth, reason=payload.reason
        ),
    )


@router.post(
    "/applications/{application_id}/withdraw",
    response=STEP_RESPONSES,
    auth=session_auth,
    summary="応募を辞退する（本人）",
    operation_id="my_applications_withdraw",
)
@audience(talent=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def applications_withdraw(
    request: HttpRequest, payload: ApplicationReasonIn, application_id: int = Path(..., ge=1, le=MAX_ID)
):
    return _step(
        request,
        application_id,
        lambda application: services.application_withdraw(
            application=application, by=request.auth, reason=payload.reason
        ),
    )


@router.post(
    "/applications/{application_id}/share",
    response=STEP_RESPONSES,
    auth=session_auth,
    summary="企業に知らせる項目を増やす（本人）",
    description="追加した項目はすぐ企業に届き、提供の記録が残ります。",
    operation_id="my_applications_share",
)
@audience(talent=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def applications_share(
    request: HttpRequest, payload: ApplicationShareIn, application_id: int = Path(..., ge=1, le=MAX_ID)
):
    return _step(
        request,
        application_id,
        lambda application: consent_grant(application=application, by=request.auth, fields=payload.fields),
    )
