"""Reads of spec sheets worth naming: the public listing with its filters, dashboards, the review
queue, and the quality check of a saved sheet. The skill vocabulary is
:func:`duallife.vocabulary.selectors.skill_vocabulary` (re-exported here for the services).

Every list here keeps its query count flat: related rows come through ``select_related`` and
``prefetch_related``, never per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from duallife.engine.skills import SkillVocabulary
from duallife.engine.speclint import LintReport, SheetDraft, lint
from duallife.organizations.models import Organization
from duallife.organizations.permissions import companies_of, scope_filter
from duallife.regions.models import Municipality, Prefecture
from duallife.vocabulary.models import Theme
from duallife.vocabulary.selectors import skill_vocabulary

from .models import SheetSkill, SpecSheet, SpecSheetCollaborator

PER_PAGE = 20
#: Public statuses: a published sheet is listed; a closed one keeps its page (links stay valid).
PUBLIC_STATUSES = (SpecSheet.Status.PUBLISHED, SpecSheet.Status.CLOSED)
#: While a sheet is being written and reviewed, invited people may join and comment.
COWRITING_STATUSES = (SpecSheet.Status.DRAFT, SpecSheet.Status.SUBMITTED, SpecSheet.Status.RETURNED)


# --- The quality check of a saved sheet ---------------------------------------------------------


def sheet_skill_labels(sheet: SpecSheet, kind: str) -> list[str]:
    """Skills of one kind as shown: canonical names of known skills, typed text of free ones."""
    return [
        item.skill.name if item.skill_id else item.free_text
        for item in sheet.skills.all()
        if item.kind == kind
    ]


def sheet_draft(sheet: SpecSheet, *, today: date | None = None) -> SheetDraft:
    """The engine's view of a saved sheet (themes and skills read through prefetches when present)."""
    return SheetDraft(
        today=today or timezone.localdate(),
        title=sheet.title,
        issue=sheet.issue,
        outcome=sheet.outcome,
        themes=tuple(theme.key for theme in sheet.themes.all()),
        required_skills=tuple(sheet_skill_labels(sheet, SheetSkill.Kind.REQUIRED)),
        welcome_skills=tuple(sheet_skill_labels(sheet, SheetSkill.Kind.WELCOME)),
        days_per_month_min=sheet.days_per_month_min,
        days_per_month_max=sheet.days_per_month_max,
        work_style=sheet.work_style,
        visits_per_month=sheet.visits_per_month,
        duration_months=sheet.duration_months,
        fee_min_yen=sheet.fee_min_yen,
        fee_max_yen=sheet.fee_max_yen,
        is_probono=sheet.is_probono,
        fee_reason=sheet.fee_reason,
        contract_type=sheet.contract_type,
        closes_on=sheet.closes_on,
        why_you=sheet.why_you,
        openings=sheet.openings,
    )


def sheet_lint(sheet: SpecSheet, *, today: date | None = None) -> LintReport:
    return lint(sheet_draft(sheet, today=today))


# --- Loading sheets with what their pages show --------------------------------------------------


def _skills_prefetch() -> Prefetch:
    return Prefetch("skills", queryset=SheetSkill.objects.select_related("skill").order_by("kind", "pk"))


def sheets_with_details() -> QuerySet[SpecSheet]:
    """Sheets with their organisation, place, themes and skills loaded in a fixed number of queries."""
    return SpecSheet.objects.select_related(
        "organization", "organization__prefecture", "municipality", "municipality__prefecture"
    ).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "key")), _skills_prefetch()
    )


# --- The public listing -------------------------------------------------------------------------

SORT_NEWEST = "new"
SORT_CLOSING = "closing"
SORT_FEE = "fee"
SORTS = (SORT_NEWEST, SORT_CLOSING, SORT_FEE)


@dataclass(frozen=True)
class SheetFilters:
    """What the listing (page and API) filters by. Empty values mean "any"."""

    q: str = ""
    prefecture: str = ""  # JIS X 0401 code, "04"
    municipality: str = ""  # 全国地方公共団体コード, "041009"
    theme: str = ""  # theme key
    work_style: str = ""
    max_days: int | None = None  # the sheet asks at most this many days a month
    min_fee: int | None = None  # the sheet pays at least this much a month (its lower bound)
    contract_type: str = ""
    closes_after: date | None = None  # still open on this day (sheets without a closing date count)
    sort: str = SORT_NEWEST
    terms: tuple[str, ...] = field(default=(), compare=False)


def search_terms_for(query: str, vocabulary: SkillVocabulary | None = None) -> list[str]:
    """Normalised search terms of a free-text query (a whole skill name searches its canonical name)."""
    query = (query or "").strip()
    if not query:
        return []
    vocabulary = vocabulary if vocabulary is not None else skill_vocabulary()
    return vocabulary.search_terms(query[:200])


