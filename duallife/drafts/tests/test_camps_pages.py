"""Camp pages: creating (in Tokyo time), the public camp page (an online camp's way to join only
for the registered and the organiser; the register buttons or why not), registering and
cancelling, the registrants by display name behind MFA, attendance in one POST, editing and
cancelling. Bad input is a 400 with a Japanese message and nothing saved; anonymous visitors are
sent to log in; other tenants get a 403 (or a 404 for ids outside the event); a talent's real name
and contact details never appear; simultaneous requests never overfill a camp."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftTeam,
)
from duallife.drafts.services.camps import (
    camp_create,
)
from duallife.organizations.models import Membership, Organization
from duallife.testing.accounts import give_mfa
from duallife.testing.drafts import (
    CONTACTS,
    DAY,
    HOUR,
    HUGE,
    assert_login_redirect,
    camp_event,
    camp_url,
    camp_values,
    make_camp,
    more_players,
    notices,
    open_event,
    players,
    registered_camp,
    teams_and_players,
    text,
    url,
    user_of,
)
from duallife.testing.organizations import make_org
from duallife.testing.pages import COORDINATOR_HEADER_QUERIES

pytestmark = pytest.mark.django_db


TOKYO = ZoneInfo("Asia/Tokyo")


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


def attendance_url(camp):
    return camp_url(camp, "camp_attendance")


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
    with django_assert_max_num_queries(15 + COORDINATOR_HEADER_QUERIES):
        response = client.get(attendance_url(camp))
    assert response.status_code == 200
    assert text(response).count('type="radio"') == 12 * 3
    with django_assert_max_num_queries(16 + COORDINATOR_HEADER_QUERIES):
        response = client.get(camp_url(camp))
    assert text(response).count('<th scope="row">') == 12


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database serves one request at a time, "
    "and has no row locks",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_the_last_seats_never_overfill_the_camp(live_server, world):
    from duallife.testing.concurrency import all_at_once, signed_in_session

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
    with django_assert_max_num_queries(10 + COORDINATOR_HEADER_QUERIES):
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
