"""Shared set-up of the runs, results and nominations page tests: a draft run once, with the
company of ``world`` as one of its teams (its owner and member act for it, no MFA needed) and a
coordinator team with a member of its own (MFA set up)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from duallife.accounts.models import User
from duallife.drafts.models import DraftEvent, DraftPlayer, DraftRun, DraftTeam
from duallife.drafts.services.runs import draft_run_execute
from duallife.organizations.models import Membership
from duallife.organizations.testing import give_mfa
from duallife.postings.tests.conftest import make_user

from .test_runs import make_event, rank, teams_and_players


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


@pytest.fixture
def drafted(world) -> Drafted:
    for user in (world.coordinator, world.far_coordinator, world.operator):
        ensure_mfa(user)
    return draft_and_run(world)
