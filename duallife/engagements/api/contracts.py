"""JSON API of contracts (成約) and check-ins for the acting user (mounted at ``/api/v1/my/``).

- ``POST applications/{id}/contract``: the company proposes (or revises) the terms of an
  application in 条件提示 (201); ``GET applications/{id}/contract/proposal``: the proposal, for
  both sides; ``POST …/proposal/confirm`` (the talent, naming the version read: 201 with the
  contract — all openings taken → 409, however many arrive at once), ``…/proposal/changes`` (the
  talent asks for changes), ``…/proposal/withdraw`` (the company);
- ``GET contracts``, ``GET contracts/{id}``: the contracts the user is a party of (as the talent or
  a company member; staff of the area may read one by id), with their check-ins;
- ``POST contracts/{id}/start`` (company), ``POST contracts/{id}/end`` (either side);
- ``GET checkins``: check-ins due that wait for the user's side; ``POST checkins/{id}/answer``.

Anonymous → 401, another tenant's object → 404, bad input → 400, wrong state or a duplicate → 409;
every error is ``{"detail": "<日本語>", "errors": [<fields>]}``. No contact details are returned.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Router, Schema, Status

from duallife.accounts.mfa import mfa_setup_required
from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, error, session_auth
from duallife.core.audience import NOT_FOUND, OWN, SIGNED_IN, audience
from duallife.core.errors import NotFoundError

from ..errors import EngagementPermissionError
from ..links import application_url, checkin_url, terms_sheet_url
from ..models import CheckIn, CheckInAnswer, Contract, ContractProposal
from ..permissions import (
    APPLICATION_SIDES,
    get_application_for_user,
    get_checkin_for_user,
    get_contract_for_user,
    log_contract_read,
)
from ..selectors import contracts as reads
from ..services import contracts as services
from ..services import proposals
from ..services.closing import CLOSING_MESSAGE_MAX_CHARS

router = Router()

ContractTypeValue = Literal["outsourcing", "probono", "employment_referral"]
TravelValue = Literal["company", "shared", "talent", "none"]
EndReasonValue = Literal[
    "", "completed", "talent_circumstances", "company_circumstances", "mismatch", "communication", "other"
]
NO_PROPOSAL = gettext_lazy("提示された契約条件が見つかりません。")
MFA_REQUIRED = gettext_lazy("個人に関する情報を見るには、先に二段階認証を設定してください。")


# --- Schemas ------------------------------------------------------------------------------------


class ContractIn(Schema):
    contract_type: ContractTypeValue = Field(
        description="outsourcing（業務委託）か probono（プロボノ）。雇用は提携事業者を通すため 400"
    )
    work_description: str = Field(max_length=proposals.WORK_DESCRIPTION_MAX_CHARS, description="業務の内容")
    work_place: str = Field(max_length=proposals.WORK_PLACE_MAX_CHARS, description="業務を行う場所")
    payment_month_offset: Literal[1, 2] = Field(1, description="月末締めで、1 翌月払い・2 翌々月払い")
    payment_day: int = Field(0, ge=0, le=31, description="支払日（0 は末日）。月末から60日以内であること")
    payment_method: Literal["bank_transfer", "cash", "other"] = "bank_transfer"
    payment_method_note: str = Field("", max_length=proposals.METHOD_NOTE_MAX_CHARS)
    inspection_days: int | None = Field(
        None, ge=1, le=59, description="検査を完了する期日（月末から何日以内）"
    )
    closing_keep: list[int] = Field(
        default_factory=list,
        max_length=200,
        description="この成約で募集人数が埋まるとき、続ける応募の id（面談の予定があるものだけ）",
    )
    closing_message: str = Field(
        "", max_length=CLOSING_MESSAGE_MAX_CHARS, description="ほかの応募者へのメッセージ（空なら定型文）"
    )
    starts_on: datetime.date
    ends_on: datetime.date | None = Field(None, description="終了予定日（定めがなければ null）")
    days_per_month: int = Field(ge=1, le=31, description="月の稼働日数")
    monthly_fee_yen: int = Field(
        ge=0, le=services.MAX_MONTHLY_FEE_YEN, description="月額報酬（円・整数）。0円はプロボノだけ"
    )
    travel_paid_by: TravelValue
    subsidy_eligible: bool = Field(description="交通費補助制度の対象か")


class ProposalOut(Schema):
    application_id: int
    state: Literal["proposed", "changes_requested", "confirmed", "withdrawn"]
    version: int = Field(description="確認のときに送る版")
    proposed_at: datetime.datetime
    change_request: str
    terms_sheet_url: str = Field(description="条件の書面（PDF）のパス")
    contract_type: str
    work_description: str
    work_place: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    days_per_month: int
    monthly_fee_yen: int
    payment_month_offset: int
    payment_day: int
    payment_method: str
    payment_method_note: str
    inspection_days: int | None
    travel_paid_by: str
    subsidy_eligible: bool


class ProposalAnswerIn(Schema):
    version: int = Field(ge=1, le=MAX_ID, description="読んだ提示の版")


class ChangeRequestIn(ProposalAnswerIn):
    message: str = Field(max_length=proposals.CHANGE_REQUEST_MAX_CHARS, description="変更してほしい点")


class ContractEndIn(Schema):
    ended_on: datetime.date
    reason: EndReasonValue = Field(
        "", description="終了予定日より前に終えるときは completed 以外が必須。空なら completed"
    )
    note: str = Field("", max_length=services.NOTE_MAX_CHARS, description="「その他」のときは必須")


class CheckInAnswerIn(Schema):
    rating: int = Field(ge=1, le=5, description="全体の満足度（1 とても悪い … 5 とても良い）")
    on_track: bool = Field(description="取り決めどおりに進んでいるか")
    comment: str = Field("", max_length=services.COMMENT_MAX_CHARS)


class CheckInOut(Schema):
    id: int
    contract_id: int
    kind: Literal["periodic", "completion"]
    due_on: datetime.date
    status: Literal["open", "done", "missed"]
    answered_sides: list[Literal["talent", "company"]] = Field(description="回答済みの側")
    url: str = Field(description="回答するページのパス")


class ContractSheetOut(Schema):
    id: int
    title: str
    organization: str
    municipality: str


class ContractOut(Schema):
    id: int
    application_id: int
    url: str = Field(description="応募のページのパス")
    sheet: ContractSheetOut
    talent: str = Field(description="人材の表示名")
    status: Literal["contracted", "active", "completed"]
    contract_type: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    days_per_month: int
    monthly_fee_yen: int
    travel_paid_by: str
    subsidy_eligible: bool
    work_description: str
    work_place: str
    payment_month_offset: int
    payment_day: int
    payment_method: str
    payment_method_note: str
    inspection_days: int | None
    recorded_at: datetime.datetime
    confirmed_at: datetime.datetime | None = Field(
        description="人材が確認した日時（確認の仕組みより前の記録は null）"
    )
    terms_sheet_url: str = Field(description="条件の書面（PDF）のパス")
    ended_on: datetime.date | None
    end_reason: str
    end_note: str
    ended_early: bool
    checkins: list[CheckInOut]


class MyCheckInOut(CheckInOut):
    sheet_title: str
    side: Literal["talent", "company"] = Field(description="あなたが回答する側")


class CheckInAnswerOut(Schema):
    checkin: CheckInOut
    side: Literal["talent", "company"]
    rating: int
    on_track: bool
    comment: str
    answered_at: datetime.datetime


# --- Payloads -----------------------------------------------------------------------------------


def checkin_payload(checkin: CheckIn) -> dict:
    sides = reads.answered_sides(checkin)
    return {
        "id": checkin.pk,
        "contract_id": checkin.contract_id,
        "kind": checkin.kind,
        "due_on": checkin.due_on,
        "status": checkin.status,
        "answered_sides": [side for side in CheckInAnswer.Side.values if side in sides],
        "url": checkin_url(checkin.pk),
    }


def contract_payload(contract: Contract, checkins=None) -> dict:
    sheet = contract.sheet
    if checkins is None:
        checkins = contract.checkins.all()
    return {
        "id": contract.pk,
        "application_id": contract.application_id,
        "url": application_url(contract.application_id),
        "sheet": {
            "id": sheet.pk,
            "title": sheet.title,
            "organization": contract.organization.name,
            "municipality": str(sheet.municipality),
        },
        "talent": contract.talent.display_name,
        "status": contract.application.status,
        "contract_type": contract.contract_type,
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "days_per_month": contract.days_per_month,
        "monthly_fee_yen": contract.monthly_fee_yen,
        "travel_paid_by": contract.travel_paid_by,
        "subsidy_eligible": contract.subsidy_eligible,
        "work_description": contract.work_description,
        "work_place": contract.work_place,
        "payment_month_offset": contract.payment_month_offset,
        "payment_day": contract.payment_day,
        "payment_method": contract.payment_method,
        "payment_method_note": contract.payment_method_note,
        "inspection_days": contract.inspection_days,
        "recorded_at": contract.recorded_at,
        "confirmed_at": contract.confirmed_at,
        "terms_sheet_url": terms_sheet_url(contract.application_id),
        "ended_on": contract.ended_on,
        "end_reason": contract.end_reason,
        "end_note": contract.end_note,
        "ended_early": contract.ended_early,
        "checkins": [checkin_payload(checkin) for checkin in checkins],
    }


PROPOSAL_FIELDS = (
    "state",
    "version",
    "proposed_at",
    "change_request",
    *proposals.TERM_FIELDS,
)


def proposal_payload(proposal: ContractProposal) -> dict:
    return {
        "application_id": proposal.application_id,
        "terms_sheet_url": terms_sheet_url(proposal.application_id),
        **{name: getattr(proposal, name) for name in PROPOSAL_FIELDS},
    }


def _reloaded(contract_id: int) -> dict:
    contract = reads.contracts_with_details().prefetch_related("checkins__answers").get(pk=contract_id)
    return contract_payload(contract)


def _contract_for(request: HttpRequest, contract_id: int) -> tuple[Contract, str]:
    return get_contract_for_user(request.auth, contract_id)


# --- Endpoints ----------------------------------------------------------------------------------


@router.post(
    "/applications/{application_id}/contract",
    response={201: ProposalOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="契約条件を提示する",
    description="条件提示の応募について、企業のメンバーが契約条件を提示します（提示済みなら版を上げて見直し）。"
    "人材が確認すると成約です。募集人数分の成約がすでにあるとき、または応募が条件提示でないときは 409 です。",
    operation_id="my_contract_propose",
)
@audience(company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def contract_propose(
    request: HttpRequest, payload: ContractIn, application_id: int = Path(..., ge=1, le=MAX_ID)
):
    application, _side = get_application_for_user(request.auth, application_id)
    proposal = proposals.contract_propose(application=application, by=request.auth, **payload.model_dump())
    return Status(201, proposal_payload(proposal))


def _proposal_for(request: HttpRequest, application_id: int):
    application, side = get_application_for_user(request.auth, application_id)
    if side not in ("talent", "company"):
        raise EngagementPermissionError(
            _("提示された契約条件を扱えるのは、応募した人材と企業のメンバーだけです。")
        )
    proposal = reads.proposal_of(application)
    if proposal is None:
        raise NotFoundError(NO_PROPOSAL)
    return application, proposal


@router.get(
    "/applications/{application_id}/contract/proposal",
    response={200: ProposalOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="提示された契約条件",
    description="応募した人材と企業のメンバーが読めます。まだ提示がなければ 404 です。",
    operation_id="my_contract_proposal",
)
@audience(talent=OWN, company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def contract_proposal(request: HttpRequest, application_id: int = Path(..., ge=1, le=MAX_ID)):
    _application, proposal = _proposal_for(request, application_id)
    return Status(200, proposal_payload(proposal))


@router.post(
    "/applications/{application_id}/contract/proposal/confirm",
    response={201: ContractOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="契約条件を確認する（成約）",
    description="応募した人材が、読んだ版の契約条件を確認します。成約になり、契約を返します。"
    "版が古いとき、募集人数が埋まっているときは 409 です。",
    operation_id="my_contract_confirm",
)
@audience(talent=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def contract_confirm(
    request: HttpRequest, payload: ProposalAnswerIn, application_id: int = Path(..., ge=1, le=MAX_ID)
):
    application, _proposal = _proposal_for(request, application_id)
    contract = proposals.contract_confirm(application=application, by=request.auth, version=payload.version)
    return Status(201, _reloaded(contract.pk))


@router.post(
    "/applications/{application_id}/contract/proposal/changes",
    response={200: ProposalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="契約条件の変更を相談する",
    description="応募した人材が、読んだ版について変更してほしい点を企業に送ります。",
    operation_id="my_contract_request_changes",
)
@audience(talent=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def contract_request_changes(
    request: HttpRequest, payload: ChangeRequestIn, application_id: int = Path(..., ge=1, le=MAX_ID)
):
    application, _proposal = _proposal_for(request, application_id)
    proposal = proposals.contract_request_changes(
        application=application, by=request.auth, **payload.model_dump()
    )
    return Status(200, proposal_payload(proposal))


@router.post(
    "/applications/{application_id}/contract/proposal/withdraw",
    response={200: ProposalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="契約条件の提示を取り下げる",
    description="企業のメンバーが、まだ確認されていない提示を取り下げます。",
    operation_id="my_contract_withdraw_proposal",
)
@audience(company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def contract_withdraw_proposal(request: HttpRequest, application_id: int = Path(..., ge=1, le=MAX_ID)):
    application, _proposal = _proposal_for(request, application_id)
    proposal = proposals.contract_withdraw_proposal(application=application, by=request.auth)
    return Status(200, proposal_payload(proposal))


@router.get(
    "/contracts",
    response={200: list[ContractOut], **AUTH_RESPONSES},
    auth=session_auth,
    summary="自分の成約の一覧",
    description="人材として、または所属企業として結んだ契約を、新しい順に返します。",
    operation_id="my_contracts_list",
)
@audience(SIGNED_IN)
def contracts_list(request: HttpRequest):
    return Status(200, [contract_payload(contract) for contract in reads.party_contracts(request.auth)])


@router.get(
    "/contracts/{contract_id}",
    response={200: ContractOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="成約の詳細",
    operation_id="my_contracts_detail",
)
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def contracts_detail(request: HttpRequest, contract_id: int = Path(..., ge=1, le=MAX_ID)):
    contract, side = _contract_for(request, contract_id)
    if side == "staff" and mfa_setup_required(request.auth):
        return error(403, MFA_REQUIRED)
    log_contract_read(request.auth, contract, side, via="api")
    return Status(200, _reloaded(contract.pk))


@router.post(
    "/contracts/{contract_id}/start",
    response={200: ContractOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="稼働の開始を記録する",
    description="企業のメンバーが、成約の契約を稼働中にします（開始日になると自動でも変わります）。",
    operation_id="my_contracts_start",
)
@audience(company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def contracts_start(request: HttpRequest, contract_id: int = Path(..., ge=1, le=MAX_ID)):
    contract, _side = _contract_for(request, contract_id)
    services.contract_start(contract=contract, by=request.auth)
    return Status(200, _reloaded(contract.pk))


@router.post(
    "/contracts/{contract_id}/end",
    response={200: ContractOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="契約の終了を記録する",
    description="人材か企業のメンバーが記録します。予定より早い終了は理由が必須で、地域のコーディネーターに伝わります。",
    operation_id="my_contracts_end",
)
@audience(talent=OWN, company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def contracts_end(
    request: HttpRequest, payload: ContractEndIn, contract_id: int = Path(..., ge=1, le=MAX_ID)
):
    contract, _side = _contract_for(request, contract_id)
    services.contract_end(contract=contract, by=request.auth, **payload.model_dump())
    return Status(200, _reloaded(contract.pk))


@router.get(
    "/checkins",
    response={200: list[MyCheckInOut], **AUTH_RESPONSES},
    auth=session_auth,
    summary="回答待ちのフォローアップ",
    description="実施日を迎え、あなたの側（人材または企業）がまだ回答していないフォローアップです。",
    operation_id="my_checkins_list",
)
@audience(SIGNED_IN)
def checkins_list(request: HttpRequest):
    rows = []
    for checkin in reads.open_checkins_for(request.auth, today=timezone.localdate()):
        side = "talent" if checkin.contract.talent.user_id == request.auth.pk else "company"
        rows.append({**checkin_payload(checkin), "sheet_title": checkin.contract.sheet.title, "side": side})
    return Status(200, rows)


@router.post(
    "/checkins/{checkin_id}/answer",
    response={201: CheckInAnswerOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="フォローアップに回答する",
    description="人材か企業のメンバーが、自分の側の回答を一度だけ送ります（二度目は 409）。",
    operation_id="my_checkins_answer",
)
@audience(talent=OWN, company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)
def checkins_answer(
    request: HttpRequest, payload: CheckInAnswerIn, checkin_id: int = Path(..., ge=1, le=MAX_ID)
):
    checkin, _side = get_checkin_for_user(request.auth, checkin_id)
    answer = services.checkin_answer(checkin=checkin, by=request.auth, **payload.model_dump())
    fresh = CheckIn.objects.prefetch_related("answers").get(pk=checkin.pk)
    return Status(
        201,
        {
            "checkin": checkin_payload(fresh),
            "side": answer.side,
            "rating": answer.rating,
            "on_track": answer.on_track,
            "comment": answer.comment,
            "answered_at": answer.answered_at,
        },
    )
