"""Draft events, the rules: who may create one, the fields and the order of the schedule;
after a run only the name, rebate and rules change; only the organiser edits."""

from __future__ import annotations

import pytest
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    DraftEvent,
)
from duallife.drafts.services.events import draft_event_update
from duallife.regions.models import Prefecture
from duallife.testing.drafts import DAY, create, schedule, update_kwargs

pytestmark = pytest.mark.django_db


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
        ({"schedule": {"entry_opens_on": timezone.localdate()}}, "日程（エントリー締切日）"),
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
