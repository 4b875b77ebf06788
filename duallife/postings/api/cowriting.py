"""JSON API of co-writing invitations, mounted at ``/api/v1/my/``.

- a company member: ``POST /my/sheets/{id}/collaborators`` invites an address (202, the same answer
  whatever the address belongs to), ``GET …/collaborators`` lists the sheet's invitations (the
  address typed and the status; the person only once they accepted), ``POST
  …/collaborators/{id}/withdraw`` takes back a pending one;
- the invited person: ``GET /my/cowriting-invitations`` lists those still open to their confirmed
  addresses, ``POST /my/cowriting-invitations/{id}/accept`` and ``…/decline`` answer.

Session authentication with CSRF; anonymous → 401; a sheet or invitation that is not the caller's
→ 404; a step the status no longer allows → 409; too many invitations → 429.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, session_auth
from duallife.core.audience import NOT_FOUND, OWN, OWNER, SIGNED_IN, audience

from .. import permissions, selectors
from ..models import SpecSheetCollaborator
from ..services.cowriting import (
    spec_sheet_invitation_accept,
    spec_sheet_invitation_decline,
    spec_sheet_invitation_withdraw,
    spec_sheet_invite_collaborator,
)
from ..texts import invited_message

router = Router()

StatusValue = Literal["pending", "accepted", "declined", "withdrawn", "expired"]


class InviteIn(Schema):
    email: str = Field(max_length=254, description="招待する方のメールアドレス")


class InvitedOut(Schema):
    detail: str = Field(description="結果の説明（どのアドレスでも同じ文）")
    email: str = Field(description="招待したアドレス（小文字にそろえたもの）")


class CollaboratorOut(Schema):
    id: int
    email: str = Field(description="企業が入力したアドレス")
    status: StatusValue
    status_label: str
    invited_at: datetime.datetime
    expires_at: datetime.datetime | None
    answered_at: datetime.datetime | None
    display_name: str | None = Field(
        description="承諾した方の表示名（非公開プロフィールならアカウントのメールアドレス）。承諾前は null"
    )


class InvitationOut(Schema):
    id: int
    sheet_id: int
    sheet_title: str
    company: str
    email: str = Field(description="招待されたアドレス（あなたの確認済みアドレスのひとつ）")
    invited_at: datetime.datetime
    expires_at: datetime.datetime


def collaborator_payload(row: SpecSheetCollaborator) -> dict:
    status = row.current_status()
    name = None
    if status == SpecSheetCollaborator.Status.ACCEPTED and row.user is not None:
        talent = getattr(row.user, "talent", None)
        private = talent is None or talent.visibility == talent.Visibility.PRIVATE
        name = row.user.email if private else talent.display_name
    return {
        "id": row.pk,
        "email": row.email,
        "status": status,
        "status_label": str(SpecSheetCollaborator.Status(status).label),
        "invited_at": row.created_at,
        "expires_at": row.expires_at,
        "answered_at": row.answered_at,
        "display_name": name,
    }


def invitation_payload(row: SpecSheetCollaborator) -> dict:
    return {
        "id": row.pk,
        "sheet_id": row.sheet_id,
        "sheet_title": row.sheet.title,
        "company": row.sheet.organization.name,
        "email": row.email,
        "invited_at": row.created_at,
        "expires_at": row.expires_at,
    }


@router.post(
    "/sheets/{sheet_id}/collaborators",
    response={202: InvitedOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="仕様書の共同編集に招待する",
    description="メールアドレス宛てに招待を送ります。アドレスの持ち主が誰であっても（登録している人材、"
    "未登録、企業のユーザー、招待済み）同じ答え（202）です。相手が承諾するまで、相手のことは何も返しません。",
    operation_id="my_sheet_collaborators_invite",
)
@audience(company=OWN, denied=NOT_FOUND)
def my_sheet_collaborators_invite(
    request: HttpRequest, payload: InviteIn, sheet_id: int = Path(..., ge=1, le=MAX_ID)
):
    sheet = permissions.get_sheet_for_editor(request.auth, sheet_id)
    address = spec_sheet_invite_collaborator(sheet=sheet, by=request.auth, email=payload.email)
    return Status(202, {"detail": invited_message(address), "email": address})


@router.get(
    "/sheets/{sheet_id}/collaborators",
    response={200: list[CollaboratorOut], 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="仕様書の共同編集への招待の一覧",
    operation_id="my_sheet_collaborators_list",
)
@audience(company=OWN, denied=NOT_FOUND)
def my_sheet_collaborators_list(request: HttpRequest, sheet_id: int = Path(..., ge=1, le=MAX_ID)):
    sheet = permissions.get_sheet_for_editor(request.auth, sheet_id)
    return Status(200, [collaborator_payload(row) for row in selectors.sheet_collaborators(sheet)])


@router.post(
    "/sheets/{sheet_id}/collaborators/{collaborator_id}/withdraw",
    response={200: CollaboratorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="承諾待ちの招待を取り下げる",
    operation_id="my_sheet_collaborators_withdraw",
)
@audience(company=OWN, denied=NOT_FOUND)
def my_sheet_collaborators_withdraw(
    request: HttpRequest,
    sheet_id: int = Path(..., ge=1, le=MAX_ID),
    collaborator_id: int = Path(..., ge=1, le=MAX_ID),
):
    sheet = permissions.get_sheet_for_editor(request.auth, sheet_id)
    invitation = permissions.get_invitation_for_editor(request.auth, sheet, collaborator_id)
    return Status(
        200, collaborator_payload(spec_sheet_invitation_withdraw(invitation=invitation, by=request.auth))
    )


@router.get(
    "/cowriting-invitations",
    response={200: list[InvitationOut], **AUTH_RESPONSES},
    auth=session_auth,
    summary="自分宛ての共同編集への招待（回答待ち）",
    operation_id="my_cowriting_invitations_list",
)
@audience(SIGNED_IN)
def my_cowriting_invitations_list(request: HttpRequest):
    rows = selectors.pending_invitations(permissions.confirmed_addresses(request.auth))
    return Status(200, [invitation_payload(row) for row in rows])


@router.post(
    "/cowriting-invitations/{invitation_id}/accept",
    response={200: InvitationOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="共同編集への招待を承諾する",
    description="招待されたアドレスを確認済みで、人材プロフィールがある本人だけが承諾できます。",
    operation_id="my_cowriting_invitations_accept",
)
@audience(**OWNER, denied=NOT_FOUND)
def my_cowriting_invitations_accept(request: HttpRequest, invitation_id: int = Path(..., ge=1, le=MAX_ID)):
    invitation = permissions.get_invitation_for_invitee(request.auth, invitation_id)
    return Status(
        200, invitation_payload(spec_sheet_invitation_accept(invitation=invitation, by=request.auth))
    )


@router.post(
    "/cowriting-invitations/{invitation_id}/decline",
    response={200: InvitationOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="共同編集への招待を辞退する",
    operation_id="my_cowriting_invitations_decline",
)
@audience(**OWNER, denied=NOT_FOUND)
def my_cowriting_invitations_decline(request: HttpRequest, invitation_id: int = Path(..., ge=1, le=MAX_ID)):
    invitation = permissions.get_invitation_for_invitee(request.auth, invitation_id)
    return Status(
        200, invitation_payload(spec_sheet_invitation_decline(invitation=invitation, by=request.auth))
    )
