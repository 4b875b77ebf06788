"""Builders the draft's tests share: events, teams, players, lists, camps and a run, made
straight in the database (no service involved), and checks that no contact detail leaks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import User
from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    Nomination,
    PlayerChoice,
    TeamChoice,
)
from duallife.drafts.services.events import draft_event_create
from duallife.drafts.services.messages import draft_message_post
from duallife.drafts.services.runs import draft_run_execute
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.regions.models import Prefecture

from .accounts import give_mfa, make_user
from .organizations import make_org
from .talents import make_talent

# What make_talent() gives every player: none of it may reach a page of the draft.
CONTACTS = ("髙橋", "美咲", "タカハシ", "090-1234-5678")


def camp_event(world, **changes) -> DraftEvent:
    """An event whose entry is open and whose preference deadline is 30 days away."""
    event = make_event(world, deadline_passed=False)
    today = timezone.localdate()
    values = {
        "entry_opens_on": today - datetime.timedelta(days=10),
        "entry_closes_on": today + datetime.timedelta(days=20),
        "preferences_deadline": timezone.now() + datetime.timedelta(days=30),
        "nomination_on": today + datetime.timedelta(days=31),
        "negotiation_until": today + datetime.timedelta(days=45),
    }
    values.update(changes)
    for name, value in values.items():
        setattr(event, name, value)
    event.save()
    return event


def make_camp(event, *, starts_in=datetime.timedelta(days=5), hours=3, capacity=10, **fields) -> DraftCamp:
    starts = timezone.now() + starts_in
    values = {
        "title": "石巻の浜で語る夜",
        "mode": DraftCamp.Mode.ONLINE,
        "place": "https://meet.example.jp/ishinomaki",
        "description": "チームと選手が自己紹介をします。",
    }
    values.update(fields)
    return DraftCamp.objects.create(
        event=event,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        capacity=capacity,
        **values,
    )


def more_players(event, n: int, prefix: str = "extra") -> list[DraftPlayer]:
    return [
        DraftPlayer.objects.create(
            event=event, talent=make_talent(make_user(f"{prefix}{event.pk}-{i}")), pitch="よろしく"
        )
        for i in range(n)
    ]


def user_of(player):
    return player.talent.user


def camp_url(camp, name="camp"):
    return reverse(f"drafts:{name}", args=[camp.event_id, camp.pk])


def text(response) -> str:
    return response.content.decode()


def camp_values(**changes):
    starts = timezone.now() + datetime.timedelta(days=7)
    values = {
        "title": "オンライン顔合わせ",
        "mode": DraftCamp.Mode.ONLINE,
        "place": "https://meet.example.jp/kaogawase",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "capacity": 40,
        "description": "",
    }
    values.update(changes)
    return values


def registered_camp(cast, world, *, starts_in=-datetime.timedelta(hours=1)):
    camp = make_camp(cast.event, starts_in=starts_in)
    rows = [CampRegistration.objects.create(camp=camp, user=user_of(p), player=p) for p in cast.players] + [
        CampRegistration.objects.create(camp=camp, user=world.member, team=cast.team)
    ]
    return camp, rows


def schedule(**changes):
    today = timezone.localdate()
    values = {
        "entry_opens_on": today,
        "entry_closes_on": today + datetime.timedelta(days=30),
        "preferences_deadline": timezone.now() + datetime.timedelta(days=45),
        "nomination_on": today + datetime.timedelta(days=50),
        "negotiation_until": today + datetime.timedelta(days=64),
    }
    values.update(changes)
    return values


def create(world, by=None, **changes):
    values = {
        "by": by or world.coordinator,
        "organizer": Organization.objects.get(slug="miyagi-pref"),
        "name": "みやぎドラフト会議",
        "prefectures": [Prefecture.objects.get(code="04")],
        "schedule": schedule(),
        "team_capacity": 2,
        "player_fee_yen": 3000,
        "rebate": "仙台までの交通費クーポン2,000円分",
    }
    values.update(changes)
    return draft_event_create(**values)


DAY = datetime.timedelta(days=1)


HOUR = datetime.timedelta(hours=1)


HUGE = 10**20


def url(name, *args):
    return reverse(f"drafts:{name}", args=args)


def assert_login_redirect(response):
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def notices(user=None, **where):
    qs = Notification.objects.filter(kind=Kind.DRAFT, **where)
    return qs.filter(user=user) if user is not None else qs


def players(event) -> list[DraftPlayer]:
    return list(DraftPlayer.objects.filter(event=event).select_related("talent__user").order_by("pk"))


def update_kwargs(event: DraftEvent, **changes) -> dict:
    values = {
        "name": event.name,
        "prefectures": list(event.prefectures.all()),
        "schedule": {
            "entry_opens_on": event.entry_opens_on,
            "entry_closes_on": event.entry_closes_on,
            "preferences_deadline": event.preferences_deadline,
            "nomination_on": event.nomination_on,
            "negotiation_until": event.negotiation_until,
        },
        "team_capacity": event.team_capacity,
        "player_fee_yen": event.player_fee_yen,
        "team_fee_yen": event.team_fee_yen,
        "rebate": event.rebate,
        "rules": event.rules,
        "allow_ties": event.allow_ties,
    }
    values.update(changes)
    return values


def thread_url(event, team, player) -> str:
    return reverse("drafts:thread", args=[event.pk, team.pk, player.pk])


def post(cast, by, body="はじめまして。石巻の暮らしについて教えてください。", *, player=None, team=None):
    return draft_message_post(
        event=cast.event, team=team or cast.team, player=player or cast.players[0], by=by, body=body
    )


def camp_at(event, starts_in: datetime.timedelta, title: str) -> DraftCamp:
    start = timezone.now() + starts_in
    return DraftCamp.objects.create(
        event=event,
        title=title,
        mode=DraftCamp.Mode.ONLINE,
        place="https://meet.example.jp/draft",
        starts_at=start,
        ends_at=start + 2 * HOUR,
        capacity=10,
    )


def make_event(world, *, deadline_passed=True, allow_ties=False, capacity=1) -> DraftEvent:
    organizer = Organization.objects.get(slug="miyagi-pref")
    now = timezone.now()
    today = timezone.localdate()  # Tokyo's day: the service orders the deadline by its day there
    event = DraftEvent.objects.create(
        name="東北ドラフト会議2027",
        organizer=organizer,
        entry_opens_on=today - datetime.timedelta(days=60),
        entry_closes_on=today - datetime.timedelta(days=30),
        preferences_deadline=now - datetime.timedelta(hours=1)
        if deadline_passed
        else now + datetime.timedelta(days=1),
        nomination_on=today,
        negotiation_until=today + datetime.timedelta(days=14),
        team_capacity=capacity,
        allow_ties=allow_ties,
    )
    event.prefectures.set([Prefecture.objects.get(code="04")])
    return event


def teams_and_players(event, n_teams=2, n_players=3):
    teams = [
        DraftTeam.objects.create(
            event=event, organization=make_org(Organization.Kind.COORDINATOR, f"team-{event.pk}-{i}")
        )
        for i in range(n_teams)
    ]
    players = [
        DraftPlayer.objects.create(
            event=event, talent=make_talent(make_user(f"player{event.pk}-{i}")), pitch="よろしく"
        )
        for i in range(n_players)
    ]
    return teams, players


def rank(owner, others):
    model = PlayerChoice if isinstance(owner, DraftPlayer) else TeamChoice
    for position, other in enumerate(others, start=1):
        if model is PlayerChoice:
            PlayerChoice.objects.create(player=owner, team=other, rank=position)
        else:
            TeamChoice.objects.create(team=owner, player=other, rank=position)


def open_event(world, **changes) -> DraftEvent:
    """An event of 宮城県 whose entry is open today (deadline in ten days)."""
    today = timezone.localdate()
    values = {
        "name": "みやぎ移住ドラフト会議",
        "organizer": Organization.objects.get(slug="miyagi-pref"),
        "entry_opens_on": today - DAY,
        "entry_closes_on": today + 5 * DAY,
        "preferences_deadline": timezone.now() + 10 * DAY,
        "nomination_on": today + 12 * DAY,
        "negotiation_until": today + 26 * DAY,
        "team_capacity": 2,
        "player_fee_yen": 3000,
        "team_fee_yen": 0,
        "rebate": "仙台までの交通費クーポン2,000円分",
        "rules": "合宿に1回以上参加してください。",
    }
    values.update(changes)
    event = DraftEvent.objects.create(**values)
    event.prefectures.set([Prefecture.objects.get(code="04")])
    return event


def nomination_of(drafted, index: int) -> Nomination:
    return Nomination.objects.get(run=drafted.run, player=drafted.players[index])


def ensure_mfa(user) -> None:
    """An authenticator app for a staff user (once, however many fixtures ask)."""
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        give_mfa(user)


SECRETS = ("髙橋", "美咲", "タカハシ", "ミサキ", "090-1234-5678")


def assert_no_contact_details(content: str, players) -> None:
    """No real name, kana, phone or email of any of ``players`` in ``content``."""
    for player in players:
        assert player.talent.user.email not in content
    for secret in SECRETS:
        assert secret not in content


@dataclass
class Drafted:
    event: DraftEvent
    company_team: DraftTeam  # world.company: owner and member act for it
    region_team: DraftTeam  # a coordinator body, with ``region_member``
    region_member: User
    players: list[DraftPlayer]
    run: DraftRun


def draft_and_run(world, *, capacity: int = 2, **event_options) -> Drafted:
    """p0 and p1 go to the company's team, p2 to the region's team."""
    event = make_event(world, capacity=capacity, **event_options)
    company_team = DraftTeam.objects.create(event=event, organization=world.company)
    (region_team,), (p0, p1, p2) = teams_and_players(event, n_teams=1, n_players=3)
    region_member = make_user(f"region-member-{event.pk}")
    Membership.objects.create(user=region_member, organization=region_team.organization)
    ensure_mfa(region_member)
    rank(p0, [company_team])
    rank(p1, [company_team, region_team])
    rank(p2, [region_team])
    rank(company_team, [p0, p1])
    rank(region_team, [p2, p1])
    run = draft_run_execute(event=event, by=world.coordinator)
    return Drafted(event, company_team, region_team, region_member, [p0, p1, p2], run)
