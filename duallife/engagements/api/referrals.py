"""JSON API of referrals (紹介) for coordinators and operators (mounted at ``/api/v1/my/``).

- ``GET referrals``: the referrals of the user's coordinator bodies (an operator: all), each with
  the credited sheets, applications and contracts, and the totals; 50 a page;
- ``POST referrals``: register that a body referred a company (201; the company already has a
  referrer → 409; a company outside the body's area, or a body the user is not in → 403);
- ``DELETE referrals/{id}``: remove one (204; a referral of another body → 404).

Anonymous → 401, a user who is neither coordinator nor operator → 403. Errors answer
``{"detail": "<日本語>", "errors": [<fields>]}``.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema, Status

from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, error, session_auth
from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, audience
from duallife.organizations.models import Organization

from ..models import Referral
from ..permissions import can_use_referrals, get_referral_for_user, referrals_visible_to, referrer_bodies_of
from ..selectors.referrals import (
    PER_PAGE,
    aggregate_credits,
    with_credits,
)
from ..services.referrals import NOTE_MAX_CHARS, referral_register, referral_remove

router = Router()

STAFF_ONLY = gettext_lazy("紹介の記録は、自治体・支援機関の担当者と事務局が扱います。")


class ReferralOrganizationOut(Schema):
    id: int
    slug: str
    name: str


class ReferralOut(Schema):
    id: int
    referrer: ReferralOrganizationOut = Field(description="紹介元の機関")
    company: ReferralOrganizationOut = Field(description="紹介された企業")
    registered_at: datetime.datetime
    note: str
    credited_sheets: int = Field(description="登録以降に作成された仕様書の数")
    credited_applications: int = Field(description="この紹介元で数える応募の数")
    credited_contracts: int = Field(description="この紹介元で数える成約の数")


class ReferralTotalsOut(Schema):
    companies: int
    sheets: int
    applications: int
    contracts: int


class ReferralPageOut(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    totals: ReferralTotalsOut
    results: list[ReferralOut]


class ReferralQuery(Schema):
    referrer_id: int | None = Field(None, ge=1, le=MAX_ID, description="紹介元の機関で絞り込む")
    page: int = Field(1, ge=1, le=100_000)


class ReferralIn(Schema):
    company_id: int = Field(ge=1, le=MAX_ID, description="紹介した企業のID")
    referrer_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="紹介元の機関のID（所属する機関が一つなら省略可）"
    )
    note: str = Field(
        "", max_length=NOTE_MAX_CHARS, description="機関の中で共有するメモ（企業には見えません）"
    )


def _ref(organization: Organization) -> dict:
    return {"id": organization.pk, "slug": organization.slug, "name": organization.name}


def referral_payload(referral: Referral) -> dict:
    return {
        "id": referral.pk,
        "referrer": _ref(referral.referrer),
        "company": _ref(referral.company),
        "registered_at": referral.registered_at,
        "note": referral.note,
        "credited_sheets": referral.credited_sheets,
        "credited_applications": referral.credited_applications,
        "credited_contracts": referral.credited_contracts,
    }


@router.get(
    "/referrals",
    response={200: ReferralPageOut, 400: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="紹介した企業と実績",
    description="所属する自治体・支援機関が紹介した企業（事務局はすべて）と、紹介の登録以降の仕様書・応募・成約の数。"
    "50件ずつ。範囲を超えたページは results が空になります。",
    operation_id="my_referrals_list",
)
@audience(coordinator=ALL, operator=ALL)
def referrals_list(request: HttpRequest, params: Query[ReferralQuery]):
    if not can_use_referrals(request.auth):
        return error(403, STAFF_ONLY)
    referrals = referrals_visible_to(request.auth)
    if params.referrer_id is not None:
        referrals = referrals.filter(referrer_id=params.referrer_id)
    referrals = with_credits(referrals).order_by("-registered_at", "-pk")
    paginator = Paginator(referrals, PER_PAGE)
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
            "per_page": PER_PAGE,
            "totals": asdict(aggregate_credits(referrals)),
            "results": [referral_payload(referral) for referral in results],
        },
    )


def _referrer_for(user, referrer_id: int | None) -> Organization | Status:
    """The body named by ``referrer_id`` among the user's; or their only body when omitted."""
    bodies = referrer_bodies_of(user)
    if referrer_id is not None:
        body = Organization.objects.filter(
            pk=referrer_id, kind=Organization.Kind.COORDINATOR, is_active=True
        ).first()
        if body is None:
            return error(400, _("紹介元に指定された自治体・支援機関が見つかりません。"), "referrer_id")
        if not bodies.filter(pk=body.pk).exists():
            return error(403, _("所属していない機関の紹介は登録できません。"), "referrer_id")
        return body
    own = list(bodies[:2])
    if len(own) != 1:
        return error(400, _("紹介元の機関を referrer_id で指定してください。"), "referrer_id")
    return own[0]


@router.post(
    "/referrals",
    response={201: ReferralOut, 400: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="紹介した企業を登録する",
    description="機関の担当地域にある企業を、機関の紹介として登録します（事務局はどの企業でも）。"
    "紹介元は一社につき一つで、すでに登録されていれば 409 です。",
    operation_id="my_referrals_create",
)
@audience(coordinator=AREA, operator=ALL)
def referrals_create(request: HttpRequest, payload: ReferralIn):
    if not can_use_referrals(request.auth):
        return error(403, STAFF_ONLY)
    referrer = _referrer_for(request.auth, payload.referrer_id)
    if isinstance(referrer, Status):
        return referrer
    company = Organization.objects.filter(
        pk=payload.company_id, kind=Organization.Kind.COMPANY, is_active=True
    ).first()
    if company is None:
        return error(400, _("指定された企業が見つかりません。"), "company_id")
    referral = referral_register(referrer=referrer, company=company, by=request.auth, note=payload.note)
    row = with_credits(Referral.objects.select_related("referrer", "company")).get(pk=referral.pk)
    return Status(201, referral_payload(row))


@router.delete(
    "/referrals/{referral_id}",
    response={204: None, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, **AUTH_RESPONSES},
    auth=session_auth,
    summary="紹介の登録を取り消す",
    description="登録した機関のメンバーか事務局が取り消せます。ほかの機関の紹介は 404 です。",
    operation_id="my_referrals_delete",
)
@audience(coordinator=OWN, operator=ALL, outside=NOT_FOUND)
def referrals_delete(request: HttpRequest, referral_id: int = Path(..., ge=1, le=MAX_ID)):
    if not can_use_referrals(request.auth):
        return error(403, STAFF_ONLY)
    referral = get_referral_for_user(request.auth, referral_id)
    referral_remove(referral=referral, by=request.auth)
    return Status(204, None)
