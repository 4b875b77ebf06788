"""Players, the rules: a talent enters once during the entry period; a player withdraws before the
deadline unless nominated, and the teams' lists close up around them keeping their ties."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    DraftPlayer,
    DraftTeam,
    TeamChoice,
)
from duallife.drafts.services.players import player_enter, player_withdraw
from duallife.testing.accounts import make_user
from duallife.testing.drafts import make_event
from duallife.testing.talents import make_talent

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


def test_a_closed_up_list_keeps_its_ties(world, event, entrant):
    team = DraftTeam.objects.get(event=event, organization=world.company)
    p1 = DraftPlayer.objects.exclude(pk=entrant.pk).order_by("pk").first()
    TeamChoice.objects.filter(team=team, player=p1).update(rank=3)  # ranks: p0 2, p1 3, p2 3
    player_withdraw(player=entrant, by=entrant.talent.user)
    assert sorted(TeamChoice.objects.filter(team=team).values_list("rank", flat=True)) == [1, 1]


def test_the_service_refuses_anyone_but_the_player(world, event, entrant):
    with pytest.raises(DraftError, match="エントリーした本人だけ"):
        player_withdraw(player=entrant, by=world.coordinator)
    assert DraftPlayer.objects.filter(pk=entrant.pk).exists()