def _ordering(sort: str) -> list:
    if sort == SORT_CLOSING:
        return [F("closes_on").asc(nulls_last=True), F("published_at").desc(nulls_last=True), "-pk"]
    if sort == SORT_FEE:
        return [
            Coalesce("fee_max_yen", "fee_min_yen").desc(nulls_last=True),
            F("fee_min_yen").desc(nulls_last=True),
            "-pk",
        ]
    return [F("published_at").desc(nulls_last=True), "-pk"]


def published_sheets(filters: SheetFilters = SheetFilters()) -> QuerySet[SpecSheet]:
    """Published sheets matching ``filters``, in the requested order, with details loaded."""
    qs = sheets_with_details().filter(status=SpecSheet.Status.PUBLISHED)
    terms = filters.terms or tuple(search_terms_for(filters.q))
    for term in terms:
        qs = qs.filter(search_text__icontains=term)
    if filters.prefecture:
        qs = qs.filter(municipality__prefecture__code=filters.prefecture)
    if filters.municipality:
        qs = qs.filter(municipality__code=filters.municipality)
    if filters.theme:
        qs = qs.filter(
            pk__in=SpecSheet.themes.through.objects.filter(theme__key=filters.theme).values("specsheet")
        )
    if filters.work_style:
        qs = qs.filter(work_style=filters.work_style)
    if filters.max_days is not None:
        qs = qs.filter(
            Q(days_per_month_max__lte=filters.max_days)
            | Q(days_per_month_max__isnull=True, days_per_month_min__lte=filters.max_days)
        )
    if filters.min_fee is not None:
        qs = qs.filter(is_probono=False).filter(
            Q(fee_min_yen__gte=filters.min_fee)
            | Q(fee_min_yen__isnull=True, fee_max_yen__gte=filters.min_fee)
        )
    if filters.contract_type:
        qs = qs.filter(contract_type=filters.contract_type)
    if filters.closes_after is not None:
        qs = qs.filter(Q(closes_on__gte=filters.closes_after) | Q(closes_on__isnull=True))
    return qs.order_by(*_ordering(filters.sort if filters.sort in SORTS else SORT_NEWEST))


#: How many of a place's open sheets its region page shows (the rest are a link away).
SHEETS_IN_PLACE = 3


@dataclass(frozen=True)
class WorkInPlace:
    """What a region page says about work there: its newest open sheets, how many there are, and
    how many active companies are based there."""

    sheets: list[SpecSheet]
    open_sheets: int
    companies: int


def work_in_place(*, prefecture: str, municipality: str = "") -> WorkInPlace:
    """The work of a prefecture (``"04"``) or of one of its municipalities (``"041009"``): a
    count, the page of the newest sheets (with their prefetches) and a count of companies, in a
    fixed number of queries whatever the numbers."""
    sheets = published_sheets(SheetFilters(prefecture=prefecture, municipality=municipality))
    companies = Organization.objects.filter(kind=Organization.Kind.COMPANY, is_active=True)
    companies = (
        companies.filter(municipality__code=municipality)
        if municipality
        else companies.filter(prefecture__code=prefecture)
    )
    newest = list(sheets[:SHEETS_IN_PLACE])
    count = len(newest) if len(newest) < SHEETS_IN_PLACE else sheets.count()  # fewer: all of them
    return WorkInPlace(sheets=newest, open_sheets=count, companies=companies.count())


def published_sheets_page(
    filters: SheetFilters, page_number: int | str | None = 1, *, per_page: int = PER_PAGE
) -> Page:
    """One page of the listing: a count query and the page's rows (plus two prefetches)."""
    paginator = Paginator(published_sheets(filters), per_page)
    return paginator.get_page(page_number)


@dataclass(frozen=True)
class ListingChoices:
    prefectures: list[Prefecture]
    municipalities: list[Municipality]
    themes: list[Theme]


def listing_choices() -> ListingChoices:
    """The places and themes the listing's filters offer (three queries)."""
    return ListingChoices(
        prefectures=list(Prefecture.objects.filter(pack__isnull=False).order_by("code")),
        municipalities=list(
            Municipality.objects.filter(role=Municipality.Role.PACK)
            .select_related("prefecture")
            .order_by("code")
        ),
        themes=list(Theme.objects.order_by("position", "key")),
    )


# --- Company dashboard, co-writing, review ------------------------------------------------------


def company_sheets(user) -> QuerySet[SpecSheet]:
    """Every sheet of the companies the user belongs to, newest change first."""
    return (
        SpecSheet.objects.filter(organization__in=companies_of(user))
        .select_related("organization", "municipality", "municipality__prefecture")
        .order_by("organization__name", "-updated_at", "-pk")
    )


