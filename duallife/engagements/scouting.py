"""Who may scout for which sheet and see which scout; reads of scouts and 気になる (bounded queries).

Senders of a scout:

- a member (any role) of the company that owns the sheet → sent in the company's name;
- a coordinator whose scope covers the sheet's place → in the name of that coordinator body;
- an operator → in the name of the secretariat.

A scout is seen by the scouted talent (side ``talent``) and by the members of the sending
organisation and of the sheet's company (side ``sender``). Anyone else gets a 404.

Interest (気になる) is shown as counts; display names only of talents who opted in, and only to
the members of the sheet's company.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from duallife.core.errors import NotFoundError
from duallife.organizations.models import Organization
from duallife.organizations.permissions import (
    companies_of,
    coordinator_scopes,
    is_operator,
    memberships,
    scope_filter,
)
from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture

from .models import Interest, Scout
from .permissions import authenticated, parse_id, talent_of

ScoutSide = Literal["talent", "sender"]

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)
DEFAULT_LIMIT_PER_DAY = 10
DEFAULT_LIMIT_PER_WEEK = 30


# --- Who sends -----------------------------------------------------------------------------------


def scout_limits() -> tuple[int, int]:
    """(per rolling 24 hours, per rolling 7 days) for one sender; settings may lower or raise them."""
    return (
        int(getattr(settings, "SCOUT_LIMIT_PER_DAY", DEFAULT_LIMIT_PER_DAY)),
        int(getattr(settings, "SCOUT_LIMIT_PER_WEEK", DEFAULT_LIMIT_PER_WEEK)),
    )


def _coordinator_body_for(user, sheet: SpecSheet) -> Organization | None:
    """The user's coordinator body whose scope covers the sheet's place (the first, by name)."""
    municipality = sheet.municipality
    bodies = (
        memberships(user, kind=Organization.Kind.COORDINATOR)
        .prefetch_related("organization__scopes")
        .order_by("organization__name", "organization_id")
    )
    for membership in bodies:
        for scope in membership.organization.scopes.all():
            if scope.municipality_id == municipality.pk or (
                scope.municipality_id is None and scope.prefecture_id == municipality.prefecture_id
            ):
                return membership.organization
    return None


def sender_organization_for(user, sheet: SpecSheet) -> Organization | None:
    """In whose name ``user`` scouts for ``sheet``; None when they may not scout for it."""
    if not authenticated(user):
        return None
    company = companies_of(user).filter(pk=sheet.organization_id).first()
    if company is not None:
        return company
    body = _coordinator_body_for(user, sheet)
    if body is not None:
        return body
    if is_operator(user):
        return memberships(user, kind=Organization.Kind.SECRETARIAT).first().organization
    return None


def can_send_scouts(user) -> bool:
    """Company members, coordinators with a scope, and operators send scouts."""
    if not authenticated(user):
        return False
    return companies_of(user).exists() or bool(coordinator_scopes(user)) or is_operator(user)


def open_sheets_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status=SpecSheet.Status.PUBLISHED) & (Q(closes_on__isnull=True) | Q(closes_on__gte=today))


def scoutable_sheets(user) -> QuerySet[SpecSheet]:
    """Published, open sheets ``user`` may scout for: their companies' and those in their scope."""
    if not authenticated(user):
        return SpecSheet.objects.none()
    allowed = Q(organization__in=companies_of(user))
    if is_operator(user):
        allowed = Q()
    elif coordinator_scopes(user):
        allowed |= scope_filter(user)
    return (
        SpecSheet.objects.filter(open_sheets_q())
        .filter(allowed)
        .select_related("organization", "municipality", "municipality__prefecture")
        .order_by("-published_at", "-pk")
    )


# --- Quota ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quota:
    day_used: int
    day_limit: int
    week_used: int
    week_limit: int

    @property
    def day_left(self) -> int:
        return max(self.day_limit - self.day_used, 0)

    @property
    def week_left(self) -> int:
        return max(self.week_limit - self.week_used, 0)

    @property
    def left(self) -> int:
        return min(self.day_left, self.week_left)


