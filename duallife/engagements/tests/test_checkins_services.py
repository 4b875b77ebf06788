"""Check-ins: each side answers once, worrying or missing answers reach the area's coordinators,
and the daily job starts contracts and asks for answers exactly once."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from duallife.engagements.errors import (
    EngagementConflictError,
    EngagementError,
    EngagementPermissionError,
    EngagementTransitionError,
)
from duallife.engagements.models import Application, CheckIn, CheckInAnswer
from duallife.engagements.services.contracts import (
    add_months,
    checkin_answer,
    checkins_process_due,
)
from duallife.engagements.tasks import process_checkins
from duallife.notifications.models import Notification
from duallife.testing.engagements import record, to_offer

S = Application.Status


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def contract(world, application):
    """Started 40 days ago for six months: the first check-in was due about ten days ago."""
    starts_on = today() - datetime.timedelta(days=40)
    return record(
        to_offer(application, world.owner), world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6)
    )


@pytest.fixture
def due(contract) -> CheckIn:
    return contract.checkins.order_by("due_on").first()


def answer(checkin, by, rating=4, on_track=True, comment=""):
    return checkin_answer(checkin=checkin, by=by, rating=rating, on_track=on_track, comment=comment)


def alerts() -> list[str]:
    return sorted(Notification.objects.filter(kind="alert").values_list("user__username", flat=True))


def test_each_side_answers_once_and_the_check_in_is_done_when_both_have(world, due):
    first = answer(due, world.talent, comment="順調です")
    assert first.side == CheckInAnswer.Side.TALENT
    due.refresh_from_db()
    assert due.status == CheckIn.Status.OPEN

    with pytest.raises(EngagementConflictError, match="すでに回答"):
        answer(due, world.talent)

    answer(due, world.member)
    due.refresh_from_db()
    assert due.status == CheckIn.Status.DONE
    assert due.closed_at is not None
    with pytest.raises(EngagementConflictError):
        answer(due, world.owner)
    assert due.answers.count() == 2
    assert alerts() == []


def test_a_check_in_not_yet_due_cannot_be_answered(world, contract):
    later = contract.checkins.order_by("-due_on").first()
    with pytest.raises(EngagementTransitionError, match="から回答できます"):
        answer(later, world.talent)
    assert not CheckInAnswer.objects.exists()


def test_only_the_talent_and_the_company_answer(world, due):
    for user in (world.stranger, world.coordinator, world.operator, world.nobody):
        with pytest.raises(EngagementPermissionError):
            answer(due, user)
    assert not CheckInAnswer.objects.exists()


@pytest.mark.parametrize(
    ("rating", "on_track", "comment", "field"),
    [
        (0, True, "", "rating"),
        (6, True, "", "rating"),
        ("5", True, "", "rating"),
        (True, True, "", "rating"),
        (3, "yes", "", "on_track"),
        (3, None, "", "on_track"),
        (3, True, "あ" * 2001, "comment"),
        (3, True, "a\x00b", "comment"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(world, due, rating, on_track, comment, field):
    with pytest.raises(EngagementError) as caught:
        answer(due, world.talent, rating=rating, on_track=on_track, comment=comment)
    assert caught.value.field == field
    assert not CheckInAnswer.objects.exists()


def test_a_worrying_answer_alerts_the_area_coordinator_once(world, due):
    answer(due, world.talent, rating=2)
    due.refresh_from_db()
    assert due.alerted_at is not None
    assert alerts() == ["coordinator"]

    answer(due, world.owner, rating=4, on_track=False)
    assert alerts() == ["coordinator"]


def test_not_on_track_alone_is_worrying(world, due):
    answer(due, world.owner, rating=5, on_track=False)
    assert alerts() == ["coordinator"]
    alert = Notification.objects.get(kind="alert")
    assert "いいえ" in alert.body
    assert alert.url == f"/checkins/{due.pk}/"


# --- The daily job ------------------------------------------------------------------------------


def test_the_daily_job_starts_contracts_whose_first_day_has_come(world, application):
    contract = record(to_offer(application, world.owner), world.owner)  # starts in a week

    assert checkins_process_due(today=today())["started"] == 0
    assert Application.objects.get(pk=contract.application_id).status == S.CONTRACTED

    assert checkins_process_due(today=contract.starts_on)["started"] == 1
    assert Application.objects.get(pk=contract.application_id).status == S.ACTIVE
    assert checkins_process_due(today=contract.starts_on)["started"] == 0


def test_the_daily_job_asks_both_sides_once_for_a_due_check_in(world, due):
    result = checkins_process_due(today=today())

    assert result["announced"] == 1
    asked = sorted(Notification.objects.filter(kind="checkin").values_list("user__username", flat=True))
    assert asked == ["member", "owner", "talent"]
    assert Notification.objects.get(user=world.talent, kind="checkin").url == f"/checkins/{due.pk}/"

    again = checkins_process_due(today=today())
    assert again == {"started": 0, "announced": 0, "missed": 0}
    assert Notification.objects.filter(kind="checkin").count() == 3


def test_a_side_that_already_answered_is_not_asked(world, due):
    answer(due, world.talent)
    checkins_process_due(today=today())
    asked = sorted(Notification.objects.filter(kind="checkin").values_list("user__username", flat=True))
    assert asked == ["member", "owner"]


def test_a_check_in_unanswered_two_weeks_after_its_day_is_missed_and_the_coordinator_alerted_once(world, due):
    answer(due, world.owner)
    day = due.due_on + datetime.timedelta(days=13)
    assert checkins_process_due(today=day)["missed"] == 0

    result = checkins_process_due(today=day + datetime.timedelta(days=1))

    due.refresh_from_db()
    assert result["missed"] == 1
    assert due.status == CheckIn.Status.MISSED
    assert due.alerted_at is not None
    assert alerts() == ["coordinator"]
    assert "人材の回答がまだ" in Notification.objects.get(kind="alert").body
    checkins_process_due(today=day + datetime.timedelta(days=30))
    assert alerts() == ["coordinator"]


def test_a_late_answer_to_a_missed_check_in_is_still_taken(world, due):
    checkins_process_due(today=due.due_on + datetime.timedelta(days=20))
    answer(due, world.talent)
    answer(due, world.owner)
    due.refresh_from_db()
    assert due.status == CheckIn.Status.DONE


def test_the_celery_task_runs_the_daily_job(world, due):
    result = process_checkins.delay().get()
    assert result["announced"] == 1


def test_the_command_prints_a_japanese_summary(world, due):
    out = StringIO()
    call_command("process_checkins", "--today", today().isoformat(), stdout=out)
    assert "回答を依頼したフォローアップ 1 件" in out.getvalue()


@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "2026/12/01", ""])
def test_the_command_refuses_a_bad_date_and_does_nothing(world, due, value):
    with pytest.raises(CommandError, match="--today"):
        call_command("process_checkins", "--today", value or " ", stdout=StringIO())
    assert not Notification.objects.filter(kind="checkin").exists()


def test_the_command_exits_non_zero_on_a_bad_date(db):
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "duallife.cli", "process-checkins", "--today", "not-a-date"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DUALLIFE_TESTING": "1"},
    )
    assert done.returncode != 0
    assert "--today" in done.stderr
