"""Reads for the event pages: the list and the hub (``detail``); who takes part in an event.

:func:`event_status` says in words where an event stands, from its schedule and whether a run
exists. Each page's reads take a fixed number of queries, whatever the number of events, teams
or camps.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duallife.accounts.models import User
from duallife.engagements.permissions import talent_of
from duallife.organizations.models import Membership, Organization
from duallife.regions.models import Prefecture

from ..models import DraftCamp, DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination
from ..permissions.events import (
    entry_open,
    negotiation_open,
    nomination_day_reached,
    organizes,
    preferences_open,
)
from ..permissions.players import player_of
from ..permissions.teams import joinable_organizations, teams_of
from .camps import camps_of


class EventStatus:
    """Where an event stands. ``key`` for code and CSS, ``label`` for people."""

    BEFORE_ENTRY = "before_entry"
    ENTRY_OPEN = "entry_open"
    PREFERENCES_OPEN = "preferences_open"
    PREPARING = "preparing"
    NEGOTIATING = "negotiating"
    FINISHED = "finished"

    LABELS = {
        BEFORE_ENTRY: _("エントリー開始前"),
        ENTRY_OPEN: _("エントリー受付中"),
        PREFERENCES_OPEN: _("希望リスト受付中"),
        PREPARING: _("指名の準備中"),
        NEGOTIATING: _("交渉期間中"),
        FINISHED: _("終了"),
    }


@dataclass(frozen=True)
class Status:
    key: str

    @property
    def label(self) -> str:
        return str(EventStatus.LABELS[self.key])

    @property
    def finished(self) -> bool:
        return self.key == EventStatus.FINISHED

    def __str__(self) -> str:
        return self.label


def event_status(event: DraftEvent, *, has_run: bool, now: datetime.datetime | None = None) -> Status:
    """The event's stage at ``now`` (default: now), in this order:

    1. after the negotiation window: 終了;
    2. before entry opens: エントリー開始前;
    3. during the entry period (and before the preference deadline): エントリー受付中;
    4. before the preference deadline: 希望リスト受付中;
    5. from nomination day, once a run exists, until the window ends: 交渉期間中;
    6. otherwise (lists locked, nominations not announced yet): 指名の準備中.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not negotiation_open(event, today=today):
        return Status(EventStatus.FINISHED)
    if today < event.entry_opens_on:
        return Status(EventStatus.BEFORE_ENTRY)
    before_deadline = preferences_open(event, now=now)
    if entry_open(event, today=today) and before_deadline:
        return Status(EventStatus.ENTRY_OPEN)
    if before_deadline:
        return Status(EventStatus.PREFERENCES_OPEN)
    if has_run and nomination_day_reached(event, today=today):
        return Status(EventStatus.NEGOTIATING)
    return Status(EventStatus.PREPARING)


# --- the list -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    event: DraftEvent
    status: Status


def _events() -> QuerySet[DraftEvent]:
    return (
        DraftEvent.objects.select_related("organizer")
        .prefetch_related(Prefetch("prefectures", queryset=Prefecture.objects.order_by("code")))
        .annotate(has_run=Exists(DraftRun.objects.filter(event=OuterRef("pk"))))
    )


def event_list(*, now: datetime.datetime | None = None) -> tuple[list[EventRow], list[EventRow]]:
    """(current and upcoming events, soonest nomination day first; past events, latest first).
    Two queries."""
    now = now or timezone.now()
    rows = [EventRow(event, event_status(event, has_run=event.has_run, now=now)) for event in _events()]
    current = sorted(
        (row for row in rows if not row.status.finished),
        key=lambda row: (row.event.nomination_on, row.event.preferences_deadline, row.event.pk),
    )
    past = sorted(
        (row for row in rows if row.status.finished),
        key=lambda row: (row.event.negotiation_until, row.event.pk),
        reverse=True,
    )
    return current, past


# --- the hub ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampRow:
    camp: DraftCamp
    seats_left: int
    started: bool = False


@dataclass
class Viewer:
    """What the viewer is in this event, and what they may do."""

    authenticated: bool = False
    organizer: bool = False
    teams: list[DraftTeam] = field(default_factory=list)
    player: DraftPlayer | None = None
    can_enter: bool = False
    entry_needs_profile: bool = False
    joinable: list[Organization] = field(default_factory=list)
    #: the player's nominations still waiting for their answer
    pending_nominations: int = 0

    @property
    def has_role(self) -> bool:
        return self.organizer or bool(self.teams) or self.player is not None


@dataclass(frozen=True)
class EventHub:
    event: DraftEvent
    status: Status
    prefectures: list[Prefecture]
    teams: list[DraftTeam]
    camps: list[CampRow]
    has_run: bool
    player_count: int
    viewer: Viewer


def viewer_of(user, event: DraftEvent, *, now: datetime.datetime | None = None) -> Viewer:
    """The viewer's roles and offers in ``event`` (a handful of queries, none per row)."""
    if not getattr(user, "is_authenticated", False):
        return Viewer()
    now = now or timezone.now()
    viewer = Viewer(authenticated=True, organizer=organizes(user, event))
    viewer.teams = list(teams_of(user, event).order_by("organization__name", "pk"))
    viewer.player = player_of(user, event)
    if viewer.player is not None:
        viewer.pending_nominations = Nomination.objects.filter(
            player=viewer.player, status=Nomination.Status.PENDING
        ).count()
    if viewer.player is None and entry_open(event, today=timezone.localdate(now)):
        talent = talent_of(user)
        viewer.can_enter = talent is not None
        viewer.entry_needs_profile = talent is None and not viewer.teams and not viewer.organizer
    if preferences_open(event, now=now):
        viewer.joinable = list(joinable_organizations(user, event))
    return viewer


def event_hub(event: DraftEvent, user, *, now: datetime.datetime | None = None) -> EventHub:
    """Everything the event page shows, for ``user``."""
    now = now or timezone.now()
    has_run = DraftRun.objects.filter(event=event).exists()
    teams = list(
        DraftTeam.objects.filter(event=event)
        .select_related("organization__prefecture", "event")
        .order_by("organization__prefecture__code", "organization__name", "pk")
    )
    camps = [CampRow(camp, camp.seats_left, started=camp.starts_at <= now) for camp in camps_of(event)]
    return EventHub(
        event=event,
        status=event_status(event, has_run=has_run, now=now),
        prefectures=list(event.prefectures.order_by("code")),
        teams=teams,
        camps=camps,
        has_run=has_run,
        player_count=DraftPlayer.objects.filter(event=event).count(),
        viewer=viewer_of(user, event, now=now),
    )


# --- who takes part ------------------------------------------------------------------------------


def event_participants(event: DraftEvent) -> list[User]:
    """The event's players and the members of its teams and their consortium partners (active
    accounts of active organisations, each once): who hears about a new camp or schedule."""
    player_users = DraftPlayer.objects.filter(event=event).values("talent__user_id")
    teams = DraftTeam.objects.filter(event=event)
    partners = DraftTeam.partners.through.objects.filter(draftteam__event=event).values("organization_id")
    team_members = Membership.objects.filter(
        Q(organization_id__in=teams.values("organization_id")) | Q(organization_id__in=partners),
        organization__is_active=True,
    ).values("user_id")
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=player_users) | Q(pk__in=team_members))
        .order_by("pk")
    )
