"""Player pages: entering with a pitch, editing the entry (after the deadline only the name choice),
withdrawing (a confirmation saying what goes, then everything hanging from the entry deleted), and
the players' list for the organiser and the teams — display names, pitches and profiles, never
contact details, in a bounded number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    CampRegistration,
    DraftMessage,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    Nomination,
    PlayerChoice,
    TeamChoice,
)
from duallife.drafts.services.players import player_entry_update
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.regions.models import Prefecture
from duallife.talents.models import TalentProfile
from duallife.talents.services import SkillInput
from duallife.testing.accounts import give_mfa, make_user
from duallife.testing.drafts import (
    HUGE,
    assert_login_redirect,
    make_event,
    notices,
    open_event,
    players,
    teams_and_players,
    text,
    url,
)
from duallife.testing.talents import make_talent
from duallife.vocabulary.models import Theme

pytestmark = pytest.mark.django_db


# What make_talent() gives every player: none of it may reach a page or a notice of the draft.
CONTACTS = ("髙橋", "美咲", "タカハシ", "090-1234-5678")


@pytest.fixture
def entered(world):
    event = open_event(world)
    player = DraftPlayer.objects.create(event=event, talent=world.talent.talent, pitch="はじめまして")
    return event, player


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
