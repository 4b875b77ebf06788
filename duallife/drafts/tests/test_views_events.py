"""The draft's event pages: the list with each event's status in words, creating an event, the
event page (the hub: what each viewer may do), entering as a player, editing the entry, joining as
a team, team pages and their editing, and the players' list — from anonymous users, another
tenant and the right role; bad input answered 400 in Japanese with nothing saved; query counts
bounded; a talent's real name and contact details never shown."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
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
)
from duallife.drafts.selectors.events import EventStatus, event_status
from duallife.drafts.services.players import player_entry_update
from duallife.drafts.services.teams import draft_team_update
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.organizations.testing import give_mfa
from duallife.postings.tests.conftest import SENDAI, make_org, make_user, vocabulary, world
from duallife.regions.models import Prefecture
from duallife.talents.models import TalentProfile
from duallife.talents.services import SkillInput
from duallife.talents.testing import make_talent
from duallife.vocabulary.models import Theme

from .test_runs import make_event, teams_and_players

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def open_event(world, **changes) -> DraftEvent:
    """An event of 宮城県 whose entry is open today (deadline in ten days)."""
    today = timezone.localdate()
    values = {
        "name": "みやぎ移住ドラフト会議",
        "organizer": Organization.objects.get(slug="miyagi-pref"),
        "entry_opens_on": today - DAY,
        "entry_closes_on": today + 5 * DAY,
        "preferences_deadline": timezone.now() + 10 * DAY,
        "nomination_on": today + 12 * DAY,
        "negotiation_until": today + 26 * DAY,
        "team_capacity": 2,
        "player_fee_yen": 3000,
        "team_fee_yen": 0,
        "rebate": "仙台までの交通費クーポン2,000円分",
        "rules": "合宿に1回以上参加してください。",
    }
    values.update(changes)
    event = DraftEvent.objects.create(**values)
    event.prefectures.set([Prefecture.objects.get(code="04")])
    return event


def url(name, *args):
    return reverse(f"drafts:{name}", args=args)


def assert_login_redirect(response):
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# --- status in words ----------------------------------------------------------------------------


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.mark.parametrize(
    ("moment", "has_run", "expected"),
    [
        ("2027-03-31 12", False, EventStatus.BEFORE_ENTRY),
        ("2027-04-01 12", False, EventStatus.ENTRY_OPEN),
        ("2027-04-30 23", False, EventStatus.ENTRY_OPEN),
        ("2027-05-01 00", False, EventStatus.PREFERENCES_OPEN),
        ("2027-05-31 17", False, EventStatus.PREFERENCES_OPEN),
        ("2027-05-31 18", False, EventStatus.PREPARING),
        ("2027-06-05 12", True, EventStatus.PREPARING),  # a run exists, not announced yet
        ("2027-06-10 12", False, EventStatus.PREPARING),  # nomination day, no run yet
        ("2027-06-10 12", True, EventStatus.NEGOTIATING),
        ("2027-06-24 23", True, EventStatus.NEGOTIATING),
        ("2027-06-25 00", True, EventStatus.FINISHED),
        ("2027-06-25 00", False, EventStatus.FINISHED),
    ],
)
def test_the_status_follows_the_schedule_and_the_runs(moment, has_run, expected):
    event = DraftEvent(
        entry_opens_on=datetime.date(2027, 4, 1),
        entry_closes_on=datetime.date(2027, 4, 30),
        preferences_deadline=timezone.make_aware(datetime.datetime(2027, 5, 31, 18)),
        nomination_on=datetime.date(2027, 6, 10),
        negotiation_until=datetime.date(2027, 6, 24),
    )
    day, hour = moment.split()
    now = timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T{hour}:00"))
    status = event_status(event, has_run=has_run, now=now)
    assert status.key == expected
    assert status.label == str(EventStatus.LABELS[expected])


# --- the list -----------------------------------------------------------------------------------


def test_the_list_shows_current_events_first_with_status_dates_and_organiser(client, world):
    today = timezone.localdate()
    current = open_event(world, name="受付中の会議")
    past = open_event(
        world,
        name="終わった会議",
        entry_opens_on=today - 90 * DAY,
        entry_closes_on=today - 80 * DAY,
        preferences_deadline=timezone.now() - 70 * DAY,
        nomination_on=today - 60 * DAY,
        negotiation_until=today - 50 * DAY,
    )
    negotiating = make_event(world)  # deadline passed, nomination today
    DraftRun.objects.create(event=negotiating, number=1, proposing="players", instance={}, result={})

    response = client.get(url("list"))

    assert response.status_code == 200
    text = response.content.decode()
    assert text.index(current.name) < text.index(past.name)
    assert text.index(negotiating.name) < text.index(past.name)
    assert "エントリー受付中" in text
    assert "交渉期間中" in text
    assert "終了" in text
    assert "miyagi-prefの名前" in text
    assert "宮城県" in text
    assert current.entry_closes_on.strftime("%Y年").lstrip("0") in text
    assert (
        f"{current.nomination_on.year}年{current.nomination_on.month}月{current.nomination_on.day}日" in text
    )
    assert "ドラフト会議をつくる" not in text
    assert 'aria-current="page"' in text


@pytest.mark.parametrize(("who", "sees"), [("coordinator", True), ("operator", True), ("owner", False)])
def test_the_create_link_is_for_coordinators_and_operators(client, world, who, sees):
    client.force_login(getattr(world, who))
    response = client.get(url("list"))
    assert ("ドラフト会議をつくる" in response.content.decode()) is sees


def test_the_list_takes_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(6):
        event = open_event(world, name=f"会議{i}")
        event.prefectures.add(Prefecture.objects.get(code="05"))
        if i % 2:
            DraftRun.objects.create(event=event, number=1, proposing="players", instance={}, result={})
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(url("list"))
    assert response.content.decode().count("会議") >= 6


# --- creating an event --------------------------------------------------------------------------


def event_post(world, **changes):
    today = timezone.localdate()
    deadline = timezone.localtime(timezone.now() + 20 * DAY)
    data = {
        "organizer": str(Organization.objects.get(slug="miyagi-pref").pk),
        "name": "みやぎドラフト会議2027",
        "prefectures": [str(Prefecture.objects.get(code="04").pk), str(Prefecture.objects.get(code="05").pk)],
        "entry_opens_on": today.isoformat(),
        "entry_closes_on": (today + 10 * DAY).isoformat(),
        "preferences_deadline": deadline.strftime("%Y-%m-%dT18:00"),
        "nomination_on": (today + 25 * DAY).isoformat(),
        "negotiation_until": (today + 40 * DAY).isoformat(),
        "team_capacity": "3",
        "player_fee_yen": "３，０００円",
        "team_fee_yen": "10,000",
        "rebate": "仙台までの交通費クーポン2,000円分",
        "rules": "合宿に1回以上参加してください。",
        "allow_ties": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_anonymous_users_are_sent_to_log_in_to_create_an_event(client, world):
    assert_login_redirect(client.get(url("create")))
    assert_login_redirect(client.post(url("create"), event_post(world)))
    assert not DraftEvent.objects.exists()


@pytest.mark.parametrize("who", ["owner", "talent", "nobody"])
def test_only_coordinators_and_operators_may_create_events(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(url("create")).status_code == 403
    response = client.post(url("create"), event_post(world))
    assert response.status_code == 403
    assert "自治体・支援機関のメンバーと事務局" in response.content.decode()
    assert not DraftEvent.objects.exists()


def test_a_coordinator_creates_an_event_for_their_own_body(client, world):
    client.force_login(world.coordinator)
    page = client.get(url("create")).content.decode()
    assert "miyagi-prefの名前" in page
    assert "akita-prefの名前" not in page
    assert 'type="datetime-local"' in page
    assert 'type="checkbox"' in page

    response = client.post(url("create"), event_post(world))

    event = DraftEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", event.pk)
    assert event.name == "みやぎドラフト会議2027"
    assert event.organizer.slug == "miyagi-pref"
    assert event.created_by == world.coordinator
    assert sorted(event.prefectures.values_list("code", flat=True)) == ["04", "05"]
    assert (event.player_fee_yen, event.team_fee_yen, event.team_capacity) == (3000, 10000, 3)
    assert event.allow_ties is True
    assert timezone.localtime(event.preferences_deadline).hour == 18


def test_operators_may_pick_any_organising_body(client, world):
    client.force_login(world.operator)
    page = client.get(url("create")).content.decode()
    assert "miyagi-prefの名前" in page
    assert "akita-prefの名前" in page
    assert "secretariatの名前" in page
    akita = Organization.objects.get(slug="akita-pref")
    assert client.post(url("create"), event_post(world, organizer=str(akita.pk))).status_code == 302
    assert DraftEvent.objects.get().organizer == akita


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "名称を入力してください"),
        ({"name": "あ" * 121}, "120文字以内"),
        ({"prefectures": None}, "対象地域（県）を1つ以上選んでください"),
        ({"prefectures": ["abc"]}, "対象地域は一覧から選んでください"),
        ({"organizer": "akita"}, "主催する機関を一覧から選んでください"),
        ({"team_capacity": "三"}, "1〜100の整数"),
        ({"team_capacity": "0"}, "1〜100の整数"),
        ({"player_fee_yen": "-1"}, "0〜10,000,000円"),
        ({"team_fee_yen": "百万"}, "0〜10,000,000円"),
        ({"entry_opens_on": "2027-02-30"}, "「2027-04-01」の形"),
        ({"preferences_deadline": "来週"}, "「2027-05-31 18:00」の形"),
        ({"negotiation_until": "9999-12-31"}, "2100年までの日付"),
        ({"preferences_deadline": "0001-01-01T00:00"}, "2000年から"),
        ({"rules": "あ" * 4001}, "4000文字以内"),
        ({"rebate": "あ" * 201}, "200文字以内"),
    ],
)
def test_bad_input_is_refused_with_a_japanese_message_and_nothing_saved(client, world, changes, message):
    client.force_login(world.coordinator)
    response = client.post(url("create"), event_post(world, **changes))
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert 'role="alert"' in text
    assert 'aria-invalid="true"' in text
    assert not DraftEvent.objects.exists()


def test_a_schedule_out_of_order_is_refused_by_the_service_rule(client, world):
    client.force_login(world.coordinator)
    today = timezone.localdate()
    response = client.post(
        url("create"),
        event_post(world, nomination_on=(today + 2 * DAY).isoformat()),  # before the deadline
    )
    assert response.status_code == 400
    assert (
        "エントリー開始 ≤ エントリー締切 ≤ 希望リストの締切 ≤ 指名日 ≤ 交渉期間の終了"
        in response.content.decode()
    )
    assert not DraftEvent.objects.exists()


def test_another_bodys_organiser_id_is_refused(client, world):
    client.force_login(world.coordinator)
    akita = Organization.objects.get(slug="akita-pref")
    response = client.post(url("create"), event_post(world, organizer=str(akita.pk)))
    assert response.status_code == 400
    assert not DraftEvent.objects.exists()


def test_an_empty_post_is_a_400_not_a_500(client, world):
    client.force_login(world.coordinator)
    response = client.post(url("create"), {})
    assert response.status_code == 400
    assert "名称を入力してください" in response.content.decode()


# --- the event page (hub) -----------------------------------------------------------------------


@pytest.fixture
def hub(world):
    """An open event with the company as a team, a player, and two camps (one full)."""
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company, wants="EC担当の方")
    talent_user = make_user("entrant")
    talent = make_talent(talent_user)
    player = DraftPlayer.objects.create(event=event, talent=talent, pitch="漁業のDXを手伝いたい")
    start = timezone.now() + 2 * DAY
    online = DraftCamp.objects.create(
        event=event,
        title="オンライン説明会",
        mode="online",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=5,
    )
    full = DraftCamp.objects.create(
        event=event,
        title="石巻合宿",
        mode="onsite",
        place="石巻市",
        starts_at=start + DAY,
        ends_at=start + 2 * DAY,
        capacity=1,
    )
    CampRegistration.objects.create(camp=online, user=talent_user, player=player)
    CampRegistration.objects.create(camp=full, user=world.member, team=team)
    return event, team, player


def test_the_event_page_shows_schedule_terms_teams_and_camps_to_anyone(client, world, hub):
    event, team, _player = hub
    response = client.get(url("detail", event.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert event.name in text
    assert "miyagi-prefの名前" in text
    assert "宮城県" in text
    deadline = timezone.localtime(event.preferences_deadline)
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日 {deadline:%H:%M}" in text
    assert "3,000円" in text
    assert "無料" in text
    assert "仙台までの交通費クーポン2,000円分" in text
    assert "合宿に1回以上参加してください。" in text
    assert url("team", event.pk, team.pk) in text
    assert "sendai-misoの名前" in text
    assert "オンライン説明会" in text
    assert "4席" in text
    assert "満席" in text
    assert 'aria-current="step"' in text
    assert "エントリー受付中" in text
    assert "<caption>" in text
    assert 'scope="col"' in text
    assert url("results", event.pk) not in text  # no run yet
    assert reverse("account_login") + "?next=" in text


def test_the_results_link_appears_once_a_run_exists(client, world, hub):
    event, _team, _player = hub
    DraftRun.objects.create(event=event, number=1, proposing="players", instance={}, result={})
    assert url("results", event.pk) in client.get(url("detail", event.pk)).content.decode()


def test_the_organiser_sees_their_pages(client, world, hub):
    event, _team, _player = hub
    client.force_login(world.coordinator)
    text = client.get(url("detail", event.pk)).content.decode()
    for name in ("runs", "camp_create", "players", "nominations"):
        assert url(name, event.pk) in text
    assert url("enter", event.pk) not in text


def test_a_team_member_sees_their_team_pages(client, world, hub):
    event, team, _player = hub
    client.force_login(world.member)
    text = client.get(url("detail", event.pk)).content.decode()
    assert url("team_edit", event.pk, team.pk) in text
    assert url("team_choices", event.pk, team.pk) in text
    for name in ("players", "messages", "nominations"):
        assert url(name, event.pk) in text
    assert url("runs", event.pk) not in text
    assert url("join", event.pk) not in text  # their only organisation is already a team


def test_a_player_sees_their_entry_and_list(client, world, hub):
    event, _team, player = hub
    client.force_login(player.talent.user)
    text = client.get(url("detail", event.pk)).content.decode()
    for name in ("entry_edit", "player_choices", "messages", "nominations"):
        assert url(name, event.pk) in text
    assert url("enter", event.pk) not in text
    assert url("players", event.pk) not in text


def test_a_talent_may_enter_and_another_company_may_join_while_open(client, world, hub):
    event, _team, _player = hub
    client.force_login(world.talent)
    assert url("enter", event.pk) in client.get(url("detail", event.pk)).content.decode()
    client.force_login(world.stranger)
    text = client.get(url("detail", event.pk)).content.decode()
    assert url("join", event.pk) in text
    assert url("players", event.pk) not in text


def test_after_the_deadline_nobody_is_offered_to_enter_or_join(client, world):
    event = make_event(world)
    client.force_login(world.stranger)
    text = client.get(url("detail", event.pk)).content.decode()
    assert url("join", event.pk) not in text
    client.force_login(world.talent)
    assert url("enter", event.pk) not in client.get(url("detail", event.pk)).content.decode()


def test_a_user_without_a_profile_or_organisation_is_told_how_to_enter(client, world, hub):
    event, _team, _player = hub
    client.force_login(world.nobody)
    text = client.get(url("detail", event.pk)).content.decode()
    assert reverse("talents:profile_edit") in text
    assert url("enter", event.pk) not in text


def test_the_event_page_takes_a_bounded_number_of_queries(client, world, hub, django_assert_max_num_queries):
    event, _team, _player = hub
    for i in range(5):
        DraftTeam.objects.create(event=event, organization=make_org(Organization.Kind.COMPANY, f"extra-{i}"))
        start = timezone.now() + (5 + i) * DAY
        DraftCamp.objects.create(
            event=event,
            title=f"合宿{i}",
            mode="online",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            capacity=3,
        )
    client.force_login(world.member)
    with django_assert_max_num_queries(22):
        response = client.get(url("detail", event.pk))
    assert response.content.decode().count("extra-") == 5


def test_unknown_events_are_404(client, world):
    assert client.get("/drafts/999999/").status_code == 404
    assert client.get("/drafts/99999999999999999999999/").status_code == 404
    assert client.get("/drafts/abc/").status_code == 404


# --- entering as a player -----------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in_to_enter(client, world):
    event = open_event(world)
    assert_login_redirect(client.get(url("enter", event.pk)))
    assert_login_redirect(client.post(url("enter", event.pk), {"pitch": "よろしく"}))
    assert not DraftPlayer.objects.exists()


@pytest.mark.parametrize("who", ["owner", "coordinator", "nobody"])
def test_only_talents_may_enter(client, world, who):
    event = open_event(world)
    client.force_login(getattr(world, who))
    response = client.post(url("enter", event.pk), {"pitch": "よろしく"})
    assert response.status_code == 403
    assert "人材プロフィール" in response.content.decode()
    assert not DraftPlayer.objects.exists()


def test_a_talent_enters_with_a_pitch_and_is_told_what_teams_will_see(client, world):
    event = open_event(world)
    client.force_login(world.talent)
    page = client.get(url("enter", event.pk)).content.decode()
    assert "連絡先は、チームにも主催者にも表示されません" in page
    assert "結果ページで表示名を公開してよい" in page
    assert 'type="checkbox"' in page
    assert "checked" not in page

    response = client.post(url("enter", event.pk), {"pitch": "  漁業のDXを手伝いたい  "})

    assert response.status_code == 302
    assert response["Location"] == url("detail", event.pk)
    player = DraftPlayer.objects.get()
    assert player.talent.user == world.talent
    assert player.pitch == "漁業のDXを手伝いたい"
    assert player.name_public is False
    notice = Notification.objects.get(user=world.talent)
    assert notice.kind == Kind.DRAFT
    assert event.name in notice.title
    assert notice.url == url("detail", event.pk)

    again = client.get(url("enter", event.pk))
    assert again.status_code == 302
    assert again["Location"] == url("entry_edit", event.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [({"pitch": ""}, "自己アピールを入力してください"), ({"pitch": "あ" * 2001}, "2000文字以内")],
)
def test_bad_pitches_are_refused(client, world, data, message):
    event = open_event(world)
    client.force_login(world.talent)
    response = client.post(url("enter", event.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DraftPlayer.objects.exists()


def test_outside_the_entry_period_the_page_says_so_and_refuses(client, world):
    event = make_event(world)  # entry closed 30 days ago
    client.force_login(world.talent)
    page = client.get(url("enter", event.pk))
    assert page.status_code == 200
    assert "受付期間ではありません" in page.content.decode()
    assert 'name="pitch"' not in page.content.decode()
    response = client.post(url("enter", event.pk), {"pitch": "よろしく", "name_public": "on"})
    assert response.status_code == 400
    assert "受付期間ではありません" in response.content.decode()
    assert not DraftPlayer.objects.exists()


# --- editing the entry --------------------------------------------------------------------------


@pytest.fixture
def entered(world):
    event = open_event(world)
    player = DraftPlayer.objects.create(event=event, talent=world.talent.talent, pitch="はじめまして")
    return event, player


def test_anonymous_and_other_people_cannot_edit_an_entry(client, world, entered):
    event, player = entered
    assert_login_redirect(client.get(url("entry_edit", event.pk)))
    other = make_talent(make_user("other-talent"))
    for user in (other.user, world.owner):
        client.force_login(user)
        response = client.post(url("entry_edit", event.pk), {"pitch": "乗っ取り"})
        assert response.status_code == 403
    player.refresh_from_db()
    assert player.pitch == "はじめまして"


def test_the_player_changes_the_pitch_and_the_name_choice(client, world, entered):
    event, player = entered
    client.force_login(world.talent)
    page = client.get(url("entry_edit", event.pk)).content.decode()
    assert "はじめまして" in page
    assert "talentさん" in page
    response = client.post(
        url("entry_edit", event.pk), {"pitch": "林業にも関心があります", "name_public": "on"}
    )
    assert response.status_code == 302
    player.refresh_from_db()
    assert player.pitch == "林業にも関心があります"
    assert player.name_public is True

    response = client.post(url("entry_edit", event.pk), {"pitch": "あ" * 2001, "name_public": ""})
    assert response.status_code == 400
    assert "2000文字以内" in response.content.decode()
    player.refresh_from_db()
    assert player.name_public is True


def test_after_the_deadline_only_the_name_choice_changes(client, world):
    event = make_event(world)
    player = DraftPlayer.objects.create(event=event, talent=world.talent.talent, pitch="はじめまして")
    client.force_login(world.talent)
    page = client.get(url("entry_edit", event.pk)).content.decode()
    assert "締切を過ぎたため" in page
    assert 'name="pitch"' not in page

    response = client.post(url("entry_edit", event.pk), {"pitch": "書き換え", "name_public": "on"})

    assert response.status_code == 302
    player.refresh_from_db()
    assert player.pitch == "はじめまして"
    assert player.name_public is True
    with pytest.raises(DraftError, match="締切を過ぎた"):
        player_entry_update(player=player, by=world.talent, pitch="書き換え")
    with pytest.raises(DraftError, match="本人だけ"):
        player_entry_update(player=player, by=world.owner, name_public=False)
    player.refresh_from_db()
    assert (player.pitch, player.name_public) == ("はじめまして", True)


# --- joining as a team --------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in_to_join(client, world):
    event = open_event(world)
    assert_login_redirect(client.get(url("join", event.pk)))
    assert_login_redirect(client.post(url("join", event.pk), {"organization": world.company.pk}))
    assert not DraftTeam.objects.exists()


def test_people_without_a_body_or_company_cannot_join(client, world):
    event = open_event(world)
    client.force_login(world.talent)
    response = client.post(url("join", event.pk), {"organization": world.company.pk})
    assert response.status_code == 403
    assert "自治体・支援機関と企業のメンバー" in response.content.decode()
    assert not DraftTeam.objects.exists()


def test_a_company_member_joins_and_the_organiser_hears_about_it(client, world):
    event = open_event(world)
    client.force_login(world.owner)
    page = client.get(url("join", event.pk)).content.decode()
    assert "sendai-misoの名前" in page
    assert "akita-sakeの名前" not in page

    response = client.post(
        url("join", event.pk),
        {
            "organization": world.company.pk,
            "strategy": "味噌で世界へ",
            "wants": "EC担当の方",
            "life": "海が近い",
        },
    )

    team = DraftTeam.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("team", event.pk, team.pk)
    assert (team.organization, team.strategy, team.wants, team.life) == (
        world.company,
        "味噌で世界へ",
        "EC担当の方",
        "海が近い",
    )
    told = set(Notification.objects.filter(kind=Kind.DRAFT).values_list("user__username", flat=True))
    assert told == {"coordinator", "member"}
    page = client.get(url("join", event.pk)).content.decode()
    assert "すべてチームとして参加しています" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organization": "other"}, "一覧から選んでください"),
        ({"organization": ""}, "選んでください"),
        ({"organization": "company", "wants": "あ" * 2001}, "2000文字以内"),
    ],
)
def test_bad_joins_are_refused(client, world, data, message):
    event = open_event(world)
    client.force_login(world.owner)
    data = dict(data)
    if data["organization"] == "other":
        data["organization"] = world.other_company.pk
    elif data["organization"] == "company":
        data["organization"] = world.company.pk
    response = client.post(url("join", event.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DraftTeam.objects.exists()


def test_joining_after_the_deadline_is_refused(client, world):
    event = make_event(world)
    client.force_login(world.owner)
    assert "締切" in client.get(url("join", event.pk)).content.decode()
    response = client.post(url("join", event.pk), {"organization": world.company.pk})
    assert response.status_code == 400
    assert "締切を過ぎた" in response.content.decode()
    assert not DraftTeam.objects.exists()


# --- team pages ---------------------------------------------------------------------------------


def test_a_team_page_shows_its_texts_and_links_to_the_region_and_the_simulator(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(
        event=event, organization=world.company, strategy="味噌で世界へ", wants="EC担当の方", life="海が近い"
    )
    response = client.get(url("team", event.pk, team.pk))
    assert response.status_code == 200
    text = response.content.decode()
    for part in ("地域の戦略", "求める人と理由", "暮らしの様子", "味噌で世界へ", "EC担当の方", "海が近い"):
        assert part in text
    assert "2人まで" in text
    assert reverse("organizations:detail", args=["sendai-miso"]) in text
    assert reverse("regions:municipality", args=[SENDAI]) in text
    assert f"{reverse('simulator:index')}?destination={SENDAI}" in text
    assert url("team_edit", event.pk, team.pk) not in text


def test_a_body_without_a_municipality_links_its_prefecture_and_the_plain_simulator(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=Organization.objects.get(slug="akita-pref"))
    text = client.get(url("team", event.pk, team.pk)).content.decode()
    assert reverse("regions:prefecture", args=["05"]) in text
    assert f'href="{reverse("simulator:index")}"' in text
    assert "まだ書かれていません" in text


def test_a_team_of_another_event_is_404(client, world):
    event, other = open_event(world), open_event(world, name="別の会議")
    team = DraftTeam.objects.create(event=other, organization=world.company)
    assert client.get(url("team", event.pk, team.pk)).status_code == 404
    client.force_login(world.owner)
    assert client.get(url("team_edit", event.pk, team.pk)).status_code == 404


def test_team_members_and_the_organiser_edit_the_team_page(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    assert_login_redirect(client.get(url("team_edit", event.pk, team.pk)))
    for user in (world.stranger, world.talent, world.far_coordinator):
        client.force_login(user)
        assert client.post(url("team_edit", event.pk, team.pk), {"strategy": "乗っ取り"}).status_code == 403
    team.refresh_from_db()
    assert team.strategy == ""

    client.force_login(world.member)
    assert url("team_edit", event.pk, team.pk) in client.get(url("team", event.pk, team.pk)).content.decode()
    response = client.post(
        url("team_edit", event.pk, team.pk), {"strategy": "発酵の町", "wants": "", "life": ""}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.strategy == "発酵の町"

    client.force_login(world.coordinator)
    assert client.post(url("team_edit", event.pk, team.pk), {"life": "雪が多い"}).status_code == 302
    team.refresh_from_db()
    assert (team.strategy, team.life) == ("", "雪が多い")


def test_over_long_team_texts_are_refused(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company, life="海が近い")
    client.force_login(world.member)
    response = client.post(url("team_edit", event.pk, team.pk), {"life": "あ" * 2001})
    assert response.status_code == 400
    assert "2000文字以内" in response.content.decode()
    team.refresh_from_db()
    assert team.life == "海が近い"
    with pytest.raises(DraftError, match="2000文字以内"):
        draft_team_update(team=team, by=world.member, strategy="あ" * 2001)
    with pytest.raises(DraftError, match="メンバーと主催者だけ"):
        draft_team_update(team=team, by=world.stranger, strategy="乗っ取り")


# --- the players' list --------------------------------------------------------------------------


@pytest.fixture
def field(world):
    """An open event with the company as a team and two players with skills, themes and places."""
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    players = []
    for i, skill in enumerate(("データ分析", "SNS運用")):
        talent = make_talent(
            make_user(f"player{i}"),
            skills=[SkillInput(text=skill)],
            themes=[Theme.objects.get(key="marketing")],
            prefectures_of_interest=[Prefecture.objects.get(code="04")],
        )
        players.append(DraftPlayer.objects.create(event=event, talent=talent, pitch=f"自己アピール{i}"))
    return event, team, players


def test_anonymous_users_are_sent_to_log_in_for_the_players(client, world, field):
    event, _team, _players = field
    assert_login_redirect(client.get(url("players", event.pk)))


@pytest.mark.parametrize("who", ["stranger", "talent", "nobody", "far_coordinator"])
def test_people_outside_the_event_cannot_see_the_players(client, world, field, who):
    event, _team, _players = field
    user = getattr(world, who)
    give_mfa(user)
    client.force_login(user)
    response = client.get(url("players", event.pk))
    assert response.status_code == 403
    assert "自己アピール0" not in response.content.decode()


def test_a_player_cannot_see_the_other_players(client, world, field):
    event, _team, players = field
    client.force_login(players[0].talent.user)
    assert client.get(url("players", event.pk)).status_code == 403


def test_staff_need_mfa_to_see_the_players(client, world, field):
    event, _team, _players = field
    client.force_login(world.coordinator)
    response = client.get(url("players", event.pk))
    assert response.status_code == 302
    assert reverse("mfa_index") in response["Location"]
    give_mfa(world.coordinator)
    response = client.get(url("players", event.pk))
    assert response.status_code == 200
    assert "自己アピール0" in response.content.decode()
    assert "/messages/" not in response.content.decode()  # the organiser has no team threads


def test_a_team_sees_display_names_pitches_and_profiles_but_never_contacts(client, world, field):
    event, team, players = field
    client.force_login(world.member)
    response = client.get(url("players", event.pk))
    assert response.status_code == 200
    text = response.content.decode()
    for i, player in enumerate(players):
        assert player.talent.display_name in text
        assert f"自己アピール{i}" in text
        assert url("thread", event.pk, team.pk, player.pk) in text
    assert "データ分析" in text
    assert "SNS運用" in text
    assert "マーケティング" in text
    assert "宮城県" in text
    for player in players:
        talent = TalentProfile.objects.get(pk=player.talent_id)
        for secret in (
            talent.user.email,
            talent.family_name,
            talent.given_name,
            talent.family_name_kana,
            talent.phone,
        ):
            assert secret not in text
    main = text[text.index("<main") : text.index("</main>")]
    assert "090-1234-5678" not in main
    assert "@" not in main


def test_a_member_acting_for_two_teams_gets_one_thread_link_per_team(client, world, field):
    event, team, players = field
    body = Organization.objects.get(slug="miyagi-pref")
    Membership.objects.create(user=world.member, organization=body)
    give_mfa(world.member)
    second = DraftTeam.objects.create(event=event, organization=body)
    client.force_login(world.member)
    text = client.get(url("players", event.pk)).content.decode()
    assert url("thread", event.pk, team.pk, players[0].pk) in text
    assert url("thread", event.pk, second.pk, players[0].pk) in text


def test_the_players_list_takes_a_bounded_number_of_queries(
    client, world, field, django_assert_max_num_queries
):
    event, _team, _players = field
    for i in range(6):
        talent = make_talent(
            make_user(f"more{i}"),
            skills=[SkillInput(text="商品企画"), SkillInput(text=f"自由スキル{i}")],
            themes=[Theme.objects.get(key="dx-it")],
            prefectures_of_interest=[Prefecture.objects.get(code="05")],
        )
        DraftPlayer.objects.create(event=event, talent=talent, pitch="よろしく")
    client.force_login(world.member)
    with django_assert_max_num_queries(16):
        response = client.get(url("players", event.pk))
    assert response.content.decode().count("more") >= 6


def test_the_pages_render_in_english_too(client, world, hub):
    event, team, _player = hub
    client.force_login(world.member)
    for path in (
        url("list"),
        url("detail", event.pk),
        url("team", event.pk, team.pk),
        url("players", event.pk),
    ):
        response = client.get(f"/en{path}")
        assert response.status_code == 200, path


def test_the_event_page_shows_a_waiting_nomination_and_closes_started_camps(client, world):
    from duallife.drafts.models import DraftCamp
    from duallife.drafts.services.runs import draft_run_execute

    from .test_runs import make_event, rank, teams_and_players

    event = make_event(world)
    (team,), (player,) = teams_and_players(event, n_teams=1, n_players=1)
    rank(player, [team])
    rank(team, [player])
    draft_run_execute(event=event, by=world.coordinator)
    now = timezone.now()
    DraftCamp.objects.create(
        event=event,
        title="終わった合宿",
        mode=DraftCamp.Mode.ONLINE,
        place="https://meet.example.jp/x",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
        capacity=10,
    )
    client.force_login(player.talent.user)
    content = client.get(reverse("drafts:detail", args=[event.pk])).content.decode()
    assert "回答待ち 1件" in content
    assert "受付終了" in content
    assert "10席" not in content
