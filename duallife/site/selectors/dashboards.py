"""Reads of the signed-in home page: a section for each role the person has, each a fixed number
of queries whatever the volume (the lists are short: what needs an answer first, then links to
the full pages)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from duallife.content.models import Inquiry
from duallife.core.queries import count_of
from duallife.drafts.models import Nomination
from duallife.engagements.models import ENGAGED_STATUSES, OPEN_STATUSES, Application, CheckIn, Contract, Scout
from duallife.engagements.permissions import applications_with_details, scouts_with_details
from duallife.engagements.selectors.contracts import FollowupFilters, followups_in, open_checkins_for
from duallife.engagements.selectors.messages import unread_counts
from duallife.organizations.models import Organization
from duallife.organizations.permissions import area_condition, companies_of
from duallife.postings.models import SpecSheet
from duallife.postings.selectors import review_queue_in
from duallife.recommendations.models import SavedSearch, TalentRecommendation
from duallife.recommendations.selectors.recommendations import recommended_sheets
from duallife.talents.models import TalentProfile, TalentSkill
from duallife.talents.permissions import visible_talents

#: How many rows each list of the dashboard shows before "see all".
SHORT_LIST = 5
RECOMMENDED = 3
#: The area figures count applications of the last this many days.
RECENT_DAYS = 30


# --- Talent -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    code: str  # "introduction" | "skills" | "saved_search" | "first_application"


@dataclass(frozen=True)
class TalentSection:
    profile: TalentProfile
    scouts: list[Scout]
    nominations: list[Nomination]
    applications: list[Application]
    recommendations: list
    next_steps: list[NextStep] = field(default_factory=list)


def talent_section(user) -> TalentSection | None:
    """The talent's home: scouts and nominations waiting for an answer, applications under way
    (with unread messages), the best recommendations and what would make the profile work
    harder. Nine queries at most."""
    me = OuterRef("pk")
    profile = (
        TalentProfile.objects.filter(user=user)
        .annotate(
            skill_count=count_of(TalentSkill.objects.filter(talent=me)),
            application_count=count_of(Application.objects.filter(talent=me)),
            has_saved_search=Exists(SavedSearch.objects.filter(user=OuterRef("user"))),
        )
        .first()
    )
    if profile is None:
        return None
    scouts = list(
        scouts_with_details()
        .filter(talent=profile, status=Scout.Status.PENDING, expires_at__gt=timezone.now())
        .order_by("expires_at", "pk")[:SHORT_LIST]
    )
    nominations = list(
        Nomination.objects.with_run("run__event", "team__organization")
        .filter(player__talent=profile, status=Nomination.Status.PENDING)
        .order_by("-run__created_at", "pk")[:SHORT_LIST]
    )
    applications = list(
        applications_with_details()
        .filter(talent=profile, status__in=(*OPEN_STATUSES, *ENGAGED_STATUSES))
        .order_by("-updated_at", "-pk")[:SHORT_LIST]
    )
    _mark_unread(user, applications)
    return TalentSection(
        profile=profile,
        scouts=scouts,
        nominations=nominations,
        applications=applications,
        recommendations=list(recommended_sheets(profile, limit=RECOMMENDED)),
        next_steps=_next_steps(profile),
    )


def _next_steps(profile: TalentProfile) -> list[NextStep]:
    steps = []
    if not profile.self_introduction.strip():
        steps.append(NextStep("introduction"))
    if not profile.skill_count:
        steps.append(NextStep("skills"))
    if not profile.has_saved_search:
        steps.append(NextStep("saved_search"))
    if not profile.application_count:
        steps.append(NextStep("first_application"))
    return steps


def _mark_unread(user, applications: list[Application]) -> None:
    counts = unread_counts(user, [a.pk for a in applications])
    for application in applications:
        application.unread = counts.get(application.pk, 0)


# --- Company ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompanySection:
    organizations: list[Organization]
    new_applicants: list[Application]
    in_review: list[SpecSheet]  # submitted or returned: waiting for the reviewer or for the company
    open_sheets: list[SpecSheet]  # each with ``matches`` and ``applicants``


def company_section(user) -> CompanySection | None:
    """The company's home: new applicants, sheets in review or returned, open sheets with how
    many talents match them. Five queries at most."""
    organizations = list(companies_of(user).order_by("name"))
    if not organizations:
        return None
    new_applicants = list(
        applications_with_details()
        .filter(sheet__organization__in=organizations, status=Application.Status.APPLIED)
        .order_by("-created_at", "-pk")[:SHORT_LIST]
    )
    _mark_unread(user, new_applicants)
    sheets = SpecSheet.objects.filter(organization__in=organizations).select_related("organization")
    in_review = list(
        sheets.filter(status__in=(SpecSheet.Status.SUBMITTED, SpecSheet.Status.RETURNED)).order_by(
            "-updated_at", "-pk"
        )[:SHORT_LIST]
    )
    sheet = OuterRef("pk")
    applied = Application.objects.filter(sheet=OuterRef("sheet"), talent=OuterRef("talent"))
    open_sheets = list(
        sheets.filter(status=SpecSheet.Status.PUBLISHED)
        .annotate(
            matches=count_of(
                TalentRecommendation.objects.filter(sheet=sheet, talent__in=visible_talents(user)).exclude(
                    Exists(applied)
                )
            ),
            applicants=count_of(Application.objects.filter(sheet=sheet)),
        )
        .order_by("-published_at", "-pk")[:SHORT_LIST]
    )
    return CompanySection(
        organizations=organizations,
        new_applicants=new_applicants,
        in_review=in_review,
        open_sheets=open_sheets,
    )


# --- Coordinators and operators ---------------------------------------------------------------


@dataclass(frozen=True)
class AreaFigures:
    open_sheets: int
    recent_applications: int
    running_contracts: int


@dataclass(frozen=True)
class StaffSection:
    review: list[SpecSheet]
    alerts: list[Contract]
    figures: AreaFigures
    inquiries: list[Inquiry]  # operators only


def staff_section(user, *, operator: bool) -> StaffSection:
    """A coordinator's or operator's home: the review queue, contracts with a follow-up alert
    and the figures of their area (every area for operators). Six queries at most."""
    sheets = None if operator else area_condition(user)
    applications = None if operator else area_condition(user, municipality_field="sheet__municipality")
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    in_area = Application.objects.filter(applications or Q())
    figures = AreaFigures(
        open_sheets=SpecSheet.objects.filter(sheets or Q(), status=SpecSheet.Status.PUBLISHED).count(),
        recent_applications=in_area.filter(created_at__gte=since).count(),
        running_contracts=in_area.filter(status__in=ENGAGED_STATUSES).count(),
    )
    inquiries = []
    if operator:
        inquiries = list(
            Inquiry.objects.filter(status=Inquiry.Status.NEW).order_by("-created_at", "-pk")[:SHORT_LIST]
        )
    alerts = followups_in(applications, FollowupFilters(alerts_only=True), today=timezone.localdate())
    return StaffSection(
        review=list(review_queue_in(sheets)[:SHORT_LIST]),
        alerts=list(alerts[:SHORT_LIST]),
        figures=figures,
        inquiries=inquiries,
    )


def open_checkins(user, *, today: datetime.date | None = None) -> list[CheckIn]:
    """Check-ins waiting for this person's answer, as a talent or for their company."""
    return list(open_checkins_for(user, today=today or timezone.localdate())[:SHORT_LIST])
