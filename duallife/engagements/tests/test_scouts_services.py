"""Scouts: sending (who, to whom, how many), accepting into an application, declining, expiring."""

from __future__ import annotations

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from duallife.engagements.errors import (
    EngagementConflictError,
    EngagementError,
    EngagementPermissionError,
    EngagementRateLimitError,
    EngagementTransitionError,
)
from duallife.engagements.models import Application, ConsentRecord, Scout
from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.scouts import (
    DEFAULT_ACCEPT_MESSAGE,
    scout_accept,
    scout_decline,
    scouts_expire,
)
from duallife.notifications.models import Notification
from duallife.organizations.models import Membership, Organization
from duallife.postings.models import SpecSheet
from duallife.postings.services.sheets import spec_sheet_close
from duallife.talents.models import TalentProfile
from duallife.testing.engagements import APPLY_MESSAGE, another_talent, send

St = Scout.Status


# --- Sending --------------------------------------------------------------------------------------


def test_a_company_member_scouts_a_talent_who_is_told_with_the_sheet_and_company(world, sheet):
    scout = send(world, sheet)

    assert scout.status == St.PENDING
    assert scout.sender == world.owner
    assert scout.sender_organization == world.company
    assert abs(scout.expires_at - (timezone.now() + datetime.timedelta(days=14))) < datetime.timedelta(
        minutes=1
    )
    note = Notification.objects.get(user=world.talent, kind="scout")
    assert sheet.title in note.title
    assert world.company.name in note.title
    assert note.url == f"/scouts/{scout.pk}/"


def test_the_answer_date_is_the_sheets_closing_day_when_that_comes_first(world, make_sheet):
    closes = timezone.localdate() + datetime.timedelta(days=3)
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, closes_on=closes)

    scout = send(world, sheet)

    local = timezone.localtime(scout.expires_at, datetime.timezone(datetime.timedelta(hours=9)))
    assert local.date() == closes
    assert (local.hour, local.minute) == (23, 59)


def test_a_coordinator_scouts_in_the_name_of_their_body_and_an_operator_in_the_secretariats(world, sheet):
    by_coordinator = send(world, sheet, by=world.coordinator)
    other = another_talent("other")
    by_operator = send(world, sheet, talent=other, by=world.operator)

    assert by_coordinator.sender_organization.slug == "miyagi-pref"
    assert by_operator.sender_organization.kind == Organization.Kind.SECRETARIAT


@pytest.mark.parametrize("sender", ["far_coordinator", "stranger", "nobody"])
def test_people_without_a_part_in_the_sheet_cannot_scout_for_it(world, sheet, sender):
    with pytest.raises(EngagementPermissionError):
        send(world, sheet, by=getattr(world, sender))
    assert not Scout.objects.exists()
    assert not Notification.objects.filter(kind="scout").exists()


def test_a_private_profile_cannot_be_scouted_and_is_answered_as_not_found(world, sheet):
    hidden = another_talent("hidden", visibility=TalentProfile.Visibility.PRIVATE)

    with pytest.raises(EngagementError, match="見つかりません") as caught:
        send(world, sheet, talent=hidden)

    assert caught.value.status == 400
    assert not isinstance(caught.value, EngagementPermissionError)
    assert not Scout.objects.exists()


def test_a_sender_cannot_scout_themself(world, sheet):
    self_talent = another_talent("self")
    Membership.objects.create(user=self_talent.user, organization=world.company)

    with pytest.raises(EngagementError, match="自分自身"):
        send(world, sheet, talent=self_talent, by=self_talent.user)


def test_one_scout_per_sheet_and_talent_and_none_after_an_application(world, sheet, application):
    with pytest.raises(EngagementConflictError, match="すでにこの仕様書に応募"):
        send(world, sheet)
    other = another_talent("other")
    send(world, sheet, talent=other)
    with pytest.raises(EngagementConflictError, match="すでに送っています"):
        send(world, sheet, talent=other, by=world.member)
    assert Scout.objects.count() == 1


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("ぜひ一緒に働きましょう。", "30文字以上"),
        ("あ" * 2001, "2000文字以内"),
        ("ご経験に惹かれました。" * 3 + "\x00", "使えない文字"),
        (None, "30文字以上"),
    ],
)
def test_a_scout_needs_a_personal_message_of_30_to_2000_characters(world, sheet, message, expected):
    with pytest.raises(EngagementError, match=expected) as caught:
        send(world, sheet, message=message)
    assert caught.value.field == "message"
    assert not Scout.objects.exists()


