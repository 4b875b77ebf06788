"""Services of notifications: notify, read state, email preferences, unsubscribe, the email task."""

from __future__ import annotations

import pytest
from django.core import signing

from duallife.notifications.errors import NotificationError, UnsubscribeTokenError
from duallife.notifications.models import EmailPreference, Kind, Notification
from duallife.notifications.selectors import email_preferences, notifications_page
from duallife.notifications.services import (
    email_preferences_save,
    email_unsubscribe,
    notification_email_send,
    notification_emails_off,
    notification_mark_read,
    notifications_mark_all_read,
    notify,
)
from duallife.notifications.tasks import send_notification_email
from duallife.notifications.tokens import SALT, unsubscribe_token, unsubscribe_token_read
from duallife.testing.accounts import make_user

pytestmark = pytest.mark.django_db


# --- notify -------------------------------------------------------------------------------------


def test_given_a_user_when_notified_then_the_notification_is_stored_unread_and_emailed_after_commit(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(
            user=alice, kind=Kind.MESSAGE, title="新しいメッセージ", body="こんにちは", url="/applications/1/"
        )
    assert notification.read_at is None
    assert len(callbacks) == 1
    assert mailoutbox == []  # nothing is sent before the transaction commits

    callbacks[0]()

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_given_an_unknown_kind_or_a_foreign_url_when_notifying_then_it_is_refused(alice):
    with pytest.raises(ValueError, match="kind"):
        notify(user=alice, kind="nonsense", title="x")
    for url in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "a/b"):
        with pytest.raises(ValueError, match="url"):
            notify(user=alice, kind=Kind.MESSAGE, title="x", url=url)
    assert not Notification.objects.exists()


def test_given_a_very_long_title_when_notifying_then_it_is_cut_to_fit(alice):
    notification = notify(user=alice, kind=Kind.SCOUT, title="長" * 500)
    assert len(notification.title) == 200


def test_given_the_kind_is_turned_off_when_notified_then_no_email_is_queued(
    alice, django_capture_on_commit_callbacks
):
    email_preferences_save(user=alice, enabled_kinds=[Kind.SCOUT])
    with django_capture_on_commit_callbacks() as callbacks:
        notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")
        notify(user=alice, kind=Kind.SCOUT, title="スカウト")
    assert len(callbacks) == 1
    assert Notification.objects.filter(user=alice).count() == 2  # in-app notices always arrive


