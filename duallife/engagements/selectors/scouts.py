"""Reads of scouts: the limits on sending and a sender's quota, and the scouts a talent received
or an organisation sent (bounded queries). Who sees which scout is
:mod:`duallife.engagements.permissions`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from duallife.organizations.permissions import memberships

from ..models import Scout
from ..permissions import authenticated, scouts_with_details, talent_of

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)
DEFAULT_LIMIT_PER_DAY = 10
DEFAULT_LIMIT_PER_WEEK = 30


def scout_limits() -> tuple[int, int]:
    """(per rolling 24 hours, per rolling 7 days) for one sender; settings may lower or raise them."""
    return (
        int(getattr(settings, "SCOUT_LIMIT_PER_DAY", DEFAULT_LIMIT_PER_DAY)),
        int(getattr(settings, "SCOUT_LIMIT_PER_WEEK", DEFAULT_LIMIT_PER_WEEK)),
    )


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


def _sender_orgs_q(user) -> Q:
    """Scouts sent by one of the user's organisations, or for one of their companies' sheets."""
    org_ids = list(memberships(user).values_list("organization_id", flat=True))
    return Q(sender_organization_id__in=org_ids) | Q(sheet__organization_id__in=org_ids)


def received_scouts(user) -> list[Scout]:
    """The acting talent's scouts: pending ones first (soonest expiry first), then those in a casual
    talk, then the rest."""
    talent = talent_of(user)
    if talent is None:
        return []
    scouts = list(scouts_with_details().filter(talent=talent).order_by("-created_at", "-pk"))
    pending = sorted((s for s in scouts if s.status == Scout.Status.PENDING), key=lambda s: s.expires_at)
    talking = [s for s in scouts if s.status == Scout.Status.TALKING]
    shown_first = (Scout.Status.PENDING, Scout.Status.TALKING)
    return pending + talking + [s for s in scouts if s.status not in shown_first]


def waiting_scouts(user, *, now: datetime.datetime) -> list[Scout]:
    """The acting talent's scouts still waiting for an answer, soonest expiry first."""
    talent = talent_of(user)
    if talent is None:
        return []
    return list(
        scouts_with_details()
        .filter(talent=talent, status=Scout.Status.PENDING, expires_at__gt=now)
        .order_by("expires_at", "pk")
    )


def talking_scouts(user) -> list[Scout]:
    """The acting talent's scouts in a casual talk, the most recently started first (one query)."""
    if not authenticated(user):
        return []
    return list(
        scouts_with_details()
        .filter(talent__user=user, status=Scout.Status.TALKING)
        .order_by("-talk_started_at", "-pk")
    )


def answered_scouts(user, *, now: datetime.datetime) -> QuerySet[Scout]:
    """The acting talent's other scouts (answered, or expired unanswered), newest first; not those
    waiting for an answer or in a casual talk."""
    talent = talent_of(user)
    if talent is None:
        return Scout.objects.none()
    return (
        scouts_with_details()
        .filter(talent=talent)
        .exclude(status=Scout.Status.PENDING, expires_at__gt=now)
        .exclude(status=Scout.Status.TALKING)
        .order_by("-created_at", "-pk")
    )


def sent_scouts(user) -> QuerySet[Scout]:
    """Scouts sent by the user's organisations (or for their companies' sheets), newest first."""
    if not authenticated(user):
        return Scout.objects.none()
    return scouts_with_details().filter(_sender_orgs_q(user)).order_by("-created_at", "-pk")
