"""JSON API of recommendations (mounted at ``/api/v1/my/``).

- ``GET recommendations``: the signed-in talent's recommended open sheets (not applied to), best
  first, with score and reasons in the caller's language; filters as on 「あなたへのおすすめ」.
  No talent profile → 403.
- ``GET sheets/{id}/matches``: 「この仕様書に合う人材」 for the sheet's company members, the
  coordinators of its area and operators (staff need MFA → 403 without); anyone else → 404. Only
  talents the caller may see, by display name — never a real name or contact details; the hometown
  reason only for public profiles. A sheet that is not open lists nobody (``open`` is false).

Anonymous → 401. Bad parameters → 400 with a message in the caller's language.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema

from duallife.accounts.mfa import MFA_REQUIRED, staff_without_mfa
from duallife.core.api import AUTH_RESPONSES, MAX_ID, ErrorOut, error, session_auth
from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, audience
from duallife.engagements.permissions import talent_of
from duallife.postings.api.listing import SheetOut, sheet_payload

from .models import SheetRecommendation
from .permissions import get_sheet_for_matches, is_open
from .reasons import reason_strings
from .selectors.recommendations import (
    PAY_PAID,
    PAY_PRO_BONO,
    SheetMatchFilters,
    TalentMatchFilters,
    recommended_sheets,
    recommended_talents,
)

router = Router(auth=session_auth)

NO_PROFILE = gettext_lazy("おすすめは、人材プロフィールを登録した方が使えます。")
WorkStyleIn = Literal["remote", "hybrid", "onsite"]


class RecommendedSheetOut(Schema):
    sheet: SheetOut
    score: float = Field(description="適合度（0〜1）")
    reasons: list[str] = Field(description="おすすめの理由（利用者の言語）")


class RecommendedSheetsOut(Schema):
    computed_at: datetime.datetime | None = Field(description="一覧を計算した日時")
    results: list[RecommendedSheetOut]


class RecommendationQuery(Schema):
    prefecture: str = Field("", pattern=r"^(\d{2})?$", description="都道府県コード（2桁）")
    work_style: WorkStyleIn | None = None
    theme: str = Field("", max_length=60, pattern=r"^[a-z0-9-]*$", description="テーマのキー")
    pay: Literal["paid", "probono"] | None = Field(None, description="paid: 報酬あり / probono: プロボノ")


class MatchedTalentOut(Schema):
    id: int
    url: str
    display_name: str
    visibility: str
    work_style: str
    days_per_month: int | None
    skills: list[str]
    themes: list[str]


class TalentMatchOut(Schema):
    talent: MatchedTalentOut
    score: float = Field(description="適合度（0〜1、混雑の調整なし）")
    reasons: list[str]


class TalentMatchesOut(Schema):
    sheet: int
    open: bool = Field(description="公開中で締切前なら true（それ以外は一覧が空）")
    results: list[TalentMatchOut]


class MatchQuery(Schema):
    work_style: WorkStyleIn | None = None
    interest_prefecture: str = Field("", pattern=r"^(\d{2})?$", description="関心のある県（2桁）")
    skill: str = Field("", max_length=60, pattern=r"^[a-z0-9-]*$", description="スキル語彙のキー")


@router.get(
    "/recommendations",
    response={200: RecommendedSheetsOut, 400: ErrorOut, **AUTH_RESPONSES},
    summary="あなたへのおすすめ",
    operation_id="my_recommendations",
)
@audience(talent=ALL)
def my_recommendations(request: HttpRequest, params: Query[RecommendationQuery]):
    profile = talent_of(request.user)
    if profile is None:
        return error(403, NO_PROFILE)
    pay = {"paid": PAY_PAID, "probono": PAY_PRO_BONO}.get(params.pay or "", "")
    filters = SheetMatchFilters(
        prefecture=params.prefecture, work_style=params.work_style or "", theme=params.theme, pay=pay
    )
    rows = recommended_sheets(profile, filters)
    computed = SheetRecommendation.objects.filter(talent=profile).order_by("-computed_at")
    latest = computed.values_list("computed_at", flat=True).first()
    return {
        "computed_at": latest,
        "results": [
            {"sheet": sheet_payload(r.sheet), "score": r.score, "reasons": reason_strings(r.reasons)}
            for r in rows
        ],
    }


def _talent_payload(talent) -> dict:
    return {
        "id": talent.pk,
        "url": f"/talents/{talent.pk}/",
        "display_name": talent.display_name,
        "visibility": talent.visibility,
        "work_style": talent.work_style,
        "days_per_month": talent.days_per_month,
        "skills": [str(s) for s in talent.skills.all()],
        "themes": [t.name for t in talent.themes.all()],
    }


@router.get(
    "/sheets/{sheet_id}/matches",
    response={200: TalentMatchesOut, 400: ErrorOut, 404: ErrorOut, **AUTH_RESPONSES},
    summary="この仕様書に合う人材",
    operation_id="my_sheet_matches",
)
@audience(company=OWN, coordinator=AREA, operator=ALL, denied=NOT_FOUND, personal_data=True)
def sheet_matches(
    request: HttpRequest, params: Query[MatchQuery], sheet_id: int = Path(..., ge=1, le=MAX_ID)
):
    if staff_without_mfa(request.user):  # before anything else, as on the page
        return error(403, MFA_REQUIRED)
    sheet, _ = get_sheet_for_matches(request.user, sheet_id)
    open_now = is_open(sheet)
    filters = TalentMatchFilters(
        work_style=params.work_style or "",
        interest_prefecture=params.interest_prefecture,
        skill=params.skill,
    )
    rows = recommended_talents(request.user, sheet, filters) if open_now else []
    return {
        "sheet": sheet.pk,
        "open": open_now,
        "results": [
            {
                "talent": _talent_payload(r.talent),
                "score": r.score,
                "reasons": [str(t) for t in r.shown_reasons],
            }
            for r in rows
        ],
    }