def scout_quota(user, *, now: datetime.datetime | None = None) -> Quota:
    """How many scouts ``user`` sent in the last 24 hours and 7 days, against the limits (1 query)."""
    now = now or timezone.now()
    day_limit, week_limit = scout_limits()
    counts = Scout.objects.filter(sender_id=user.pk, created_at__gt=now - WEEK).aggregate(
        week=Count("pk"), day=Count("pk", filter=Q(created_at__gt=now - DAY))
    )
    return Quota(day_used=counts["day"], day_limit=day_limit, week_used=counts["week"], week_limit=week_limit)


# --- Which scout ---------------------------------------------------------------------------------


def scouts_with_details() -> QuerySet[Scout]:
    return Scout.objects.select_related(
        "sheet",
        "sheet__organization",
        "sheet__municipality",
        "sheet__municipality__prefecture",
        "talent",
        "talent__user",
        "sender_organization",
    )


def _sender_orgs_q(user) -> Q:
    """Scouts sent by one of the user's organisations, or for one of their companies' sheets."""
    org_ids = list(memberships(user).values_list("organization_id", flat=True))
    return Q(sender_organization_id__in=org_ids) | Q(sheet__organization_id__in=org_ids)


def scout_side(user, scout: Scout) -> ScoutSide | None:
    if not authenticated(user):
        return None
    if scout.talent.user_id == user.pk:
        return "talent"
    org_ids = set(memberships(user).values_list("organization_id", flat=True))
    if scout.sender_organization_id in org_ids or scout.sheet.organization_id in org_ids:
        return "sender"
    return None


def get_scout_for_user(user, pk) -> tuple[Scout, ScoutSide]:
    """The scout ``user`` asked for and their side on it; 404 when they have no business with it."""
    message = "スカウトが見つかりません。"
    pk = parse_id(pk, message=message)
    scout = scouts_with_details().filter(pk=pk).first()
    side = scout_side(user, scout) if scout is not None else None
    if side is None:
        raise NotFoundError(message)
    return scout, side


def received_scouts(user) -> list[Scout]:
    """The acting talent's scouts: pending ones first (soonest expiry first), then the rest."""
    talent = talent_of(user)
    if talent is None:
        return []
    scouts = list(scouts_with_details().filter(talent=talent).order_by("-created_at", "-pk"))
    pending = sorted((s for s in scouts if s.status == Scout.Status.PENDING), key=lambda s: s.expires_at)
    return pending + [s for s in scouts if s.status != Scout.Status.PENDING]


def sent_scouts(user) -> QuerySet[Scout]:
    """Scouts sent by the user's organisations (or for their companies' sheets), newest first."""
    if not authenticated(user):
        return Scout.objects.none()
    return scouts_with_details().filter(_sender_orgs_q(user)).order_by("-created_at", "-pk")


# --- 気になる ------------------------------------------------------------------------------------


def tohoku_prefectures() -> QuerySet[Prefecture]:
    """The prefectures of the loaded region pack (the six Tohoku prefectures and Niigata)."""
    return Prefecture.objects.filter(pack__isnull=False)


def talent_interests(user) -> list[Interest]:
    """The acting talent's 気になる, newest first (sheets and prefectures)."""
    talent = talent_of(user)
    if talent is None:
        return []
    return list(
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


def sees_sheet_interest(user, sheet: SpecSheet) -> bool:
    """The sheet's company members see its count and the names shared with them."""
    return authenticated(user) and companies_of(user).filter(pk=sheet.organization_id).exists()


def sees_prefecture_interest(user, prefecture: Prefecture) -> bool:
    """Operators, and coordinators whose scope lies in the prefecture, see its count."""
    if not authenticated(user):
        return False
    if is_operator(user):
        return True
    return any(prefecture_id == prefecture.pk for prefecture_id, _m in coordinator_scopes(user))


def get_interest_for_owner(user, pk) -> Interest:
    """One of the acting talent's 気になる; 404 for anyone else's."""
    message = "「気になる」が見つかりません。"
    pk = parse_id(pk, message=message)
    talent = talent_of(user)
    interest = (
        Interest.objects.select_related("sheet", "prefecture", "talent").filter(pk=pk, talent=talent).first()
        if talent is not None
        else None
    )
    if interest is None:
        raise NotFoundError(message)
    return interest
