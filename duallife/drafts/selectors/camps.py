"""Reads of a draft's camps, each in a fixed number of queries.

``camps_of(event)`` is what the event page (the hub) lists: every camp with ``registered`` and
``seats_left`` annotated, in one query. ``seats_taken`` is the one count of a camp's seats that
the camp page shows and registration checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.db.models.functions import Greatest

from duallife.accounts.models import User

from ..models import CampRegistration, DraftCamp, DraftEvent


def camps_of(event: DraftEvent) -> QuerySet[DraftCamp]:
    """The event's camps, soonest first, with ``registered`` and ``seats_left`` (never below 0)."""
    return (
        DraftCamp.objects.filter(event=event)
        .annotate(registered=Count("registrations"))
        .annotate(seats_left=Greatest(F("capacity") - F("registered"), 0))
        .order_by("starts_at", "pk")
    )


def seats_taken(camp: DraftCamp) -> int:
    return CampRegistration.objects.filter(camp=camp).count()


def registrants(camp: DraftCamp) -> list[CampRegistration]:
    """The camp's registrations in the order they came, with what their labels need."""
    return list(
        CampRegistration.objects.filter(camp=camp)
        .select_related("player__talent", "team__organization")
        .order_by("registered_at", "pk")
    )


def registrant_label(registration: CampRegistration) -> str:
    """A player's display name, or the team's organisation name — never a real name."""
    if registration.player_id:
        return registration.player.talent.display_name
    return registration.team.organization.name


def registered_users(camp: DraftCamp, *, skip=None) -> list[User]:
    """The active accounts holding a seat at ``camp`` (but ``skip``), in a stable order."""
    users = User.objects.filter(
        is_active=True, pk__in=CampRegistration.objects.filter(camp=camp).values("user_id")
    )
    if skip is not None and getattr(skip, "pk", None):
        users = users.exclude(pk=skip.pk)
    return list(users.order_by("pk"))


@dataclass(frozen=True)
class AttendanceSummary:
    registered: int
    attended: int
    absent: int
    unrecorded: int


def attendance_summary(registrations: list[CampRegistration]) -> AttendanceSummary:
    attended = sum(1 for r in registrations if r.attended is True)
    absent = sum(1 for r in registrations if r.attended is False)
    return AttendanceSummary(
        registered=len(registrations),
        attended=attended,
        absent=absent,
        unrecorded=len(registrations) - attended - absent,
    )
