"""Reading the stored recommendations for the pages, with filters, in a fixed number of queries.

What a reader may see is decided here, at read time, whatever was stored: a talent sees only open
sheets they have not applied to; a company or coordinator sees only talents that
:func:`~duallife.talents.permissions.visible_talents` lets them see, who have not applied already,
and the hometown reason only for public profiles (hometowns are shown on public profiles only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from duallife.core.texts import Text
from duallife.engagements.models import Application
from duallife.postings.models import SpecSheet
from duallife.postings.selectors import sheets_with_details
from duallife.talents.models import TalentProfile
from duallife.talents.permissions import visible_talents
from duallife.talents.selectors import talents_with_details

from ..models import KEEP, SheetRecommendation, TalentRecommendation
from ..reasons import personal, reason_texts

PAY_PAID, PAY_PRO_BONO = "paid", "probono"
#: Recommendations on a page: cards with reasons are tall on a phone.
PER_PAGE = 10


@dataclass(frozen=True)
class SheetMatchFilters:
    prefecture: str = ""  # 2-digit code
    work_style: str = ""
    theme: str = ""  # theme key
    pay: str = ""  # "paid" | "probono" | ""


@dataclass(frozen=True)
class TalentMatchFilters:
    work_style: str = ""
    interest_prefecture: str = ""  # 2-digit code: talents interested in this prefecture
    skill: str = ""  # vocabulary key the talent has


def recommended_sheets(
    profile: TalentProfile, filters: SheetMatchFilters = SheetMatchFilters(), *, limit: int = KEEP
):
    """The talent's recommended sheets (open, not applied to), best first, each with ``sheet``
    loaded with details; ``reasons`` as stored and ``reason_texts`` worded when shown."""
    return _sheet_rows(_recommended_sheet_ids(profile, filters, limit))


def recommended_sheets_page(
    profile: TalentProfile, filters: SheetMatchFilters, number, *, per_page: int = PER_PAGE
) -> Page:
    """One page of :func:`recommended_sheets` (a bad or too large ``number``: the first or last
    page); only the page's sheets are loaded."""
    page = Paginator(_recommended_sheet_ids(profile, filters, KEEP), per_page).get_page(number)
    page.object_list = _sheet_rows(page.object_list)
    return page


def _recommended_sheet_ids(profile: TalentProfile, filters: SheetMatchFilters, limit: int) -> list[int]:
    today = timezone.localdate()
    applied = Application.objects.filter(talent=profile, sheet=OuterRef("sheet"))
    qs = (
        SheetRecommendation.objects.filter(talent=profile, sheet__status=SpecSheet.Status.PUBLISHED)
        .exclude(sheet__closes_on__lt=today)
        .exclude(Exists(applied))
    )
    if filters.prefecture:
        qs = qs.filter(sheet__municipality__prefecture__code=filters.prefecture)
    if filters.work_style:
        qs = qs.filter(sheet__work_style=filters.work_style)
    if filters.theme:
        qs = qs.filter(sheet__themes__key=filters.theme)
    if filters.pay == PAY_PAID:
        qs = qs.filter(sheet__is_probono=False)
    elif filters.pay == PAY_PRO_BONO:
        qs = qs.filter(sheet__is_probono=True)
    return list(qs.order_by("-score", "sheet_id").values_list("pk", flat=True)[:limit])


def _sheet_rows(ids) -> list[SheetRecommendation]:
    found = list(
        SheetRecommendation.objects.filter(pk__in=list(ids))
        .prefetch_related(Prefetch("sheet", queryset=sheets_with_details()))
        .order_by("-score", "sheet_id")
    )
    for row in found:
        row.reason_texts = reason_texts(row.reasons)
    return found


def recommended_talents(
    user, sheet: SpecSheet, filters: TalentMatchFilters = TalentMatchFilters(), *, limit: int = KEEP
):
    """Talents recommended for ``sheet`` that ``user`` may see and who have not applied, best
    first, with ``talent`` loaded with details and ``shown_reasons`` fit for the profile's visibility."""
    return _talent_rows(_recommended_talent_ids(user, sheet, filters, limit))


def recommended_talents_page(
    user, sheet: SpecSheet, filters: TalentMatchFilters, number, *, per_page: int = PER_PAGE
) -> Page:
    """One page of :func:`recommended_talents`; only the page's talents are loaded."""
    page = Paginator(_recommended_talent_ids(user, sheet, filters, KEEP), per_page).get_page(number)
    page.object_list = _talent_rows(page.object_list)
    return page


def _recommended_talent_ids(user, sheet: SpecSheet, filters: TalentMatchFilters, limit: int) -> list[int]:
    applied = Application.objects.filter(sheet=sheet, talent=OuterRef("talent"))
    qs = TalentRecommendation.objects.filter(sheet=sheet, talent__in=visible_talents(user)).exclude(
        Exists(applied)
    )
    if filters.work_style:
        qs = qs.filter(talent__work_style=filters.work_style)
    if filters.interest_prefecture:
        qs = qs.filter(talent__prefectures_of_interest__code=filters.interest_prefecture)
    if filters.skill:
        qs = qs.filter(talent__skills__skill__key=filters.skill)
    return list(qs.order_by("-score", "talent_id").values_list("pk", flat=True).distinct()[:limit])


def _talent_rows(ids) -> list[TalentRecommendation]:
    talents = talents_with_details(TalentProfile.objects.all())
    found = list(
        TalentRecommendation.objects.filter(pk__in=list(ids))
        .prefetch_related(Prefetch("talent", queryset=talents))
        .order_by("-score", "talent_id")
    )
    for row in found:
        public = row.talent.visibility == TalentProfile.Visibility.PUBLIC
        row.shown_reasons = shown_reasons(row.reasons, public=public)
    return found


def shown_reasons(reasons, *, public: bool) -> list[Text]:
    """The reasons about a talent that a company may read, as texts worded when shown: for a
    profile that is not public, none that tells where the talent lives or comes from (the journey
    from home, the hometown)."""
    return reason_texts(r for r in reasons if public or not personal(r))


def next_best_sheets(
    profile: TalentProfile, *, excluding: int, limit: int = 3
) -> list[tuple[int, str, list[Text]]]:
    """(id, title, reasons) of the talent's best recommended open sheets other than ``excluding`` and those
    already applied to — what a talent is offered when a sheet they applied to closes. The reasons
    are texts worded when read (pass them as parameters of a notification's :class:`Text`)."""
    today = timezone.localdate()
    applied = Application.objects.filter(talent=profile, sheet=OuterRef("sheet"))
    rows = list(
        SheetRecommendation.objects.filter(talent=profile, sheet__status=SpecSheet.Status.PUBLISHED)
        .exclude(sheet_id=excluding)
        .exclude(sheet__closes_on__lt=today)
        .exclude(Exists(applied))
        .order_by("-score", "sheet_id")
        .values_list("sheet_id", "sheet__title", "reasons")[:limit]
    )
    return [(pk, title, reason_texts(reasons)) for pk, title, reasons in rows]
