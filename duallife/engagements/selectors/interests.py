"""Reads of 気になる (interest): a talent's own marks, and counts per sheet and prefecture — display
names only of talents who opted in (bounded queries). Who sees which count is
:mod:`duallife.engagements.permissions`."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture

from ..models import Interest
from ..permissions import talent_of


def tohoku_prefectures() -> QuerySet[Prefecture]:
    """The prefectures of the loaded region pack (the six Tohoku prefectures and Niigata)."""
    return Prefecture.objects.filter(pack__isnull=False)


def talent_interests(user) -> list[Interest]:
    """The acting talent's 気になる, newest first (sheets and prefectures)."""
    return list(interests_of_talent(user))


def interests_of_talent(user) -> QuerySet[Interest]:
    """:func:`talent_interests` as a query, to filter or to page."""
    talent = talent_of(user)
    if talent is None:
        return Interest.objects.none()
    return (
        Interest.objects.filter(talent=talent)
        .select_related(
            "talent", "sheet", "sheet__organization", "sheet__municipality__prefecture", "prefecture"
        )
        .order_by("-created_at", "-pk")
    )


def interest_of(talent, *, sheet=None, prefecture=None) -> Interest | None:
    if talent is None:
        return None
    target = {"sheet": sheet} if sheet is not None else {"prefecture": prefecture}
    return Interest.objects.filter(talent=talent, **target).first()


def interest_counts_for_sheets(sheet_ids) -> dict[int, int]:
    """How many talents marked each sheet 気になる (one query for any number of sheets)."""
    rows = (
        Interest.objects.filter(sheet_id__in=list(sheet_ids))
        .values("sheet_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["sheet_id"]: row["n"] for row in rows}


def interest_counts_for_prefectures(prefecture_ids) -> dict[int, int]:
    """How many talents marked each prefecture 気になる (one query)."""
    rows = (
        Interest.objects.filter(prefecture_id__in=list(prefecture_ids))
        .values("prefecture_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["prefecture_id"]: row["n"] for row in rows}


def interested_names(sheet: SpecSheet) -> list[str]:
    """Display names of the talents who marked ``sheet`` and chose to tell the company (1 query)."""
    return list(
        Interest.objects.filter(sheet=sheet, share_identity=True)
        .order_by("created_at", "pk")
        .values_list("talent__display_name", flat=True)
    )
