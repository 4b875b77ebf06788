"""Preference lists, the rules: a save replaces the old list, refuses repeats and strangers,
allows equal ranks only where the event allows ties, locks at the deadline, and two saves of one
list at once both succeed."""

from __future__ import annotations

import pytest
from django.db import connection

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    DraftPlayer,
    PlayerChoice,
    TeamChoice,
)
from duallife.drafts.services.choices import player_choices_save, team_choices_save
from duallife.organizations.models import Membership
from duallife.testing.accounts import make_user
from duallife.testing.drafts import camp_event, make_event, rank, teams_and_players, user_of

pytestmark = pytest.mark.django_db


def member_of(team):
    """A new member of the team's organisation (someone acting for the team)."""
    user = make_user(f"member-{team.pk}@example.jp")
    Membership.objects.create(user=user, organization=team.organization)
    return user


def test_rankings_replace_the_old_list_and_refuse_repeats_and_strangers(world):
    event = make_event(world, deadline_passed=False)
    (t0, t1), (p0, p1, _p2) = teams_and_players(event)
    player_choices_save(player=p0, by=user_of(p0), teams=[t1, t0])
    player_choices_save(player=p0, by=user_of(p0), teams=[t0])
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", "rank")) == [(t0.pk, 1)]
    team_choices_save(team=t0, by=member_of(t0), players=[p1, p0])
    assert list(TeamChoice.objects.filter(team=t0).values_list("player_id", "rank")) == [
        (p1.pk, 1),
        (p0.pk, 2),
    ]

    with pytest.raises(DraftError, match="2回"):
        player_choices_save(player=p0, by=user_of(p0), teams=[t0, t0])
    other_event = make_event(world, deadline_passed=False)
    (stranger,), _ = teams_and_players(other_event, n_teams=1, n_players=0)
    with pytest.raises(DraftError, match="参加していない"):
        player_choices_save(player=p0, by=user_of(p0), teams=[t1, stranger])
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", flat=True)) == [t0.pk]


def test_equal_ranks_only_where_the_event_allows_ties(world):
    strict = make_event(world, deadline_passed=False)
    (t0, t1), (p0, _p1, _p2) = teams_and_players(strict)
    with pytest.raises(DraftError, match="同じ順位"):
        player_choices_save(player=p0, by=user_of(p0), teams=[[t0, t1]])
    assert not PlayerChoice.objects.filter(player=p0).exists()

    relaxed = make_event(world, deadline_passed=False, allow_ties=True)
    (u0, u1, u2), (q0, _q1, _q2) = teams_and_players(relaxed, n_teams=3)
    player_choices_save(player=q0, by=user_of(q0), teams=[[u1, u0], u2])
    assert sorted(PlayerChoice.objects.filter(player=q0).values_list("team_id", "rank")) == sorted(
        [(u1.pk, 1), (u0.pk, 1), (u2.pk, 2)]
    )


def test_rankings_lock_at_the_deadline(world, draft):
    _event, (t0, t1), (p0, _p1, _p2) = draft  # its deadline has passed
    with pytest.raises(DraftError, match="締切"):
        player_choices_save(player=p0, by=user_of(p0), teams=[t1])
    with pytest.raises(DraftError, match="締切"):
        team_choices_save(team=t0, by=member_of(t0), players=[p0])


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database serves one connection at a time",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_list_both_succeed(world):
    from duallife.testing.concurrency import all_at_once

    event = camp_event(world)
    teams, (player,) = teams_and_players(event, n_teams=3, n_players=1)
    rank(player, teams[:1])

    def save(index: int):
        order = teams if index % 2 == 0 else list(reversed(teams))
        player_choices_save(
            player=DraftPlayer.objects.get(pk=player.pk), by=user_of(player), teams=[t.pk for t in order]
        )
        return index

    assert all_at_once(6, save) == list(range(6))
    ranks = sorted(PlayerChoice.objects.filter(player=player).values_list("rank", flat=True))
    assert ranks == [1, 2, 3]


def test_only_the_player_and_the_teams_people_write_their_lists(world):
    event = make_event(world, deadline_passed=False)
    (t0, t1), (p0, p1, _p2) = teams_and_players(event)
    with pytest.raises(DraftError, match="選手本人"):
        player_choices_save(player=p0, by=user_of(p1), teams=[t0])
    with pytest.raises(DraftError, match="チームのメンバー"):
        team_choices_save(team=t0, by=member_of(t1), players=[p0])
    assert not PlayerChoice.objects.exists()
    assert not TeamChoice.objects.exists()
