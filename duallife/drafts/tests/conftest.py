"""Fixtures of the draft's tests: the marketplace of ``world`` (duallife/testing/fixtures.py) and
draft events at the stages the tests need."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from duallife.drafts.models import (
    CampRegistration,
    DraftMessage,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    PlayerChoice,
    TeamChoice,
)
from duallife.organizations.models import Organization
from duallife.testing.accounts import give_mfa, make_user
from duallife.testing.drafts import (
    Drafted,
    camp_event,
    draft_and_run,
    ensure_mfa,
    make_camp,
    make_event,
    open_event,
    players,
    rank,
    teams_and_players,
)
from duallife.testing.organizations import make_org
from duallife.testing.talents import make_talent


@pytest.fixture
def cast(world):
    """An event with a company team (world.owner and world.member), a coordinator team without
    members, and two players; the organiser is world.coordinator (with MFA)."""
    event = camp_event(world)
    (other_team,), players = teams_and_players(event, n_teams=1, n_players=2)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    give_mfa(world.coordinator)
    return SimpleNamespace(event=event, team=team, other_team=other_team, players=players)


@pytest.fixture
def consortium(world):
    """An open event; the miyagi coordinator body leads a team; world.company may be a partner."""
    event = make_event(world, deadline_passed=False)
    lead = DraftTeam.objects.create(event=event, organization=Organization.objects.get(slug="miyagi-pref"))
    ensure_mfa(world.coordinator)
    return event, lead


@pytest.fixture
def event(world):
    """An open event with the company as a team (owner, member; a consortium partner whose admin
    is world.stranger) and two players; the organiser is world.coordinator."""
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    team.partners.add(world.other_company)
    for i in range(2):
        DraftPlayer.objects.create(
            event=event, talent=make_talent(make_user(f"entrant{i}")), pitch="よろしく"
        )
    return event


@pytest.fixture
def solved(world):
    """An event whose preference deadline passed and that has a run."""
    event = make_event(world)
    DraftRun.objects.create(event=event, number=1, proposing="players", instance={}, result={})
    return event


@pytest.fixture
def camp(world, event):
    """A camp five days ahead with two players and the team's owner registered."""
    camp = make_camp(event)
    team = DraftTeam.objects.get(event=event)
    for player in players(event):
        CampRegistration.objects.create(camp=camp, user=player.talent.user, player=player)
    CampRegistration.objects.create(camp=camp, user=world.owner, team=team)
    return camp


@pytest.fixture
def entrant(world, event):
    """The first player: ranks the company team, is ranked by it (second of three, after a tie in
    another team's list), has a camp seat and a thread with the team."""
    team = DraftTeam.objects.get(event=event)
    other = DraftTeam.objects.create(
        event=event, organization=make_org(Organization.Kind.COORDINATOR, "iwate")
    )
    p0, p1 = players(event)
    p2 = DraftPlayer.objects.create(event=event, talent=make_talent(make_user("entrant2")), pitch="よろしく")
    PlayerChoice.objects.create(player=p0, team=team, rank=1)
    PlayerChoice.objects.create(player=p0, team=other, rank=2)
    TeamChoice.objects.create(team=team, player=p1, rank=1)
    TeamChoice.objects.create(team=team, player=p0, rank=2)
    TeamChoice.objects.create(team=team, player=p2, rank=3)
    TeamChoice.objects.create(team=other, player=p1, rank=1)
    camp = make_camp(event, title="オンライン顔合わせ")
    CampRegistration.objects.create(camp=camp, user=p0.talent.user, player=p0)
    CampRegistration.objects.create(camp=camp, user=world.member, team=team)
    for body in ("はじめまして", "よろしくお願いします"):
        DraftMessage.objects.create(event=event, team=team, player=p0, from_team=False, body=body)
    return p0


@pytest.fixture
def partnered(world):
    """An open event of 宮城県; the miyagi coordinator body leads a team with world.company (owner,
    member) as its partner; one player."""
    event = open_event(world)
    lead = DraftTeam.objects.create(event=event, organization=Organization.objects.get(slug="miyagi-pref"))
    lead.partners.add(world.company)
    player = DraftPlayer.objects.create(
        event=event, talent=make_talent(make_user("entrant")), pitch="よろしく"
    )
    ensure_mfa(world.coordinator)
    return event, lead, player


@pytest.fixture
def draft(world):
    """Two teams of one place; p0 and p1 both want t0 first, t0 prefers p1; p2 wants only t1."""
    event = make_event(world)
    (t0, t1), (p0, p1, p2) = teams_and_players(event)
    rank(p0, [t0, t1])
    rank(p1, [t0])
    rank(p2, [t1])
    rank(t0, [p1, p0])
    rank(t1, [p0, p2])
    return event, (t0, t1), (p0, p1, p2)


@pytest.fixture
def drafted(world) -> Drafted:
    for user in (world.coordinator, world.far_coordinator, world.operator):
        ensure_mfa(user)
    return draft_and_run(world)
