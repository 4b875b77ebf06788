"""Changing what was created: the organiser edits the event (after a run only the name, the rebate
and the rules; a schedule in order, the deadline never moved into the past nor before a camp ends;
ties not turned off while tied lists exist; players and teams told of a new schedule), edits or
cancels a camp before it starts (never fewer seats than taken; the registered told), and a player
withdraws before the preference deadline (their entry and everything hanging from it deleted, the
teams that ranked them told by display name). Anonymous visitors log in, other people get a 403,
ids outside the event a 404; bad input is a 400 in Japanese with nothing saved."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.errors import CampInputError, DraftError
from duallife.drafts.forms.events import event_initial
from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftMessage,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    Nomination,
    PlayerChoice,
    TeamChoice,
)
from duallife.drafts.selectors.choices import tied_list_counts
from duallife.drafts.services.camps import camp_delete, camp_update
from duallife.drafts.services.events import draft_event_update
from duallife.drafts.services.players import player_withdraw
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world
from duallife.regions.models import Prefecture
from duallife.talents.testing import make_talent

from .test_camps import make_camp
from .test_runs import make_event, teams_and_players
from .test_views_events import open_event

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
HUGE = 10**20
# What make_talent() gives every player: none of it may reach a page or a notice of the draft.
CONTACTS = ("髙橋", "美咲", "タカハシ", "090-1234-5678")


def url(name, *args):
    return reverse(f"drafts:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def assert_login_redirect(response):
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def notices(user=None, **where):
    qs = Notification.objects.filter(kind=Kind.DRAFT, **where)
    return qs.filter(user=user) if user is not None else qs


@pytest.fixture
def event(world):
    """An open event with the company as a team (owner, member; a consortium partner whose admin
    is world.stranger) and two players; the organiser is world.coordinator."""
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    team.partners.add(world.other_company)
    for i in range(2):
        DraftPlayer.objects.create(
            event=event, talent=make_talent(make_user(f"entrant{i}")), pitch="よろしく"
        )
    return event


def players(event) -> list[DraftPlayer]:
    return list(DraftPlayer.objects.filter(event=event).select_related("talent__user").order_by("pk"))


# --- editing the event ----------------------------------------------------------------------------


def edit_post(event: DraftEvent, **changes) -> dict:
    """What the edit page sends back unchanged, with ``changes`` (``None`` leaves a field out)."""
    initial = event_initial(event)
    data = {
        "name": initial["name"],
        "prefectures": [str(pk) for pk in initial["prefectures"]],
        "entry_opens_on": initial["entry_opens_on"].isoformat(),
        "entry_closes_on": initial["entry_closes_on"].isoformat(),
        "preferences_deadline": initial["preferences_deadline"].strftime("%Y-%m-%dT%H:%M"),
        "nomination_on": initial["nomination_on"].isoformat(),
        "negotiation_until": initial["negotiation_until"].isoformat(),
        "team_capacity": str(initial["team_capacity"]),
        "player_fee_yen": str(initial["player_fee_yen"]),
        "team_fee_yen": str(initial["team_fee_yen"]),
        "rebate": initial["rebate"],
        "rules": initial["rules"],
    }
    if initial["allow_ties"]:
        data["allow_ties"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def update_kwargs(event: DraftEvent, **changes) -> dict:
    values = {
        "name": event.name,
        "prefectures": list(event.prefectures.all()),
        "schedule": {
            "entry_opens_on": event.entry_opens_on,
            "entry_closes_on": event.entry_closes_on,
            "preferences_deadline": event.preferences_deadline,
            "nomination_on": event.nomination_on,
            "negotiation_until": event.negotiation_until,
        },
        "team_capacity": event.team_capacity,
        "player_fee_yen": event.player_fee_yen,
        "team_fee_yen": event.team_fee_yen,
        "rebate": event.rebate,
        "rules": event.rules,
        "allow_ties": event.allow_ties,
    }
    values.update(changes)
    return values


def test_anonymous_users_are_sent_to_log_in_to_edit_an_event(client, world, event):
    assert_login_redirect(client.get(url("edit", event.pk)))
    assert_login_redirect(client.post(url("edit", event.pk), edit_post(event, name="変えた名前")))
    assert DraftEvent.objects.get().name == event.name


@pytest.mark.parametrize("who", ["far_coordinator", "owner", "stranger", "talent", "nobody"])
def test_only_the_organiser_may_edit_the_event(client, world, event, who):
    client.force_login(getattr(world, who))
    assert client.get(url("edit", event.pk)).status_code == 403
    response = client.post(url("edit", event.pk), edit_post(event, name="変えた名前"))
    assert response.status_code == 403
    assert "主催する機関のメンバーと事務局" in text(response)
    assert DraftEvent.objects.get().name == event.name


def test_unknown_and_huge_event_ids_are_404(client, world, event):
    client.force_login(world.coordinator)
    assert client.get(url("edit", event.pk + 1)).status_code == 404
    assert client.get(f"/drafts/{HUGE}/edit/").status_code == 404
    assert client.get(f"/drafts/{event.pk}x/edit/").status_code == 404


def test_the_edit_page_shows_the_values_and_keeps_the_organiser(
    client, world, event, django_assert_max_num_queries
):
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(url("edit", event.pk))
    assert response.status_code == 200
    page = text(response)
    assert 'name="organizer"' not in page
    assert "miyagi-prefの名前" in page
    assert f'value="{event.name}"' in page
    assert timezone.localtime(event.preferences_deadline).strftime("%Y-%m-%dT%H:%M") in page
    assert "disabled" not in page
    assert 'aria-current="page"' in page


def test_the_organiser_changes_the_schedule_and_the_players_and_teams_hear_the_new_dates(
    client, world, event
):
    client.force_login(world.coordinator)
    today = timezone.localdate()
    new_deadline = timezone.localtime(timezone.now() + 15 * DAY).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    response = client.post(
        url("edit", event.pk),
        edit_post(
            event,
            name="  みやぎ移住ドラフト会議（改） ",
            preferences_deadline=new_deadline.strftime("%Y-%m-%dT%H:%M"),
            nomination_on=(today + 20 * DAY).isoformat(),
            negotiation_until=(today + 30 * DAY).isoformat(),
            team_capacity="4",
            player_fee_yen="５，０００円",
            rules="新しいルール",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == url("detail", event.pk)
    event.refresh_from_db()
    assert event.name == "みやぎ移住ドラフト会議（改）"
    assert event.preferences_deadline == new_deadline
    assert (event.team_capacity, event.player_fee_yen, event.rules) == (4, 5000, "新しいルール")
    assert event.organizer.slug == "miyagi-pref"
    told = set(notices().values_list("user_id", flat=True))
    expected = {
        world.owner.pk,
        world.member.pk,
        world.stranger.pk,
        *(p.talent.user_id for p in players(event)),
    }
    assert told == expected  # players, the team's members and its consortium partner; not the editor
    notice = notices(world.owner).get()
    assert "日程が変わりました" in notice.title
    assert f"{new_deadline.year}年{new_deadline.month}月{new_deadline.day}日 18:00" in notice.body
    nomination = today + 20 * DAY
    assert f"指名日：{nomination.year}年{nomination.month}月{nomination.day}日" in notice.body
    assert notice.url == url("detail", event.pk)


def test_changing_only_texts_tells_nobody(client, world, event):
    client.force_login(world.coordinator)
    response = client.post(url("edit", event.pk), edit_post(event, rebate="新幹線クーポン"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.rebate == "新幹線クーポン"
    assert not notices().exists()


def test_the_prefectures_change_before_a_run(client, world, event):
    client.force_login(world.coordinator)
    akita = Prefecture.objects.get(code="05")
    response = client.post(url("edit", event.pk), edit_post(event, prefectures=[str(akita.pk)]))
    assert response.status_code == 302
    assert list(event.prefectures.values_list("code", flat=True)) == ["05"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "名称を入力してください"),
        ({"name": "あ" * 121}, "120文字以内"),
        ({"prefectures": None}, "対象地域（県）を1つ以上選んでください"),
        ({"prefectures": ["abc"]}, "対象地域は一覧から選んでください"),
        ({"prefectures": [str(HUGE)]}, "対象地域は一覧から選んでください"),
        ({"team_capacity": "三"}, "1〜100の整数"),
        ({"team_capacity": "101"}, "1〜100の整数"),
        ({"player_fee_yen": "-1"}, "0〜10,000,000円"),
        ({"entry_opens_on": "2027-02-30"}, "「2027-04-01」の形"),
        ({"preferences_deadline": None}, "希望リストの締切の日時を入力してください"),
        ({"preferences_deadline": "来週"}, "「2027-05-31 18:00」の形"),
        ({"negotiation_until": "9999-12-31"}, "2100年までの日付"),
        ({"rules": "あ" * 4001}, "4000文字以内"),
        ({"rebate": "あ" * 201}, "200文字以内"),
    ],
)
def test_bad_input_is_refused_with_a_japanese_message_and_nothing_saved(
    client, world, event, changes, message
):
    client.force_login(world.coordinator)
    response = client.post(url("edit", event.pk), edit_post(event, **{"name": "保存されない名前", **changes}))
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert 'role="alert"' in page
    assert DraftEvent.objects.get().name == "みやぎ移住ドラフト会議"
    assert not notices().exists()


def test_an_empty_post_is_a_400_not_a_500(client, world, event):
    client.force_login(world.coordinator)
    response = client.post(url("edit", event.pk), {})
    assert response.status_code == 400
    assert "名称を入力してください" in text(response)


def test_a_schedule_out_of_order_is_refused(client, world, event):
    client.force_login(world.coordinator)
    today = timezone.localdate()
    response = client.post(
        url("edit", event.pk), edit_post(event, nomination_on=(today + 2 * DAY).isoformat())
    )
    assert response.status_code == 400
    assert "エントリー開始 ≤ エントリー締切 ≤ 希望リストの締切 ≤ 指名日 ≤ 交渉期間の終了" in text(response)
    assert DraftEvent.objects.get().nomination_on == event.nomination_on
    assert not notices().exists()


def test_the_deadline_cannot_move_into_the_past(client, world, event):
    client.force_login(world.coordinator)
    today = timezone.localdate()
    past = timezone.localtime(timezone.now() - HOUR)
    response = client.post(
        url("edit", event.pk),
        edit_post(
            event,
            entry_opens_on=(today - 5 * DAY).isoformat(),
            entry_closes_on=(today - 2 * DAY).isoformat(),
            preferences_deadline=past.strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 400
    assert "希望リストの締切は、いまより後の日時にしてください" in text(response)
    assert DraftEvent.objects.get().preferences_deadline == event.preferences_deadline


def test_after_the_deadline_other_dates_still_change_while_the_deadline_stays(client, world):
    event = make_event(world)  # deadline an hour ago (stored with seconds), no run yet
    client.force_login(world.coordinator)
    later = event.negotiation_until + 7 * DAY
    response = client.post(url("edit", event.pk), edit_post(event, negotiation_until=later.isoformat()))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.negotiation_until == later
    assert event.preferences_deadline < timezone.now()


def test_the_deadline_cannot_move_before_a_camp_ends(client, world, event):
    start = timezone.now() + 6 * DAY
    DraftCamp.objects.create(
        event=event,
        title="石巻の浜で語る夜",
        mode="onsite",
        place="石巻市",
        starts_at=start,
        ends_at=start + 3 * HOUR,
        capacity=5,
    )
    client.force_login(world.coordinator)
    today = timezone.localdate()
    early = timezone.localtime(timezone.now() + 5 * DAY)
    response = client.post(
        url("edit", event.pk),
        edit_post(
            event,
            entry_closes_on=(today + 2 * DAY).isoformat(),
            preferences_deadline=early.strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 400
    assert "合宿「石巻の浜で語る夜」" in text(response)
    assert DraftEvent.objects.get().preferences_deadline == event.preferences_deadline


def test_ties_are_not_turned_off_while_tied_lists_exist(client, world, event):
    event.allow_ties = True
    event.save()
    team = DraftTeam.objects.get(event=event)
    other = DraftTeam.objects.create(
        event=event, organization=make_org(Organization.Kind.COORDINATOR, "iwate")
    )
    p0, p1 = players(event)
    PlayerChoice.objects.create(player=p0, team=team, rank=1)
    PlayerChoice.objects.create(player=p0, team=other, rank=1)  # a tie
    PlayerChoice.objects.create(player=p1, team=team, rank=1)
    TeamChoice.objects.create(team=team, player=p0, rank=1)
    TeamChoice.objects.create(team=team, player=p1, rank=1)  # a tie
    assert tied_list_counts(event) == (1, 1)
    client.force_login(world.coordinator)

    response = client.post(url("edit", event.pk), edit_post(event, allow_ties=None))

    assert response.status_code == 400
    assert "同じ順位を含む希望リストが2件（選手1件・チーム1件）" in text(response)
    assert DraftEvent.objects.get().allow_ties is True

    TeamChoice.objects.filter(team=team, player=p1).update(rank=2)
    PlayerChoice.objects.filter(player=p0, team=other).update(rank=2)
    assert client.post(url("edit", event.pk), edit_post(event, allow_ties=None)).status_code == 302
    assert DraftEvent.objects.get().allow_ties is False


@pytest.fixture
def solved(world):
    """An event whose preference deadline passed and that has a run."""
    event = make_event(world)
    DraftRun.objects.create(event=event, number=1, proposing="players", instance={}, result={})
    return event


def test_after_a_run_only_the_name_rebate_and_rules_change(client, world, solved):
    client.force_login(world.coordinator)
    page = text(client.get(url("edit", solved.pk)))
    assert "変更できるのは名称・還元・ルールだけです" in page
    assert page.count("disabled") >= 8
    before = event_initial(solved)

    response = client.post(
        url("edit", solved.pk),
        edit_post(
            solved,
            name="東北ドラフト会議2027（確定）",
            rules="指名後の連絡は2週間以内に。",
            team_capacity="9",  # disabled: ignored
            nomination_on=(solved.nomination_on + 3 * DAY).isoformat(),
            allow_ties="on",
        ),
    )

    assert response.status_code == 302
    solved.refresh_from_db()
    assert solved.name == "東北ドラフト会議2027（確定）"
    assert solved.rules == "指名後の連絡は2週間以内に。"
    assert (solved.team_capacity, solved.nomination_on, solved.allow_ties) == (
        before["team_capacity"],
        before["nomination_on"],
        False,
    )
    assert not notices().exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"team_capacity": 5},
        {"player_fee_yen": 100},
        {"allow_ties": True},
        {"prefectures": "akita"},
        {"schedule": "later"},
    ],
)
def test_after_a_run_the_service_refuses_changes_to_what_was_solved(world, solved, changes):
    if changes.get("prefectures") == "akita":
        changes = {"prefectures": [Prefecture.objects.get(code="05")]}
    if changes.get("schedule") == "later":
        schedule = update_kwargs(solved)["schedule"]
        changes = {"schedule": {**schedule, "negotiation_until": solved.negotiation_until + DAY}}
    with pytest.raises(DraftError, match="名称・還元・ルールだけ"):
        draft_event_update(event=solved, by=world.coordinator, **update_kwargs(solved, **changes))
    fresh = DraftEvent.objects.get(pk=solved.pk)
    assert (fresh.team_capacity, fresh.player_fee_yen, fresh.allow_ties) == (
        solved.team_capacity,
        solved.player_fee_yen,
        solved.allow_ties,
    )


def test_the_service_refuses_people_who_do_not_organise(world, event):
    with pytest.raises(DraftError, match="主催する機関のメンバーと事務局"):
        draft_event_update(event=event, by=world.far_coordinator, **update_kwargs(event, name="乗っ取り"))
    assert DraftEvent.objects.get().name == event.name


def test_operators_may_edit_any_event(client, world, event):
    client.force_login(world.operator)
    assert client.post(url("edit", event.pk), edit_post(event, name="事務局が直した名前")).status_code == 302
    assert DraftEvent.objects.get().name == "事務局が直した名前"


def test_the_hub_links_the_organiser_to_the_edit_page_only(client, world, event):
    client.force_login(world.coordinator)
    assert url("edit", event.pk) in text(client.get(url("detail", event.pk)))
    client.force_login(world.owner)
    assert url("edit", event.pk) not in text(client.get(url("detail", event.pk)))


# --- editing and cancelling a camp ----------------------------------------------------------------


@pytest.fixture
def camp(world, event):
    """A camp five days ahead with two players and the team's owner registered."""
    camp = make_camp(event)
    team = DraftTeam.objects.get(event=event)
    for player in players(event):
        CampRegistration.objects.create(camp=camp, user=player.talent.user, player=player)
    CampRegistration.objects.create(camp=camp, user=world.owner, team=team)
    return camp


