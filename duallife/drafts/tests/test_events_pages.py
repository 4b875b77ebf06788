"""Event pages: the list (current first, with status, dates and organiser), creating an event,
the event page (the hub: schedule, terms, teams, camps, and what the viewer may do there), and the
organiser's edit (new dates told to players and teams, a deadline never in the past nor before a
camp ends, ties kept while tied lists exist, a consortium partner's prefecture kept in the area,
the negotiation window's end never in the past). Bad input is a 400 in Japanese with nothing
saved; each page takes a bounded number of queries; they render in English too."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.forms.events import event_initial
from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    PlayerChoice,
    TeamChoice,
)
from duallife.drafts.selectors.choices import tied_list_counts
from duallife.drafts.selectors.events import EventStatus, event_status
from duallife.drafts.services.events import draft_event_update
from duallife.drafts.services.runs import draft_run_execute
from duallife.organizations.models import Organization
from duallife.regions.models import Prefecture
from duallife.testing.accounts import make_user
from duallife.testing.drafts import (
    DAY,
    HOUR,
    HUGE,
    assert_login_redirect,
    ensure_mfa,
    make_event,
    notices,
    open_event,
    players,
    rank,
    teams_and_players,
    text,
    update_kwargs,
    url,
    user_of,
)
from duallife.testing.organizations import make_org
from duallife.testing.talents import make_talent

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("count", [2, 25])
def test_finished_events_come_ten_a_page(client, world, django_assert_max_num_queries, count):
    current = open_event(world, name="いま受付中のドラフト会議")
    for number in range(count):
        open_event(
            world,
            name=f"終わったドラフト会議{number + 1}",
            entry_opens_on=timezone.localdate() - 90 * DAY,
            entry_closes_on=timezone.localdate() - 80 * DAY,
            preferences_deadline=timezone.now() - 70 * DAY,
            nomination_on=timezone.localdate() - 60 * DAY,
            negotiation_until=timezone.localdate() - (30 + number) * DAY,
        )

    with django_assert_max_num_queries(6):
        first = client.get("/drafts/")
    last = client.get("/drafts/", {"page": "3"})
    garbage = [client.get("/drafts/", {"page": value}) for value in ("abc", "-1", "9" * 30)]

    assert [row.event for row in first.context["current"]] == [current]  # on every page
    assert len(first.context["past"]) == min(count, 10)
    assert "終わったドラフト会議1" in text(first)  # the latest first
    if count > 10:
        assert 'href="?page=2#past-heading"' in text(first)
        assert len(last.context["past"]) == 5
        assert [row.event for row in last.context["current"]] == [current]
    assert all(response.status_code == 200 for response in garbage)


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
    with django_assert_max_num_queries(13):
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
def test_a_bad_edit_is_refused_with_a_japanese_message_and_nothing_saved(
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


def test_an_empty_edit_is_a_400_not_a_500(client, world, event):
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


def test_operators_may_edit_any_event(client, world, event):
    client.force_login(world.operator)
    assert client.post(url("edit", event.pk), edit_post(event, name="事務局が直した名前")).status_code == 302
    assert DraftEvent.objects.get().name == "事務局が直した名前"


def test_the_hub_links_the_organiser_to_the_edit_page_only(client, world, event):
    client.force_login(world.coordinator)
    assert url("edit", event.pk) in text(client.get(url("detail", event.pk)))
    client.force_login(world.owner)
    assert url("edit", event.pk) not in text(client.get(url("detail", event.pk)))


def test_a_prefecture_with_a_consortium_partner_stays_in_the_area(client, world, partnered):
    event, _lead, _player = partnered
    akita = Prefecture.objects.get(code="05")
    client.force_login(world.coordinator)

    response = client.post(
        reverse("drafts:edit", args=[event.pk]), edit_post(event, prefectures=[str(akita.pk)])
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "対象地域から外す県の企業" in page
    assert world.company.name in page
    assert list(event.prefectures.values_list("code", flat=True)) == ["04"]
    # adding a prefecture is fine
    miyagi = Prefecture.objects.get(code="04")
    response = client.post(
        reverse("drafts:edit", args=[event.pk]), edit_post(event, prefectures=[str(miyagi.pk), str(akita.pk)])
    )
    assert response.status_code == 302


def test_the_end_of_the_negotiation_window_cannot_move_into_the_past(client, world):
    event = make_event(world)  # deadline an hour ago, nomination today, no run yet
    today = timezone.localdate()
    DraftEvent.objects.filter(pk=event.pk).update(
        entry_opens_on=today - 60 * DAY,
        entry_closes_on=today - 30 * DAY,
        preferences_deadline=timezone.now() - 20 * DAY,
        nomination_on=today - 10 * DAY,
    )
    event.refresh_from_db()
    client.force_login(world.coordinator)
    ensure_mfa(world.coordinator)

    response = client.post(
        reverse("drafts:edit", args=[event.pk]),
        edit_post(event, negotiation_until=(today - DAY).isoformat()),
    )

    assert response.status_code == 400
    assert "交渉期間の終了日は、今日以降の日付にしてください" in response.content.decode()
    assert DraftEvent.objects.get(pk=event.pk).negotiation_until == event.negotiation_until
    # an unchanged window, or one still ahead, saves
    with pytest.raises(DraftError, match="交渉期間の終了日"):
        draft_event_update(
            event=event,
            by=world.coordinator,
            **update_kwargs(
                event, schedule={**update_kwargs(event)["schedule"], "negotiation_until": today - DAY}
            ),
        )
    draft_event_update(event=event, by=world.coordinator, **update_kwargs(event, name="新しい名前"))
    assert DraftEvent.objects.get(pk=event.pk).name == "新しい名前"


@pytest.mark.parametrize("value", ["99999999999999999999999", "²", "-1"])
def test_an_event_with_an_impossible_prefecture_id_is_a_400(client, world, value):
    client.force_login(world.coordinator)

    response = client.post(reverse("drafts:create"), event_post(world, prefectures=[value]))

    assert response.status_code == 400
    assert "対象地域は一覧から選んでください" in text(response)
    assert not DraftEvent.objects.exists()


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
    with django_assert_max_num_queries(11):
        response = client.get(url("list"))
    assert response.content.decode().count("会議") >= 6


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