def test_given_emails_are_off_for_a_block_when_notified_then_the_notice_is_kept_and_no_email_queued(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, notification_emails_off():
        notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")
    with django_capture_on_commit_callbacks() as after:
        notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")
    assert callbacks == []
    assert len(after) == 1  # only within the block
    assert Notification.objects.filter(user=alice).count() == 2


def test_given_an_unconfirmed_address_or_an_inactive_account_when_notified_then_no_email_is_queued(
    db, django_capture_on_commit_callbacks
):
    unconfirmed = make_user("unconfirmed", verified=False)
    inactive = make_user("inactive", is_active=False, verified=True)
    with django_capture_on_commit_callbacks() as callbacks:
        notify(user=unconfirmed, kind=Kind.MESSAGE, title="メッセージ")
        notify(user=inactive, kind=Kind.MESSAGE, title="メッセージ")
    assert callbacks == []


# --- the email task -----------------------------------------------------------------------------


def test_given_a_queued_email_when_the_task_runs_twice_then_one_email_is_sent(alice, mailoutbox):
    notification = notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")

    assert send_notification_email.delay(notification.pk).get() is True
    assert send_notification_email.delay(notification.pk).get() is False

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alice@example.jp"]


def test_given_the_user_turned_the_kind_off_after_queueing_when_the_task_runs_then_nothing_is_sent(
    alice, mailoutbox
):
    notification = notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")
    email_preferences_save(user=alice, enabled_kinds=[])

    assert notification_email_send(notification_id=notification.pk) is False

    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_given_the_account_was_closed_after_queueing_when_the_task_runs_then_nothing_is_sent(
    alice, mailoutbox
):
    notification = notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")
    alice.is_active = False
    alice.save(update_fields=["is_active"])

    assert notification_email_send(notification_id=notification.pk) is False
    assert mailoutbox == []


def test_given_a_deleted_notification_when_the_task_runs_then_it_does_nothing(alice, mailoutbox):
    notification = notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")
    pk = notification.pk
    notification.delete()
    assert notification_email_send(notification_id=pk) is False
    assert mailoutbox == []


def test_given_the_mail_server_is_down_when_a_notice_commits_then_the_request_goes_on_and_a_retry_sends_it(
    alice, smtp_down, settings, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")

    notification.refresh_from_db()
    assert notification.emailed_at is None  # not marked: a later run may still send it
    assert "queue_notification_email" in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_notification_email.delay(notification.pk).get() is True


# --- read state ---------------------------------------------------------------------------------


def test_given_a_read_notification_when_read_again_then_the_first_read_time_stays(alice):
    notification = notify(user=alice, kind=Kind.MESSAGE, title="メッセージ")
    notification_mark_read(notification=notification)
    first = Notification.objects.get(pk=notification.pk).read_at

    notification_mark_read(notification=Notification.objects.get(pk=notification.pk))

    assert first is not None
    assert Notification.objects.get(pk=notification.pk).read_at == first


def test_given_two_users_when_one_marks_all_read_then_only_their_notifications_change(
    alice, bob, make_notifications
):
    make_notifications(alice, 3)
    make_notifications(bob, 2)

    assert notifications_mark_all_read(user=alice) == 3
    assert notifications_mark_all_read(user=alice) == 0

    assert not Notification.objects.filter(user=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=bob, read_at__isnull=True).count() == 2


def test_given_read_and_unread_notifications_when_listed_then_unread_come_first_newest_first(
    alice, make_notifications
):
    first, second, third = make_notifications(alice, 3)
    notification_mark_read(notification=third)

    titles = [n.title for n in notifications_page(alice).object_list]

    assert titles == [second.title, first.title, third.title]
    assert [n.title for n in notifications_page(alice, unread_only=True).object_list] == [
        second.title,
        first.title,
    ]


# --- email preferences --------------------------------------------------------------------------


def test_given_no_choice_yet_when_reading_preferences_then_every_kind_is_on(alice):
    assert all(choice.email for choice in email_preferences(alice))
    assert [choice.kind for choice in email_preferences(alice)] == list(Kind.values)


def test_given_chosen_kinds_when_saved_then_those_are_on_and_every_other_kind_off(alice):
    saved = email_preferences_save(user=alice, enabled_kinds=[Kind.SCOUT, Kind.MESSAGE, Kind.SCOUT])

    assert saved[Kind.SCOUT]
    assert saved[Kind.MESSAGE]
    assert not saved[Kind.APPLICATION]
    assert EmailPreference.objects.filter(user=alice).count() == len(Kind.values)
    on = {c.kind for c in email_preferences(alice) if c.email}
    assert on == {Kind.SCOUT, Kind.MESSAGE}

    email_preferences_save(user=alice, enabled_kinds=list(Kind.values))
    assert all(c.email for c in email_preferences(alice))
    assert EmailPreference.objects.filter(user=alice).count() == len(Kind.values)


def test_given_an_unknown_kind_when_saving_preferences_then_nothing_is_saved_and_the_error_is_in_japanese(
    alice,
):
    with pytest.raises(NotificationError) as caught:
        email_preferences_save(user=alice, enabled_kinds=[Kind.SCOUT, "spam"])
    assert caught.value.field == "enabled_kinds"
    assert "spam" in caught.value.message
    assert "種類" in caught.value.message
    with pytest.raises(NotificationError):
        email_preferences_save(user=alice, enabled_kinds="scout")
    assert not EmailPreference.objects.filter(user=alice).exists()


# --- unsubscribe tokens -------------------------------------------------------------------------


def test_given_an_unsubscribe_token_when_used_then_only_that_kind_of_that_user_is_turned_off(alice, bob):
    token = unsubscribe_token(user=alice, kind=Kind.MESSAGE)

    user, kind = email_unsubscribe(token=token)
    email_unsubscribe(token=token)  # a second click changes nothing more

    assert (user, kind) == (alice, Kind.MESSAGE)
    off = {c.kind for c in email_preferences(alice) if not c.email}
    assert off == {Kind.MESSAGE}
    assert all(c.email for c in email_preferences(bob))


def test_given_a_changed_or_foreign_token_when_read_then_it_is_refused(alice):
    token = unsubscribe_token(user=alice, kind=Kind.MESSAGE)
    signature = token.split(":")[1]
    other_payload = unsubscribe_token(user=alice, kind=Kind.SCOUT).split(":")[0]
    bad_tokens = [
        "",
        "abc",
        token[:-2],
        token + "x",
        f"{other_payload}:{signature}",  # a payload with someone else's signature
        signing.Signer().sign_object({"u": alice.pk, "k": Kind.MESSAGE}),  # signed without our salt
        signing.Signer(salt=SALT).sign_object({"u": alice.pk, "k": "nonsense"}),
        signing.Signer(salt=SALT).sign_object({"u": "1", "k": Kind.MESSAGE}),
        signing.Signer(salt=SALT).sign_object([alice.pk, Kind.MESSAGE]),
        signing.Signer(salt=SALT).sign_object({"u": 2**62, "k": Kind.MESSAGE}),
        "x" * 10_000,
    ]
    for bad in bad_tokens:
        with pytest.raises(UnsubscribeTokenError) as caught:
            unsubscribe_token_read(bad)
        assert "リンク" in caught.value.message
    assert not EmailPreference.objects.exists()