@pytest.mark.parametrize("status", [SpecSheet.Status.DRAFT, SpecSheet.Status.CLOSED])
def test_only_published_open_sheets_can_be_scouted_for(world, make_sheet, status):
    sheet = make_sheet(status)
    with pytest.raises(EngagementError):
        send(world, sheet)
    assert not Scout.objects.exists()


# --- Rate limits ----------------------------------------------------------------------------------


def test_a_sender_reaching_the_daily_limit_is_told_when_they_can_send_again(world, sheet, settings):
    settings.SCOUT_LIMIT_PER_DAY = 2
    talents = [another_talent(f"t{i}") for i in range(3)]
    send(world, sheet, talent=talents[0])
    send(world, sheet, talent=talents[1])

    with pytest.raises(EngagementRateLimitError, match="24時間に2件") as caught:
        send(world, sheet, talent=talents[2])

    assert caught.value.status == 429
    assert "次に送れるのは" in caught.value.message
    assert Scout.objects.count() == 2
    # another member of the same company has their own allowance
    send(world, sheet, talent=talents[2], by=world.member)


def test_the_limits_are_rolling_windows_of_24_hours_and_7_days(world, sheet, settings):
    settings.SCOUT_LIMIT_PER_DAY = 1
    settings.SCOUT_LIMIT_PER_WEEK = 2
    talents = [another_talent(f"t{i}") for i in range(3)]
    first = send(world, sheet, talent=talents[0])
    Scout.objects.filter(pk=first.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))

    send(world, sheet, talent=talents[1])  # yesterday's no longer counts for the day
    Scout.objects.exclude(pk=first.pk).update(created_at=timezone.now() - datetime.timedelta(hours=30))

    with pytest.raises(EngagementRateLimitError, match="7日間に2件"):
        send(world, sheet, talent=talents[2])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_sends_at_the_edge_of_the_limit_never_exceed_it(world, make_sheet, settings):
    settings.SCOUT_LIMIT_PER_DAY = 3
    # different sheets, so that only the sender's own lock can keep the count
    sheets = [make_sheet(SpecSheet.Status.PUBLISHED) for _ in range(6)]
    start = threading.Barrier(len(sheets))
    outcomes: list[str] = []

    def attempt(sheet):
        try:
            start.wait()
            send(world, sheet)
            outcomes.append("sent")
        except EngagementRateLimitError:
            outcomes.append("limited")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(sheet,)) for sheet in sheets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["limited"] * 3 + ["sent"] * 3
    assert Scout.objects.filter(sender=world.owner).count() == 3


# --- Accepting and declining ----------------------------------------------------------------------


def test_accepting_creates_the_application_and_records_the_consent_for_the_chosen_fields(world, sheet):
    scout = send(world, sheet, by=world.coordinator)
    Notification.objects.all().delete()

    scout_accept(scout=scout, by=world.talent, shared_fields=["email", "name"])

    scout.refresh_from_db()
    application = scout.application
    assert scout.status == St.ACCEPTED
    assert scout.responded_at is not None
    assert application.origin == Application.Origin.SCOUT
    assert application.status == Application.Status.APPLIED
    assert application.message == DEFAULT_ACCEPT_MESSAGE
    assert application.shared_fields == ["name", "email"]
    record = ConsentRecord.objects.get(application=application)
    assert record.basis == ConsentRecord.Basis.SCOUT_ACCEPT
    assert record.fields == ["name", "email"]
    assert record.recipient == world.company
    told = sorted(Notification.objects.filter(kind="status").values_list("user__username", flat=True))
    assert told == ["coordinator", "member", "owner"]


def test_the_company_member_who_sent_it_is_told_once(world, sheet):
    scout = send(world, sheet)
    scout_accept(scout=scout, by=world.talent, message="よろしくお願いします。")
    told = sorted(Notification.objects.filter(kind="status").values_list("user__username", flat=True))
    assert told == ["member", "owner"]
    assert Application.objects.get().message == "よろしくお願いします。"


def test_accepting_without_fields_shares_nothing_and_records_no_provision(world, sheet):
    scout = send(world, sheet)
    scout_accept(scout=scout, by=world.talent, shared_fields=[])
    assert Application.objects.get().shared_fields == []
    assert not ConsentRecord.objects.exists()


