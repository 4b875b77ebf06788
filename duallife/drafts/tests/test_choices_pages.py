"""Preference list pages: a player ranks teams and a team ranks players (display name and pitch
only) with one select per row; ties, bad values and lists that changed meanwhile are refused with
a message and nothing saved; after the deadline both lists are read-only; the organiser reads a
team's list; other tenants and other events are kept out."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.models import DraftTeam, PlayerChoice, TeamChoice
from duallife.testing.drafts import assert_no_contact_details, ensure_mfa, make_event, teams_and_players

pytestmark = pytest.mark.django_db


def ranks(all_objects, chosen: dict) -> dict[str, str]:
    """The POST of a ranking form: every row, ``chosen`` ({obj: number}) numbered, the rest blank."""
    return {f"rank_{obj.pk}": str(chosen.get(obj, "")) for obj in all_objects}


@pytest.fixture
def open_draft(world):
    """An event before its deadline: two coordinator teams, the company's team, three players."""
    event = make_event(world, deadline_passed=False)
    (t0, t1), players = teams_and_players(event)
    company_team = DraftTeam.objects.create(event=event, organization=world.company, strategy="仙台で")
    return event, [t0, t1, company_team], players


def player_url(event) -> str:
    return reverse("drafts:player_choices", args=[event.pk])


def team_url(event, team) -> str:
    return reverse("drafts:team_choices", args=[event.pk, team.pk])


def test_a_player_sees_every_team_with_the_deadline_in_japanese(client, open_draft):
    event, teams, (p0, _p1, _p2) = open_draft
    client.force_login(p0.talent.user)
    response = client.get(player_url(event))
    assert response.status_code == 200
    content = response.content.decode()
    for team in teams:
        assert team.organization.name in content
        assert f'name="rank_{team.pk}"' in content
    assert "選ばない（受け入れない）" in content
    deadline = timezone.localtime(event.preferences_deadline)
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in content
    assert "受け入れない" in content


def test_a_player_ranks_some_teams_with_gaps_and_the_order_is_kept(client, open_draft):
    event, (t0, t1, t2), (p0, _p1, _p2) = open_draft
    client.force_login(p0.talent.user)
    response = client.post(player_url(event), ranks([t0, t1, t2], {t1: 1, t0: 3}))
    assert response.status_code == 302
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", "rank")) == [
        (t1.pk, 1),
        (t0.pk, 2),
    ]
    # the page shows the saved numbers again
    content = client.get(player_url(event)).content.decode()
    assert "希望リストを保存しました" in content


def test_equal_numbers_are_refused_without_ties_and_nothing_changes(client, open_draft):
    event, (t0, t1, t2), (p0, _p1, _p2) = open_draft
    PlayerChoice.objects.create(player=p0, team=t2, rank=1)
    client.force_login(p0.talent.user)
    response = client.post(player_url(event), ranks([t0, t1, t2], {t0: 1, t1: 1}))
    assert response.status_code == 400
    content = response.content.decode()
    assert "同じ順位のチームがあります" in content
    assert "ほかと同じ順位です" in content
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", flat=True)) == [t2.pk]


def test_equal_numbers_are_a_tied_group_where_the_event_allows_ties(client, world):
    event = make_event(world, deadline_passed=False, allow_ties=True)
    (t0, t1, t2), (p0,) = teams_and_players(event, n_teams=3, n_players=1)
    client.force_login(p0.talent.user)
    response = client.post(player_url(event), ranks([t0, t1, t2], {t0: 2, t1: 2, t2: 1}))
    assert response.status_code == 302
    assert sorted(PlayerChoice.objects.filter(player=p0).values_list("team_id", "rank")) == sorted(
        [(t2.pk, 1), (t0.pk, 2), (t1.pk, 2)]
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rank_{t0}": "一"}, "1〜3の数字"),
        ({"rank_{t0}": "0"}, "1〜3の数字"),
        ({"rank_{t0}": "4"}, "1〜3の数字"),
        ({"rank_999999": "1"}, "参加していないチーム"),
        ({"rank_abc": "1"}, "参加していないチーム"),
        ({"drop": "rank_{t1}"}, "一覧が変わりました"),
    ],
)
def test_bad_rankings_are_refused_with_a_message_and_nothing_is_saved(client, open_draft, change, message):
    event, (t0, t1, t2), (p0, _p1, _p2) = open_draft
    PlayerChoice.objects.create(player=p0, team=t2, rank=1)
    data = ranks([t0, t1, t2], {t1: 1})
    for key, value in change.items():
        if key == "drop":
            data.pop(value.format(t1=t1.pk))
        else:
            data[key.format(t0=t0.pk)] = value
    client.force_login(p0.talent.user)
    response = client.post(player_url(event), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", flat=True)) == [t2.pk]


def test_after_the_deadline_the_list_is_read_only_and_a_post_is_refused(client, world):
    event = make_event(world)  # deadline passed
    (t0, t1), (p0,) = teams_and_players(event, n_teams=2, n_players=1)
    PlayerChoice.objects.create(player=p0, team=t1, rank=1)
    client.force_login(p0.talent.user)

    page = client.get(player_url(event))
    assert page.status_code == 200
    content = page.content.decode()
    assert "確定" in content
    assert "<select" not in content.split("<main", 1)[1]
    assert t1.organization.name in content

    response = client.post(player_url(event), ranks([t0, t1], {t0: 1}))
    assert response.status_code == 400
    assert "締切を過ぎたため変更できません" in response.content.decode()
    assert list(PlayerChoice.objects.filter(player=p0).values_list("team_id", flat=True)) == [t1.pk]


def test_only_the_player_uses_their_list(client, world, open_draft):
    event, (t0, _t1, _t2), (_p0, _p1, _p2) = open_draft
    url = player_url(event)

    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]

    for outsider in (world.owner, world.stranger, world.talent):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, {f"rank_{t0.pk}": "1"}).status_code == 403

    other = make_event(world, deadline_passed=False)
    _, (stranger_player,) = teams_and_players(other, n_teams=0, n_players=1)
    client.force_login(stranger_player.talent.user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("drafts:player_choices", args=[999999])).status_code == 404
    assert not PlayerChoice.objects.exists()


