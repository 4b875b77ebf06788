"""Entering a draft, ranking the other side (locked at the deadline), answering a nomination within
the negotiation window, and recording what came of it — each refused in Japanese when it may not
happen, with nothing saved half-way."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import DraftEvent, Nomination, PlayerChoice, TeamChoice
from duallife.drafts.services.choices import player_choices_save, team_choices_save
from duallife.drafts.services.nominations import nomination_outcome_record, nomination_respond
from duallife.drafts.services.players import player_enter
from duallife.drafts.services.runs import draft_run_execute
from duallife.organizations.models import Membership, Organization
from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world
from duallife.talents.testing import make_talent

from .test_runs import draft, make_event, rank, teams_and_players

pytestmark = pytest.mark.django_db


def test_a_talent_enters_once_during_the_entry_period(world):
    event = make_event(world, deadline_passed=False)
    event.entry_closes_on = timezone.localdate() + datetime.timedelta(days=3)
    event.save()
    talent = make_talent(make_user("entrant"))
    player = player_enter(event=event, talent=talent, pitch="  漁業のDXを手伝いたい  ")
    assert player.pitch == "漁業のDXを手伝いたい"
    with pytest.raises(DraftError, match="すでにエントリー"):
        player_enter(event=event, talent=talent)
    with pytest.raises(DraftError, match="2000文字以内"):
        player_enter(event=event, talent=make_talent(make_user("long")), pitch="あ" * 2001)


def test_entering_outside_the_entry_period_is_refused(world):
    event = make_event(world)  # entry closed 30 days ago
    with pytest.raises(DraftError, match="受付期間"):
        player_enter(event=event, talent=make_talent(make_user("late")))


def test_rankings_replace_the_old_list_and_refuse_repeats_and_strangers(world):
    event = make_event(world, deadline_passed=False)
    (t0, t1), (p0, p1, _p2) = teams_and_players(event)
    player_choices_save(player=p0, teams=[t1, t0])
    player_choices_save(player=p0, teams=[t0])
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", "rank")) == [(t0.pk, 1)]
    team_choices_save(team=t0, players=[p1, p0])
    assert list(TeamChoice.objects.filter(team=t0).values_list("player_id", "rank")) == [
        (p1.pk, 1),
        (p0.pk, 2),
    ]

    with pytest.raises(DraftError, match="2回"):
        player_choices_save(player=p0, teams=[t0, t0])
    other_event = make_event(world, deadline_passed=False)
    (stranger,), _ = teams_and_players(other_event, n_teams=1, n_players=0)
    with pytest.raises(DraftError, match="参加していない"):
        player_choices_save(player=p0, teams=[t1, stranger])
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", flat=True)) == [t0.pk]


def test_equal_ranks_only_where_the_event_allows_ties(world):
    strict = make_event(world, deadline_passed=False)
    (t0, t1), (p0, _p1, _p2) = teams_and_players(strict)
    with pytest.raises(DraftError, match="同じ順位"):
        player_choices_save(player=p0, teams=[[t0, t1]])
    assert not PlayerChoice.objects.filter(player=p0).exists()

    relaxed = make_event(world, deadline_passed=False, allow_ties=True)
    (u0, u1, u2), (q0, _q1, _q2) = teams_and_players(relaxed, n_teams=3)
    player_choices_save(player=q0, teams=[[u1, u0], u2])
    assert sorted(PlayerChoice.objects.filter(player=q0).values_list("team_id", "rank")) == sorted(
        [(u1.pk, 1), (u0.pk, 1), (u2.pk, 2)]
    )


def test_rankings_lock_at_the_deadline(world, draft):
    _event, (t0, t1), (p0, _p1, _p2) = draft  # its deadline has passed
    with pytest.raises(DraftError, match="締切"):
        player_choices_save(player=p0, teams=[t1])
    with pytest.raises(DraftError, match="締切"):
        team_choices_save(team=t0, players=[p0])


@pytest.fixture
def nominated(world, draft):
    event, _teams, _players = draft
    run = draft_run_execute(event=event, by=world.coordinator)
    return run.nominations.select_related("player__talent__user", "team").order_by("pk").first()


def test_the_nominated_talent_accepts_or_declines_once(world, nominated):
    with pytest.raises(DraftError, match="本人だけ"):
        nomination_respond(nomination=nominated, by=world.owner, accept=True)
    answered = nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=False)
    assert answered.status == Nomination.Status.DECLINED
    assert answered.responded_at is not None
    with pytest.raises(DraftError, match="すでに回答"):
        nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=True)


def test_no_answer_after_the_negotiation_window(world, nominated):
    DraftEvent.objects.filter(pk=nominated.run.event_id).update(
        negotiation_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(DraftError, match="交渉期間"):
        nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=True)
    assert Nomination.objects.get(pk=nominated.pk).status == Nomination.Status.PENDING


def test_outcomes_are_recorded_for_accepted_nominations_by_the_organiser_or_the_team(world, nominated):
    with pytest.raises(DraftError, match="受諾された指名"):
        nomination_outcome_record(nomination=nominated, by=world.coordinator, outcome="moved")
    nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=True)

    with pytest.raises(DraftError, match="主催者・事務局・指名したチーム"):
        nomination_outcome_record(nomination=nominated, by=world.far_coordinator, outcome="moved")
    with pytest.raises(DraftError, match="から選んで"):
        nomination_outcome_record(nomination=nominated, by=world.coordinator, outcome="rich")

    team_member = make_user("team-member")
    Membership.objects.create(user=team_member, organization=nominated.team.organization)
    recorded = nomination_outcome_record(
        nomination=nominated, by=team_member, outcome="dual_life", note="月2回、石巻に通っています"
    )
    assert recorded.outcome == Nomination.Outcome.DUAL_LIFE
    assert recorded.outcome_recorded_at is not None
