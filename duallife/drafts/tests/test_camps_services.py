"""Camps (合宿), the rules: the organiser creates them (starting in the future, ending by the
preference deadline read from the stored event; on site needs a place, online a way to join;
capacity 1–1000) and changes or cancels them before they start (never below the seats taken);
players and team members register until the camp starts — never beyond the capacity — and cancel
before it starts; the organiser records attendance once it has started, for this camp's
registrations only. Refused input saves nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import CampInputError, DraftError
from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftTeam,
)
from duallife.drafts.services.camps import (
    camp_attendance_record,
    camp_cancel,
    camp_create,
    camp_delete,
    camp_register,
    camp_update,
)
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.testing.drafts import (
    DAY,
    HOUR,
    camp_event,
    camp_url,
    camp_values,
    make_camp,
    make_event,
    registered_camp,
    teams_and_players,
    user_of,
)
from duallife.testing.organizations import make_org

pytestmark = pytest.mark.django_db


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


def test_a_camp_ending_after_the_deadline_or_before_it_starts_is_refused(world, camp):
    event = camp.event
    with pytest.raises(CampInputError, match="終了は、開始より後") as caught:
        camp_update(
            camp=camp,
            by=world.coordinator,
            title=camp.title,
            mode=camp.mode,
            place=camp.place,
            starts_at=camp.starts_at,
            ends_at=camp.starts_at - HOUR,
            capacity=camp.capacity,
        )
    assert caught.value.field == "ends_at"
    with pytest.raises(CampInputError, match="希望リストの締切"):
        camp_update(
            camp=camp,
            by=world.coordinator,
            title=camp.title,
            mode=camp.mode,
            place=camp.place,
            starts_at=camp.starts_at,
            ends_at=event.preferences_deadline + HOUR,
            capacity=camp.capacity,
        )
    assert DraftCamp.objects.get().ends_at == camp.ends_at


def test_the_service_refuses_a_camp_change_by_someone_else(world, camp):
    with pytest.raises(DraftError, match="主催者と事務局"):
        camp_delete(camp=camp, by=world.owner)
    assert DraftCamp.objects.exists()


def test_a_new_camp_is_checked_against_the_stored_deadline(world):
    event = make_event(world, deadline_passed=False)
    DraftEvent.objects.filter(pk=event.pk).update(preferences_deadline=timezone.now() + 10 * DAY)
    stale = DraftEvent.objects.get(pk=event.pk)
    DraftEvent.objects.filter(pk=event.pk).update(preferences_deadline=timezone.now() + 2 * DAY)
    start = timezone.now() + 5 * DAY

    with pytest.raises(DraftError, match="希望リストの締切"):
        camp_create(
            event=stale,
            by=world.coordinator,
            title="石巻の浜で語る夜",
            mode=DraftCamp.Mode.ONSITE,
            place="石巻市",
            starts_at=start,
            ends_at=start + 2 * HOUR,
            capacity=5,
        )

    assert not DraftCamp.objects.exists()


def test_the_attendance_service_refuses_an_id_beyond_any_row(world, cast):
    camp = make_camp(cast.event, starts_in=-datetime.timedelta(hours=1))
    with pytest.raises(DraftError, match="この合宿の参加登録ではない"):
        camp_attendance_record(camp=camp, by=world.coordinator, attended={2**70: True})


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