def test_a_team_member_ranks_players_by_display_name_and_pitch_only(client, world, open_draft):
    event, (_t0, _t1, team), players = open_draft
    p0, _p1, p2 = players
    client.force_login(world.member)
    page = client.get(team_url(event, team))
    assert page.status_code == 200
    content = page.content.decode()
    for player in players:
        assert player.talent.display_name in content
    assert "よろしく" in content  # the pitch
    assert_no_contact_details(content, players)

    response = client.post(team_url(event, team), ranks(players, {p2: 1, p0: 3}))
    assert response.status_code == 302
    assert list(TeamChoice.objects.filter(team=team).values_list("player_id", "rank")) == [
        (p2.pk, 1),
        (p0.pk, 2),
    ]


def test_a_team_list_refuses_duplicates_and_strangers(client, world, open_draft):
    event, (_t0, _t1, team), players = open_draft
    p0, p1, _p2 = players
    client.force_login(world.owner)
    response = client.post(team_url(event, team), ranks(players, {p0: 1, p1: 1}))
    assert response.status_code == 400
    assert "同じ順位の選手があります" in response.content.decode()
    response = client.post(team_url(event, team), {**ranks(players, {p0: 1}), "rank_424242": "2"})
    assert response.status_code == 400
    assert "参加していない選手" in response.content.decode()
    assert not TeamChoice.objects.exists()


def test_the_organiser_reads_a_team_list_but_cannot_change_it(client, world, open_draft):
    event, (_t0, _t1, team), (p0, p1, _p2) = open_draft
    TeamChoice.objects.create(team=team, player=p1, rank=1)
    ensure_mfa(world.coordinator)
    client.force_login(world.coordinator)
    page = client.get(team_url(event, team))
    assert page.status_code == 200
    content = page.content.decode()
    assert "主催者として閲覧" in content
    assert p1.talent.display_name in content
    assert 'name="rank_' not in content
    assert client.post(team_url(event, team), {f"rank_{p0.pk}": "1"}).status_code == 403
    assert list(TeamChoice.objects.values_list("player_id", flat=True)) == [p1.pk]


def test_staff_without_mfa_are_sent_to_set_it_up(client, world, open_draft):
    event, (_t0, _t1, team), _players = open_draft
    client.force_login(world.coordinator)
    response = client.get(team_url(event, team))
    assert response.status_code == 302
    assert reverse("mfa_index") in response["Location"]


def test_team_lists_are_closed_to_other_tenants_and_other_events(client, world, open_draft):
    event, (_t0, _t1, team), players = open_draft
    url = team_url(event, team)
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    for outsider in (world.stranger, players[0].talent.user, world.talent):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, ranks(players, {players[0]: 1})).status_code == 403
    # a team of another event, reached through this event's address: unknown here
    other = make_event(world, deadline_passed=False)
    other_team = DraftTeam.objects.create(event=other, organization=world.company)
    client.force_login(world.member)
    assert client.get(reverse("drafts:team_choices", args=[event.pk, other_team.pk])).status_code == 404
    assert client.get(reverse("drafts:team_choices", args=[other.pk, team.pk])).status_code == 404
    assert not TeamChoice.objects.exists()


def test_after_the_deadline_the_team_list_is_locked(client, world):
    event = make_event(world)
    _, (p0, p1) = teams_and_players(event, n_teams=0, n_players=2)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    TeamChoice.objects.create(team=team, player=p0, rank=1)
    client.force_login(world.member)
    page = client.get(team_url(event, team))
    assert "確定した希望リスト" in page.content.decode()
    response = client.post(team_url(event, team), ranks([p0, p1], {p1: 1}))
    assert response.status_code == 400
    assert "締切" in response.content.decode()
    assert list(TeamChoice.objects.values_list("player_id", flat=True)) == [p0.pk]
