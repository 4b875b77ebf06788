"""Nominations, the rules: the nominated talent accepts or declines once within the negotiation
window; only the team or the organiser writes the team's message; outcomes are recorded for
accepted nominations by the organiser or the team."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import DraftEvent, Nomination
from duallife.drafts.services.nominations import (
    nomination_message_save,
    nomination_outcome_record,
    nomination_respond,
)
from duallife.drafts.services.runs import draft_run_execute
from duallife.organizations.models import Membership
from duallife.testing.accounts import make_user
from duallife.testing.drafts import nomination_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominated(world, draft):
    event, _teams, _players = draft
    run = draft_run_execute(event=event, by=world.coordinator)
    return run.nominations.select_related("player__talent__user", "team").order_by("pk").first()


def test_the_nominated_talent_accepts_or_declines_once(world, nominated):
    with pytest.raises(DraftError, match="本人だけ"):
        nomination_respond(nomination=nominated, by=world.owner, accept=True)
    answered = nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=False)
    assert answered.status == Nomination.Status.DECLINED
    assert answered.responded_at is not None
    with pytest.raises(DraftError, match="すでに回答"):
        nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=True)


def test_no_answer_after_the_negotiation_window(world, nominated):
    DraftEvent.objects.filter(pk=nominated.run.event_id).update(
        negotiation_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(DraftError, match="交渉期間"):
        nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=True)
    assert Nomination.objects.get(pk=nominated.pk).status == Nomination.Status.PENDING


def test_outcomes_are_recorded_for_accepted_nominations_by_the_organiser_or_the_team(world, nominated):
    with pytest.raises(DraftError, match="受諾された指名"):
        nomination_outcome_record(nomination=nominated, by=world.coordinator, outcome="moved")
    nomination_respond(nomination=nominated, by=nominated.player.talent.user, accept=True)

    with pytest.raises(DraftError, match="主催者・事務局・指名したチーム"):
        nomination_outcome_record(nomination=nominated, by=world.far_coordinator, outcome="moved")
    with pytest.raises(DraftError, match="から選んで"):
        nomination_outcome_record(nomination=nominated, by=world.coordinator, outcome="rich")

    team_member = make_user("team-member")
    Membership.objects.create(user=team_member, organization=nominated.team.organization)
    recorded = nomination_outcome_record(
        nomination=nominated, by=team_member, outcome="dual_life", note="月2回、石巻に通っています"
    )
    assert recorded.outcome == Nomination.Outcome.DUAL_LIFE
    assert recorded.outcome_recorded_at is not None


def test_only_the_team_or_the_organiser_write_the_message(world, drafted):
    nomination = nomination_of(drafted, 0)
    for user in (drafted.players[0].talent.user, drafted.region_member, world.stranger, world.nobody):
        with pytest.raises(DraftError, match="指名したチームのメンバーと主催者"):
            nomination_message_save(nomination=nomination, by=user, message="こんにちは")
    nomination_message_save(nomination=nomination, by=world.coordinator, message="主催者より")
    assert Nomination.objects.get(pk=nomination.pk).message == "主催者より"
