"""The header of a signed-in person: which roles they have and what waits for them in each.

The roles and the talent's and company's counts come back in one query (a row of the user with
scalar subqueries); unread messages are one more for talents and companies; staff add one query
each for the review queue, the follow-up alerts of their area and the travel-support claims
waiting in the programs they manage; operators one for the new inquiries. Nothing runs until a template asks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from duallife.content.models import Inquiry
from duallife.core.queries import CompiledRead, count_of
from duallife.drafts.models import Nomination
from duallife.engagements.models import Application, Scout
from duallife.engagements.selectors.contracts import FollowupFilters, followups_in
from duallife.engagements.selectors.messages import unread_total
from duallife.organizations.models import Membership, Organization
from duallife.organizations.permissions import area_condition
from duallife.postings.models import SpecSheet
from duallife.postings.selectors import review_queue_in
from duallife.subsidies.models import Claim, Program
from duallife.talents.models import TalentProfile

Kind = Organization.Kind


@dataclass(frozen=True)
class Roles:
    talent: bool = False
    company: bool = False
    coordinator: bool = False
    operator: bool = False

    @property
    def staff(self) -> bool:
        return self.coordinator or self.operator

    @property
    def any(self) -> bool:
        return self.talent or self.company or self.staff


@dataclass(frozen=True)
class HeaderCounts:
    roles: Roles
    #: Talent: scouts waiting for an answer, draft nominations waiting for an answer.
    scouts: int = 0
    nominations: int = 0
    #: Company: applications nobody has moved on yet; sheets returned by the reviewer.
    new_applicants: int = 0
    returned_sheets: int = 0
    #: Talent and company: messages by others not read yet.
    unread_messages: int = 0
    #: Staff: sheets waiting for review and contracts with a follow-up alert, in their area.
    review: int = 0
    alerts: int = 0
    #: Operators: inquiries nobody has taken up yet.
    inquiries: int = 0
    #: Company: travel-support claims returned for changes or approved and waiting for the report.
    support_actions: int = 0
    #: Staff: travel-support claims (submitted or reported) waiting in the programs they manage.
    support_review: int = 0

    @property
    def talent_waiting(self) -> int:
        return self.scouts + self.nominations

    @property
    def waiting(self) -> int:
        """Everything above that waits for this person (the home link's and menu button's badge)."""
        return (
            self.talent_waiting
            + self.new_applicants
            + self.returned_sheets
            + self.unread_messages
            + self.review
            + self.alerts
            + self.inquiries
            + self.support_actions
            + self.support_review
        )


def _membership(kind: str):
    return Membership.objects.filter(
        user=OuterRef("pk"), organization__is_active=True, organization__kind=kind
    )


def _role_row_query(user_id: int, now: datetime.datetime) -> QuerySet:
    me = OuterRef("pk")
    company_sheets = {
        "sheet__organization__memberships__user": me,
        "sheet__organization__is_active": True,
    }
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .annotate(
            is_talent=Exists(TalentProfile.objects.filter(user=me)),
            is_company=Exists(_membership(Kind.COMPANY)),
            is_coordinator=Exists(_membership(Kind.COORDINATOR)),
            is_operator=Exists(_membership(Kind.SECRETARIAT)),
            scouts=count_of(
                Scout.objects.filter(talent__user=me, status=Scout.Status.PENDING, expires_at__gt=now)
            ),
            nominations=count_of(
                Nomination.objects.filter(player__talent__user=me, status=Nomination.Status.PENDING)
            ),
            new_applicants=count_of(
                Application.objects.filter(status=Application.Status.APPLIED, **company_sheets)
            ),
            returned_sheets=count_of(
                SpecSheet.objects.filter(
                    status=SpecSheet.Status.RETURNED,
                    organization__memberships__user=me,
                    organization__is_active=True,
                )
            ),
            support_actions=count_of(
                Claim.objects.filter(
                    payee=Program.Payee.COMPANY,
                    company__memberships__user=me,
                    state__in=(Claim.State.RETURNED, Claim.State.APPROVED),
                )
            ),
        )
        .values(
            "is_talent",
            "is_company",
            "is_coordinator",
            "is_operator",
            "scouts",
            "nominations",
            "new_applicants",
            "returned_sheets",
            "support_actions",
        )
    )


#: Every page a signed-in person opens asks it: compiled once (building it took longer than
#: running it).
_ROLE_ROW = CompiledRead(_role_row_query)


def role_row(user) -> dict:
    """The roles and the talent's and company's counts of ``user`` (one query)."""
    return _ROLE_ROW(user.pk)


def _staff_counts(user, *, operator: bool) -> dict[str, int]:
    """The review queue and the follow-up alerts of the user's area (every area for operators):
    one query each, the area asked inside them."""
    sheets = None if operator else area_condition(user)
    contracts = None if operator else area_condition(user, municipality_field="sheet__municipality")
    alerts = followups_in(contracts, FollowupFilters(alerts_only=True), today=timezone.localdate())
    waiting = Claim.objects.filter(state__in=(Claim.State.SUBMITTED, Claim.State.REPORTED))
    if not operator:
        waiting = waiting.filter(program__owner_organization__memberships__user=user)
    return {
        "review": review_queue_in(sheets).count(),
        "alerts": alerts.count(),
        "support_review": waiting.count(),
    }


def header_counts(user) -> HeaderCounts | None:
    """What the header shows a signed-in person (None for a visitor)."""
    if not getattr(user, "is_authenticated", False):
        return None
    row = role_row(user)
    roles = Roles(
        talent=bool(row.get("is_talent")),
        company=bool(row.get("is_company")),
        coordinator=bool(row.get("is_coordinator")),
        operator=bool(row.get("is_operator")),
    )
    counts: dict[str, int] = {}
    if roles.talent or roles.company:
        counts["unread_messages"] = unread_total(user)
    if roles.staff:
        counts.update(_staff_counts(user, operator=roles.operator))
    if roles.operator:
        counts["inquiries"] = Inquiry.objects.filter(status=Inquiry.Status.NEW).count()
    return HeaderCounts(
        roles=roles,
        scouts=row.get("scouts", 0) if roles.talent else 0,
        nominations=row.get("nominations", 0) if roles.talent else 0,
        new_applicants=row.get("new_applicants", 0) if roles.company else 0,
        returned_sheets=row.get("returned_sheets", 0) if roles.company else 0,
        support_actions=row.get("support_actions", 0) if roles.company else 0,
        **counts,
    )
