"""Reads of the weekly digest: what one person's digest would hold now, who asked for one, and a
company member's subscriptions. What is sent, and when, is
:mod:`duallife.recommendations.services.digests`; the rules are in its docstring."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from duallife.core.formats import localized_place
from duallife.core.texts import Text
from duallife.engagements.models import Application
from duallife.engine.recommend import Context, score_pair
from duallife.notifications.models import EmailPreference
from duallife.notifications.models import Kind as NotificationKind
from duallife.organizations.permissions import companies_of
from duallife.postings.models import SpecSheet
from duallife.postings.selectors import ListingChoices, listing_choices, published_sheets
from duallife.talents.models import TalentProfile
from duallife.talents.permissions import visible_talents
from duallife.talents.selectors import search_talents, talents_with_details

from ..links import path_to
from ..models import DigestMention, DigestSubscription, SavedSearch, TalentRecommendation
from ..permissions import may_get_talents
from ..reasons import reason_texts
from .loading import (
    engine_sheet,
    engine_talent,
    open_sheets_with_inputs,
    recommendation_context,
    talents_with_inputs,
)
from .recommendations import shown_reasons
from .saved_searches import sheet_filters, talent_filters

WEEK = datetime.timedelta(days=7)
#: However long since the last digest (a paused schedule, a digest turned back on), no older news.
MAX_WINDOW = datetime.timedelta(days=14)
MAX_ITEMS = 10  # per section
MAX_REASONS = 4  # the top reasons of each sheet or talent
MAX_SKILLS = 5
#: Sheets of one search looked at before ranking (a week's new sheets are far fewer).
MAX_CANDIDATES = 200


def week_of(now: datetime.datetime) -> datetime.date:
    """The Monday (Japan time) of the week ``now`` falls in: the key of "once a week"."""
    today = timezone.localtime(now).date()
    return today - datetime.timedelta(days=today.weekday())


def window_start(last_digest_at: datetime.datetime | None, now: datetime.datetime) -> datetime.datetime:
    """Since when something counts as new: the last digest, or a week; never more than two weeks."""
    return max(last_digest_at or now - WEEK, now - MAX_WINDOW)


# --- what a digest holds -----------------------------------------------------------------------


@dataclass(frozen=True)
class SheetItem:
    sheet_id: int
    title: str
    place: str
    organization: str
    url: str  # the sheet's page, a path in the default language
    reasons: tuple[Text, ...] = ()  # worded when read


@dataclass(frozen=True)
class TalentItem:
    talent_id: int
    display_name: str
    skills: tuple[str, ...]
    url: str  # the talent's page, a path in the default language
    fits: str = ""  # the title of the company's sheet the talent fits best
    reasons: tuple[Text, ...] = ()  # worded when read


@dataclass(frozen=True)
class Section:
    heading: Text
    kind: str  # "sheets" | "talents"
    items: tuple[SheetItem | TalentItem, ...]


@dataclass
class Digest:
    user: object
    sections: list[Section] = field(default_factory=list)

    @property
    def sheet_count(self) -> int:
        return sum(len(s.items) for s in self.sections if s.kind == "sheets")

    @property
    def talent_count(self) -> int:
        return sum(len(s.items) for s in self.sections if s.kind == "talents")

    @property
    def count(self) -> int:
        return self.sheet_count + self.talent_count

    def talent_ids(self) -> set[int]:
        return {item.talent_id for s in self.sections if s.kind == "talents" for item in s.items}


class Shared:
    """What every person's digest reads the same way, loaded once a run and only if needed."""

    def __init__(self) -> None:
        self._context: Context | None = None
        self._choices: ListingChoices | None = None

    @property
    def context(self) -> Context:
        if self._context is None:
            self._context = recommendation_context()
        return self._context

    @property
    def choices(self) -> ListingChoices:
        if self._choices is None:
            self._choices = listing_choices()
        return self._choices


# --- sheets for a person -----------------------------------------------------------------------


def _sheet_item(row: SpecSheet, reasons) -> SheetItem:
    place = row.municipality
    return SheetItem(
        sheet_id=row.pk,
        title=row.title,
        place=localized_place(place),
        organization=row.organization.name,
        url=path_to("postings:detail", row.pk),
        reasons=tuple(reason_texts(reasons[:MAX_REASONS])),
    )


