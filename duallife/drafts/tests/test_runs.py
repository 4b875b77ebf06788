"""Nomination runs: built from the locked preference lists, solved by the engine, stored with
their exact input, seed and result (a replay gives the same answer), nominations created; a
second round works on what remains; only the organiser and operators run it, and only after the
preference deadline."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    DraftEvent,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    Nomination,
    PlayerChoice,
    TeamChoice,
)
from duallife.drafts.services.runs import draft_run_execute, draft_run_replay
from duallife.organizations.models import Organization
from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world
from duallife.regions.models import Prefecture
from duallife.talents.testing import make_talent

pytestmark = pytest.mark.django_db


def make_event(world, *, deadline_passed=True, allow_ties=False, capacity=1) -> DraftEvent:
    organizer = Organization.objects.get(slug="miyagi-pref")
    now = timezone.now()
    event = DraftEvent.objects.create(
        name="東北ドラフト会議2027",
        organizer=organizer,
        entry_opens_on=now.date() - datetime.timedelta(days=60),
        entry_closes_on=now.date() - datetime.timedelta(days=30),
        preferences_deadline=now - datetime.timedelta(hours=1)
        if deadline_passed
        else now + datetime.timedelta(days=1),
        nomination_on=now.date(),
        negotiation_until=now.date() + datetime.timedelta(days=14),
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


def pairs(run) -> set[tuple[int, int]]:
    return set(run.nominations.values_list("team_id", "player_id"))


def test_a_run_solves_the_locked_lists_and_creates_nominations(world, draft):
    event, (t0, t1), (p0, p1, p2) = draft
    run = draft_run_execute(event=event, by=world.coordinator)
    assert run.number == 1
    assert run.blocking_pairs == 0
    assert pairs(run) == {(t0.pk, p1.pk), (t1.pk, p0.pk)}
    assert run.result["unmatched_players"] == [f"p{p2.pk}"]
    assert set(run.nominations.values_list("status", flat=True)) == {Nomination.Status.PENDING}


def test_the_stored_run_replays_to_the_same_answer(world, draft):
    event, _, _ = draft
    run = DraftRun.objects.get(pk=draft_run_execute(event=event, by=world.operator).pk)
    assert draft_run_replay(run) == run.result
    assert run.instance["teams"][0]["ranking"]  # the exact input is kept


def test_a_second_round_works_on_what_remains(world, draft):
    event, (_t0, t1), (p0, p1, p2) = draft
    first = draft_run_execute(event=event, by=world.coordinator)
    Nomination.objects.filter(run=first, player=p0).update(status=Nomination.Status.DECLINED)
    Nomination.objects.filter(run=first, player=p1).update(status=Nomination.Status.ACCEPTED)

    second = draft_run_execute(event=event, by=world.coordinator)

    assert second.number == 2
    # t0 is full (p1 accepted); p0 declined t1 and is not offered it again; t1 takes p2
    assert pairs(second) == {(t1.pk, p2.pk)}
    ids = {p["id"] for p in second.instance["players"]}
    assert f"p{p1.pk}" not in ids
    assert {t["id"] for t in second.instance["teams"]} == {f"t{t1.pk}"}


def test_ties_are_drawn_by_a_stored_seed_when_the_event_allows_them(world):
    event = make_event(world, allow_ties=True)
    (t0,), (p0, p1) = teams_and_players(event, n_teams=1, n_players=2)
    rank(p0, [t0])
    rank(p1, [t0])
    TeamChoice.objects.create(team=t0, player=p0, rank=1)
    TeamChoice.objects.create(team=t0, player=p1, rank=1)  # a tie: one place, two equal players
    run = draft_run_execute(event=event, by=world.coordinator, seed=123)
    assert run.seed == 123
    assert run.instance["teams"][0]["ranking"] == [[f"p{p0.pk}", f"p{p1.pk}"]]
    assert len(run.result["matches"][f"t{t0.pk}"]) == 1
    assert draft_run_replay(run) == run.result
    # the lottery decides: over a few seeds, each of the two is drawn at least once
    winners = set()
    for seed in range(8):
        replayed = DraftRun(instance=run.instance, seed=seed, proposing=run.proposing)
        winners.update(draft_run_replay(replayed)["matches"][f"t{t0.pk}"])
    assert winners == {f"p{p0.pk}", f"p{p1.pk}"}


@pytest.mark.parametrize("who", ["far_coordinator", "owner", "nobody"])
def test_only_the_organiser_and_operators_run_it(world, draft, who):
    event, _, _ = draft
    with pytest.raises(DraftError, match="主催者と事務局"):
        draft_run_execute(event=event, by=getattr(world, who))
    assert not DraftRun.objects.exists()


def test_nothing_runs_before_the_preference_deadline(world):
    event = make_event(world, deadline_passed=False)
    teams_and_players(event)
    with pytest.raises(DraftError, match="締切前"):
        draft_run_execute(event=event, by=world.coordinator)
    assert not DraftRun.objects.exists()


def test_a_bad_side_and_an_empty_draft_are_refused(world, draft):
    event, _, _ = draft
    with pytest.raises(DraftError, match="players か teams"):
        draft_run_execute(event=event, by=world.coordinator, proposing="everyone")
    empty = make_event(world)
    with pytest.raises(DraftError, match="残っていません"):
        draft_run_execute(event=empty, by=world.coordinator)
    assert not DraftRun.objects.exists()
