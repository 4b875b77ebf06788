"""Results: public from the nomination day once a run exists (the organiser previews before); a
player is named, and the team's message shown, only if they agreed; a bounded number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.models import (
    DraftEvent,
    DraftPlayer,
    Nomination,
)
from duallife.drafts.permissions.results import results_access, results_announced
from duallife.drafts.selectors.results import player_label
from duallife.testing.drafts import assert_no_contact_details, make_event, rank, teams_and_players, text

pytestmark = pytest.mark.django_db


def results_url(event) -> str:
    return reverse("drafts:results", args=[event.pk])


def test_the_results_print_a_message_only_for_a_player_who_agreed_to_be_named(client, world, drafted):
    p0, p1, _p2 = drafted.players
    DraftPlayer.objects.filter(pk=p0.pk).update(name_public=True)
    Nomination.objects.filter(player=p0).update(message="ようこそ、仙台へ。")
    Nomination.objects.filter(player=p1).update(message=f"{p1.talent.display_name}、石巻で待っています。")

    for user in (None, world.coordinator):  # the public, and the organiser
        client.logout()
        if user is not None:
            client.force_login(user)
        content = text(client.get(reverse("drafts:results", args=[drafted.event.pk])))

        assert "ようこそ、仙台へ。" in content
        assert "石巻で待っています" not in content
        assert p1.talent.display_name not in content
        assert "選手の名前が非公開のため、載せていません" in content
        assert_no_contact_details(content, drafted.players)


def test_results_are_announced_from_the_nomination_day_once_a_run_exists(world, drafted):
    event = drafted.event
    day = event.nomination_on
    assert results_announced(event, today=day)
    assert results_announced(event, today=day + datetime.timedelta(days=30))
    assert not results_announced(event, today=day - datetime.timedelta(days=1))

    no_run = make_event(world)
    assert not results_announced(no_run, today=no_run.nomination_on + datetime.timedelta(days=1))


def test_before_the_announcement_only_the_organiser_previews(world, drafted):
    event = drafted.event
    before = event.nomination_on - datetime.timedelta(days=1)
    assert results_access(world.coordinator, event, today=before).preview
    assert results_access(world.operator, event, today=before).visible
    for user in (world.owner, world.far_coordinator, drafted.players[0].talent.user, world.nobody):
        assert not results_access(user, event, today=before).visible
    assert results_access(world.nobody, event, today=event.nomination_on).visible
    assert not results_access(world.nobody, event, today=event.nomination_on).preview


def test_a_player_is_named_only_if_they_agreed():
    assert player_label(name_public=True, display_name="みやぎ太郎") == "みやぎ太郎"
    assert player_label(name_public=False, display_name="みやぎ太郎") == "選手（非公開）"
    assert player_label(name_public=True, display_name="") == "選手（非公開）"


def test_anyone_sees_the_announced_results_with_names_only_where_agreed(client, world, drafted):
    p0, p1, p2 = drafted.players
    DraftPlayer.objects.filter(pk=p0.pk).update(name_public=True)
    Nomination.objects.filter(player=p0).update(message="仙台の味噌蔵で一緒に働きましょう。")
    Nomination.objects.filter(player=p1).update(status=Nomination.Status.DECLINED)
    Nomination.objects.filter(player=p2).update(status=Nomination.Status.ACCEPTED)

    response = client.get(results_url(drafted.event))
    assert response.status_code == 200
    content = response.content.decode()
    assert drafted.company_team.organization.name in content
    assert drafted.region_team.organization.name in content
    assert reverse("drafts:team", args=[drafted.event.pk, drafted.company_team.pk]) in content
    assert p0.talent.display_name in content
    assert p1.talent.display_name not in content
    assert p2.talent.display_name not in content
    assert content.count("選手（非公開）") == 2
    assert "仙台の味噌蔵で一緒に働きましょう。" in content
    for label in ("回答待ち", "辞退", "受諾"):
        assert label in content
    assert_no_contact_details(content, drafted.players)


def test_before_the_nomination_day_the_public_is_told_it_is_not_announced(client, world, drafted):
    event = drafted.event
    DraftEvent.objects.filter(pk=event.pk).update(
        nomination_on=timezone.localdate() + datetime.timedelta(days=3),
        negotiation_until=timezone.localdate() + datetime.timedelta(days=20),
    )
    for user in (None, world.owner, drafted.players[0].talent.user):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(results_url(event))
        assert response.status_code == 200
        content = response.content.decode()
        assert "まだ発表されていません" in content
        assert drafted.players[2].talent.display_name not in content
        assert "回答待ち" not in content

    client.force_login(world.coordinator)
    preview = client.get(results_url(event)).content.decode()
    assert "公開前のプレビュー" in preview
    assert "回答待ち" in preview


def test_no_results_without_a_run(client, world):
    event = make_event(world)
    teams_and_players(event)
    content = client.get(results_url(event)).content.decode()
    assert "まだ発表されていません" in content
    assert client.get(reverse("drafts:results", args=[999999])).status_code == 404


def test_the_results_page_has_bounded_queries(client, world, django_assert_max_num_queries):
    event = make_event(world, capacity=3)
    teams, players = teams_and_players(event, n_teams=4, n_players=12)
    for index, player in enumerate(players):
        rank(player, [teams[index % 4]])
    for position, team in enumerate(teams):
        rank(team, [p for i, p in enumerate(players) if i % 4 == position])
    DraftPlayer.objects.filter(pk__in=[p.pk for p in players[::2]]).update(name_public=True)
    from duallife.drafts.services.runs import draft_run_execute

    draft_run_execute(event=event, by=world.coordinator)
    assert Nomination.objects.count() == 12
    with django_assert_max_num_queries(8):
        response = client.get(results_url(event))
    content = response.content.decode()
    assert content.count("選手（非公開）") == 6
    assert_no_contact_details(content, players)
