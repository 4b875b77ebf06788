"""Nomination runs: built from the locked preference lists, solved by the engine, stored with
their exact input, seed and result (a replay gives the same answer), nominations created; a
second round works on what remains; only the organiser and operators run it, only from the
nomination day until the negotiation window ends, by the stored schedule under the event's lock."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    DraftEvent,
    DraftRun,
    Nomination,
    TeamChoice,
)
from duallife.drafts.services.runs import draft_run_execute, draft_run_replay
from duallife.notifications.models import Notification
from duallife.testing.drafts import DAY, make_event, rank, teams_and_players

pytestmark = pytest.mark.django_db


def pairs(run) -> set[tuple[int, int]]:
    return set(run.nominations.values_list("team_id", "player_id"))


def test_a_run_goes_by_the_stored_schedule_not_by_a_stale_copy(world):
    # the organiser opened the run page before the deadline was moved back into the future
    event = make_event(world)
    teams, players = teams_and_players(event)
    rank(players[0], [teams[0]])
    rank(teams[0], [players[0]])
    stale = DraftEvent.objects.get(pk=event.pk)
    DraftEvent.objects.filter(pk=event.pk).update(preferences_deadline=timezone.now() + DAY)

    with pytest.raises(DraftError, match="締切前は指名を実行できません"):
        draft_run_execute(event=stale, by=world.coordinator)

    assert not DraftRun.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nomination_on": 1, "negotiation_until": 15}, "指名日（"),
        ({"nomination_on": -20, "negotiation_until": -1}, "交渉期間が終わった"),
    ],
)
def test_runs_happen_from_the_nomination_day_until_the_window_ends(world, changes, message):
    event = make_event(world)
    today = timezone.localdate()
    DraftEvent.objects.filter(pk=event.pk).update(
        **{field: today + datetime.timedelta(days=days) for field, days in changes.items()}
    )
    (team,), (player,) = teams_and_players(event, n_teams=1, n_players=1)
    rank(player, [team])
    rank(team, [player])

    with pytest.raises(DraftError, match=message):
        draft_run_execute(event=DraftEvent.objects.get(pk=event.pk), by=world.coordinator)

    assert not DraftRun.objects.filter(event=event).exists()
    assert not Notification.objects.filter(user=player.talent.user).exists()


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
