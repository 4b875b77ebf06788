"""A team can be a consortium: its lead organisation picks partner companies of the event's area,
and the partners' members then act for the team everywhere (lists, messages, outcomes, notices)."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import DraftTeam, Nomination, TeamChoice
from duallife.drafts.permissions.teams import acts_for, teams_of
from duallife.drafts.selectors.teams import team_members
from duallife.drafts.services.nominations import nomination_outcome_record, nomination_respond
from duallife.drafts.services.runs import draft_run_execute
from duallife.drafts.services.teams import draft_team_join, draft_team_update
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Organization
from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world

from .helpers_results import ensure_mfa
from .test_runs import make_event, rank, teams_and_players

pytestmark = pytest.mark.django_db


@pytest.fixture
def consortium(world):
    """An open event; the miyagi coordinator body leads a team; world.company may be a partner."""
    event = make_event(world, deadline_passed=False)
    lead = DraftTeam.objects.create(event=event, organization=Organization.objects.get(slug="miyagi-pref"))
    ensure_mfa(world.coordinator)
    return event, lead


def edit(client, team, **data):
    values = {"strategy": "", "wants": "", "life": ""}
    values.update(data)
    return client.post(reverse("drafts:team_edit", args=[team.event_id, team.pk]), values)


def test_the_lead_adds_a_partner_whose_members_then_act_for_the_team(client, world, consortium):
    event, lead = consortium
    client.force_login(world.coordinator)
    page = client.get(reverse("drafts:team_edit", args=[event.pk, lead.pk]))
    assert world.company.name in page.content.decode()  # a company of the event's area
    assert world.other_company.name not in page.content.decode()  # Akita: outside the area

    response = edit(client, lead, partners=[world.company.pk])

    assert response.status_code == 302
    assert list(lead.partners.all()) == [world.company]
    assert list(teams_of(world.member, event)) == [lead]
    assert acts_for(world.owner, lead)
    assert {u.pk for u in team_members(lead)} >= {world.coordinator.pk, world.owner.pk, world.member.pk}
    assert Notification.objects.filter(
        user=world.owner, kind=Kind.DRAFT, title__contains="チームに加わりました"
    ).exists()
    team_page = client.get(reverse("drafts:team", args=[event.pk, lead.pk])).content.decode()
    assert "コンソーシアムの参加企業" in team_page
    assert world.company.name in team_page
    # the partner's member ranks players for the team
    client.force_login(world.member)
    assert client.get(reverse("drafts:team_choices", args=[event.pk, lead.pk])).status_code == 200


def test_a_partners_member_edits_texts_but_not_the_partners(client, world, consortium):
    event, lead = consortium
    lead.partners.set([world.company])
    client.force_login(world.member)
    page = client.get(reverse("drafts:team_edit", args=[event.pk, lead.pk])).content.decode()
    assert 'name="partners"' not in page
    assert edit(client, lead, strategy="販路づくり", partners=[]).status_code == 302
    lead.refresh_from_db()
    assert lead.strategy == "販路づくり"
    assert list(lead.partners.all()) == [world.company]  # ignored: not theirs to choose
    with pytest.raises(DraftError, match="代表の機関"):
        draft_team_update(team=lead, by=world.member, partners=[])


@pytest.mark.parametrize("bad", ["other_company", "own_team", "huge", "word"])
def test_partners_outside_the_candidates_are_refused_and_nothing_is_saved(client, world, consortium, bad):
    event, lead = consortium
    value = {
        "other_company": lambda: world.other_company.pk,  # outside the event's prefectures
        "own_team": lambda: (
            DraftTeam.objects.create(
                event=event, organization=make_org(Organization.Kind.COMPANY, "miyagi-team-co")
            ).organization_id
        ),  # already a team of the event
        "huge": lambda: "9" * 30,
        "word": lambda: "²",
    }[bad]()
    client.force_login(world.coordinator)
    response = edit(client, lead, strategy="変わらない", partners=[value])
    assert response.status_code == 400
    assert "一覧から選んで" in response.content.decode()
    lead.refresh_from_db()
    assert lead.strategy == ""
    assert not lead.partners.exists()


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
    assert Notification.objects.filter(user=world.member, title__contains="指名が決まりました").exists()
    nomination = run.nominations.get()
    nomination_respond(nomination=nomination, by=player.talent.user, accept=True)
    assert Notification.objects.filter(
        user=world.owner, kind=Kind.DRAFT, title__contains="指名を受諾しました"
    ).exists()
    from duallife.drafts.services.nominations import nomination_outcome_record

    nomination_outcome_record(nomination=nomination, by=world.member, outcome=Nomination.Outcome.SIDE_JOB)
    assert Nomination.objects.get(pk=nomination.pk).outcome == Nomination.Outcome.SIDE_JOB


def test_a_partner_leaves_the_consortium_before_the_deadline(client, world, consortium):
    event, lead = consortium
    lead.partners.set([world.company])
    client.force_login(world.member)
    page = client.get(reverse("drafts:team", args=[event.pk, lead.pk])).content.decode()
    assert "コンソーシアムから抜ける" in page

    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))

    assert response.status_code == 302
    assert not lead.partners.exists()
    assert list(teams_of(world.member, event)) == []
    assert Notification.objects.filter(
        user=world.coordinator, title__contains="コンソーシアムから抜けました"
    ).exists()


@pytest.mark.parametrize("who", ["anonymous", "coordinator", "stranger"])
def test_only_a_partners_member_may_leave_for_it(client, world, consortium, who):
    event, lead = consortium
    lead.partners.set([world.company])
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert list(lead.partners.all()) == [world.company]


def test_the_organiser_sets_a_teams_own_number_of_places_until_the_first_run(client, world, consortium):
    event, lead = consortium
    client.force_login(world.coordinator)  # a member of the organiser, which also leads this team
    assert edit(client, lead, capacity="5").status_code == 302
    lead.refresh_from_db()
    assert (lead.capacity, lead.places) == (5, 5)
    assert edit(client, lead, capacity="0").status_code == 400
    assert edit(client, lead, capacity="").status_code == 302
    lead.refresh_from_db()
    assert (lead.capacity, lead.places) == (None, event.team_capacity)
    # a partner's member sees no capacity field, and the service refuses them
    lead.partners.set([world.company])
    client.force_login(world.member)
    assert (
        'name="capacity"'
        not in client.get(reverse("drafts:team_edit", args=[event.pk, lead.pk])).content.decode()
    )
    with pytest.raises(DraftError, match="主催者"):
        draft_team_update(team=lead, by=world.member, capacity=4)
