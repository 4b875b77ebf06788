"""The casual talk of a scout (まずは話を聞く): who opens, writes in and closes it, what it refuses,
the notifications it sends, its unread counts, and how it becomes an application (with consent)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.engagements.errors import EngagementError, EngagementPermissionError, EngagementTransitionError
from duallife.engagements.models import Application, ConsentRecord, Message, Scout, ThreadRead
from duallife.engagements.selectors.messages import talk_unread_counts, unread_counts, unread_total
from duallife.engagements.services.applications import application_submit, applications_close_for_sheet
from duallife.engagements.services.messages import message_post, talk_mark_read, talk_message_post
from duallife.engagements.services.scouts import (
    scout_accept,
    scout_decline,
    scout_talk_close,
    scout_talk_start,
    scouts_expire,
)
from duallife.notifications.models import Notification
from duallife.testing.engagements import APPLY_MESSAGE, TALK_OPENING, another_talent, in_talk, send
from duallife.testing.notifications import told

St = Scout.Status


@pytest.fixture
def scout(world, sheet):
    return send(world, sheet)


@pytest.fixture
def talk(world, sheet):
    return in_talk(world, sheet)


# --- Opening a talk ----------------------------------------------------------------------------


def test_a_talent_opens_a_talk_without_applying_or_sharing_anything(world, scout):
    started = scout_talk_start(scout=scout, by=world.talent, message="  " + TALK_OPENING + "  ")

    assert started.status == St.TALKING
    assert started.talk_started_at is not None
    assert started.responded_at is not None
    assert not Application.objects.exists()
    assert not ConsentRecord.objects.exists()
    (message,) = Message.objects.all()
    assert (message.scout_id, message.application_id, message.body) == (scout.pk, None, TALK_OPENING)


def test_the_sending_side_hears_of_the_talk_with_a_link_to_it(world, scout):
    scout_talk_start(scout=scout, by=world.talent, message=TALK_OPENING)

    for user in (world.owner, world.member):
        (notice,) = told(user=user, title="「まずは話を聞く」と答えました")
        assert notice.url == f"/scouts/{scout.pk}/#thread"
        assert TALK_OPENING in notice.body
        assert "氏名や連絡先はまだ届きません" in notice.body
    assert not told(user=world.talent, title="まずは話を聞く")


def test_a_talk_opens_without_a_first_message_too(world, scout):
    scout_talk_start(scout=scout, by=world.talent)

    assert Scout.objects.get().status == St.TALKING
    assert not Message.objects.exists()
    assert told(user=world.owner, title="まずは話を聞く")


@pytest.mark.parametrize("who", ["owner", "member", "stranger", "coordinator", "operator"])
def test_only_the_scouted_talent_opens_a_talk(world, scout, who):
    with pytest.raises(EngagementPermissionError):
        scout_talk_start(scout=scout, by=getattr(world, who))
    assert Scout.objects.get().status == St.PENDING


def test_another_talent_cannot_open_someone_elses_talk(world, scout):
    with pytest.raises(EngagementPermissionError):
        scout_talk_start(scout=scout, by=another_talent("other").user)
    assert Scout.objects.get().status == St.PENDING


def test_a_talk_opens_once(world, talk):
    with pytest.raises(EngagementTransitionError, match="すでにカジュアル面談が始まっています"):
        scout_talk_start(scout=talk, by=world.talent)
    assert Message.objects.count() == 1


def test_no_talk_on_a_scout_past_its_answer_date_or_already_answered(world, sheet, make_sheet, scout):
    Scout.objects.filter(pk=scout.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(EngagementTransitionError, match="回答期限を過ぎています"):
        scout_talk_start(scout=Scout.objects.get(pk=scout.pk), by=world.talent)
    declined = scout_decline(scout=send(world, make_sheet("published")), by=world.talent)
    with pytest.raises(EngagementTransitionError, match="「辞退」のスカウトには回答できません"):
        scout_talk_start(scout=declined, by=world.talent)
    assert not Scout.objects.filter(status=St.TALKING).exists()


@pytest.mark.parametrize("message", ["あ" * 2001, 12, "a\x00b"])
def test_a_bad_first_message_opens_nothing(world, scout, message):
    with pytest.raises(EngagementError) as refused:
        scout_talk_start(scout=scout, by=world.talent, message=message)
    assert refused.value.field == "message"
    assert Scout.objects.get().status == St.PENDING
    assert not Message.objects.exists()
    assert not told(user=world.owner, title="まずは話を聞く")


def test_the_answer_date_no_longer_applies_once_talking(world, talk):
    """The talk was the answer: neither the daily job nor the date ends it."""
    Scout.objects.filter(pk=talk.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))

    assert scouts_expire(now=timezone.now()) == 0

    assert Scout.objects.get().status == St.TALKING
    talk_message_post(scout=Scout.objects.get(), by=world.owner, body="ご返信ありがとうございます。")


# --- Writing in the talk -----------------------------------------------------------------------


def test_the_talent_writes_and_the_sending_side_hears_of_it(world, talk):
    Notification.objects.all().delete()

    message = talk_message_post(scout=talk, by=world.talent, body="  月に二日ほどなら関われます。  ")

    assert message.body == "月に二日ほどなら関われます。"
    assert (message.scout_id, message.application_id) == (talk.pk, None)
    notices = {n.user.username: n for n in Notification.objects.filter(kind="message").select_related("user")}
    assert set(notices) == {"owner", "member"}
    assert notices["owner"].url == f"/scouts/{talk.pk}/#thread"
    assert "からカジュアル面談のメッセージが届きました" in notices["owner"].title
    assert "talentさん" in notices["owner"].title
    assert notices["owner"].body == "月に二日ほどなら関われます。"


def test_the_sending_side_writes_and_only_the_talent_hears_of_it(world, talk):
    Notification.objects.all().delete()

    talk_message_post(
        scout=talk, by=world.member, body="ありがとうございます。まずは30分ほどお話ししましょう。"
    )

    notices = list(Notification.objects.filter(kind="message").select_related("user"))
    assert [n.user.username for n in notices] == ["talent"]
    assert world.company.name in notices[0].title


def test_a_coordinator_who_scouted_talks_too_and_the_company_hears_of_the_talent(world, sheet):
    talk = in_talk(world, sheet, by=world.coordinator)
    Notification.objects.all().delete()

    talk_message_post(scout=talk, by=world.talent, body="よろしくお願いします。")
    talk_message_post(scout=talk, by=world.coordinator, body="こちらこそ、よろしくお願いします。")

    heard = sorted(n.user.username for n in Notification.objects.filter(kind="message"))
    assert heard == ["coordinator", "member", "owner", "talent"]


@pytest.mark.parametrize("who", ["stranger", "far_coordinator", "nobody", "operator"])
def test_people_outside_the_talk_cannot_write_in_it(world, talk, who):
    with pytest.raises(EngagementPermissionError):
        talk_message_post(scout=talk, by=getattr(world, who), body="こんにちは。")
    with pytest.raises(EngagementPermissionError):
        talk_message_post(scout=talk, by=another_talent("other").user, body="こんにちは。")
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "words"), [("", "メッセージを入力してください"), ("   ", "入力"), ("あ" * 4001, "4000文字以内")]
)
def test_an_empty_or_too_long_message_is_refused_and_nothing_is_saved(world, talk, body, words):
    with pytest.raises(EngagementError, match=words) as refused:
        talk_message_post(scout=talk, by=world.talent, body=body)
    assert refused.value.field == "body"
    assert Message.objects.count() == 1


def test_nobody_writes_in_a_talk_that_has_not_started(world, scout):
    with pytest.raises(EngagementTransitionError, match="始まっていません"):
        talk_message_post(scout=scout, by=world.owner, body="いかがでしょうか。")
    assert not Message.objects.exists()


# --- Closing, declining, applying ----------------------------------------------------------------


def test_the_company_closes_the_talk_and_the_talent_is_thanked(world, talk):
    closed = scout_talk_close(scout=talk, by=world.member)

    assert closed.status == St.CLOSED
    assert closed.talk_closed_at is not None
    (notice,) = told(user=world.talent, title="カジュアル面談が終了しました")
    assert "お話しいただき、ありがとうございました" in notice.body
    assert notice.url == f"/scouts/{talk.pk}/#thread"
    with pytest.raises(EngagementTransitionError, match="終了しました。これまでのやりとりは読めます"):
        talk_message_post(scout=closed, by=world.talent, body="承知しました。")
    with pytest.raises(EngagementTransitionError):
        scout_accept(scout=closed, by=world.talent)
    assert not Application.objects.exists()


def test_closing_words_are_the_talks_last_message(world, talk):
    scout_talk_close(scout=talk, by=world.owner, message="今回は別の方向で進めることになりました。")

    assert Message.objects.order_by("pk").last().body == "今回は別の方向で進めることになりました。"
    assert told(user=world.talent, body="今回は別の方向で進めることになりました。")


def test_only_the_sending_side_closes_a_talk_and_only_once(world, talk):
    for who in (world.talent, world.stranger, world.far_coordinator):
        with pytest.raises(EngagementPermissionError):
            scout_talk_close(scout=talk, by=who)
    assert Scout.objects.get().status == St.TALKING
    scout_talk_close(scout=talk, by=world.owner)
    with pytest.raises(EngagementTransitionError, match="カジュアル面談を終えられません"):
        scout_talk_close(scout=Scout.objects.get(), by=world.owner)
    assert len(told(user=world.talent, title="カジュアル面談が終了しました")) == 1


def test_a_bad_closing_message_closes_nothing(world, talk):
    with pytest.raises(EngagementError):
        scout_talk_close(scout=talk, by=world.owner, message="あ" * 2001)
    assert Scout.objects.get().status == St.TALKING


def test_the_talent_declines_from_the_talk_and_the_sender_hears_why(world, talk):
    declined = scout_decline(scout=talk, by=world.talent, reason="本業が忙しくなりました。")

    assert declined.status == St.DECLINED
    assert told(user=world.owner, title="スカウトを辞退しました", body="本業が忙しくなりました。")
    with pytest.raises(EngagementTransitionError, match="辞退されたため"):
        talk_message_post(scout=declined, by=world.owner, body="承知しました。")


def test_turning_the_talk_into_an_application_records_consent_and_keeps_the_history(world, talk):
    talk_message_post(scout=talk, by=world.owner, body="ぜひ一度、画面越しにお話ししましょう。")
    talk_mark_read(scout=talk, user=world.owner)

    accepted = scout_accept(
        scout=talk, by=world.talent, shared_fields=["email", "name"], message="応募します。"
    )

    application = Application.objects.get()
    assert accepted.status == St.ACCEPTED
    assert accepted.application_id == application.pk
    assert application.origin == Application.Origin.SCOUT
    (consent,) = ConsentRecord.objects.all()
    assert (consent.basis, consent.fields) == (ConsentRecord.Basis.SCOUT_ACCEPT, ["name", "email"])
    assert consent.recipient == world.company
    history = list(
        Message.objects.filter(application=application).order_by("pk").values_list("body", flat=True)
    )
    assert history == [TALK_OPENING, "ぜひ一度、画面越しにお話ししましょう。"]
    assert ThreadRead.objects.get(user=world.owner).application_id == application.pk
    assert unread_counts(world.owner, [application.pk]) == {application.pk: 0}
    message_post(application=application, by=world.talent, body="よろしくお願いします。")
    assert unread_counts(world.owner, [application.pk]) == {application.pk: 1}


def test_applying_from_the_sheet_page_during_a_talk_accepts_the_scout_and_keeps_the_talk(world, sheet, talk):
    application = application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)

    assert Scout.objects.get().status == St.ACCEPTED
    assert Scout.objects.get().application == application
    assert Message.objects.get().application == application


def test_closing_the_sheet_closes_its_talks_and_keeps_them_readable(world, sheet, talk):
    applications_close_for_sheet(sheet=sheet)

    assert Scout.objects.get().status == St.CLOSED
    assert Message.objects.get().scout_id == talk.pk


# --- Unread ----------------------------------------------------------------------------------------


def test_unread_counts_follow_the_talk_for_each_side(world, talk):
    assert talk_unread_counts(world.owner, [talk.pk]) == {talk.pk: 1}
    assert talk_unread_counts(world.talent, [talk.pk]) == {talk.pk: 0}
    assert unread_total(world.owner) == 1
    assert unread_total(world.stranger) == 0

    talk_mark_read(scout=talk, user=world.owner)
    assert talk_unread_counts(world.owner, [talk.pk]) == {talk.pk: 0}
    talk_message_post(scout=talk, by=world.member, body="ご連絡ありがとうございます。")

    assert talk_unread_counts(world.owner, [talk.pk]) == {talk.pk: 1}  # the member's message
    assert talk_unread_counts(world.talent, [talk.pk]) == {talk.pk: 1}
    assert unread_total(world.talent) == 1
    talk_mark_read(scout=talk, user=world.owner)  # twice: still one row
    talk_mark_read(scout=talk, user=world.owner)
    assert talk_unread_counts(world.owner, [talk.pk]) == {talk.pk: 0}
    assert ThreadRead.objects.filter(user=world.owner).count() == 1


def test_only_the_two_sides_mark_a_talk_read(world, talk):
    with pytest.raises(EngagementPermissionError):
        talk_mark_read(scout=talk, user=world.stranger)
    assert not ThreadRead.objects.exists()
