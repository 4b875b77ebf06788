"""Consortium teams, event and camp edits, runs and the demo: the schedule is read from the stored
event under its lock (a run, a new camp), the people told "for a team" are the people who act for
it (no member of a deactivated organisation), a company leaving or removed from a consortium gives
back its team seats at camps ahead and hears of it, a partner leaves in one transaction, an event
edit keeps its consortium partners inside its area and its negotiation window ahead."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.membership import acts_for, team_members
from duallife.drafts.models import CampRegistration, DraftCamp, DraftEvent, DraftPlayer, DraftRun, DraftTeam
from duallife.drafts.services import DraftError, draft_run_execute
from duallife.drafts.services_camps import camp_create, event_participants
from duallife.drafts.services_manage import draft_event_update
from duallife.drafts.services_messages import draft_message_post
from duallife.drafts.services_teams import draft_team_partner_leave, draft_team_update
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world
from duallife.regions.models import Prefecture
from duallife.talents.testing import make_talent

from .helpers_results import ensure_mfa
from .test_manage import edit_post, update_kwargs
from .test_runs import make_event, rank, teams_and_players
from .test_views_events import open_event

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def consortium(world):
    """An open event of 宮城県; the miyagi coordinator body leads a team with world.company (owner,
    member) as its partner; one player."""
    event = open_event(world)
    lead = DraftTeam.objects.create(event=event, organization=Organization.objects.get(slug="miyagi-pref"))
    lead.partners.add(world.company)
    player = DraftPlayer.objects.create(
        event=event, talent=make_talent(make_user("entrant")), pitch="よろしく"
    )
    ensure_mfa(world.coordinator)
    return event, lead, player


def camp_at(event, starts_in: datetime.timedelta, title: str) -> DraftCamp:
    start = timezone.now() + starts_in
    return DraftCamp.objects.create(
        event=event,
        title=title,
        mode=DraftCamp.Mode.ONLINE,
        place="https://meet.example.jp/draft",
        starts_at=start,
        ends_at=start + 2 * HOUR,
        capacity=10,
    )


# --- the schedule is read under the event's lock -----------------------------------------------------


def test_a_run_goes_by_the_stored_schedule_not_by_a_stale_copy(world):
    # the organiser opened the run page before the deadline was moved back into the future
    event = make_event(world)
    teams, players = teams_and_players(event)
    rank(players[0], [teams[0]])
    rank(teams[0], [players[0]])
    stale = DraftEvent.objects.get(pk=event.pk)
    DraftEvent.objects.filter(pk=event.pk).update(preferences_deadline=timezone.now() + DAY)

    with pytest.raises(DraftError, match="締切前は指名を実行できません"):
        draft_run_execute(event=stale, by=world.coordinator)

    assert not DraftRun.objects.exists()


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


# --- who is told "for the team" ------------------------------------------------------------------


def test_members_of_a_deactivated_partner_no_longer_hear_the_teams_news(world, consortium):
    event, lead, player = consortium
    Organization.objects.filter(pk=world.company.pk).update(is_active=False)
    assert not acts_for(world.member, lead)

    draft_message_post(event=event, team=lead, player=player, by=player.talent.user, body="はじめまして。")

    assert {u.pk for u in team_members(lead)} == {world.coordinator.pk}
    assert world.member.pk not in {u.pk for u in event_participants(event)}
    assert not Notification.objects.filter(user__in=[world.owner, world.member]).exists()
    assert Notification.objects.filter(user=world.coordinator, body="はじめまして。").exists()


def test_members_of_a_deactivated_lead_no_longer_hear_the_teams_news(world, consortium):
    _event, lead, _player = consortium
    Organization.objects.filter(pk=lead.organization_id).update(is_active=False)

    assert {u.pk for u in team_members(lead)} == {world.owner.pk, world.member.pk}


# --- leaving a consortium -------------------------------------------------------------------------


def test_a_leaving_company_gives_back_its_team_seats_at_camps_ahead(client, world, consortium):
    event, lead, _player = consortium
    ahead = camp_at(event, 2 * DAY, "オンライン相談会")
    started = camp_at(event, -HOUR, "始まった交流会")
    CampRegistration.objects.create(camp=ahead, user=world.member, team=lead)
    CampRegistration.objects.create(camp=ahead, user=world.owner, team=lead)
    CampRegistration.objects.create(camp=ahead, user=world.coordinator, team=lead)
    CampRegistration.objects.create(camp=started, user=world.owner, team=lead)
    client.force_login(world.member)

    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))

    assert response.status_code == 302
    assert not lead.partners.exists()
    # the seats ahead are free again (the online address is no longer shown to them); the lead's
    # seat stays, and so does the record of the camp that started
    assert set(CampRegistration.objects.values_list("camp__title", "user__username")) == {
        ("オンライン相談会", "coordinator"),
        ("始まった交流会", "owner"),
    }
    page = client.get(reverse("drafts:camp", args=[event.pk, ahead.pk])).content.decode()
    assert "https://meet.example.jp/draft" not in page
    # the company's other member and the one who left with a seat both hear about their seats
    for user in (world.owner, world.member):
        notice = Notification.objects.get(user=user, title__contains="コンソーシアムから抜けました")
        assert "オンライン相談会" in notice.body
    assert Notification.objects.filter(user=world.coordinator, title__contains="抜けました").count() == 1


def test_a_member_of_two_partner_companies_leaves_for_both_at_once(client, world, consortium):
    event, lead, _player = consortium
    fishery = make_org(Organization.Kind.COMPANY, "ishinomaki-fish")
    Membership.objects.create(user=world.member, organization=fishery)
    lead.partners.add(fishery)
    client.force_login(world.member)

    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))

    assert response.status_code == 302
    assert not lead.partners.exists()
    assert Notification.objects.filter(user=world.coordinator, title__contains="抜けました").count() == 2


def test_leaving_for_a_company_that_is_not_a_partner_removes_nothing(world, consortium):
    _event, lead, _player = consortium
    fishery = make_org(Organization.Kind.COMPANY, "ishinomaki-fish")
    Membership.objects.create(user=world.member, organization=fishery)

    with pytest.raises(DraftError, match="加わっていません"):
        draft_team_partner_leave(team=lead, organization=fishery, by=world.member)

    assert list(lead.partners.all()) == [world.company]
    assert not Notification.objects.exists()


def test_a_company_removed_by_the_lead_hears_of_it_and_gives_back_its_seats(world, consortium):
    event, lead, _player = consortium
    ahead = camp_at(event, 2 * DAY, "オンライン相談会")
    CampRegistration.objects.create(camp=ahead, user=world.owner, team=lead)

    draft_team_update(team=lead, by=world.coordinator, partners=[])

    assert not CampRegistration.objects.exists()
    notice = Notification.objects.get(user=world.owner, title__contains="コンソーシアムから外れました")
    assert "オンライン相談会" in notice.body
    assert Notification.objects.filter(user=world.member, title__contains="外れました").exists()
    assert not Notification.objects.filter(user=world.coordinator).exists()


# --- editing the event ----------------------------------------------------------------------------


def test_a_prefecture_with_a_consortium_partner_stays_in_the_area(client, world, consortium):
    event, _lead, _player = consortium
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
