"""Regressions found reviewing the draft pages: bad ids in POST bodies answer 400 (not 500);
camps start in the future and say how to join; the public results print a team's message only
with the player's consent to be named; answers open on the nomination day; the organiser reaches
every team's list and the messages from the event page; two saves of one list at once both
succeed."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    Nomination,
    PlayerChoice,
)
from duallife.drafts.services.camps import camp_attendance_record, camp_create, camp_register
from duallife.drafts.services.choices import player_choices_save
from duallife.drafts.services.nominations import nomination_respond
from duallife.drafts.services.runs import draft_run_execute
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Organization
from duallife.organizations.testing import give_mfa
from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world

from .helpers_results import assert_no_contact_details, drafted, ensure_mfa
from .test_camps import camp_event, camp_values, cast, make_camp, more_players, user_of
from .test_runs import make_event, rank, teams_and_players
from .test_views_events import event_post

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def text(response) -> str:
    return response.content.decode()


# --- ids in POST bodies that no row can have ---------------------------------------------------------


@pytest.mark.parametrize(
    "field",
    [
        "attended-²",  # str.isdigit() accepts it, int() does not
        "attended-" + "9" * 30,  # more digits than a database integer
        "attended-１",  # 全角
    ],
)
def test_attendance_with_an_unreadable_registration_id_is_a_400(client, world, cast, field):
    camp = make_camp(cast.event, starts_in=-datetime.timedelta(hours=1))
    CampRegistration.objects.create(camp=camp, user=user_of(cast.players[0]), player=cast.players[0])
    client.force_login(world.coordinator)

    response = client.post(reverse("drafts:camp_attendance", args=[cast.event.pk, camp.pk]), {field: "1"})

    assert response.status_code == 400
    assert "保存していません" in text(response)
    assert not CampRegistration.objects.filter(attended__isnull=False).exists()


def test_the_attendance_service_refuses_an_id_beyond_any_row(world, cast):
    camp = make_camp(cast.event, starts_in=-datetime.timedelta(hours=1))
    with pytest.raises(DraftError, match="この合宿の参加登録ではない"):
        camp_attendance_record(camp=camp, by=world.coordinator, attended={2**70: True})


@pytest.mark.parametrize("value", ["99999999999999999999999", "²", "-1"])
def test_an_event_with_an_impossible_prefecture_id_is_a_400(client, world, value):
    client.force_login(world.coordinator)

    response = client.post(reverse("drafts:create"), event_post(world, prefectures=[value]))

    assert response.status_code == 400
    assert "対象地域は一覧から選んでください" in text(response)
    assert not DraftEvent.objects.exists()


# --- camps: in the future, with a way to join ------------------------------------------------------


def test_a_camp_cannot_start_in_the_past(world, cast):
    starts = timezone.now() - DAY
    with pytest.raises(DraftError, match="開始は、いまより後") as refused:
        camp_create(
            event=cast.event,
            by=world.coordinator,
            **camp_values(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)),
        )
    assert refused.value.field == "starts_at"
    assert not DraftCamp.objects.exists()


@pytest.mark.parametrize("starts_at", ["0001-01-01T00:00", "1999-12-31T23:00"])
def test_the_camp_page_refuses_a_start_long_ago_without_a_500(client, world, cast, starts_at):
    client.force_login(world.coordinator)
    ends = timezone.localtime(timezone.now() + 2 * DAY).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": "オンライン顔合わせ",
        "mode": "online",
        "place": "https://meet.example.jp/a",
        "starts_at": starts_at,
        "ends_at": ends,
        "capacity": "10",
        "description": "",
    }

    response = client.post(reverse("drafts:camp_create", args=[cast.event.pk]), data)

    assert response.status_code == 400
    assert "開始は、いまより後の日時にしてください" in text(response)
    assert not DraftCamp.objects.exists()


def test_an_online_camp_needs_a_way_to_join(client, world, cast):
    with pytest.raises(DraftError, match="参加用のURL") as refused:
        camp_create(event=cast.event, by=world.coordinator, **camp_values(mode="online", place=" "))
    assert refused.value.field == "place"
    assert not DraftCamp.objects.exists()


# --- the public results: a team's message only with the player's consent --------------------------


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


# --- answers open on the nomination day --------------------------------------------------------------


def before_nomination_day(event) -> datetime.date:
    day = timezone.localdate() + 3 * DAY
    DraftEvent.objects.filter(pk=event.pk).update(nomination_on=day, negotiation_until=day + 14 * DAY)
    return day


def test_a_player_cannot_answer_before_the_nomination_day(client, drafted):
    day = before_nomination_day(drafted.event)
    nomination = Nomination.objects.get(run=drafted.run, player=drafted.players[0])
    user = drafted.players[0].talent.user

    with pytest.raises(DraftError, match="指名日"):
        nomination_respond(nomination=nomination, by=user, accept=True)

    client.force_login(user)
    page = text(client.get(reverse("drafts:nominations", args=[drafted.event.pk])))
    assert 'value="accept"' not in page
    assert f"指名日（{day.year}年{day.month}月{day.day}日）から" in page
    assert "交渉期間が終わった" not in page
    response = client.post(reverse("drafts:nomination_respond", args=[nomination.pk]), {"answer": "accept"})
    assert response.status_code == 400
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.PENDING


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


# --- the organiser's way to every page ---------------------------------------------------------------


def test_the_event_page_links_the_organiser_to_each_teams_list_and_the_messages(client, world, cast):
    client.force_login(world.coordinator)

    content = text(client.get(reverse("drafts:detail", args=[cast.event.pk])))

    assert reverse("drafts:messages", args=[cast.event.pk]) in content
    for team in (cast.team, cast.other_team):
        assert reverse("drafts:team_choices", args=[cast.event.pk, team.pk]) in content
    response = client.get(reverse("drafts:team_choices", args=[cast.event.pk, cast.team.pk]))
    assert response.status_code == 200


def test_the_event_page_shows_no_team_list_link_to_others(client, world, cast):
    client.force_login(user_of(cast.players[0]))
    content = text(client.get(reverse("drafts:detail", args=[cast.event.pk])))
    assert reverse("drafts:team_choices", args=[cast.event.pk, cast.team.pk]) not in content


# --- two saves of one list at once (PostgreSQL: real row locks) --------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database serves one connection at a time",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_list_both_succeed(world):
    from duallife.engagements.tests.test_concurrency import all_at_once

    event = camp_event(world)
    teams, (player,) = teams_and_players(event, n_teams=3, n_players=1)
    rank(player, teams[:1])

    def save(index: int):
        order = teams if index % 2 == 0 else list(reversed(teams))
        player_choices_save(player=DraftPlayer.objects.get(pk=player.pk), teams=[t.pk for t in order])
        return index

    assert all_at_once(6, save) == list(range(6))
    ranks = sorted(PlayerChoice.objects.filter(player=player).values_list("rank", flat=True))
    assert ranks == [1, 2, 3]


# --- an event whose lists would be locked from the start ---------------------------------------------


def test_an_event_whose_preference_deadline_has_passed_is_refused(client, world):
    client.force_login(world.coordinator)
    today = timezone.localdate()
    data = event_post(
        world,
        entry_opens_on=(today - 30 * DAY).isoformat(),
        entry_closes_on=(today - 20 * DAY).isoformat(),
        preferences_deadline=(today - 10 * DAY).strftime("%Y-%m-%dT18:00"),
        nomination_on=(today + 5 * DAY).isoformat(),
    )

    response = client.post(reverse("drafts:create"), data)

    assert response.status_code == 400
    assert "希望リストの締切は、いまより後の日時にしてください" in text(response)
    assert not DraftEvent.objects.exists()
