"""The weekly digest (週次ダイジェスト): once a week, one notification per person who asked for it, with
what is new for them — through :func:`duallife.notifications.services.notify` (kind ``digest``), so
the email goes out through Celery after commit with the signed one-click unsubscribe link.

Who gets one (opt-in only, never by default):

- a person with a sheets search whose digest is on: sheets published since the last digest (seven
  days the first time) that match the search, never one a hard rule forbids for their talent profile
  (:func:`duallife.engine.recommend.blockers`), best engine score first, with the top reasons;
- a company member subscribed for their company (:class:`~.models.DigestSubscription`): talents who
  fit the company's open sheets (the stored lists) and are new there — profile created or changed,
  or sheet published, since the last digest;
- a person with a talents search whose digest is on: talents matching it whose profile is new or
  changed since the last digest.

Talents appear only if they opted in (``in_company_digests``), are not private and active, and are
visible to the recipient through the talent search's own rule; a talent is named to a person once
(:class:`~.models.DigestMention`); only what the search shows is written (display name, skills, and
the hometown reason for public profiles only — never a real name or contact details). Staff need
MFA for the talent parts, as for the talent search. Someone who turned "digest" emails off (for
example with the unsubscribe link) gets nothing. A :class:`~.models.DigestLog` row per person and
week makes a second run in the same week send nothing.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from duallife.accounts.mfa import mfa_setup_required
from duallife.engagements.models import Application
from duallife.engine.recommend import Context, score_pair
from duallife.notifications.links import absolute
from duallife.notifications.models import EmailPreference
from duallife.notifications.models import Kind as NotificationKind
from duallife.notifications.services import notify
from duallife.organizations.permissions import can_browse_talents, companies_of
from duallife.postings.models import SpecSheet
from duallife.postings.selectors import ListingChoices, listing_choices, published_sheets
from duallife.talents.models import TalentProfile
from duallife.talents.permissions import visible_talents
from duallife.talents.selectors import search_talents, talents_with_details

from .loading import (
    engine_sheet,
    engine_talent,
    open_sheets_with_inputs,
    recommendation_context,
    talents_with_inputs,
)
from .models import DigestLog, DigestMention, DigestSubscription, SavedSearch, TalentRecommendation
from .saved_searches import sheet_filters, talent_filters
from .selectors import shown_reasons

logger = logging.getLogger(__name__)

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


def _path(name: str, *args) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


# --- what a digest holds -----------------------------------------------------------------------


@dataclass(frozen=True)
class SheetItem:
    sheet_id: int
    title: str
    place: str
    organization: str
    url: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class TalentItem:
    talent_id: int
    display_name: str
    skills: tuple[str, ...]
    url: str
    fits: str = ""  # the title of the company's sheet the talent fits best
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
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


class _Shared:
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


def _sheet_item(row: SpecSheet, reasons: tuple[str, ...]) -> SheetItem:
    place = row.municipality
    return SheetItem(
        sheet_id=row.pk,
        title=row.title,
        place=f"{place.prefecture.name}{place.name}",
        organization=row.organization.name,
        url=absolute(_path("postings:detail", row.pk)),
        reasons=reasons[:MAX_REASONS],
    )


def new_sheets_for(
    search: SavedSearch,
    *,
    now: datetime.datetime,
    profile: TalentProfile | None,
    shared: _Shared,
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


def may_get_talents(user) -> bool:
    """Talent parts go to those who may use the talent search now (staff: with MFA)."""
    return can_browse_talents(user) and not mfa_setup_required(user)


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
        url=absolute(_path("talents:detail", profile.pk)),
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


def digest_build(user, *, now: datetime.datetime, shared: _Shared | None = None) -> Digest:
    """What ``user``'s digest would hold now (reads only). A sheet or a talent appears once."""
    shared = shared or _Shared()
    digest = Digest(user=user)
    searches = list(SavedSearch.objects.filter(user=user, digest=True).order_by("created_at", "pk"))
    sheet_searches = [s for s in searches if s.kind == SavedSearch.Kind.SHEETS]
    talent_searches = [s for s in searches if s.kind == SavedSearch.Kind.TALENTS]
    with translation.override(settings.LANGUAGE_CODE):
        if sheet_searches:
            profile = talents_with_inputs().filter(user=user).first()
            seen: set[int] = set()
            for search in sheet_searches:
                items = new_sheets_for(search, now=now, profile=profile, shared=shared, exclude=seen)
                seen.update(item.sheet_id for item in items)
                if items:
                    heading = _("「%(name)s」に合う新しい仕様書") % {"name": search.name}
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
                heading = _("%(company)sの募集中の仕様書に合う新しい人材") % {
                    "company": subscription.organization.name
                }
                digest.sections.append(Section(heading, "talents", tuple(items)))
        for search in talent_searches:
            items = new_matching_talents(search, now=now, exclude=named)
            named.update(item.talent_id for item in items)
            if items:
                heading = _("「%(name)s」に合う新しい人材") % {"name": search.name}
                digest.sections.append(Section(heading, "talents", tuple(items)))
    return digest


