"""Message pages: the thread (oldest first, read-only outside the event's window; the organiser
reads, logged, but cannot write) and the list of the viewer's threads, for the event's players and
teams only, in a bounded number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import PersonalDataAccess
from duallife.drafts.models import DraftMessage, DraftTeam
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.testing.accounts import give_mfa
from duallife.testing.drafts import (
    CONTACTS,
    camp_event,
    more_players,
    post,
    teams_and_players,
    text,
    thread_url,
    user_of,
)
from duallife.testing.organizations import make_org

pytestmark = pytest.mark.django_db


def list_url(event) -> str:
    return reverse("drafts:messages", args=[event.pk])


def test_the_thread_shows_messages_oldest_first_with_who_wrote_them(client, world, cast):
    player = cast.players[0]
    post(cast, user_of(player), body="最初のメッセージ")
    post(cast, world.owner, body="二番目のメッセージ")
    post(cast, world.member, body="三番目のメッセージ")

    client.force_login(world.member)
    response = client.get(thread_url(cast.event, cast.team, player))
    body = text(response)
    assert response.status_code == 200
    assert (
        body.index("最初のメッセージ") < body.index("二番目のメッセージ") < body.index("三番目のメッセージ")
    )
    assert f"{player.talent.display_name}さん" in body
    assert "sendai-misoの名前" in body
    for value in (*CONTACTS, user_of(player).email):
        assert value not in body
    assert 'name="body"' in body


def test_posting_in_the_thread_saves_notifies_and_returns_to_the_message(client, world, cast):
    player = cast.players[0]
    client.force_login(user_of(player))
    response = client.post(
        thread_url(cast.event, cast.team, player), {"body": "合宿でお会いできるのを楽しみにしています。"}
    )
    message = DraftMessage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{thread_url(cast.event, cast.team, player)}#message-{message.pk}"
    assert (message.from_team, message.author) == (False, user_of(player))
    assert Notification.objects.filter(kind=Kind.DRAFT, user=world.owner).exists()
    assert "メッセージを送りました" in text(client.get(thread_url(cast.event, cast.team, player)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": ""}, "メッセージを入力してください"),
        ({"body": "   "}, "メッセージを入力してください"),
        ({}, "メッセージを入力してください"),
        ({"body": "あ" * 2001}, "メッセージは2000文字以内で入力してください（いま2001文字）"),
    ],
)
def test_empty_or_over_long_posts_are_a_400_in_japanese(client, world, cast, data, message):
    client.force_login(world.member)
    response = client.post(thread_url(cast.event, cast.team, cast.players[0]), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not DraftMessage.objects.exists()


def test_outside_the_event_window_the_thread_is_read_only(client, world, cast):
    post(cast, world.member, body="昨年はありがとうございました。")
    event = cast.event
    event.negotiation_until = timezone.localdate() - datetime.timedelta(days=1)
    event.save()
    client.force_login(user_of(cast.players[0]))
    url = thread_url(event, cast.team, cast.players[0])
    body = text(client.get(url))
    assert "昨年はありがとうございました。" in body
    assert "期間中" in body
    assert 'name="body"' not in body
    response = client.post(url, {"body": "まだ間に合いますか"})
    assert response.status_code == 400
    assert "期間中" in text(response)
    assert DraftMessage.objects.count() == 1


def test_the_organiser_reads_a_thread_but_cannot_write_and_the_read_is_logged(client, world, cast):
    player = cast.players[0]
    post(cast, user_of(player), body="よろしくお願いします")
    client.force_login(world.coordinator)  # has MFA (the cast fixture)
    url = thread_url(cast.event, cast.team, player)
    response = client.get(url)
    assert response.status_code == 200
    assert "よろしくお願いします" in text(response)
    assert 'name="body"' not in text(response)
    access = PersonalDataAccess.objects.get()
    assert (access.by, access.subject) == (world.coordinator, user_of(player))

    response = client.post(url, {"body": "主催者です"})
    assert response.status_code == 403
    assert not DraftMessage.objects.filter(author=world.coordinator).exists()


def test_thread_access_for_outsiders_anonymous_and_staff_without_mfa(client, world, cast):
    url = thread_url(cast.event, cast.team, cast.players[0])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(url, {"body": "こんにちは"}).status_code == 302

    other_event = camp_event(world)
    _, (foreign_player,) = teams_and_players(other_event, n_teams=0, n_players=1)
    for outsider in (world.stranger, world.talent, user_of(cast.players[1]), user_of(foreign_player)):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, {"body": "こんにちは"}).status_code == 403
    give_mfa(world.far_coordinator)
    client.force_login(world.far_coordinator)
    assert client.get(url).status_code == 403

    client.force_login(world.operator)  # staff without MFA
    assert client.get(url)["Location"] == reverse("mfa_index")
    assert not DraftMessage.objects.exists()


def test_a_pair_outside_the_event_is_a_404(client, world, cast):
    other_event = camp_event(world)
    (foreign_team,), (foreign_player,) = teams_and_players(other_event, n_teams=1, n_players=1)
    client.force_login(world.member)
    event = cast.event
    assert client.get(thread_url(event, cast.team, foreign_player)).status_code == 404
    client.force_login(user_of(cast.players[0]))
    assert client.get(thread_url(event, foreign_team, cast.players[0])).status_code == 404
    assert client.post(thread_url(event, foreign_team, cast.players[0]), {"body": "x"}).status_code == 404
    # the pair itself belongs to another event
    client.force_login(user_of(foreign_player))
    assert client.get(thread_url(event, foreign_team, foreign_player)).status_code == 404
    assert client.get(f"/drafts/{event.pk}/messages/{cast.team.pk}/abc/").status_code == 404
    assert not DraftMessage.objects.exists()


def test_a_player_sees_their_threads_and_the_teams_they_have_not_written_to(client, world, cast):
    player = cast.players[0]
    post(cast, world.member, body="石巻でお待ちしています。")
    client.force_login(user_of(player))
    response = client.get(list_url(cast.event))
    body = text(response)
    assert response.status_code == 200
    assert thread_url(cast.event, cast.team, player) in body
    assert "石巻でお待ちしています。" in body
    assert "まだやりとりのないチーム" in body
    assert thread_url(cast.event, cast.other_team, player) in body
    assert cast.players[1].talent.display_name not in body


def test_a_team_member_sees_the_teams_threads_and_a_way_to_start_one(client, world, cast):
    post(cast, user_of(cast.players[0]), body="はじめまして、よろしくお願いします。")
    client.force_login(world.owner)
    body = text(client.get(list_url(cast.event)))
    assert f"{cast.players[0].talent.display_name}さん" in body
    assert "はじめまして、よろしくお願いします。" in body
    assert reverse("drafts:players", args=[cast.event.pk]) in body
    for value in (*CONTACTS, user_of(cast.players[0]).email):
        assert value not in body


def test_the_organiser_sees_every_thread_of_the_event(client, world, cast):
    post(cast, user_of(cast.players[0]), body="一通目")
    post(cast, user_of(cast.players[1]), body="二通目", player=cast.players[1])
    client.force_login(world.coordinator)
    body = text(client.get(list_url(cast.event)))
    assert thread_url(cast.event, cast.team, cast.players[0]) in body
    assert thread_url(cast.event, cast.team, cast.players[1]) in body
    assert "一通目" not in body  # what they wrote is read in the thread, where the read is logged
    assert not PersonalDataAccess.objects.exists()


def test_the_list_is_for_the_events_players_and_teams(client, world, cast):
    url = list_url(cast.event)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    other_event = camp_event(world)
    _, (foreign_player,) = teams_and_players(other_event, n_teams=0, n_players=1)
    for outsider in (world.stranger, world.talent, user_of(foreign_player)):
        client.force_login(outsider)
        response = client.get(url)
        assert response.status_code == 403
        assert "選手と、参加チームのメンバー" in text(response)
    assert client.get(reverse("drafts:messages", args=[999999])).status_code == 404


def test_the_list_costs_the_same_queries_for_many_threads(client, world, cast, django_assert_max_num_queries):
    players = more_players(cast.event, 12)
    for i, player in enumerate(players):
        post(cast, user_of(player), body=f"{i}番目の選手です", player=player)
        post(cast, world.member, body=f"{i}番目の選手へ返信", player=player)
    second = make_org(Organization.Kind.COMPANY, "second-company")
    Membership.objects.create(user=world.owner, organization=second)
    second_team = DraftTeam.objects.create(event=cast.event, organization=second)
    for player in players[:5]:
        post(cast, user_of(player), body="別のチームへ", player=player, team=second_team)

    client.force_login(world.owner)
    with django_assert_max_num_queries(16):
        response = client.get(list_url(cast.event))
    body = text(response)
    assert response.status_code == 200
    assert body.count('href="/drafts/') >= 12 + 5
    assert "11番目の選手へ返信" in body

    client.force_login(user_of(players[0]))
    with django_assert_max_num_queries(16):
        assert client.get(list_url(cast.event)).status_code == 200
