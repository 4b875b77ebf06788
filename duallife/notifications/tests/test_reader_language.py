"""A notification is worded when it is read: in Japanese on Japanese pages, in English on English
pages and in the emails of someone who reads the site in English."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from duallife.accounts.models import User
from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# Texts of the notifications catalogue: their English is known.
TITLE = Text(gettext_lazy("選べないメールの種類が含まれています: %(kinds)s"), kinds=["alpha", "beta"])
BODY = [Text(gettext_lazy("スカウト")), Text(gettext_lazy("未読"))]


def test_a_kept_notification_reads_in_the_language_of_the_page(client, alice):
    notify(user=alice, kind=Kind.SCOUT, title=TITLE, body=BODY, url="/sheets/")
    client.force_login(alice)

    japanese = client.get(reverse("notifications:list")).content.decode()
    with translation.override("en"):
        english_url = reverse("notifications:list")
    english = client.get(english_url).content.decode()

    assert "選べないメールの種類が含まれています: alpha、beta" in japanese
    assert "alpha, beta" in english
    assert "選べないメールの種類" not in english


def test_the_api_words_notifications_in_the_language_the_client_asks_for(client, alice):
    notify(user=alice, kind=Kind.SCOUT, title=TITLE, body=BODY)
    client.force_login(alice)

    data = client.get("/api/v1/my/notifications", HTTP_ACCEPT_LANGUAGE="en").json()

    [item] = data["results"]
    assert JAPANESE.search(item["title"]) is None, item["title"]
    assert item["body"] == "Scout\nUnread"
    assert item["kind_label"] == "Scout"


def test_an_email_is_written_in_the_language_the_person_last_read_the_site_in(
    client, alice, smtp_sink, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with translation.override("en"):
        client.post(reverse("notifications:read_all"))  # she uses the site in English
    alice.refresh_from_db()
    assert alice.language == "en"

    with django_capture_on_commit_callbacks(execute=True):
        notify(user=alice, kind=Kind.SCOUT, title=TITLE, body=BODY, url="/sheets/")

    [message] = smtp_sink.messages
    text = message.get_payload(decode=True).decode()
    assert "alpha, beta" in str(message["Subject"])
    assert "/en/sheets/" in text
    assert JAPANESE.search(text.replace("佐藤 愛", "")) is None, text  # her name stays as written


def test_reading_pages_or_the_api_in_english_changes_nothing_stored(client, alice):
    client.force_login(alice)
    client.get("/api/v1/my/notifications", HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        client.get(reverse("notifications:list"))
    assert User.objects.get(pk=alice.pk).language == "ja"


def test_switching_the_language_makes_it_the_language_of_emails(client, alice):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/en/"})
    assert User.objects.get(pk=alice.pk).language == "en"


def test_dates_in_a_kept_text_follow_the_reader(alice):
    text = Text(gettext_lazy("スカウト"))  # a known text; the date below is a parameter of another
    dated = Text("%(day)s", day=datetime.date(2026, 12, 7))
    assert str(text) == "スカウト"
    with translation.override("en"):
        assert str(text) == "Scout"
    # a text kept as written is not formatted again: parameters are for msgids
    assert str(dated) == "%(day)s"