def new_sheets_for(
    search: SavedSearch,
    *,
    now: datetime.datetime,
    profile: TalentProfile | None,
    shared: Shared,
    exclude: set[int] = frozenset(),
) -> list[SheetItem]:
    """Sheets published since the search's last digest that match it and are still open, best
    first. With a talent profile: those a hard rule forbids are left out, and the engine's
    (congestion-aware) score orders them, with its reasons; without one, newest first."""
    since = window_start(search.last_digest_at, now)
    today = timezone.localdate(now)
    found = (
        published_sheets(sheet_filters(search.query, choices=shared.choices))
        .filter(published_at__gt=since, published_at__lte=now)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .exclude(pk__in=exclude)
    )
    if profile is not None:
        found = found.exclude(Exists(Application.objects.filter(talent=profile, sheet=OuterRef("pk"))))
    ids = list(found.values_list("pk", flat=True)[:MAX_CANDIDATES])
    if not ids:
        return []
    rows = list(
        open_sheets_with_inputs(today)
        .filter(pk__in=ids)
        .select_related("organization", "municipality__prefecture")
    )
    if profile is None:
        rows.sort(key=lambda row: (row.published_at, row.pk), reverse=True)
        return [_sheet_item(row, ()) for row in rows[:MAX_ITEMS]]
    talent = engine_talent(profile)
    ranked = []
    for row in rows:
        scored = score_pair(talent, engine_sheet(row), shared.context, congestion=True)  # None: a hard rule
        if scored is not None:
            ranked.append((scored.score, row, scored.reasons))
    ranked.sort(key=lambda entry: (-entry[0], entry[1].pk))
    return [_sheet_item(row, reasons) for _score, row, reasons in ranked[:MAX_ITEMS]]


# --- talents for a company member --------------------------------------------------------------


def digest_talents(user):
    """Profiles that may appear in ``user``'s digest: visible to them in the talent search (not
    private, account active), opted in to company digests, not yet named to them in a digest."""
    mentioned = DigestMention.objects.filter(recipient=user).values("talent")
    return (
        visible_talents(user)
        .filter(in_company_digests=True)
        .exclude(visibility=TalentProfile.Visibility.PRIVATE)
        .exclude(pk__in=mentioned)
    )


def _skills(profile: TalentProfile) -> tuple[str, ...]:
    names = [row.skill.name if row.skill_id else row.free_text for row in profile.skills.all()]
    return tuple(name for name in names if name)[:MAX_SKILLS]


def _talent_item(profile: TalentProfile, *, fits: str = "", reasons=()) -> TalentItem:
    public = profile.visibility == TalentProfile.Visibility.PUBLIC
    shown = tuple(shown_reasons(reasons, public=public))
    return TalentItem(
        talent_id=profile.pk,
        display_name=profile.display_name,
        skills=_skills(profile),
        url=path_to("talents:detail", profile.pk),
        fits=fits,
        reasons=shown[:MAX_REASONS],
    )


def _profiles(ids) -> dict[int, TalentProfile]:
    return {p.pk: p for p in talents_with_details(TalentProfile.objects.filter(pk__in=list(ids)))}


def new_fitting_talents(
    subscription: DigestSubscription, *, now: datetime.datetime, exclude: set[int] = frozenset()
) -> list[TalentItem]:
    """Talents in the stored lists of the company's open sheets who are new there since the last
    digest (profile created or changed, or the sheet published since), best fit first; one entry
    a talent (their best sheet), none who applied to that sheet already."""
    user = subscription.user
    since = window_start(subscription.last_digest_at, now)
    today = timezone.localdate(now)
    applied = Application.objects.filter(sheet=OuterRef("sheet"), talent=OuterRef("talent"))
    rows = (
        TalentRecommendation.objects.filter(
            sheet__organization=subscription.organization, sheet__status=SpecSheet.Status.PUBLISHED
        )
        .filter(Q(sheet__closes_on__isnull=True) | Q(sheet__closes_on__gte=today))
        .filter(talent__in=digest_talents(user))
        .filter(
            Q(talent__created_at__gt=since)
            | Q(talent__updated_at__gt=since)
            | Q(sheet__published_at__gt=since)
        )
        .exclude(talent_id__in=exclude)
        .exclude(Exists(applied))
        .order_by("-score", "talent_id", "sheet_id")
        .values_list("talent_id", "sheet__title", "reasons")
    )
    best: dict[int, tuple[str, list]] = {}
    for talent_id, title, reasons in rows[: MAX_CANDIDATES * 5]:
        best.setdefault(talent_id, (title, reasons))
        if len(best) >= MAX_ITEMS:
            break
    profiles = _profiles(best)
    return [
        _talent_item(profiles[talent_id], fits=title, reasons=tuple(reasons))
        for talent_id, (title, reasons) in best.items()
        if talent_id in profiles
    ]


