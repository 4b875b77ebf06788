"""JSON API: the acting user's notifications and email settings, mounted at ``/api/v1/my/``.

- ``GET notifications``: paginated, unread first; ``unread=true`` for unread only;
- ``POST notifications/{id}/read``, ``POST notifications/read-all``;
- ``GET`` / ``PUT notification-settings``: which kinds also come by email.

Session authentication with CSRF (``session_auth``); anonymous → 401, another user's notification
→ 404 (as if missing), malformed input → 400, all with a ``detail`` in the reader's language.
Notification titles can name other people, so staff without MFA get 403 from the endpoints that
return notifications, as the pages send them to the MFA setup.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema, Status

from duallife.accounts.mfa import mfa_setup_required
from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, session_auth
from duallife.core.audience import NOT_FOUND, OWNER, SIGNED_IN, audience

from . import selectors, services
from .models import Kind, Notification
from .permissions import get_notification_for_user

router = Router()

KindValue = Literal[tuple(Kind.values)]  # type: ignore[valid-type]
MFA_REQUIRED = gettext_lazy(
    "お知らせには他の方の個人情報が含まれることがあるため、運営・コーディネーターの方は"
    "二段階認証を設定してからご利用ください。"
)


class NotificationLineOut(Schema):
    text: str
    url: str = Field(description="この行が案内するページのサイト内パス（ないときは空文字）")


class NotificationOut(Schema):
    id: int
    kind: KindValue = Field(description="お知らせの種類")
    kind_label: str = Field(description="種類の表示名")
    title: str
    body: str = Field(description="本文（行ごとに改行。リンクのパスは含まず、lines にあります）")
    lines: list[NotificationLineOut] = Field(description="本文の行と、それぞれが案内するページ")
    url: str = Field(description="関係するページのサイト内パス（ないときは空文字）")
    unread: bool
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationPageOut(Schema):
    count: int = Field(description="条件に合う件数")
    unread_count: int = Field(description="未読の件数（絞り込みに関係なく全体）")
    page: int
    pages: int
    per_page: int
    results: list[NotificationOut] = Field(description="未読を先に、新しい順")


class NotificationQuery(Schema):
    unread: bool = Field(False, description="true なら未読のお知らせだけ")
    page: int = Field(1, ge=1, le=100_000)


class NotificationsReadAllOut(Schema):
    marked: int = Field(description="既読にした件数")
    unread_count: int


class NotificationKindSettingOut(Schema):
    kind: KindValue
    label: str
    email: bool = Field(description="メールでも受け取るなら true")


class NotificationSettingsOut(Schema):
    kinds: list[NotificationKindSettingOut]


class NotificationSettingsIn(Schema):
    enabled_kinds: list[KindValue] = Field(
        max_length=50, description="メールでも受け取る種類。含めなかった種類はメールを止めます"
    )


def notification_payload(notification: Notification) -> dict:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "kind_label": str(Kind(notification.kind).label),
        "title": notification.title,
        "body": notification.body,
        "lines": [{"text": line.text, "url": line.url} for line in notification.lines],
        "url": notification.url,
        "unread": notification.read_at is None,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


def settings_payload(user) -> dict:
    return {
        "kinds": [
            {"kind": choice.kind, "label": choice.label, "email": choice.email}
            for choice in selectors.email_preferences(user)
        ]
    }


def _mfa_refusal(user) -> Status | None:
    if mfa_setup_required(user):
        return Status(403, {"detail": str(MFA_REQUIRED), "errors": []})
    return None


@router.get(
    "/notifications",
    response={200: NotificationPageOut, 400: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="自分のお知らせの一覧",
    description="未読を先に、新しい順で20件ずつ返します。範囲を超えたページは results が空になります。",
    operation_id="my_notifications_list",
)
@audience(SIGNED_IN, personal_data=True)
def notifications_list(request: HttpRequest, params: Query[NotificationQuery]):
    refusal = _mfa_refusal(request.auth)
    if refusal is not None:
        return refusal
    rows = selectors.user_notifications(request.auth, unread_only=params.unread)
    paginator = Paginator(rows, selectors.PER_PAGE)
    try:
        results = list(paginator.page(params.page).object_list)
    except EmptyPage:
        results = []
    return Status(
        200,
        {
            "count": paginator.count,
            "unread_count": selectors.unread_count(request.auth),
            "page": params.page,
            "pages": paginator.num_pages if paginator.count else 0,
            "per_page": selectors.PER_PAGE,
            "results": [notification_payload(n) for n in results],
        },
    )


@router.post(
    "/notifications/read-all",
    response={200: NotificationsReadAllOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="お知らせをすべて既読にする",
    operation_id="my_notifications_read_all",
)
@audience(SIGNED_IN)
def notifications_read_all(request: HttpRequest):
    marked = services.notifications_mark_all_read(user=request.auth)
    return Status(200, {"marked": marked, "unread_count": 0})


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="お知らせを既読にする",
    description="すでに既読なら、そのまま返します（最初に読んだ日時は変わりません）。",
    operation_id="my_notifications_read",
)
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def notifications_read(request: HttpRequest, notification_id: int = Path(..., ge=1, le=MAX_ID)):
    refusal = _mfa_refusal(request.auth)
    if refusal is not None:
        return refusal
    notification = get_notification_for_user(request.auth, notification_id)
    services.notification_mark_read(notification=notification)
    return Status(200, notification_payload(notification))


@router.get(
    "/notification-settings",
    response={200: NotificationSettingsOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="メールの受け取り設定",
    description="お知らせの種類ごとに、メールでも受け取るかどうか。選んでいない種類は受け取る設定です。",
    operation_id="my_notification_settings_get",
)
@audience(SIGNED_IN)
def notification_settings_get(request: HttpRequest):
    return Status(200, settings_payload(request.auth))


@router.put(
    "/notification-settings",
    response={200: NotificationSettingsOut, 400: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="メールの受け取り設定を変える",
    description="enabled_kinds に挙げた種類をメールでも受け取り、それ以外の種類のメールを止めます。",
    operation_id="my_notification_settings_put",
)
@audience(SIGNED_IN)
def notification_settings_put(request: HttpRequest, payload: NotificationSettingsIn):
    services.email_preferences_save(user=request.auth, enabled_kinds=payload.enabled_kinds)
    return Status(200, settings_payload(request.auth))
