"""Messages between a team and a player, the rules: the player and the people acting for the team
write while the event runs, within one event; every member but the writer, or the player, hears
of it; empty and over-long messages are refused."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import DraftMessage
from duallife.notifications.models import Kind, Notification
from duallife.testing.drafts import camp_event, post, teams_and_players, thread_url, user_of

pytestmark = pytest.mark.django_db


def test_a_player_writes_to_a_team_and_every_member_but_the_writer_hears_of_it(world, cast):
    message = post(cast, user_of(cast.players[0]), body="  はじめまして  ")
    assert (message.from_team, message.body, message.author) == (
        False,
        "はじめまして",
        user_of(cast.players[0]),
    )

    notices = Notification.objects.filter(kind=Kind.DRAFT)
    assert set(notices.values_list("user_id", flat=True)) == {world.owner.pk, world.member.pk}
    notice = notices.first()
    assert notice.url == thread_url(cast.event, cast.team, cast.players[0])
    assert cast.players[0].talent.display_name in notice.title
    assert notice.body == "はじめまして"


def test_a_team_member_writes_to_a_player_who_hears_of_it(world, cast):
    message = post(cast, world.member, body="ぜひ一度お話ししましょう。")
    assert message.from_team is True
    notice = Notification.objects.get(kind=Kind.DRAFT)
    assert notice.user == user_of(cast.players[0])
    assert "sendai-misoの名前" in notice.title
    assert notice.url == thread_url(cast.event, cast.team, cast.players[0])


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "入力してください"), ("  \n ", "入力してください"), ("あ" * 2001, "2,000文字以内")],
)
def test_empty_and_over_long_messages_are_refused(world, cast, body, message):
    with pytest.raises(DraftError, match=message):
        post(cast, world.member, body=body)
    assert not DraftMessage.objects.exists()
    assert not Notification.objects.exists()
    assert post(cast, world.member, body="あ" * 2000).body == "あ" * 2000


def test_only_the_player_and_the_teams_members_write(world, cast):
    for outsider in (
        world.stranger,
        world.coordinator,
        world.operator,
        world.talent,
        user_of(cast.players[1]),
    ):
        with pytest.raises(DraftError, match="選手本人とチームのメンバーだけ"):
            post(cast, outsider)
    assert not DraftMessage.objects.exists()


def test_a_team_and_a_player_of_different_events_are_refused(world, cast):
    other_event = camp_event(world)
    (foreign_team,), (foreign_player,) = teams_and_players(other_event, n_teams=1, n_players=1)
    with pytest.raises(DraftError, match="同じドラフト会議"):
        post(cast, user_of(foreign_player), player=foreign_player)
    with pytest.raises(DraftError, match="同じドラフト会議"):
        post(cast, user_of(cast.players[0]), team=foreign_team)
    assert not DraftMessage.objects.exists()


def test_messages_only_while_the_event_runs(world, cast):
    today = timezone.localdate()
    event = cast.event
    event.entry_opens_on = today + datetime.timedelta(days=1)
    event.save()
    with pytest.raises(DraftError, match="期間中"):
        post(cast, world.member)

    event.entry_opens_on = today
    event.negotiation_until = today
    event.save()
    assert post(cast, world.member).pk  # both ends of the window count

    event.negotiation_until = today - datetime.timedelta(days=1)
    event.save()
    with pytest.raises(DraftError, match="期間中"):
        post(cast, world.member)
    assert DraftMessage.objects.count() == 1
