"""Emails through a real SMTP server (aiosmtpd on localhost): what arrives, and that its
unsubscribe link and one-click header work for someone who is not logged in."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from duallife.notifications.models import Kind, Notification
from duallife.notifications.selectors import email_preferences
from duallife.notifications.services import notify
from duallife.testing.mail import SITE_URL

pytestmark = pytest.mark.django_db


def send_one(user, django_capture_on_commit_callbacks, **fields) -> Notification:
    values = {
        "kind": Kind.APPLICATION,
        "title": "「味噌蔵のウェブマーケティング」に新しい応募があります",
        "body": "首都圏で食品のEC運営を五年担当してきました。",
        "url": "/applications/12/",
    }
    values.update(fields)
    with django_capture_on_commit_callbacks(execute=True):
        return notify(user=user, **values)


def header(message, name: str) -> str | None:
    """A header's value as a mail app shows it (folded long headers start with a space)."""
    value = message[name]
    return None if value is None else str(value).strip()


def off_kinds(user) -> set[str]:
    return {choice.kind for choice in email_preferences(user) if not choice.email}


def test_given_a_notification_when_its_transaction_commits_then_a_japanese_email_reaches_the_smtp_server(
    alice, smtp_sink, site_url, django_capture_on_commit_callbacks
):
    notification = send_one(alice, django_capture_on_commit_callbacks)

    assert smtp_sink.recipients == [["alice@example.jp"]]
    [message] = smtp_sink.messages
    assert (
        header(message, "Subject")
        == "[デュアルライフ東北] 「味噌蔵のウェブマーケティング」に新しい応募があります"
    )
    assert header(message, "To") == "alice@example.jp"
    assert "デュアルライフ東北" in header(message, "From")
    body = message.get_content()
    assert body.startswith("佐藤 愛 様")
    assert "首都圏で食品のEC運営を五年担当してきました。" in body
    assert f"{SITE_URL}/applications/12/" in body
    assert "「新しい応募」のお知らせをメールで受け取る設定" in body  # why they got it
    assert f"{SITE_URL}/notifications/settings/" in body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_given_a_received_email_when_its_unsubscribe_link_is_followed_without_login_then_that_kind_stops(
    alice, smtp_sink, site_url, django_capture_on_commit_callbacks
):
    send_one(alice, django_capture_on_commit_callbacks)
    [message] = smtp_sink.messages
    links = re.findall(rf"{re.escape(SITE_URL)}/notifications/unsubscribe/\S+/", message.get_content())
    assert len(links) == 1
    path = links[0].removeprefix(SITE_URL)
    browser = Client(enforce_csrf_checks=True)  # not logged in

    confirm = browser.get(path)
    assert confirm.status_code == 200
    assert "「新しい応募」のお知らせメールを停止しますか" in confirm.content.decode()
    assert off_kinds(alice) == set()  # opening the link (or a link preview) changes nothing

    done = browser.post(path)
    assert done.status_code == 200
    assert "メールを停止しました" in done.content.decode()
    assert off_kinds(alice) == {Kind.APPLICATION}

    send_one(alice, django_capture_on_commit_callbacks, title="二件目の応募")
    send_one(alice, django_capture_on_commit_callbacks, kind=Kind.MESSAGE, title="メッセージが届きました")
    subjects = [header(m, "Subject") for m in smtp_sink.messages]
    assert subjects[1:] == ["[デュアルライフ東北] メッセージが届きました"]  # other kinds still come


def test_given_a_received_email_when_the_mail_app_posts_the_one_click_header_then_that_kind_stops(
    alice, smtp_sink, site_url, django_capture_on_commit_callbacks
):
    send_one(alice, django_capture_on_commit_callbacks, kind=Kind.SCOUT, title="スカウトが届きました")
    [message] = smtp_sink.messages
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    unsubscribe = header(message, "List-Unsubscribe")
    match = re.fullmatch(r"<(https://[^>]+)>", unsubscribe)
    assert match, unsubscribe
    assert match.group(1) in message.get_content()  # the same link as in the body

    # RFC 8058: the provider POSTs this body to the URL, with no cookies and no CSRF token
    response = Client(enforce_csrf_checks=True).post(
        match.group(1).removeprefix(SITE_URL),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert off_kinds(alice) == {Kind.SCOUT}


def test_given_a_title_with_line_breaks_when_emailed_then_the_subject_stays_one_header(
    alice, smtp_sink, django_capture_on_commit_callbacks
):
    send_one(alice, django_capture_on_commit_callbacks, title="一行目\r\nBcc: evil@example.com\n二行目")

    [message] = smtp_sink.messages
    assert message["Bcc"] is None
    assert header(message, "Subject") == "[デュアルライフ東北] 一行目 Bcc: evil@example.com 二行目"
    assert smtp_sink.recipients == [["alice@example.jp"]]


def test_given_a_person_without_a_name_when_emailed_then_the_greeting_is_general(
    bob, smtp_sink, django_capture_on_commit_callbacks
):
    send_one(bob, django_capture_on_commit_callbacks, url="")

    [message] = smtp_sink.messages
    body = message.get_content()
    assert body.startswith("デュアルライフ東北をご利用の皆さまへ")
    assert "詳しくは" not in body  # no link without a page to link to


def test_given_several_notifications_in_one_transaction_when_committed_then_each_is_emailed_once(
    alice, bob, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for user in (alice, bob, alice):
            notify(user=user, kind=Kind.STATUS, title="状況が変わりました")

    assert sorted(r[0] for r in smtp_sink.recipients) == [
        "alice@example.jp",
        "alice@example.jp",
        "bob@example.jp",
    ]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