def test_only_the_scouted_talent_answers(world, sheet):
    scout = send(world, sheet)
    intruder = another_talent("intruder")
    for by in (intruder.user, world.owner):
        with pytest.raises(EngagementPermissionError):
            scout_accept(scout=scout, by=by)
        with pytest.raises(EngagementPermissionError):
            scout_decline(scout=scout, by=by)
    assert Scout.objects.get().status == St.PENDING
    assert not Application.objects.exists()


def test_an_answered_or_overdue_scout_cannot_be_answered_again(world, sheet):
    scout = send(world, sheet)
    scout_accept(scout=scout, by=world.talent)
    with pytest.raises(EngagementTransitionError, match="承諾"):
        scout_accept(scout=scout, by=world.talent)
    with pytest.raises(EngagementTransitionError):
        scout_decline(scout=scout, by=world.talent)

    late = send(world, sheet, talent=another_talent("late"))
    Scout.objects.filter(pk=late.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(EngagementTransitionError, match="回答期限"):
        scout_accept(scout=late, by=late.talent.user)
    assert Application.objects.count() == 1


def test_bad_answers_are_refused_and_save_nothing(world, sheet):
    scout = send(world, sheet)
    with pytest.raises(EngagementError, match="共有する項目"):
        scout_accept(scout=scout, by=world.talent, shared_fields=["password"])
    with pytest.raises(EngagementError, match="1000文字以内"):
        scout_decline(scout=scout, by=world.talent, reason="あ" * 1001)
    scout.refresh_from_db()
    assert scout.status == St.PENDING
    assert not Application.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_a_sheet_closed_meanwhile_cannot_be_accepted_into(world, sheet):
    scout = send(world, sheet)
    spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.FILLED)
    scout.refresh_from_db()
    with pytest.raises(EngagementTransitionError):
        scout_accept(scout=scout, by=world.talent)
    assert not Application.objects.exists()


def test_declining_with_a_reason_tells_the_sender(world, sheet):
    scout = send(world, sheet)

    scout_decline(scout=scout, by=world.talent, reason="  本業が繁忙期のため、今回は見送ります。  ")

    scout.refresh_from_db()
    assert scout.status == St.DECLINED
    assert scout.decline_reason == "本業が繁忙期のため、今回は見送ります。"
    note = Notification.objects.get(kind="status")
    assert note.user == world.owner
    assert "辞退" in note.title
    assert "繁忙期" in note.body


def test_applying_while_a_scout_is_pending_counts_as_accepting_it(world, sheet):
    scout = send(world, sheet)
    application = application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)
    scout.refresh_from_db()
    assert scout.status == St.ACCEPTED
    assert scout.application == application


# --- Expiring -------------------------------------------------------------------------------------


def test_overdue_scouts_expire_and_each_sender_hears_once(world, sheet):
    first = send(world, sheet)
    second = send(world, sheet, talent=another_talent("second"))
    fresh = send(world, sheet, talent=another_talent("fresh"))
    Scout.objects.filter(pk__in=[first.pk, second.pk]).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    Notification.objects.all().delete()

    assert scouts_expire(now=timezone.now()) == 2
    assert scouts_expire(now=timezone.now()) == 0

    statuses = dict(Scout.objects.values_list("pk", "status"))
    assert statuses == {first.pk: St.EXPIRED, second.pk: St.EXPIRED, fresh.pk: St.PENDING}
    note = Notification.objects.get()
    assert note.user == world.owner
    assert "2件" in note.title
    assert note.url == "/scouts/sent/"


def test_the_expire_command_runs_the_same_service(world, sheet):
    scout = send(world, sheet)
    Scout.objects.filter(pk=scout.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    out = StringIO()

    call_command("expire_scouts", stdout=out)

    assert "1 件" in out.getvalue()
    assert Scout.objects.get().status == St.EXPIRED


def test_the_scheduled_task_keeps_its_name(world, sheet):
    from duallife.engagements.tasks import expire_scouts

    assert expire_scouts.name == "engagements.expire_scouts"
    assert expire_scouts.delay().get() == 0


def test_a_scout_whose_sender_left_is_reported_to_the_sending_organisation(world, sheet):
    scout = send(world, sheet, by=world.member)
    world.member.delete()
    Notification.objects.all().delete()
    scout.refresh_from_db()

    scout_decline(scout=scout, by=world.talent)

    assert list(Notification.objects.values_list("user__username", flat=True)) == ["owner"]