def collaborating_sheets(user) -> QuerySet[SpecSheet]:
    """Sheets the user was invited to comment on (as a talent), newest change first."""
    if not getattr(user, "is_authenticated", False):
        return SpecSheet.objects.none()
    return (
        SpecSheet.objects.filter(
            pk__in=SpecSheetCollaborator.objects.filter(
                user=user, status=SpecSheetCollaborator.Status.ACCEPTED
            ).values("sheet"),
        )
        .select_related("organization", "municipality", "municipality__prefecture")
        .order_by("-updated_at", "-pk")
    )


def review_queue(user) -> QuerySet[SpecSheet]:
    """Submitted sheets in the user's coordinator scope (every area for operators), oldest first."""
    return review_queue_in(scope_filter(user))


def review_queue_in(area: Q | None) -> QuerySet[SpecSheet]:
    """:func:`review_queue` of an area given as a condition on the sheet (None: every area)."""
    qs = SpecSheet.objects.filter(status=SpecSheet.Status.SUBMITTED)
    if area is not None:
        qs = qs.filter(area)
    return qs.select_related("organization", "municipality", "municipality__prefecture").order_by(
        F("submitted_at").asc(nulls_last=True), "pk"
    )


def themes_by_key(keys: Iterable[str]) -> dict[str, Theme]:
    return {theme.key: theme for theme in Theme.objects.filter(key__in=list(keys))}


# --- The quality check of a sheet still being written (the form's live preview) -----------------


def draft_from_data(data: dict, *, today: date | None = None) -> tuple[SheetDraft, dict[str, tuple]]:
    """The engine's view of form data not saved yet, and how its skills matched the vocabulary.

    ``data`` is what a form hands the services (skills as typed texts, themes as keys); missing
    keys are empty. Returns the draft and ``{"required": (ResolvedSkill, …), "welcome": (…)}``.
    """
    vocabulary = skill_vocabulary()
    matches = {
        kind: vocabulary.match_many(data.get(f"{kind}_skills") or [])
        for kind in (SheetSkill.Kind.REQUIRED, SheetSkill.Kind.WELCOME)
    }
    draft = SheetDraft(
        today=today or timezone.localdate(),
        title=data.get("title") or "",
        issue=data.get("issue") or "",
        outcome=data.get("outcome") or "",
        themes=tuple(data.get("themes") or ()),
        required_skills=tuple(skill.label for skill in matches[SheetSkill.Kind.REQUIRED]),
        welcome_skills=tuple(skill.label for skill in matches[SheetSkill.Kind.WELCOME]),
        days_per_month_min=data.get("days_per_month_min"),
        days_per_month_max=data.get("days_per_month_max"),
        work_style=data.get("work_style") or "",
        visits_per_month=data.get("visits_per_month"),
        duration_months=data.get("duration_months"),
        fee_min_yen=data.get("fee_min_yen"),
        fee_max_yen=data.get("fee_max_yen"),
        is_probono=bool(data.get("is_probono")),
        fee_reason=data.get("fee_reason") or "",
        contract_type=data.get("contract_type") or "",
        closes_on=data.get("closes_on"),
        why_you=data.get("why_you") or "",
        openings=data.get("openings"),
    )
    return draft, matches


def sheet_events(sheet: SpecSheet):
    return sheet.events.select_related("by").order_by("at", "pk")


def sheet_versions(sheet: SpecSheet):
    return sheet.versions.select_related("created_by").order_by("-number")


def sheet_comments(sheet: SpecSheet):
    return sheet.comments.select_related("author", "author__talent").order_by("-version", "created_at", "pk")


def sheet_collaborators(sheet: SpecSheet):
    """Every invitation of the sheet, oldest first: the company's list (the person of an accepted
    one loaded with their profile; the others have none)."""
    return sheet.collaborators.select_related("user", "user__talent").order_by("created_at", "pk")


def pending_invitations(addresses: list[str], *, now=None) -> QuerySet[SpecSheetCollaborator]:
    """Invitations still open to ``addresses`` (confirmed addresses, lower case), newest first,
    with their sheet and company; invitations of sheets past review are left out."""
    if not addresses:
        return SpecSheetCollaborator.objects.none()
    return (
        SpecSheetCollaborator.objects.filter(
            email__in=addresses,
            status=SpecSheetCollaborator.Status.PENDING,
            expires_at__gt=now or timezone.now(),
            sheet__status__in=COWRITING_STATUSES,
        )
        .select_related("sheet", "sheet__organization")
        .order_by("-created_at", "-pk")
    )


def invitations_counted(sheet: SpecSheet, *, now) -> tuple[int, int]:
    """How many invitations of ``sheet`` are pending now, and how many were made in the last day."""
    rows = SpecSheetCollaborator.objects.filter(sheet=sheet)
    pending = rows.filter(status=SpecSheetCollaborator.Status.PENDING, expires_at__gt=now).count()
    recent = rows.filter(created_at__gt=now - timedelta(days=1)).count()
    return pending, recent
