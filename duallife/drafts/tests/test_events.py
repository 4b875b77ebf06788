"""Creating a draft event (organiser members and operators; a schedule in order; sane capacity,
fees and texts) and joining it as a team (a coordinator body or a company, by a member, before the
preference deadline) — refused in Japanese otherwise, nothing saved."""

# ruff: noqa: F401, F811

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import DraftEvent, DraftTeam
from duallife.drafts.services.events import draft_event_create
from duallife.drafts.services.teams import draft_team_join
from duallife.organizations.models import Organization
from duallife.postings.tests.conftest import make_user, vocabulary, world
from duallife.regions.models import Prefecture

from .test_runs import make_event

pytestmark = pytest.mark.django_db


def schedule(**changes):
    today = timezone.localdate()
    values = {
        "entry_opens_on": today,
        "entry_closes_on": today + datetime.timedelta(days=30),
        "preferences_deadline": timezone.now() + datetime.timedelta(days=45),
        "nomination_on": today + datetime.timedelta(days=50),
        "negotiation_until": today + datetime.timedelta(days=64),
    }
    values.update(changes)
    return values


def create(world, by=None, **changes):
    values = {
        "by": by or world.coordinator,
        "organizer": Organization.objects.get(slug="miyagi-pref"),
        "name": "みやぎドラフト会議",
        "prefectures": [Prefecture.objects.get(code="04")],
        "schedule": schedule(),
        "team_capacity": 2,
        "player_fee_yen": 3000,
        "rebate": "仙台までの交通費クーポン2,000円分",
    }
    values.update(changes)
    return draft_event_create(**values)


def test_the_organisers_member_creates_an_event(world):
    event = create(world)
    assert event.name == "みやぎドラフト会議"
    assert list(event.prefectures.values_list("code", flat=True)) == ["04"]
    assert event.created_by == world.coordinator
    assert create(world, by=world.operator, name="事務局主催").organizer.slug == "miyagi-pref"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "名称"),
        ({"team_capacity": 0}, "指名できる人数"),
        ({"player_fee_yen": -1}, "参加費（選手）"),
        ({"rules": "あ" * 4001}, "ルール"),
        ({"prefectures": []}, "対象地域"),
        ({"schedule": schedule(nomination_on=timezone.localdate())}, "日程"),
        ({"schedule": {"entry_opens_on": timezone.localdate()}}, "日程（entry_closes_on）"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_saved(world, changes, message):
    with pytest.raises(DraftError, match=message):
        create(world, **changes)
    assert not DraftEvent.objects.exists()


@pytest.mark.parametrize("who", ["far_coordinator", "owner", "nobody"])
def test_only_the_organisers_members_and_operators_create_events(world, who):
    with pytest.raises(DraftError, match="メンバーと事務局"):
        create(world, by=getattr(world, who))
    with pytest.raises(DraftError, match="主催できる"):
        create(world, organizer=world.company, by=world.owner)
    assert not DraftEvent.objects.exists()


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