def new_matching_talents(
    search: SavedSearch, *, now: datetime.datetime, exclude: set[int] = frozenset()
) -> list[TalentItem]:
    """Talents the saved talent search finds whose profile is new or changed since the last digest
    (opted-in ones only), most recently changed first."""
    user = search.user
    since = window_start(search.last_digest_at, now)
    ids = list(
        search_talents(user, talent_filters(search.query))
        .filter(pk__in=digest_talents(user))
        .filter(Q(created_at__gt=since) | Q(updated_at__gt=since))
        .exclude(pk__in=exclude)
        .values_list("pk", flat=True)[:MAX_ITEMS]
    )
    profiles = _profiles(ids)
    return [_talent_item(profiles[pk]) for pk in ids if pk in profiles]


# --- one person's digest -----------------------------------------------------------------------


def digest_build(user, *, now: datetime.datetime, shared: Shared | None = None) -> Digest:
    """What ``user``'s digest would hold now (reads only). A sheet or a talent appears once."""
    shared = shared or Shared()
    digest = Digest(user=user)
    searches = list(SavedSearch.objects.filter(user=user, digest=True).order_by("created_at", "pk"))
    sheet_searches = [s for s in searches if s.kind == SavedSearch.Kind.SHEETS]
    talent_searches = [s for s in searches if s.kind == SavedSearch.Kind.TALENTS]
    if sheet_searches:
        profile = talents_with_inputs().filter(user=user).first()
        seen: set[int] = set()
        for search in sheet_searches:
            items = new_sheets_for(search, now=now, profile=profile, shared=shared, exclude=seen)
            seen.update(item.sheet_id for item in items)
            if items:
                heading = Text(gettext_lazy("「%(name)s」に合う新しい案件"), name=search.name)
                digest.sections.append(Section(heading, "sheets", tuple(items)))
    if not may_get_talents(user):
        return digest
    named: set[int] = set()
    companies = {c.pk: c for c in companies_of(user)}
    subscriptions = DigestSubscription.objects.filter(user=user, organization_id__in=companies)
    for subscription in subscriptions.select_related("user", "organization").order_by("pk"):
        items = new_fitting_talents(subscription, now=now, exclude=named)
        named.update(item.talent_id for item in items)
        if items:
            heading = Text(
                gettext_lazy("%(company)sの募集中の仕様書に合う新しい人材"),
                company=subscription.organization.name,
            )
            digest.sections.append(Section(heading, "talents", tuple(items)))
    for search in talent_searches:
        items = new_matching_talents(search, now=now, exclude=named)
        named.update(item.talent_id for item in items)
        if items:
            heading = Text(gettext_lazy("「%(name)s」に合う新しい人材"), name=search.name)
            digest.sections.append(Section(heading, "talents", tuple(items)))
    return digest


# --- who gets one ------------------------------------------------------------------------------


def digest_recipients():
    """Users who opted in (a saved search with the digest on, or a company subscription), active,
    and who have not turned "digest" emails off."""
    opted_in = Q(Exists(SavedSearch.objects.filter(user=OuterRef("pk"), digest=True))) | Q(
        Exists(DigestSubscription.objects.filter(user=OuterRef("pk")))
    )
    turned_off = EmailPreference.objects.filter(
        user=OuterRef("pk"), kind=NotificationKind.DIGEST, email=False
    )
    return (
        get_user_model().objects.filter(opted_in, is_active=True).exclude(Exists(turned_off)).order_by("pk")
    )


def digest_subscriptions_of(user) -> dict[int, DigestSubscription]:
    """The user's company subscriptions by organisation id (one query)."""
    return {s.organization_id: s for s in DigestSubscription.objects.filter(user=user)}
