"""Reads of contracts and check-ins: the parties' lists and the coordinators' follow-up list
(who may open which check-in is :func:`~duallife.engagements.permissions.get_checkin_for_user`).
Bounded queries (joins, one prefetch), no contact details.

Answers to a check-in are seen by the side that gave them and by staff (the area's coordinators,
operators); the other side sees only whether an answer was given, so that each side can be frank.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from duallife.organizations.permissions import companies_of, coordinator_scopes, is_operator, scope_filter
from duallife.regions.models import Prefecture

from ..models import ENGAGED_STATUSES, Application, CheckIn, CheckInAnswer, Contract, ContractProposal

#: Completed contracts stay on the follow-up list this long (their completion feedback).
RECENTLY_ENDED_DAYS = 90

Answered = CheckInAnswer.Side


def contracts_with_details() -> QuerySet[Contract]:
    return Contract.objects.select_related(
        "application",
        "sheet",
        "sheet__municipality",
        "sheet__municipality__prefecture",
        "organization",
        "talent",
        "talent__user",
    )


def contract_of(application: Application) -> Contract | None:
    return contracts_with_details().filter(application=application).first()


def proposal_of(application: Application) -> ContractProposal | None:
    """The application's proposal of terms (any state), or None."""
    return ContractProposal.objects.filter(application=application).first()


def answered_sides(checkin: CheckIn) -> set[str]:
    """The sides that answered (uses prefetched ``answers`` when there)."""
    return {answer.side for answer in checkin.answers.all()}


def checkin_rows(contract: Contract) -> list[dict]:
    """The contract's check-ins in date order with who has answered (two queries)."""
    rows = []
    for checkin in (
        CheckIn.objects.filter(contract=contract).prefetch_related("answers").order_by("due_on", "pk")
    ):
        sides = answered_sides(checkin)
        rows.append(
            {
                "checkin": checkin,
                "talent_answered": Answered.TALENT in sides,
                "company_answered": Answered.COMPANY in sides,
            }
        )
    return rows


def party_contracts(user) -> QuerySet[Contract]:
    """Contracts ``user`` is a party of: as the talent, or as a member of the company."""
    if not getattr(user, "is_authenticated", False):
        return Contract.objects.none()
    return (
        contracts_with_details()
        .filter(Q(talent__user=user) | Q(organization__in=companies_of(user)))
        .prefetch_related("checkins__answers")
        .order_by("-recorded_at", "-pk")
    )


def open_checkins_for(user, *, today: datetime.date) -> QuerySet[CheckIn]:
    """Check-ins due by ``today`` that wait for ``user``'s side to answer (talent or company)."""
    if not getattr(user, "is_authenticated", False):
        return CheckIn.objects.none()
    talent_answered = Exists(CheckInAnswer.objects.filter(checkin=OuterRef("pk"), side=Answered.TALENT))
    company_answered = Exists(CheckInAnswer.objects.filter(checkin=OuterRef("pk"), side=Answered.COMPANY))
    return (
        CheckIn.objects.select_related(
            "contract", "contract__sheet", "contract__organization", "contract__talent"
        )
        .prefetch_related("answers")
        .annotate(talent_answered=talent_answered, company_answered=company_answered)
        .filter(status__in=(CheckIn.Status.OPEN, CheckIn.Status.MISSED), due_on__lte=today)
        .filter(
            Q(contract__talent__user=user, talent_answered=False)
            | Q(contract__organization__in=companies_of(user), company_answered=False)
        )
        .order_by("due_on", "pk")
    )


# --- The coordinators' follow-up list -----------------------------------------------------------


@dataclass(frozen=True)
class FollowupFilters:
    prefecture_id: int | None = None
    alerts_only: bool = False


def followup_prefectures(user) -> list[Prefecture]:
    """The prefectures a staff member can filter by: their scopes' (operators: the region's)."""
    if is_operator(user):
        return list(Prefecture.objects.filter(pack__isnull=False).order_by("code"))
    ids = {prefecture_id for prefecture_id, _municipality_id in coordinator_scopes(user)}
    return list(Prefecture.objects.filter(pk__in=ids).order_by("code"))


def followup_contracts(user, filters: FollowupFilters, *, today: datetime.date) -> QuerySet[Contract]:
    """Contracts in ``user``'s coordinator scope (operators: all) that are running or ended in the
    last 90 days, with their next open check-in; those with an alert (a worrying or missing
    answer, an early end) first."""
    return followups_in(scope_filter(user, municipality_field="sheet__municipality"), filters, today=today)


def followups_in(area: Q | None, filters: FollowupFilters, *, today: datetime.date) -> QuerySet[Contract]:
    """:func:`followup_contracts` of an area given as a condition on the contract (None: all)."""
    qs = contracts_with_details()
    if area is not None:
        qs = qs.filter(area)
    qs = qs.filter(
        Q(application__status__in=ENGAGED_STATUSES)
        | Q(ended_on__gte=today - datetime.timedelta(days=RECENTLY_ENDED_DAYS))
    )
    if filters.prefecture_id:
        qs = qs.filter(sheet__municipality__prefecture_id=filters.prefecture_id)
    qs = qs.annotate(
        next_due=Min("checkins__due_on", filter=Q(checkins__status=CheckIn.Status.OPEN)),
        alert_count=Count("checkins", filter=Q(checkins__alerted_at__isnull=False)),
        missed_count=Count("checkins", filter=Q(checkins__status=CheckIn.Status.MISSED)),
        last_alert_at=Max("checkins__alerted_at"),
    ).annotate(
        has_alert=Case(
            When(Q(alert_count__gt=0) | Q(ended_early=True), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    if filters.alerts_only:
        qs = qs.filter(has_alert=1)
    return qs.order_by(
        "-has_alert", F("last_alert_at").desc(nulls_last=True), F("next_due").asc(nulls_last=True), "-pk"
    )