def camp_post(camp: DraftCamp, **changes) -> dict:
    local = timezone.localtime
    data = {
        "title": camp.title,
        "mode": camp.mode,
        "place": camp.place,
        "starts_at": local(camp.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(camp.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "capacity": str(camp.capacity),
        "description": camp.description,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("name", ["camp_edit", "camp_delete"])
def test_anonymous_users_are_sent_to_log_in_to_change_a_camp(client, world, camp, name):
    assert_login_redirect(client.get(url(name, camp.event_id, camp.pk)))
    assert_login_redirect(client.post(url(name, camp.event_id, camp.pk), camp_post(camp, title="変更")))
    assert DraftCamp.objects.get().title == camp.title


@pytest.mark.parametrize("name", ["camp_edit", "camp_delete"])
@pytest.mark.parametrize("who", ["far_coordinator", "owner", "stranger", "talent"])
def test_only_the_organiser_may_change_a_camp(client, world, camp, name, who):
    client.force_login(getattr(world, who))
    assert client.get(url(name, camp.event_id, camp.pk)).status_code == 403
    response = client.post(url(name, camp.event_id, camp.pk), camp_post(camp, title="変更"))
    assert response.status_code == 403
    assert "主催者と事務局" in text(response)
    assert DraftCamp.objects.get().title == camp.title


@pytest.mark.parametrize("name", ["camp_edit", "camp_delete"])
def test_a_camp_of_another_event_or_a_huge_id_is_404(client, world, camp, name):
    other = open_event(world, name="別の会議")
    client.force_login(world.coordinator)
    assert client.get(url(name, other.pk, camp.pk)).status_code == 404
    assert client.post(url(name, other.pk, camp.pk)).status_code == 404
    assert client.get(f"/drafts/{camp.event_id}/camps/{HUGE}/{name.split('_')[1]}/").status_code == 404
    assert DraftCamp.objects.filter(pk=camp.pk).exists()


def test_the_camp_page_links_the_organiser_to_edit_and_cancel(client, world, camp):
    client.force_login(world.coordinator)
    page = text(client.get(url("camp", camp.event_id, camp.pk)))
    assert url("camp_edit", camp.event_id, camp.pk) in page
    assert url("camp_delete", camp.event_id, camp.pk) in page
    client.force_login(world.owner)
    page = text(client.get(url("camp", camp.event_id, camp.pk)))
    assert url("camp_edit", camp.event_id, camp.pk) not in page


def test_the_organiser_moves_a_camp_and_the_registered_hear_of_it(client, world, camp):
    client.force_login(world.coordinator)
    page = text(client.get(url("camp_edit", camp.event_id, camp.pk)))
    assert f'value="{camp.title}"' in page
    assert "いま3人が参加登録しています" in page
    new_start = timezone.localtime(camp.starts_at + DAY).replace(hour=13, minute=0, second=0, microsecond=0)

    response = client.post(
        url("camp_edit", camp.event_id, camp.pk),
        camp_post(
            camp,
            title="石巻の浜で語る夜（第2回）",
            starts_at=new_start.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(new_start + 4 * HOUR).strftime("%Y-%m-%dT%H:%M"),
            capacity="3",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == url("camp", camp.event_id, camp.pk)
    camp.refresh_from_db()
    assert camp.title == "石巻の浜で語る夜（第2回）"
    assert camp.starts_at == new_start
    assert camp.capacity == 3
    told = set(notices().values_list("user_id", flat=True))
    assert told == {world.owner.pk, *(p.talent.user_id for p in players(camp.event))}
    notice = notices(world.owner).get()
    assert f"{new_start.year}年{new_start.month}月{new_start.day}日 13:00〜17:00" in notice.body
    assert notice.url == url("camp", camp.event_id, camp.pk)


def test_a_new_title_alone_tells_nobody(client, world, camp):
    client.force_login(world.coordinator)
    response = client.post(url("camp_edit", camp.event_id, camp.pk), camp_post(camp, title="浜の夜"))
    assert response.status_code == 302
    assert DraftCamp.objects.get().title == "浜の夜"
    assert not notices().exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": "2"}, "すでに参加登録している3人より少なくできません"),
        ({"capacity": "0"}, "定員は1人以上"),
        ({"capacity": "たくさん"}, "定員は半角数字で"),
        ({"title": ""}, "名称を入力してください"),
        ({"mode": "onsite", "place": ""}, "会場を入力してください"),
        ({"mode": "hybrid"}, "開催方法は「オンライン」か「現地」"),
        ({"starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T12:00"}, "いまより後の日時"),
        ({"starts_at": None}, "開始の日時を入力してください"),
        ({"ends_at": "明日"}, "「2027-02-10 17:00」の形"),
        ({"description": "あ" * 4001}, "4000文字以内"),
    ],
)
def test_bad_camp_changes_are_refused_with_nothing_saved(client, world, camp, changes, message):
    client.force_login(world.coordinator)
    response = client.post(url("camp_edit", camp.event_id, camp.pk), camp_post(camp, **changes))
    assert response.status_code == 400
    assert message in text(response)
    fresh = DraftCamp.objects.get()
    assert (fresh.title, fresh.capacity, fresh.mode, fresh.starts_at) == (
        camp.title,
        camp.capacity,
        camp.mode,
        camp.starts_at,
    )
    assert not notices().exists()


def test_an_empty_camp_post_is_a_400_not_a_500(client, world, camp):
    client.force_login(world.coordinator)
    response = client.post(url("camp_edit", camp.event_id, camp.pk), {})
    assert response.status_code == 400
    assert "名称を入力してください" in text(response)
    assert DraftCamp.objects.get().title == camp.title


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


def test_a_started_camp_is_neither_edited_nor_cancelled(client, world, event):
    started = make_camp(event, starts_in=-HOUR)
    client.force_login(world.coordinator)
    page = text(client.get(url("camp_edit", event.pk, started.pk)))
    assert "すでに始まっているため、変更も中止もできません" in page
    response = client.post(url("camp_edit", event.pk, started.pk), camp_post(started, title="変更"))
    assert response.status_code == 400
    assert "始まった合宿は変更できません" in text(response)
    response = client.post(url("camp_delete", event.pk, started.pk))
    assert response.status_code == 400
    assert "始まった合宿は中止できません" in text(response)
    assert DraftCamp.objects.get().title == started.title
    assert url("camp_edit", event.pk, started.pk) not in text(client.get(url("camp", event.pk, started.pk)))


def test_cancelling_asks_first_then_deletes_and_tells_the_registered(
    client, world, camp, django_assert_max_num_queries
):
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(10):
        page = text(client.get(url("camp_delete", camp.event_id, camp.pk)))
    assert "中止しますか" in page
    assert "3人" in page
    assert DraftCamp.objects.exists()  # asking deletes nothing

    response = client.post(url("camp_delete", camp.event_id, camp.pk))

    assert response.status_code == 302
    assert response["Location"] == url("detail", camp.event_id)
    assert not DraftCamp.objects.exists()
    assert not CampRegistration.objects.exists()
    told = set(notices().values_list("user_id", flat=True))
    assert told == {world.owner.pk, *(p.talent.user_id for p in players(camp.event))}
    notice = notices(world.owner).get()
    assert "中止" in notice.title
    assert notice.url == url("detail", camp.event_id)
    assert client.get(url("camp", camp.event_id, camp.pk)).status_code == 404


def test_the_service_refuses_a_camp_change_by_someone_else(world, camp):
    with pytest.raises(DraftError, match="主催者と事務局"):
        camp_delete(camp=camp, by=world.owner)
    assert DraftCamp.objects.exists()


# --- a player withdraws ---------------------------------------------------------------------------


@pytest.fixture
def entrant(world, event):
    """The first player: ranks the company team, is ranked by it (second of three, after a tie in
    another team's list), has a camp seat and a thread with the team."""
    team = DraftTeam.objects.get(event=event)
    other = DraftTeam.objects.create(
        event=event, organization=make_org(Organization.Kind.COORDINATOR, "iwate")
    )
    p0, p1 = players(event)
    p2 = DraftPlayer.objects.create(event=event, talent=make_talent(make_user("entrant2")), pitch="よろしく")
    PlayerChoice.objects.create(player=p0, team=team, rank=1)
    PlayerChoice.objects.create(player=p0, team=other, rank=2)
    TeamChoice.objects.create(team=team, player=p1, rank=1)
    TeamChoice.objects.create(team=team, player=p0, rank=2)
    TeamChoice.objects.create(team=team, player=p2, rank=3)
    TeamChoice.objects.create(team=other, player=p1, rank=1)
    camp = make_camp(event, title="オンライン顔合わせ")
    CampRegistration.objects.create(camp=camp, user=p0.talent.user, player=p0)
    CampRegistration.objects.create(camp=camp, user=world.member, team=team)
    for body in ("はじめまして", "よろしくお願いします"):
        DraftMessage.objects.create(event=event, team=team, player=p0, from_team=False, body=body)
    return p0


def test_anonymous_users_are_sent_to_log_in_to_withdraw(client, world, event, entrant):
    assert_login_redirect(client.get(url("withdraw", event.pk)))
    assert_login_redirect(client.post(url("withdraw", event.pk)))
    assert DraftPlayer.objects.filter(pk=entrant.pk).exists()


@pytest.mark.parametrize("who", ["coordinator", "owner", "talent", "nobody"])
def test_only_the_player_may_withdraw(client, world, event, entrant, who):
    client.force_login(getattr(world, who))
    assert client.get(url("withdraw", event.pk)).status_code == 403
    response = client.post(url("withdraw", event.pk))
    assert response.status_code == 403
    assert "エントリーした本人だけ" in text(response)
    assert DraftPlayer.objects.filter(pk=entrant.pk).exists()


def test_the_withdraw_page_is_404_for_unknown_events(client, world, event, entrant):
    client.force_login(entrant.talent.user)
    assert client.get(url("withdraw", event.pk + 100)).status_code == 404
    assert client.post(f"/drafts/{HUGE}/withdraw/").status_code == 404


def test_the_confirmation_says_what_is_removed(client, world, event, entrant, django_assert_max_num_queries):
    client.force_login(entrant.talent.user)
    entry_page = text(client.get(url("entry_edit", event.pk)))
    assert url("withdraw", event.pk) in entry_page

    with django_assert_max_num_queries(12):
        response = client.get(url("withdraw", event.pk))

    assert response.status_code == 200
    page = text(response)
    for words in (
        "エントリー（自己アピール",
        "あなたの希望リスト（2チーム）",
        "チームの希望リストでのあなたの順位",
        "合宿の参加登録（1件）",
        "オンライン顔合わせ",
        "1件のやりとり、2通",
        "元に戻せません",
    ):
        assert words in page
    assert 'method="post"' in page
    for contact in CONTACTS:
        assert contact not in page
    assert DraftPlayer.objects.filter(pk=entrant.pk).exists()


def test_withdrawing_deletes_the_entry_and_everything_hanging_from_it(client, world, event, entrant):
    team = DraftTeam.objects.get(event=event, organization=world.company)
    client.force_login(entrant.talent.user)

    response = client.post(url("withdraw", event.pk))

    assert response.status_code == 302
    assert response["Location"] == url("detail", event.pk)
    assert not DraftPlayer.objects.filter(pk=entrant.pk).exists()
    assert not PlayerChoice.objects.filter(player_id=entrant.pk).exists()
    assert not TeamChoice.objects.filter(player_id=entrant.pk).exists()
    assert not CampRegistration.objects.filter(player_id=entrant.pk).exists()
    assert not DraftMessage.objects.filter(player_id=entrant.pk).exists()
    assert CampRegistration.objects.filter(user=world.member).exists()  # the team's seat stays
    # the team's list closes up: 1, 3 → 1, 2
    assert list(TeamChoice.objects.filter(team=team).order_by("rank").values_list("rank", flat=True)) == [
        1,
        2,
    ]
    # the teams that ranked the player hear of it (the other team had not)
    told = set(notices().values_list("user_id", flat=True))
    assert told == {world.owner.pk, world.member.pk, world.stranger.pk}
    notice = notices(world.owner).get()
    assert entrant.talent.display_name in notice.title
    assert notice.url == url("team_choices", event.pk, team.pk)
    for contact in CONTACTS:
        assert contact not in notice.title + notice.body
    # the talent may enter again while entry is open
    assert client.get(url("enter", event.pk)).status_code == 200


def test_a_closed_up_list_keeps_its_ties(world, event, entrant):
    team = DraftTeam.objects.get(event=event, organization=world.company)
    p1 = DraftPlayer.objects.exclude(pk=entrant.pk).order_by("pk").first()
    TeamChoice.objects.filter(team=team, player=p1).update(rank=3)  # ranks: p0 2, p1 3, p2 3
    player_withdraw(player=entrant, by=entrant.talent.user)
    assert sorted(TeamChoice.objects.filter(team=team).values_list("rank", flat=True)) == [1, 1]


def test_after_the_deadline_the_player_is_told_to_contact_the_organiser(client, world):
    event = make_event(world)
    (team,), (player,) = teams_and_players(event, n_teams=1, n_players=1)
    TeamChoice.objects.create(team=team, player=player, rank=1)
    client.force_login(player.talent.user)

    page = text(client.get(url("withdraw", event.pk)))
    assert "締切後の辞退は主催者にご連絡ください" in page
    assert f'action="{url("withdraw", event.pk)}"' not in page  # no button, only the explanation
    assert url("withdraw", event.pk) not in text(client.get(url("entry_edit", event.pk)))

    response = client.post(url("withdraw", event.pk))
    assert response.status_code == 400
    assert "締切後の辞退は主催者にご連絡ください" in text(response)
    assert DraftPlayer.objects.filter(pk=player.pk).exists()
    assert TeamChoice.objects.filter(player=player).exists()
    assert not notices().exists()


def test_a_nominated_player_cannot_withdraw(client, world, event, entrant):
    team = DraftTeam.objects.get(event=event, organization=world.company)
    run = DraftRun.objects.create(event=event, number=1, proposing="players", instance={}, result={})
    Nomination.objects.create(run=run, team=team, player=entrant)
    client.force_login(entrant.talent.user)
    response = client.post(url("withdraw", event.pk))
    assert response.status_code == 400
    assert "指名を受けているため" in text(response)
    assert DraftPlayer.objects.filter(pk=entrant.pk).exists()


def test_the_service_refuses_anyone_but_the_player(world, event, entrant):
    with pytest.raises(DraftError, match="エントリーした本人だけ"):
        player_withdraw(player=entrant, by=world.coordinator)
    assert DraftPlayer.objects.filter(pk=entrant.pk).exists()


def test_the_pages_render_in_english_too(client, world, event, camp):
    paths = (
        url("edit", event.pk),
        url("camp_edit", event.pk, camp.pk),
        url("camp_delete", event.pk, camp.pk),
    )
    withdraw_path = url("withdraw", event.pk)
    client.force_login(world.coordinator)
    for path in paths:
        assert client.get(f"/en{path}").status_code == 200, path
    client.force_login(players(event)[0].talent.user)
    assert client.get(f"/en{withdraw_path}").status_code == 200
