"""Teams and consortia, the rules: a body or company joins once before the deadline; the lead picks
partner companies of the event's area, whose members then act for the team (lists, messages,
outcomes, notices) — no member of a deactivated organisation; a partner leaves, or is removed,
before the deadline, giving back its seats at camps ahead and hearing of it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    CampRegistration,
    DraftTeam,
    Nomination,
)
from duallife.drafts.permissions.teams import acts_for
from duallife.drafts.selectors.events import event_participants
from duallife.drafts.selectors.teams import team_members
from duallife.drafts.services.messages import draft_message_post
from duallife.drafts.services.nominations import nomination_respond
from duallife.drafts.services.runs import draft_run_execute
from duallife.drafts.services.teams import draft_team_join, draft_team_partner_leave, draft_team_update
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.testing.drafts import DAY, camp_at, create, make_event, rank, teams_and_players
from duallife.testing.notifications import told
from duallife.testing.organizations import make_org

pytestmark = pytest.mark.django_db


def test_a_partner_cannot_also_join_as_its_own_team(world, consortium):
    event, lead = consortium
    lead.partners.set([world.company])
    with pytest.raises(DraftError, match="コンソーシアム"):
        draft_team_join(event=event, organization=world.company, by=world.owner)
    assert not DraftTeam.objects.filter(event=event, organization=world.company).exists()


def test_partners_are_fixed_at_the_deadline(world, consortium):
    event, lead = consortium
    event.preferences_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    lead.refresh_from_db()
    with pytest.raises(DraftError, match="締切"):
        draft_team_update(team=lead, by=world.coordinator, partners=[world.company])
    assert not lead.partners.exists()


def test_partners_hear_about_nominations_and_record_outcomes(world):
    event = make_event(world)  # deadline passed
    lead = DraftTeam.objects.create(event=event, organization=Organization.objects.get(slug="miyagi-pref"))
    lead.partners.set([world.company])
    _teams, (player,) = teams_and_players(event, n_teams=0, n_players=1)
    rank(player, [lead])
    rank(lead, [player])
    run = draft_run_execute(event=event, by=world.operator)
    assert told(user=world.member, title="指名が決まりました")
    nomination = run.nominations.get()
    nomination_respond(nomination=nomination, by=player.talent.user, accept=True)
    assert told(user=world.owner, kind=Kind.DRAFT, title="指名を受諾しました")
    from duallife.drafts.services.nominations import nomination_outcome_record

    nomination_outcome_record(nomination=nomination, by=world.member, outcome=Nomination.Outcome.SIDE_JOB)
    assert Nomination.objects.get(pk=nomination.pk).outcome == Nomination.Outcome.SIDE_JOB


def test_a_member_joins_their_body_or_company_as_a_team_once_before_the_deadline(world):
    event = create(world)
    team = draft_team_join(event=event, organization=world.company, by=world.member, wants="EC担当の方")
    assert team.wants == "EC担当の方"
    assert team.places == 2
    with pytest.raises(DraftError, match="すでにチーム"):
        draft_team_join(event=event, organization=world.company, by=world.owner)
    with pytest.raises(DraftError, match="メンバーだけ"):
        draft_team_join(event=event, organization=world.other_company, by=world.owner)
    closed = make_event(world)  # its preference deadline has passed
    with pytest.raises(DraftError, match="締切"):
        draft_team_join(event=closed, organization=world.company, by=world.owner)
    assert DraftTeam.objects.count() == 1


def test_members_of_a_deactivated_partner_no_longer_hear_the_teams_news(world, partnered):
    event, lead, player = partnered
    Organization.objects.filter(pk=world.company.pk).update(is_active=False)
    assert not acts_for(world.member, lead)

    draft_message_post(event=event, team=lead, player=player, by=player.talent.user, body="はじめまして。")

    assert {u.pk for u in team_members(lead)} == {world.coordinator.pk}
    assert world.member.pk not in {u.pk for u in event_participants(event)}
    assert not Notification.objects.filter(user__in=[world.owner, world.member]).exists()
    assert any(n.body == "はじめまして。" for n in told(user=world.coordinator))


def test_members_of_a_deactivated_lead_no_longer_hear_the_teams_news(world, partnered):
    _event, lead, _player = partnered
    Organization.objects.filter(pk=lead.organization_id).update(is_active=False)

    assert {u.pk for u in team_members(lead)} == {world.owner.pk, world.member.pk}


def test_leaving_for_a_company_that_is_not_a_partner_removes_nothing(world, partnered):
    _event, lead, _player = partnered
    fishery = make_org(Organization.Kind.COMPANY, "ishinomaki-fish")
    Membership.objects.create(user=world.member, organization=fishery)

    with pytest.raises(DraftError, match="加わっていません"):
        draft_team_partner_leave(team=lead, organization=fishery, by=world.member)

    assert list(lead.partners.all()) == [world.company]
    assert not Notification.objects.exists()


def test_a_company_removed_by_the_lead_hears_of_it_and_gives_back_its_seats(world, partnered):
    event, lead, _player = partnered
    ahead = camp_at(event, 2 * DAY, "オンライン相談会")
    CampRegistration.objects.create(camp=ahead, user=world.owner, team=lead)

    draft_team_update(team=lead, by=world.coordinator, partners=[])

    assert not CampRegistration.objects.exists()
    (notice,) = told(user=world.owner, title="コンソーシアムから外れました")
    assert "オンライン相談会" in notice.body
    assert told(user=world.member, title="外れました")
    assert not Notification.objects.filter(user=world.coordinator).exists()
