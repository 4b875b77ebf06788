"""JSON API: the message thread of an application, for the acting user (mounted at ``/api/v1/my/``).

- ``GET applications/{id}/messages``: the thread, oldest first, 50 a page, with what is unread;
- ``POST applications/{id}/messages``: a message (multipart: ``body`` and an optional ``file``);
- ``POST applications/{id}/messages/read``: the thread counts as read up to now;
- ``GET messages/unread``: how many unread messages the acting user has in all their threads;
- ``GET scouts/{id}/messages``, ``POST scouts/{id}/messages`` (JSON ``{"body": …}``, text only),
  ``POST scouts/{id}/messages/read``: the casual talk of a scout, for its two sides (others 404;
  a talk that is not open → 409).

Session authentication with CSRF. Anonymous → 401, an application the user has no part in → 404,
bad input → 400, staff posting → 403, an ended application → 409, a file over 10 MB → 413. Every
error answers ``{"detail": "<日本語>", "errors": [<fields>]}``.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile

from duallife.accounts.mfa import MFA_REQUIRED, mfa_setup_required
from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, error, session_auth
from duallife.core.audience import NOT_FOUND, OWN, OWNER, SIGNED_IN, audience

from ..links import path_to
from ..models import Application, Message, Scout
from ..permissions import (
    APPLICATION_SIDES,
    Side,
    get_application_for_user,
    get_scout_for_user,
    log_thread_read,
    talk_refusal,
)
from ..selectors import messages as message_reads
from ..services.messages import (
    BODY_MAX_CHARS,
    CLOSED_STATUSES,
    message_post,
    talk_mark_read,
    talk_message_post,
    thread_mark_read,
)

router = Router()

PER_PAGE = 50


class AttachmentOut(Schema):
    name: str = Field(description="元のファイル名（安全な文字だけに整えたもの）")
    content_type: str = Field(description="中身から判定したファイルの種類")
    size: int = Field(description="バイト数")
    url: str = Field(description="ダウンロードのパス（ログイン中のセッションで取得します）")


class MessageOut(Schema):
    id: int
    author: Literal["talent", "company", "unknown"] = Field(
        description="talent: 応募者／company: 企業のメンバー／unknown: 退会した利用者"
    )
    author_name: str = Field(description="応募者の表示名、または企業名")
    mine: bool = Field(description="ログインしている人が書いたメッセージなら true")
    body: str
    attachment: AttachmentOut | None
    created_at: datetime.datetime
    unread: bool = Field(description="ほかの人が書き、まだ読んでいないメッセージなら true")


class MessagePageOut(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    unread: int = Field(description="このスレッドの未読の件数")
    can_post: bool = Field(description="ログインしている人がこのスレッドに書けるなら true")
    results: list[MessageOut]


class MessagePageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000, description="1から。古い順に50件ずつ")


class ReadOut(Schema):
    last_read_at: datetime.datetime
    unread_total: int = Field(description="ログインしている人のすべてのスレッドの未読の件数")


class UnreadOut(Schema):
    total: int


class TalkMessageOut(Schema):
    id: int
    author: Literal["talent", "sender", "unknown"] = Field(
        description="talent: スカウトを受け取った人材／sender: 送った側（企業・組織のメンバー）／"
        "unknown: 退会した利用者"
    )
    author_name: str = Field(description="人材の表示名、または組織名（氏名や連絡先は含みません）")
    mine: bool = Field(description="ログインしている人が書いたメッセージなら true")
    body: str
    created_at: datetime.datetime
    unread: bool = Field(description="ほかの人が書き、まだ読んでいないメッセージなら true")


class TalkMessagePageOut(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    unread: int = Field(description="このカジュアル面談の未読の件数")
    can_post: bool = Field(description="カジュアル面談中で、ログインしている人が書けるなら true")
    closed_note: str = Field(description="書けないときの理由（書けるときは空）")
    results: list[TalkMessageOut]


class TalkMessageIn(Schema):
    body: str = Field(max_length=BODY_MAX_CHARS * 2, description="本文（4000文字まで、必須）")


def _load(request: HttpRequest, application_id: int) -> tuple[Application, Side] | Status:
    """The application through the permission check (404 for others), MFA asked of staff."""
    application, side = get_application_for_user(request.auth, application_id)
    if side == "staff" and mfa_setup_required(request.auth):
        return error(403, MFA_REQUIRED)
    return application, side


def _message_payload(message: Message, application: Application, *, user_id: int, read_to) -> dict:
    talent = application.talent
    if message.author_id is None:
        author, name = "unknown", _("退会した利用者")
    elif message.author_id == talent.user_id:
        author, name = "talent", talent.display_name
    else:
        author, name = "company", application.sheet.organization.name
    attachment = None
    if message.attachment:
        attachment = {
            "name": message.attachment_name,
            "content_type": message.attachment_type,
            "size": message.attachment_size,
            "url": path_to("message_attachment", application.pk, message.pk),
        }
    return {
        "id": message.pk,
        "author": author,
        "author_name": name,
        "mine": message.author_id == user_id,
        "body": message.body,
        "attachment": attachment,
        "created_at": message.created_at,
        "unread": message.author_id != user_id and (read_to is None or message.created_at > read_to),
    }


@router.get(
    "/applications/{application_id}/messages",
    response={200: MessagePageOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="応募のメッセージ",
    description="古い順に50件ずつ返します。読んだことにはしません（/read を使います）。"
    "範囲を超えたページは results が空になります。",
    operation_id="my_application_messages_list",
)
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def messages_list(
    request: HttpRequest, params: Query[MessagePageQuery], application_id: int = Path(..., ge=1, le=MAX_ID)
):
    loaded = _load(request, application_id)
    if isinstance(loaded, Status):
        return loaded
    application, side = loaded
    user = request.auth
    read_to = message_reads.last_read_at(user, application)
    paginator = Paginator(message_reads.thread_messages(application), PER_PAGE)
    try:
        page = list(paginator.page(params.page).object_list)
    except EmptyPage:
        page = []
    log_thread_read(user, application, side, messages=paginator.count, via="api")
    return Status(
        200,
        {
            "count": paginator.count,
            "page": params.page,
            "pages": paginator.num_pages if paginator.count else 0,
            "per_page": PER_PAGE,
            "unread": message_reads.unread_counts(user, [application.pk])[application.pk],
            "can_post": side in ("talent", "company") and application.status not in CLOSED_STATUSES,
            "results": [_message_payload(m, application, user_id=user.pk, read_to=read_to) for m in page],
        },
    )


@router.post(
    "/applications/{application_id}/messages",
    response={
        201: MessageOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        **AUTH_RESPONSES,
    },
    auth=session_auth,
    summary="メッセージを送る",
    description="multipart/form-data で body（4000文字まで）と、任意で file（10MBまで。PDF、PNG・JPEG、"
    "docx・xlsx・pptx、テキスト・CSV。種類は中身で判定）を送ります。どちらか一方は必須です。"
    "書けるのは応募者と企業のメンバーだけで（コーディネーター・運営は 403）、"
    "見送り・辞退・終了になった応募には送れません（409）。",
    operation_id="my_application_messages_create",
)
@audience(talent=OWN, company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def messages_create(
    request: HttpRequest,
    application_id: int = Path(..., ge=1, le=MAX_ID),
    body: str = Form("", description="本文"),
    file: File[UploadedFile] = None,
):
    loaded = _load(request, application_id)
    if isinstance(loaded, Status):
        return loaded
    application, _side = loaded
    message = message_post(application=application, by=request.auth, body=body, attachment=file)
    read_to = message_reads.last_read_at(request.auth, application)
    return Status(201, _message_payload(message, application, user_id=request.auth.pk, read_to=read_to))


@router.post(
    "/applications/{application_id}/messages/read",
    response={200: ReadOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="メッセージを読んだことにする",
    operation_id="my_application_messages_read",
)
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def messages_read(request: HttpRequest, application_id: int = Path(..., ge=1, le=MAX_ID)):
    loaded = _load(request, application_id)
    if isinstance(loaded, Status):
        return loaded
    application, _side = loaded
    read_at = thread_mark_read(application=application, user=request.auth)
    unread_total = message_reads.unread_total(request.auth)
    return Status(200, {"last_read_at": read_at, "unread_total": unread_total})


@router.get(
    "/messages/unread",
    response={200: UnreadOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="未読のメッセージの件数",
    description="応募者として、または企業のメンバーとして参加しているすべてのスレッドの未読の件数。",
    operation_id="my_messages_unread",
)
@audience(SIGNED_IN)
def messages_unread(request: HttpRequest):
    return Status(200, {"total": message_reads.unread_total(request.auth)})


# --- The casual talk of a scout -------------------------------------------------------------------


def _talk_payload(message: Message, scout: Scout, *, user_id: int, read_to) -> dict:
    talent = scout.talent
    if message.author_id is None:
        author, name = "unknown", _("退会した利用者")
    elif message.author_id == talent.user_id:
        author, name = "talent", talent.display_name
    elif message.author_id == scout.sender_id:
        author, name = "sender", scout.sender_organization.name
    else:
        author, name = "sender", scout.sheet.organization.name
    return {
        "id": message.pk,
        "author": author,
        "author_name": name,
        "mine": message.author_id == user_id,
        "body": message.body,
        "created_at": message.created_at,
        "unread": message.author_id != user_id and (read_to is None or message.created_at > read_to),
    }


def _load_talk(request: HttpRequest, scout_id: int) -> Scout | Status:
    """The scout through the permission check (404 for others), MFA asked of staff."""
    if mfa_setup_required(request.auth):
        return error(403, MFA_REQUIRED)
    scout, _side = get_scout_for_user(request.auth, scout_id)
    return scout


@router.get(
    "/scouts/{scout_id}/messages",
    response={200: TalkMessagePageOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="カジュアル面談のメッセージ",
    description="スカウトを受け取った本人と、送った組織・仕様書の企業のメンバーが読めます（ほかの人は 404）。"
    "古い順に50件ずつ返します。読んだことにはしません（/read を使います）。",
    operation_id="my_scout_messages_list",
)
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def talk_messages_list(
    request: HttpRequest, params: Query[MessagePageQuery], scout_id: int = Path(..., ge=1, le=MAX_ID)
):
    loaded = _load_talk(request, scout_id)
    if isinstance(loaded, Status):
        return loaded
    scout, user = loaded, request.auth
    read_to = message_reads.talk_last_read_at(user, scout)
    paginator = Paginator(message_reads.talk_messages(scout), PER_PAGE)
    try:
        page = list(paginator.page(params.page).object_list)
    except EmptyPage:
        page = []
    refusal = talk_refusal(scout)
    return Status(
        200,
        {
            "count": paginator.count,
            "page": params.page,
            "pages": paginator.num_pages if paginator.count else 0,
            "per_page": PER_PAGE,
            "unread": message_reads.talk_unread_counts(user, [scout.pk])[scout.pk],
            "can_post": refusal is None,
            "closed_note": refusal or "",
            "results": [_talk_payload(m, scout, user_id=user.pk, read_to=read_to) for m in page],
        },
    )


@router.post(
    "/scouts/{scout_id}/messages",
    response={201: TalkMessageOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="カジュアル面談でメッセージを送る",
    description="JSON で body（4000文字まで、必須）を送ります。ファイルは添付できません。"
    "書けるのはスカウトを受け取った本人と送った側だけで、カジュアル面談中でなければ 409 です。",
    operation_id="my_scout_messages_create",
)
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def talk_messages_create(
    request: HttpRequest, payload: TalkMessageIn, scout_id: int = Path(..., ge=1, le=MAX_ID)
):
    loaded = _load_talk(request, scout_id)
    if isinstance(loaded, Status):
        return loaded
    scout = loaded
    message = talk_message_post(scout=scout, by=request.auth, body=payload.body)
    read_to = message_reads.talk_last_read_at(request.auth, scout)
    return Status(201, _talk_payload(message, scout, user_id=request.auth.pk, read_to=read_to))


@router.post(
    "/scouts/{scout_id}/messages/read",
    response={200: ReadOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="カジュアル面談のメッセージを読んだことにする",
    operation_id="my_scout_messages_read",
)
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def talk_messages_read(request: HttpRequest, scout_id: int = Path(..., ge=1, le=MAX_ID)):
    loaded = _load_talk(request, scout_id)
    if isinstance(loaded, Status):
        return loaded
    read_at = talk_mark_read(scout=loaded, user=request.auth)
    return Status(200, {"last_read_at": read_at, "unread_total": message_reads.unread_total(request.auth)})
