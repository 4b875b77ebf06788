"""JSON API: scouts and 気になる, for the acting user (mounted under ``/api/v1/my/``).

- ``GET scouts?box=received|sent``, ``POST scouts``, ``GET scouts/{id}``,
  ``POST scouts/{id}/accept``, ``POST scouts/{id}/decline``;
- ``POST scouts/{id}/talk`` (まずは話を聞く: the talent opens a casual talk),
  ``POST scouts/{id}/talk/close`` (the sending side ends it); the talk's messages are in
  ``messages.py``;
- ``GET interests``, ``POST interests``, ``PATCH interests/{id}``, ``DELETE interests/{id}``.

Session authentication with CSRF: anonymous → 401; someone else's scout or 気になる → 404;
an invalid input → 400, a refused step → 403 / 409, too many scouts → 429, always as
``{"detail": "<日本語>", "errors": [<fields>]}``.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from duallife.accounts.mfa import MFA_REQUIRED, staff_without_mfa
from duallife.core.api import MAX_ID, ErrorOut, error, session_auth
from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, OWNER, SIGNED_IN, audience
from duallife.postings.links import sheet_url
from duallife.postings.permissions import get_sheet_for_public
from duallife.regions.models import Prefecture
from duallife.talents.permissions import visible_talents

from ..links import path_to
from ..models import Interest, Scout
from ..permissions import (
    can_send_scouts,
    get_interest_for_owner,
    get_scout_for_user,
    scout_answerable,
    talent_of,
    talk_may_start,
    talk_refusal,
)
from ..selectors.interests import interest_of, talent_interests
from ..selectors.scouts import received_scouts, scout_quota, sent_scouts
from ..services import interests as interest_services
from ..services import scouts as services

router = Router()

PER_PAGE = 50
AUTH = {401: ErrorOut, 403: ErrorOut}
ShareableValue = Literal["name", "email", "phone", "current_job", "hometown", "self_introduction"]


# --- Schemas ------------------------------------------------------------------------------------


class ScoutSheetRefOut(Schema):
    id: int
    title: str
    url: str = Field(description="仕様書の公開ページのパス")
    organization: str = Field(description="掲載企業の名称")


class ScoutTalentRefOut(Schema):
    id: int
    display_name: str = Field(description="表示名（氏名や連絡先は含みません）")


class ScoutSenderOut(Schema):
    slug: str
    name: str
    kind: str


class ScoutOut(Schema):
    id: int
    url: str = Field(description="スカウトのページのパス")
    side: Literal["talent", "sender"] = Field(description="talent: 受け取った本人／sender: 送った側")
    status: Literal["pending", "talking", "accepted", "declined", "expired", "closed"] = Field(
        description="pending: 回答待ち／talking: カジュアル面談中／accepted: 承諾（応募）／declined: 辞退／"
        "expired: 期限切れ／closed: カジュアル面談終了"
    )
    answerable: bool = Field(description="いま承諾・辞退できるなら true（受け取った本人だけ）")
    can_start_talk: bool = Field(description="いま「まずは話を聞く」を選べるなら true（受け取った本人だけ）")
    talk_open: bool = Field(description="カジュアル面談中で、両者がメッセージを送れるなら true")
    talk_started_at: datetime.datetime | None = Field(description="カジュアル面談が始まった日時")
    talk_closed_at: datetime.datetime | None = Field(description="送った側がカジュアル面談を終えた日時")
    sheet: ScoutSheetRefOut
    talent: ScoutTalentRefOut
    sender_organization: ScoutSenderOut
    message: str = Field(description="あなたが必要な理由")
    decline_reason: str
    expires_at: datetime.datetime = Field(description="回答期限")
    created_at: datetime.datetime
    responded_at: datetime.datetime | None
    application_id: int | None = Field(description="承諾して作られた応募の ID")


class ScoutQuotaOut(Schema):
    day_limit: int = Field(description="24時間に送れる件数")
    day_left: int
    week_limit: int = Field(description="7日間に送れる件数")
    week_left: int


class ScoutPageOut(Schema):
    box: Literal["received", "sent"]
    count: int
    page: int
    pages: int
    per_page: int
    results: list[ScoutOut]
    quota: ScoutQuotaOut | None = Field(description="送ったスカウトの一覧のときだけ、残りの件数")


class ScoutQuery(Schema):
    box: Literal["received", "sent"] = Field("received", description="received: 受け取った／sent: 送った")
    page: int = Field(1, ge=1, le=100_000)


class ScoutIn(Schema):
    sheet_id: int = Field(ge=1, le=MAX_ID)
    talent_id: int = Field(ge=1, le=MAX_ID)
    message: str = Field(max_length=4000, description="あなたが必要な理由（30〜2000文字）")


class AcceptIn(Schema):
    shared_fields: list[ShareableValue] = Field(
        default_factory=list, max_length=6, description="企業に知らせる項目（承諾が同意として記録されます）"
    )
    message: str = Field("", max_length=4000, description="企業へのひとこと（任意、2000文字まで）")


class TalkStartIn(Schema):
    message: str = Field("", max_length=4000, description="最初のメッセージ（任意、2000文字まで）")


class TalkCloseIn(Schema):
    message: str = Field(
        "", max_length=4000, description="人材へのひとこと（任意、2000文字まで。空ならお礼の定型文）"
    )


class DeclineIn(Schema):
    reason: str = Field("", max_length=2000, description="辞退の理由（任意、1000文字まで）")


class InterestPrefectureOut(Schema):
    code: str
    name: str


class InterestOut(Schema):
    id: int
    kind: Literal["sheet", "prefecture"]
    sheet: ScoutSheetRefOut | None
    prefecture: InterestPrefectureOut | None
    share_identity: bool = Field(description="仕様書の企業に表示名を知らせるなら true")
    created_at: datetime.datetime


class InterestIn(Schema):
    sheet_id: int | None = Field(None, ge=1, le=MAX_ID, description="仕様書の ID（県とどちらか一つ）")
    prefecture_code: str | None = Field(
        None, pattern=r"^[0-9]{2}$", description="県コード（JIS X 0401、2桁。東北7県のいずれか）"
    )


class InterestPatch(Schema):
    share_identity: bool


# --- Payloads -----------------------------------------------------------------------------------


def _sheet_ref(sheet) -> dict:
    return {
        "id": sheet.pk,
        "title": sheet.title,
        "url": sheet_url(sheet.pk),
        "organization": sheet.organization.name,
    }


def scout_payload(scout: Scout, side: str) -> dict:
    org = scout.sender_organization
    now = timezone.now()
    return {
        "id": scout.pk,
        "url": path_to("scout_detail", scout.pk),
        "side": side,
        "status": scout.status,
        "answerable": side == "talent" and scout_answerable(scout, now=now),
        "can_start_talk": side == "talent" and talk_may_start(scout, now=now),
        "talk_open": talk_refusal(scout) is None,
        "talk_started_at": scout.talk_started_at,
        "talk_closed_at": scout.talk_closed_at,
        "sheet": _sheet_ref(scout.sheet),
        "talent": {"id": scout.talent.pk, "display_name": scout.talent.display_name},
        "sender_organization": {"slug": org.slug, "name": org.name, "kind": org.kind},
        "message": scout.message,
        "decline_reason": scout.decline_reason,
        "expires_at": scout.expires_at,
        "created_at": scout.created_at,
        "responded_at": scout.responded_at,
        "application_id": scout.application_id,
    }


def interest_payload(interest: Interest) -> dict:
    return {
        "id": interest.pk,
        "kind": "sheet" if interest.sheet_id else "prefecture",
        "sheet": _sheet_ref(interest.sheet) if interest.sheet_id else None,
        "prefecture": {"code": interest.prefecture.code, "name": interest.prefecture.name}
        if interest.prefecture_id
        else None,
        "share_identity": interest.share_identity,
        "created_at": interest.created_at,
    }


def _reload_scout(scout_id: int, user) -> tuple[Scout, str]:
    return get_scout_for_user(user, scout_id)


# --- Scouts -------------------------------------------------------------------------------------


@router.get(
    "/scouts",
    response={200: ScoutPageOut, 400: ErrorOut, **AUTH},
    auth=session_auth,
    summary="受け取った・送ったスカウトの一覧",
    description="box=received: 受け取ったスカウト（回答待ちを先に）／box=sent: 所属する組織が送った"
    "スカウト（新しい順）と、送れる残りの件数。50件ずつ。",
    operation_id="my_scouts_list",
)
@audience(SIGNED_IN)
def scouts_list(request: HttpRequest, params: Query[ScoutQuery]):
    user = request.auth
    if params.box == "sent" and staff_without_mfa(user):
        return error(403, MFA_REQUIRED)
    if params.box == "sent":
        scouts = sent_scouts(user)
        side = "sender"
    else:
        scouts = received_scouts(user)
        side = "talent"
    paginator = Paginator(scouts, PER_PAGE)
    results = list(paginator.page(params.page).object_list) if params.page <= paginator.num_pages else []
    quota = None
    if params.box == "sent" and can_send_scouts(user):
        q = scout_quota(user)
        quota = {
            "day_limit": q.day_limit,
            "day_left": q.day_left,
            "week_limit": q.week_limit,
            "week_left": q.week_left,
        }
    return Status(
        200,
        {
            "box": params.box,
            "count": paginator.count,
            "page": params.page,
            "pages": paginator.num_pages if paginator.count else 0,
            "per_page": PER_PAGE,
            "results": [scout_payload(scout, side) for scout in results],
            "quota": quota,
        },
    )


@router.post(
    "/scouts",
    response={201: ScoutOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut, **AUTH},
    auth=session_auth,
    summary="スカウトを送る",
    description="募集中の仕様書について、人材にスカウトを送ります。送れるのは掲載企業のメンバーと"
    "担当地域のコーディネーター。仕様書と人材の組み合わせごとに1通、送る人ごとに24時間・7日間の上限"
    "があります（超えると 429）。見えない人材（非公開のプロフィールなど）は 404 です。",
    operation_id="my_scouts_send",
)
@audience(company=OWN, coordinator=AREA, operator=ALL, personal_data=True)
def scouts_send(request: HttpRequest, payload: ScoutIn):
    user = request.auth
    if staff_without_mfa(user):
        return error(403, MFA_REQUIRED)
    if not can_send_scouts(user):  # as the page says, before any sheet or talent is looked up
        return error(403, _("スカウトを送れるのは、企業のメンバーと自治体・支援機関・事務局の方です。"))
    try:
        sheet = get_sheet_for_public(payload.sheet_id)
    except Http404:
        return error(404, _("仕様書が見つかりません。"), "sheet_id")
    talent = visible_talents(user).filter(pk=payload.talent_id).first()
    if talent is None:
        return error(404, services.NO_SUCH_TALENT, "talent_id")
    scout = services.scout_send(sheet=sheet, talent=talent, by=user, message=payload.message)
    scout, side = _reload_scout(scout.pk, user)
    return Status(201, scout_payload(scout, side))


@router.get(
    "/scouts/{scout_id}",
    response={200: ScoutOut, 400: ErrorOut, 404: ErrorOut, **AUTH},
    auth=session_auth,
    summary="スカウトの詳細",
    description="受け取った本人と、送った組織・仕様書の企業のメンバーが読めます。ほかの人には 404 です。",
    operation_id="my_scouts_detail",
)
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def scouts_detail(request: HttpRequest, scout_id: int = Path(..., ge=1, le=MAX_ID)):
    if staff_without_mfa(request.auth):
        return error(403, MFA_REQUIRED)
    scout, side = get_scout_for_user(request.auth, scout_id)
    return Status(200, scout_payload(scout, side))


@router.post(
    "/scouts/{scout_id}/accept",
    response={200: ScoutOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH},
    auth=session_auth,
    summary="スカウトを承諾する（応募になる）",
    description="受け取った本人だけが承諾できます。応募が作られ、shared_fields の項目が企業に届きます"
    "（承諾が同意として記録されます）。カジュアル面談中のスカウトも承諾でき、それまでのメッセージは"
    "応募のやりとりに引き継がれます。回答済み・期限切れは 409 です。",
    operation_id="my_scouts_accept",
)
@audience(talent=OWN, readers={"company": OWN, "coordinator": OWN, "operator": OWN}, denied=NOT_FOUND)
def scouts_accept(request: HttpRequest, payload: AcceptIn, scout_id: int = Path(..., ge=1, le=MAX_ID)):
    scout, _side = get_scout_for_user(request.auth, scout_id)
    services.scout_accept(
        scout=scout, by=request.auth, shared_fields=payload.shared_fields, message=payload.message
    )
    scout, side = _reload_scout(scout.pk, request.auth)
    return Status(200, scout_payload(scout, side))


@router.post(
    "/scouts/{scout_id}/decline",
    response={200: ScoutOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH},
    auth=session_auth,
    summary="スカウトを辞退する",
    description="受け取った本人だけが辞退できます。理由は任意で、送った方に伝わります。",
    operation_id="my_scouts_decline",
)
@audience(talent=OWN, readers={"company": OWN, "coordinator": OWN, "operator": OWN}, denied=NOT_FOUND)
def scouts_decline(request: HttpRequest, payload: DeclineIn, scout_id: int = Path(..., ge=1, le=MAX_ID)):
    scout, _side = get_scout_for_user(request.auth, scout_id)
    services.scout_decline(scout=scout, by=request.auth, reason=payload.reason)
    scout, side = _reload_scout(scout.pk, request.auth)
    return Status(200, scout_payload(scout, side))


@router.post(
    "/scouts/{scout_id}/talk",
    response={200: ScoutOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH},
    auth=session_auth,
    summary="「まずは話を聞く」（カジュアル面談を始める）",
    description="受け取った本人だけが、回答待ちのスカウトに対して選べます。応募ではなく、同意もしないため、"
    "送った側に見えるのはスカウトのときと同じ表示名とプロフィールの公開部分だけです。"
    "メッセージは scouts/{id}/messages で送ります。あとから accept（応募）・decline（辞退）できます。"
    "回答済み・期限切れ・すでに面談中は 409 です。",
    operation_id="my_scouts_talk",
)
@audience(talent=OWN, readers={"company": OWN, "coordinator": OWN, "operator": OWN}, denied=NOT_FOUND)
def scouts_talk(request: HttpRequest, payload: TalkStartIn, scout_id: int = Path(..., ge=1, le=MAX_ID)):
    scout, _side = get_scout_for_user(request.auth, scout_id)
    services.scout_talk_start(scout=scout, by=request.auth, message=payload.message)
    scout, side = _reload_scout(scout.pk, request.auth)
    return Status(200, scout_payload(scout, side))


@router.post(
    "/scouts/{scout_id}/talk/close",
    response={200: ScoutOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH},
    auth=session_auth,
    summary="カジュアル面談を終える",
    description="送った組織と仕様書の企業のメンバーが、カジュアル面談中のスカウトについて行えます。"
    "人材にはお礼とともに知らせます（message を書けばその言葉で）。やりとりは読めるまま残ります。"
    "受け取った本人は 403、カジュアル面談中でなければ 409 です。",
    operation_id="my_scouts_talk_close",
)
@audience(
    company=OWN, coordinator=OWN, operator=OWN, readers={"talent": OWN}, denied=NOT_FOUND, personal_data=True
)
def scouts_talk_close(request: HttpRequest, payload: TalkCloseIn, scout_id: int = Path(..., ge=1, le=MAX_ID)):
    if staff_without_mfa(request.auth):
        return error(403, MFA_REQUIRED)
    scout, _side = get_scout_for_user(request.auth, scout_id)
    services.scout_talk_close(scout=scout, by=request.auth, message=payload.message)
    scout, side = _reload_scout(scout.pk, request.auth)
    return Status(200, scout_payload(scout, side))


# --- 気になる -----------------------------------------------------------------------------------


@router.get(
    "/interests",
    response={200: list[InterestOut], **AUTH},
    auth=session_auth,
    summary="自分の「気になる」の一覧",
    description="人材プロフィールのない方には空の一覧を返します。",
    operation_id="my_interests_list",
)
@audience(SIGNED_IN)
def interests_list(request: HttpRequest):
    return Status(200, [interest_payload(i) for i in talent_interests(request.auth)])


@router.post(
    "/interests",
    response={200: InterestOut, 201: InterestOut, 400: ErrorOut, 404: ErrorOut, **AUTH},
    auth=session_auth,
    summary="「気になる」を付ける",
    description="公開中の仕様書（sheet_id）か東北7県のどれか（prefecture_code）に付けます。"
    "付いていれば 200 でそのまま返します。企業には人数だけが伝わります。",
    operation_id="my_interests_add",
)
@audience(talent=ALL)
def interests_add(request: HttpRequest, payload: InterestIn):
    if (payload.sheet_id is None) == (payload.prefecture_code is None):
        return error(400, _("sheet_id か prefecture_code のどちらか一つを指定してください。"), "sheet_id")
    sheet = prefecture = None
    if payload.sheet_id is not None:
        try:
            sheet = get_sheet_for_public(payload.sheet_id)
        except Http404:
            return error(404, _("案件が見つかりません。"), "sheet_id")
    else:
        prefecture = Prefecture.objects.filter(code=payload.prefecture_code).first()
        if prefecture is None:
            return error(404, _("県が見つかりません。"), "prefecture_code")
    talent = talent_of(request.auth)
    existed = interest_of(talent, sheet=sheet, prefecture=prefecture) is not None
    interest_services.interest_toggle(by=request.auth, sheet=sheet, prefecture=prefecture, on=True)
    interest = (
        Interest.objects.select_related("sheet", "sheet__organization", "prefecture")
        .filter(talent=talent, **({"sheet": sheet} if sheet else {"prefecture": prefecture}))
        .get()
    )
    return Status(200 if existed else 201, interest_payload(interest))


@router.patch(
    "/interests/{interest_id}",
    response={200: InterestOut, 400: ErrorOut, 404: ErrorOut, **AUTH},
    auth=session_auth,
    summary="企業に表示名を知らせるかを変える",
    description="仕様書への「気になる」だけ。true にすると、その仕様書の企業のメンバーに表示名が見えます。",
    operation_id="my_interests_update",
)
@audience(talent=OWN, denied=NOT_FOUND)
def interests_update(
    request: HttpRequest, payload: InterestPatch, interest_id: int = Path(..., ge=1, le=MAX_ID)
):
    interest = get_interest_for_owner(request.auth, interest_id)
    interest_services.interest_set_sharing(
        interest=interest, by=request.auth, share_identity=payload.share_identity
    )
    interest = Interest.objects.select_related("sheet", "sheet__organization", "prefecture").get(
        pk=interest.pk
    )
    return Status(200, interest_payload(interest))


@router.delete(
    "/interests/{interest_id}",
    response={204: None, 400: ErrorOut, 404: ErrorOut, **AUTH},
    auth=session_auth,
    summary="「気になる」を外す",
    operation_id="my_interests_remove",
)
@audience(talent=OWN, denied=NOT_FOUND)
def interests_remove(request: HttpRequest, interest_id: int = Path(..., ge=1, le=MAX_ID)):
    interest = get_interest_for_owner(request.auth, interest_id)
    interest_services.interest_remove(interest=interest, by=request.auth)
    return Status(204, None)