def digest_text(digest: Digest) -> tuple[str, str]:
    """(title, body) of the notification: plain Japanese text with absolute links."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = []
        if digest.sheet_count:
            parts.append(_("新しい仕様書%(count)d件") % {"count": digest.sheet_count})
        if digest.talent_count:
            parts.append(_("新しい人材%(count)d人") % {"count": digest.talent_count})
        title = _("今週のおすすめ：%(parts)s") % {"parts": "、".join(parts)}
        body = render_to_string(
            "recommendations/digests/body.txt",
            {"sections": digest.sections, "manage_url": absolute(_path("recommendations:saved_search_list"))},
        )
    return title, body.strip()


# --- the weekly run ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestReport:
    people: int  # asked for a digest and were handled this run
    sent: int  # got a digest (something was new)
    empty: int  # nothing new: nothing sent
    already: int  # this week's digest was handled by an earlier run
    failed: int = 0


def digest_recipients():
    """Users who opted in (a saved search with the digest on, or a company subscription), active,
    and who have not turned "digest" emails off."""
    from django.contrib.auth import get_user_model

    opted_in = Q(Exists(SavedSearch.objects.filter(user=OuterRef("pk"), digest=True))) | Q(
        Exists(DigestSubscription.objects.filter(user=OuterRef("pk")))
    )
    turned_off = EmailPreference.objects.filter(
        user=OuterRef("pk"), kind=NotificationKind.DIGEST, email=False
    )
    return (
        get_user_model().objects.filter(opted_in, is_active=True).exclude(Exists(turned_off)).order_by("pk")
    )


def _send_one(user, *, now: datetime.datetime, week: datetime.date, shared: _Shared) -> str:
    """Handle one person's week: "already", "empty" or "sent"."""
    with transaction.atomic():
        log, created = DigestLog.objects.get_or_create(user=user, week=week)
        if not created:
            return "already"
        digest = digest_build(user, now=now, shared=shared)
        SavedSearch.objects.filter(user=user, digest=True).update(last_digest_at=now)
        DigestSubscription.objects.filter(user=user).update(last_digest_at=now)
        log.items = digest.count
        log.save(update_fields=["items"])
        if not digest.count:
            return "empty"
        DigestMention.objects.bulk_create(
            [DigestMention(recipient=user, talent_id=pk) for pk in sorted(digest.talent_ids())],
            ignore_conflicts=True,
        )
        title, body = digest_text(digest)
        notify(
            user=user,
            kind=NotificationKind.DIGEST,
            title=title,
            body=body,
            url=_path("recommendations:saved_search_list"),
        )
        return "sent"


def digests_send_weekly(
    *, now: datetime.datetime, on_error: Callable[[object, Exception], None] | None = None
) -> DigestReport:
    """Send this week's digests. Safe to run again: a person handled this week is skipped (also
    when two runs overlap: the log row's unique constraint decides). One person's failure is
    logged and rolled back (a later run retries them); the others still get theirs."""
    week = week_of(now)
    shared = _Shared()
    counts = {"already": 0, "empty": 0, "sent": 0, "failed": 0}
    users = list(
        digest_recipients().exclude(Exists(DigestLog.objects.filter(user=OuterRef("pk"), week=week)))
    )
    for user in users:
        try:
            counts[_send_one(user, now=now, week=week, shared=shared)] += 1
        except Exception as exc:  # one person's problem must not stop everyone's digest
            counts["failed"] += 1
            logger.exception("weekly digest for user %s failed", user.pk)
            if on_error is not None:
                on_error(user, exc)
    handled = counts["empty"] + counts["sent"]
    return DigestReport(
        people=handled,
        sent=counts["sent"],
        empty=counts["empty"],
        already=counts["already"],
        failed=counts["failed"],
    )


# --- company members' opt-in -------------------------------------------------------------------


def digest_subscriptions_of(user) -> dict[int, DigestSubscription]:
    """The user's company subscriptions by organisation id (one query)."""
    return {s.organization_id: s for s in DigestSubscription.objects.filter(user=user)}


@transaction.atomic
def digest_subscription_set(*, user, organization, on: bool) -> bool:
    """Turn the weekly digest of new fitting talents for ``organization`` on or off for ``user``.
    Only members of the company may; returns the new state."""
    from .saved_searches import SavedSearchError

    if not companies_of(user).filter(pk=organization.pk).exists():
        raise SavedSearchError(_("所属している企業のダイジェストだけを設定できます。"), field="organization")
    if on:
        DigestSubscription.objects.get_or_create(user=user, organization=organization)
    else:
        DigestSubscription.objects.filter(user=user, organization=organization).delete()
    return on


#: What replaces a talent's entry in a digest kept in someone's notifications once the talent
#: withdrew (profile made private, digests turned off, account deleted).
WITHDRAWN_ENTRY = "・（この人材の情報は、ご本人の設定により削除されました）"


def _without_talent(body: str, url: str) -> str:
    """``body`` with the entry whose link is ``url`` replaced by :data:`WITHDRAWN_ENTRY` (an entry
    runs from its 「・」 line to its link line)."""
    lines = body.split("\n")
    out: list[str] = []
    start = None
    for line in lines:
        if line.startswith("・"):
            start = len(out)
        out.append(line)
        if start is not None and line.strip() == url:
            out[start:] = [WITHDRAWN_ENTRY]
            start = None
    return "\n".join(out)


def digest_mentions_scrub(*, talent_id: int) -> int:
    """A talent withdrew: their entries leave the digests kept in the recipients' notifications
    (emails already sent cannot be recalled), and they may be named again only if they opt in
    again. Returns how many notifications were changed."""
    from duallife.notifications.models import Notification

    url = absolute(_path("talents:detail", talent_id))
    recipients = DigestMention.objects.filter(talent_id=talent_id).values("recipient")
    changed = 0
    with transaction.atomic():
        for notification in Notification.objects.select_for_update().filter(
            user__in=recipients, kind=NotificationKind.DIGEST, body__contains=url
        ):
            body = _without_talent(notification.body, url)
            if body != notification.body:
                notification.body = body
                notification.save(update_fields=["body"])
                changed += 1
        DigestMention.objects.filter(talent_id=talent_id).delete()
    return changed
