"""Camps (合宿): the organiser creates them (before the preference deadline; on site needs a place;
capacity 1–1000), players and team members register until the camp starts — never beyond the
capacity — and cancel before it starts; the organiser sees the registrants by display name and
records attendance once it has started. Bad input is a 400 with a Japanese message and nothing
saved; anonymous visitors are sent to log in; other tenants get a 403 (or a 404 for ids outside
the event); a talent's real name and contact details never appear."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import CampRegistration, DraftCamp, DraftEvent, DraftPlayer, DraftTeam
from duallife.drafts.services.camps import camp_attendance_record, camp_cancel, camp_create, camp_register
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.organizations.testing import give_mfa
from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world
from duallife.talents.testing import make_talent

from .test_runs import make_event, teams_and_players

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
# What make_talent() gives every player: none of it may reach a page of the draft.
CONTACTS = ("髙橋", "美咲", "タカハシ", "090-1234-5678")


def camp_event(world, **changes) -> DraftEvent:
    """An event whose entry is open and whose preference deadline is 30 days away."""
    event = make_event(world, deadline_passed=False)
    today = timezone.localdate()
    values = {
        "entry_opens_on": today - datetime.timedelta(days=10),
        "entry_closes_on": today + datetime.timedelta(days=20),
        "preferences_deadline": timezone.now() + datetime.timedelta(days=30),
        "nomination_on": today + datetime.timedelta(days=31),
        "negotiation_until": today + datetime.timedelta(days=45),
    }
    values.update(changes)
    for name, value in values.items():
        setattr(event, name, value)
    event.save()
    return event


def make_camp(event, *, starts_in=datetime.timedelta(days=5), hours=3, capacity=10, **fields) -> DraftCamp:
    starts = timezone.now() + starts_in
    values = {
        "title": "石巻の浜で語る夜",
        "mode": DraftCamp.Mode.ONLINE,
        "place": "https://meet.example.jp/ishinomaki",
        "description": "チームと選手が自己紹介をします。",
    }
    values.update(fields)
    return DraftCamp.objects.create(
        event=event,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        capacity=capacity,
        **values,
    )


@pytest.fixture
def cast(world):
    """An event with a company team (world.owner and world.member), a coordinator team without
    members, and two players; the organiser is world.coordinator (with MFA)."""
    event = camp_event(world)
    (other_team,), players = teams_and_players(event, n_teams=1, n_players=2)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    give_mfa(world.coordinator)
    return SimpleNamespace(event=event, team=team, other_team=other_team, players=players)


def more_players(event, n: int, prefix: str = "extra") -> list[DraftPlayer]:
    return [
        DraftPlayer.objects.create(
            event=event, talent=make_talent(make_user(f"{prefix}{event.pk}-{i}")), pitch="よろしく"
        )
        for i in range(n)
    ]


def user_of(player):
    return player.talent.user


def camp_url(camp, name="camp"):
    return reverse(f"drafts:{name}", args=[camp.event_id, camp.pk])


def text(response) -> str:
    return response.content.decode()


# --- creating a camp --------------------------------------------------------------------------------


def camp_values(**changes):
    starts = timezone.now() + datetime.timedelta(days=7)
    values = {
        "title": "オンライン顔合わせ",
        "mode": DraftCamp.Mode.ONLINE,
        "place": "https://meet.example.jp/kaogawase",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "capacity": 40,
        "description": "",
    }
    values.update(changes)
    return values


def test_the_organiser_creates_a_camp_and_the_players_and_teams_hear_of_it(world, cast):
    camp = camp_create(event=cast.event, by=world.coordinator, **camp_values(title="  オンライン顔合わせ "))

    assert camp.title == "オンライン顔合わせ"
    assert camp.event == cast.event
    told = set(Notification.objects.filter(kind=Kind.DRAFT).values_list("user_id", flat=True))
    assert told == {world.owner.pk, world.member.pk, *(user_of(p).pk for p in cast.players)}
    notice = Notification.objects.filter(user=world.owner).get()
    assert "オンライン顔合わせ" in notice.title
    assert notice.url == camp_url(camp)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "名称は1〜120文字"),
        ({"title": "あ" * 121}, "名称は1〜120文字"),
        ({"mode": "boat"}, "開催方法"),
        ({"mode": DraftCamp.Mode.ONSITE, "place": " "}, "会場を入力"),
        ({"capacity": 0}, "定員は1〜1,000人"),
        ({"capacity": 1001}, "定員は1〜1,000人"),
        ({"capacity": "10"}, "定員は1〜1,000人"),
        ({"description": "あ" * 4001}, "4,000文字以内"),
        ({"starts_at": None}, "開始の日時"),
        ({"ends_at": datetime.datetime(2030, 1, 1, 10, 0)}, "終了の日時"),  # naive: no zone
    ],
)
def test_a_camp_with_bad_values_is_refused_and_nothing_is_saved(world, cast, changes, message):
    with pytest.raises(DraftError, match=message):
        camp_create(event=cast.event, by=world.coordinator, **camp_values(**changes))
    assert not DraftCamp.objects.exists()
    assert not Notification.objects.exists()


def test_a_camp_ends_after_it_starts_and_by_the_preference_deadline(world, cast):
    starts = timezone.now() + datetime.timedelta(days=7)
    with pytest.raises(DraftError, match="終了は、開始より後"):
        camp_create(event=cast.event, by=world.coordinator, **camp_values(starts_at=starts, ends_at=starts))
    late = cast.event.preferences_deadline + datetime.timedelta(minutes=1)
    with pytest.raises(DraftError, match=r"希望リストの締切（.*）までに終わる") as caught:
        camp_create(
            event=cast.event,
            by=world.coordinator,
            **camp_values(starts_at=late - datetime.timedelta(hours=3), ends_at=late),
        )
    deadline = timezone.localtime(cast.event.preferences_deadline)
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in caught.value.message
    assert not DraftCamp.objects.exists()
    # ending exactly at the deadline is fine
    camp_create(
        event=cast.event,
        by=world.coordinator,
        **camp_values(
            starts_at=cast.event.preferences_deadline - datetime.timedelta(hours=2),
            ends_at=cast.event.preferences_deadline,
        ),
    )


@pytest.mark.parametrize("who", ["owner", "far_coordinator", "talent", "nobody"])
def test_only_the_organiser_and_operators_create_camps(world, cast, who):
    with pytest.raises(DraftError, match="主催者と事務局"):
        camp_create(event=cast.event, by=getattr(world, who), **camp_values())
    assert camp_create(event=cast.event, by=world.operator, **camp_values()).pk


# --- registering and cancelling ---------------------------------------------------------------------


def test_a_player_registers_as_a_player_and_a_team_member_for_their_team(world, cast):
    camp = make_camp(cast.event)
    as_player = camp_register(camp=camp, by=user_of(cast.players[0]))
    as_team = camp_register(camp=camp, by=world.member)
    assert (as_player.player, as_player.team) == (cast.players[0], None)
    assert (as_team.player, as_team.team) == (None, cast.team)


def test_a_member_of_several_teams_says_which_team(world, cast):
    second = make_org(Organization.Kind.COMPANY, "second-company")
    Membership.objects.create(user=world.owner, organization=second)
    second_team = DraftTeam.objects.create(event=cast.event, organization=second)
    camp = make_camp(cast.event)

    with pytest.raises(DraftError, match="どのチームとして参加するか"):
        camp_register(camp=camp, by=world.owner)
    with pytest.raises(DraftError, match="そのチームのメンバーだけ"):
        camp_register(camp=camp, by=world.owner, team=cast.other_team)
    assert not CampRegistration.objects.exists()

    registration = camp_register(camp=camp, by=world.owner, team=second_team)
    assert registration.team == second_team


def test_the_last_seat_goes_once_and_the_next_registration_is_refused(world, cast):
    camp = make_camp(cast.event, capacity=2)
    camp_register(camp=camp, by=user_of(cast.players[0]))
    camp_register(camp=camp, by=user_of(cast.players[1]))  # the last seat

    with pytest.raises(DraftError, match="満席"):
        camp_register(camp=camp, by=world.member)
    assert CampRegistration.objects.filter(camp=camp).count() == 2

    camp_cancel(camp=camp, by=user_of(cast.players[0]))  # a seat comes back
    assert camp_register(camp=camp, by=world.member).team == cast.team


def test_registering_twice_after_the_start_or_as_an_outsider_is_refused(world, cast):
    camp = make_camp(cast.event)
    player_user = user_of(cast.players[0])
    camp_register(camp=camp, by=player_user)
    with pytest.raises(DraftError, match="すでに参加登録"):
        camp_register(camp=camp, by=player_user)

    other_event = camp_event(world)
    _, (stranger_player,) = teams_and_players(other_event, n_teams=0, n_players=1)
    for outsider in (world.stranger, world.talent, world.coordinator, user_of(stranger_player)):
        with pytest.raises(DraftError, match="選手と、参加チームのメンバー"):
            camp_register(camp=camp, by=outsider)

    started = make_camp(cast.event, starts_in=-datetime.timedelta(minutes=5))
    with pytest.raises(DraftError, match="すでに始まって"):
        camp_register(camp=started, by=player_user)
    assert CampRegistration.objects.count() == 1


def test_a_registration_is_cancelled_only_before_the_camp_starts(world, cast):
    camp = make_camp(cast.event)
    player_user = user_of(cast.players[0])
    with pytest.raises(DraftError, match="参加登録していません"):
        camp_cancel(camp=camp, by=player_user)
    camp_register(camp=camp, by=player_user)
    camp_cancel(camp=camp, by=player_user)
    assert not CampRegistration.objects.exists()

    started = make_camp(cast.event, starts_in=-datetime.timedelta(minutes=5))
    CampRegistration.objects.create(camp=started, user=player_user, player=cast.players[0])
    with pytest.raises(DraftError, match="取り消せません"):
        camp_cancel(camp=started, by=player_user)
    assert CampRegistration.objects.filter(camp=started).exists()


# --- attendance --------------------------------------------------------------------------------------


def registered_camp(cast, world, *, starts_in=-datetime.timedelta(hours=1)):
    camp = make_camp(cast.event, starts_in=starts_in)
    rows = [CampRegistration.objects.create(camp=camp, user=user_of(p), player=p) for p in cast.players] + [
        CampRegistration.objects.create(camp=camp, user=world.member, team=cast.team)
    ]
    return camp, rows


def test_the_organiser_records_attendance_after_the_start(world, cast):
    camp, (a, b, c) = registered_camp(cast, world)
    assert camp_attendance_record(camp=camp, by=world.coordinator, attended={a.pk: True, b.pk: False}) == 2
    assert dict(CampRegistration.objects.values_list("pk", "attended")) == {
        a.pk: True,
        b.pk: False,
        c.pk: None,
    }
    camp_attendance_record(camp=camp, by=world.operator, attended={a.pk: None, c.pk: True})
    assert dict(CampRegistration.objects.values_list("pk", "attended")) == {
        a.pk: None,
        b.pk: False,
        c.pk: True,
    }


def test_attendance_is_refused_before_the_start_for_others_and_for_other_camps_ids(world, cast):
    future, (a, _b, _c) = registered_camp(cast, world, starts_in=datetime.timedelta(days=1))
    with pytest.raises(DraftError, match="始まってから"):
        camp_attendance_record(camp=future, by=world.coordinator, attended={a.pk: True})

    camp, (x, _y, _z) = registered_camp(cast, world)
    with pytest.raises(DraftError, match="主催者と事務局"):
        camp_attendance_record(camp=camp, by=world.member, attended={x.pk: True})
    with pytest.raises(DraftError, match="この合宿の参加登録ではない"):
        camp_attendance_record(camp=camp, by=world.coordinator, attended={x.pk: True, a.pk: True})
    with pytest.raises(DraftError, match="出席"):
        camp_attendance_record(camp=camp, by=world.coordinator, attended={x.pk: "yes"})
    assert not CampRegistration.objects.filter(attended__isnull=False).exists()


# --- the create page ---------------------------------------------------------------------------------


def tokyo(value: datetime.datetime) -> str:
    return value.astimezone(TOKYO).strftime("%Y-%m-%dT%H:%M")


def form_data(**changes):
    starts = (
        (timezone.now() + datetime.timedelta(days=7))
        .astimezone(TOKYO)
        .replace(hour=13, minute=0, second=0, microsecond=0)
    )
    data = {
        "title": "石巻 現地合宿",
        "mode": "onsite",
        "place": "石巻市水産総合振興センター",
        "starts_at": tokyo(starts),
        "ends_at": tokyo(starts + datetime.timedelta(hours=4)),
        "capacity": "20",
        "description": "漁港の見学と交流会",
    }
    data.update(changes)
    return data


def test_the_create_page_makes_a_camp_in_tokyo_time_and_opens_it(client, world, cast):
    client.force_login(world.coordinator)
    url = reverse("drafts:camp_create", args=[cast.event.pk])
    page = client.get(url)
    assert page.status_code == 200
    for label in ("名称", "開催方法", "オンライン", "現地", "会場", "開始", "終了", "定員", "内容"):
        assert label in text(page)

    data = form_data()
    response = client.post(url, data)

    camp = DraftCamp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == camp_url(camp)
    local = timezone.localtime(camp.starts_at, TOKYO)
    assert (local.hour, local.minute) == (13, 0)
    assert local.strftime("%Y-%m-%dT%H:%M") == data["starts_at"]
    assert (camp.mode, camp.capacity, camp.place) == ("onsite", 20, "石巻市水産総合振興センター")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "名称を入力してください"),
        ({"title": "あ" * 121}, "名称は120文字以内"),
        ({"mode": ""}, "開催方法を選んでください"),
        ({"mode": "boat"}, "開催方法は「オンライン」か「現地」"),
        ({"place": ""}, "会場を入力してください"),
        ({"starts_at": ""}, "開始の日時を入力してください"),
        ({"starts_at": "来週の火曜"}, "開始の日時は「2027-02-10 13:00」の形"),
        ({"ends_at": "2020-13-45T10:00"}, "終了の日時は"),
        ({"capacity": "abc"}, "定員は半角数字"),
        ({"capacity": "0"}, "定員は1人以上"),
        ({"capacity": "5000"}, "定員は1000人以下"),
        ({"description": "あ" * 4001}, "内容は4000文字以内"),
    ],
)
def test_bad_input_on_the_create_page_is_a_400_in_japanese_and_nothing_is_saved(
    client, world, cast, changes, message
):
    client.force_login(world.coordinator)
    response = client.post(reverse("drafts:camp_create", args=[cast.event.pk]), form_data(**changes))
    assert response.status_code == 400
    assert message in text(response)
    assert "入力内容を確認してください" in text(response)
    assert not DraftCamp.objects.exists()


def test_dates_out_of_order_or_after_the_deadline_are_a_400_on_the_page(client, world, cast):
    client.force_login(world.coordinator)
    url = reverse("drafts:camp_create", args=[cast.event.pk])
    data = form_data()
    response = client.post(url, {**data, "ends_at": data["starts_at"]})
    assert response.status_code == 400
    assert "終了は、開始より後の日時" in text(response)

    late = cast.event.preferences_deadline + datetime.timedelta(days=2)
    response = client.post(
        url, form_data(starts_at=tokyo(late), ends_at=tokyo(late + datetime.timedelta(hours=1)))
    )
    assert response.status_code == 400
    assert "希望リストの締切" in text(response)
    assert not DraftCamp.objects.exists()


def test_the_create_page_is_for_the_organiser(client, world, cast):
    url = reverse("drafts:camp_create", args=[cast.event.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    for who in ("owner", "talent", "stranger"):
        client.force_login(getattr(world, who))
        assert client.get(url).status_code == 403
        response = client.post(url, form_data())
        assert response.status_code == 403
        assert "主催者と事務局" in text(response)
    give_mfa(world.far_coordinator)
    client.force_login(world.far_coordinator)
    assert client.get(url).status_code == 403
    assert not DraftCamp.objects.exists()
    assert client.get(reverse("drafts:camp_create", args=[cast.event.pk + 999])).status_code == 404


# --- the camp page -----------------------------------------------------------------------------------


def test_the_camp_page_is_public_and_hides_an_online_camps_url_from_the_unregistered(client, world, cast):
    camp = make_camp(cast.event, capacity=3)
    CampRegistration.objects.create(camp=camp, user=world.member, team=cast.team)

    response = client.get(camp_url(camp))
    body = text(response)
    assert response.status_code == 200
    assert "石巻の浜で語る夜" in body
    assert "オンライン" in body
    local = timezone.localtime(camp.starts_at)
    assert f"{local.year}年{local.month}月{local.day}日" in body
    assert "2席" in body
    assert "https://meet.example.jp/ishinomaki" not in body
    assert "参加登録した方にだけ表示します" in body
    assert "ログインして参加登録する" in body

    client.force_login(world.member)  # registered
    body = text(client.get(camp_url(camp)))
    assert "https://meet.example.jp/ishinomaki" in body
    assert "参加登録を取り消す" in body

    client.force_login(world.coordinator)  # the organiser
    body = text(client.get(camp_url(camp)))
    assert "https://meet.example.jp/ishinomaki" in body
    assert reverse("drafts:camp_attendance", args=[cast.event.pk, camp.pk]) in body


def test_an_onsite_camps_place_is_public(client, world, cast):
    camp = make_camp(cast.event, mode=DraftCamp.Mode.ONSITE, place="石巻市の魚市場2階")
    assert "石巻市の魚市場2階" in text(client.get(camp_url(camp)))


def test_the_page_offers_each_way_the_viewer_may_take_part_or_says_why_not(client, world, cast):
    camp = make_camp(cast.event, capacity=1)
    second = make_org(Organization.Kind.COMPANY, "second-company")
    Membership.objects.create(user=world.owner, organization=second)
    DraftTeam.objects.create(event=cast.event, organization=second)

    client.force_login(user_of(cast.players[0]))
    assert "選手として参加登録する" in text(client.get(camp_url(camp)))
    client.force_login(world.owner)
    body = text(client.get(camp_url(camp)))
    assert "sendai-misoの名前として参加登録する" in body
    assert "second-companyの名前として参加登録する" in body
    client.force_login(world.stranger)
    assert "参加登録できるのは、このドラフト会議の選手と参加チームのメンバーです" in text(
        client.get(camp_url(camp))
    )

    CampRegistration.objects.create(camp=camp, user=world.member, team=cast.team)
    client.force_login(user_of(cast.players[0]))
    body = text(client.get(camp_url(camp)))
    assert "満席のため、参加登録できません" in body
    assert "選手として参加登録する" not in body

    started = make_camp(cast.event, starts_in=-datetime.timedelta(minutes=1))
    assert "参加登録は締め切りました" in text(client.get(camp_url(started)))


def test_the_organiser_sees_registrants_by_display_name_only(client, world, cast):
    camp = make_camp(cast.event)
    for player in cast.players:
        CampRegistration.objects.create(camp=camp, user=user_of(player), player=player)
    CampRegistration.objects.create(camp=camp, user=world.member, team=cast.team)

    client.force_login(world.coordinator)
    body = text(client.get(camp_url(camp)))
    for player in cast.players:
        assert player.talent.display_name in body
        assert user_of(player).email not in body
    assert "sendai-misoの名前" in body
    for value in CONTACTS:
        assert value not in body

    # a team member sees the seats, not who took them
    client.force_login(world.owner)
    body = text(client.get(camp_url(camp)))
    assert cast.players[0].talent.display_name not in body


def test_an_organiser_without_mfa_is_asked_to_set_it_up_before_seeing_registrants(client, world, cast):
    camp = make_camp(cast.event)
    CampRegistration.objects.create(camp=camp, user=user_of(cast.players[0]), player=cast.players[0])
    client.force_login(world.operator)  # staff, no MFA yet
    body = text(client.get(camp_url(camp)))
    assert "二段階認証の設定が必要" in body
    assert cast.players[0].talent.display_name not in body


def test_camp_ids_outside_the_event_are_404(client, world, cast):
    other_event = camp_event(world)
    other_camp = make_camp(other_event)
    assert client.get(reverse("drafts:camp", args=[cast.event.pk, other_camp.pk])).status_code == 404
    assert client.get(reverse("drafts:camp", args=[cast.event.pk, 999999])).status_code == 404
    assert client.get(f"/drafts/{cast.event.pk}/camps/abc/").status_code == 404


# --- register / cancel buttons ------------------------------------------------------------------------


def test_registering_and_cancelling_through_the_buttons(client, world, cast):
    camp = make_camp(cast.event)
    player_user = user_of(cast.players[0])
    client.force_login(player_user)

    response = client.post(camp_url(camp, "camp_register"))
    assert response.status_code == 302
    assert response["Location"] == camp_url(camp)
    assert CampRegistration.objects.get(camp=camp).player == cast.players[0]
    assert "参加登録しました" in text(client.get(camp_url(camp)))

    response = client.post(camp_url(camp, "camp_register"))
    assert response.status_code == 400
    assert "すでに参加登録しています" in text(response)

    response = client.post(camp_url(camp, "camp_cancel"))
    assert response.status_code == 302
    assert not CampRegistration.objects.exists()
    response = client.post(camp_url(camp, "camp_cancel"))
    assert response.status_code == 400
    assert "参加登録していません" in text(response)


def test_a_team_member_registers_for_the_team_they_pick(client, world, cast):
    camp = make_camp(cast.event)
    client.force_login(world.member)
    response = client.post(camp_url(camp, "camp_register"), {"team": str(cast.team.pk)})
    assert response.status_code == 302
    assert CampRegistration.objects.get().team == cast.team


def test_the_last_seat_through_the_page_then_a_400_and_nothing_saved(client, world, cast):
    camp = make_camp(cast.event, capacity=1)
    client.force_login(user_of(cast.players[0]))
    assert client.post(camp_url(camp, "camp_register")).status_code == 302

    client.force_login(user_of(cast.players[1]))
    response = client.post(camp_url(camp, "camp_register"))
    assert response.status_code == 400
    assert "満席のため、参加登録できません" in text(response)
    assert CampRegistration.objects.filter(camp=camp).count() == 1


@pytest.mark.parametrize("team", ["abc", "0", "-3", "1.5"])
def test_a_bad_team_value_is_a_400(client, world, cast, team):
    camp = make_camp(cast.event)
    client.force_login(world.member)
    response = client.post(camp_url(camp, "camp_register"), {"team": team})
    assert response.status_code == 400
    assert "参加するチームを選び直してください" in text(response)
    assert not CampRegistration.objects.exists()


def test_a_team_of_another_event_or_not_ones_own_is_refused(client, world, cast):
    camp = make_camp(cast.event)
    other_event = camp_event(world)
    (foreign_team,), _ = teams_and_players(other_event, n_teams=1, n_players=0)
    client.force_login(world.member)
    assert client.post(camp_url(camp, "camp_register"), {"team": foreign_team.pk}).status_code == 404
    response = client.post(camp_url(camp, "camp_register"), {"team": cast.other_team.pk})
    assert response.status_code == 400
    assert "そのチームのメンバーだけ" in text(response)
    assert not CampRegistration.objects.exists()


def test_outsiders_cannot_register_and_anonymous_visitors_log_in_first(client, world, cast):
    camp = make_camp(cast.event)
    response = client.post(camp_url(camp, "camp_register"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    other_event = camp_event(world)
    _, (foreign_player,) = teams_and_players(other_event, n_teams=0, n_players=1)
    for outsider in (world.stranger, world.talent, user_of(foreign_player)):
        client.force_login(outsider)
        response = client.post(camp_url(camp, "camp_register"))
        assert response.status_code == 403
    assert not CampRegistration.objects.exists()
    assert client.get(camp_url(camp, "camp_register")).status_code == 405


# --- the attendance page -----------------------------------------------------------------------------


def attendance_url(camp):
    return camp_url(camp, "camp_attendance")


def test_the_attendance_page_records_everyone_in_one_post(client, world, cast):
    camp, (a, b, c) = registered_camp(cast, world)
    client.force_login(world.coordinator)
    page = client.get(attendance_url(camp))
    body = text(page)
    assert page.status_code == 200
    assert "<caption>" in body
    assert 'scope="row"' in body
    for value in CONTACTS:
        assert value not in body
    assert cast.players[0].talent.display_name in body

    response = client.post(
        attendance_url(camp), {f"attended-{a.pk}": "1", f"attended-{b.pk}": "0", f"attended-{c.pk}": ""}
    )
    assert response.status_code == 302
    assert dict(CampRegistration.objects.values_list("pk", "attended")) == {
        a.pk: True,
        b.pk: False,
        c.pk: None,
    }
    body = text(client.get(attendance_url(camp)))
    assert "出欠を保存しました" in body
    summary = body.split('class="result-figures attendance-summary"')[1].split("</dl>")[0]
    for label, n in (("参加登録", 3), ("出席", 1), ("欠席", 1), ("未記録", 1)):
        assert f"<dt>{label}</dt><dd>{n}人</dd>" in summary


def test_bad_attendance_posts_are_a_400_and_save_nothing(client, world, cast):
    camp, (a, _b, _c) = registered_camp(cast, world)
    _other_camp, (foreign, _, _) = registered_camp(cast, world)
    client.force_login(world.coordinator)
    for data, message in (
        ({f"attended-{a.pk}": "1", f"attended-{foreign.pk}": "1"}, "この合宿の参加登録ではない"),
        ({f"attended-{a.pk}": "maybe"}, "選び直してください"),
        ({f"attended-{a.pk}": "1", "attended-x": "1"}, "選び直してください"),
    ):
        response = client.post(attendance_url(camp), data)
        assert response.status_code == 400, data
        assert message in text(response)
    assert not CampRegistration.objects.filter(attended__isnull=False).exists()


def test_attendance_before_the_start_is_shown_but_not_recorded(client, world, cast):
    camp, (a, _b, _c) = registered_camp(cast, world, starts_in=datetime.timedelta(days=2))
    client.force_login(world.coordinator)
    body = text(client.get(attendance_url(camp)))
    assert "合宿が始まってから" in body
    assert "出欠を保存する" not in body
    response = client.post(attendance_url(camp), {f"attended-{a.pk}": "1"})
    assert response.status_code == 400
    assert "始まってから" in text(response)
    assert CampRegistration.objects.get(pk=a.pk).attended is None


def test_the_attendance_page_is_for_the_organiser(client, world, cast):
    camp, _ = registered_camp(cast, world)
    response = client.get(attendance_url(camp))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    for user in (world.owner, user_of(cast.players[0]), world.stranger):
        client.force_login(user)
        assert client.get(attendance_url(camp)).status_code == 403
    give_mfa(world.far_coordinator)
    client.force_login(world.far_coordinator)
    assert client.get(attendance_url(camp)).status_code == 403

    client.force_login(world.operator)  # staff without MFA: set it up first
    assert client.get(attendance_url(camp))["Location"] == reverse("mfa_index")


def test_the_attendance_page_costs_the_same_queries_for_many_registrants(
    client, world, cast, django_assert_max_num_queries
):
    camp = make_camp(cast.event, starts_in=-datetime.timedelta(hours=1), capacity=100)
    players = more_players(cast.event, 12)
    for player in players:
        CampRegistration.objects.create(camp=camp, user=user_of(player), player=player)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(attendance_url(camp))
    assert response.status_code == 200
    assert text(response).count('type="radio"') == 12 * 3
    with django_assert_max_num_queries(16):
        response = client.get(camp_url(camp))
    assert text(response).count('<th scope="row">') == 12


# --- two requests for the last seat (PostgreSQL: real row locks, real parallel requests) -----------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database serves one request at a time, "
    "and has no row locks",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_the_last_seats_never_overfill_the_camp(live_server, world):
    from duallife.engagements.tests.test_concurrency import all_at_once, signed_in_session

    event = camp_event(world)
    players = more_players(event, 5, prefix="rush")
    camp = make_camp(event, capacity=2)
    sessions = [signed_in_session(user_of(player)) for player in players]
    url = f"{live_server.url}{camp_url(camp, 'camp_register')}"

    def send(index: int):
        data = {"csrfmiddlewaretoken": sessions[index].headers["X-CSRFToken"]}
        return sessions[index].post(url, data=data, allow_redirects=False, timeout=60)

    responses = all_at_once(len(players), send)

    assert sorted(r.status_code for r in responses) == [302, 302, 400, 400, 400]
    assert all("満席" in r.text for r in responses if r.status_code == 400)
    assert CampRegistration.objects.filter(camp=camp).count() == 2
