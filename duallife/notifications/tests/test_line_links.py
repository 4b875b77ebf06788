"""A line of a notification that leads to a page is a real link: on the site its words are the
link, in an email the page's full address follows on a line of its own; its words never hold the
path, in any language."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
from duallife.notifications.links import Linked
from duallife.notifications.models import Kind, Notification
from duallife.notifications.services import notifications_replace_name, notify
from duallife.testing.html import parse
from duallife.testing.mail import SITE_URL

pytestmark = pytest.mark.django_db

LIST = "/notifications/"


def suggest(user, **fields) -> Notification:
    """A notification suggesting two open sheets, as after a sheet closed."""
    values = {
        "kind": Kind.SHEET_CLOSED,
        "title": "「味噌蔵のウェブマーケティング」の募集が終了しました",
        "body": [
            Text(gettext_lazy("スカウト")),
            Text(""),
            Linked(Text(gettext_lazy("・%(title)s"), title="石巻の商品企画"), url="/sheets/80/"),
            Linked(Text(gettext_lazy("・%(title)s"), title="佐藤さんと作る観光サイト"), url="/sheets/81/"),
        ],
        "url": "/applications/3/",
    }
    values.update(fields)
    return notify(user=user, **values)


def links_in_notices(html: str) -> dict[str, str]:
    """href → words of every link inside the notices' bodies."""
    return {
        element.attrs["href"]: element.all_text()
        for element in parse(html)
        if element.tag == "a" and any("notice-body" in node.classes for node in _ancestors(element))
    }


def _ancestors(element):
    node = element.parent
    while node is not None:
        yield node
        node = node.parent


def test_a_line_that_leads_to_a_page_keeps_the_path_out_of_its_words(alice):
    notice = suggest(alice)

    assert "/sheets/" not in notice.body
    assert "・石巻の商品企画" in notice.body
    assert notice.line_links == ["", "", "/sheets/80/", "/sheets/81/"]
    for language in ("ja", "en"):
        with translation.override(language):
            assert "/sheets/" not in notice.body


def test_the_list_shows_such_a_line_as_a_link_to_the_page_in_the_readers_language(client, alice):
    suggest(alice)
    client.force_login(alice)

    japanese = links_in_notices(client.get(LIST).content.decode())
    with translation.override("en"):
        english = links_in_notices(client.get(reverse("notifications:list")).content.decode())

    assert japanese == {"/sheets/80/": "・石巻の商品企画", "/sheets/81/": "・佐藤さんと作る観光サイト"}
    assert english == {"/en/sheets/80/": "• 石巻の商品企画", "/en/sheets/81/": "• 佐藤さんと作る観光サイト"}


def test_an_email_gives_the_full_address_of_each_linked_line_on_a_line_of_its_own(
    alice, smtp_sink, site_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        suggest(alice)

    [message] = smtp_sink.messages
    lines = message.get_content().splitlines()
    title = lines.index("・石巻の商品企画")
    assert lines[title + 1].strip() == f"{SITE_URL}/sheets/80/"
    assert "（/sheets/" not in message.get_content()


def test_the_api_gives_each_line_with_its_link(client, alice):
    suggest(alice)
    client.force_login(alice)

    [item] = client.get("/api/v1/my/notifications", HTTP_ACCEPT_LANGUAGE="en").json()["results"]

    assert "/sheets/" not in item["body"]
    assert item["lines"][2:] == [
        {"text": "• 石巻の商品企画", "url": "/en/sheets/80/"},
        {"text": "• 佐藤さんと作る観光サイト", "url": "/en/sheets/81/"},
    ]


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "sheets/1/"]
)
def test_a_line_linking_off_the_site_is_refused(alice, url):
    with pytest.raises(ValueError, match="path on this site"):
        suggest(alice, body=[Linked(Text("・どこか"), url=url)])
    assert not Notification.objects.exists()


def test_taking_a_name_out_of_a_notification_keeps_its_links(alice):
    notice = suggest(alice)

    notifications_replace_name(notification_ids=[notice.pk], name="石巻の商品企画", replacement="（削除）")

    notice.refresh_from_db()
    assert "石巻の商品企画" not in notice.body
    assert notice.line_links == ["", "", "/sheets/80/", "/sheets/81/"]


def test_a_long_body_shows_its_first_lines_and_the_rest_behind_read_more(client, alice):
    entries = [
        Linked(Text(gettext_lazy("・%(title)s"), title=f"案件{i}"), url=f"/sheets/{i}/") for i in range(12)
    ]
    notify(user=alice, kind=Kind.DIGEST, title="今週のおすすめ", body=[Text("はじめに"), Text(""), *entries])
    client.force_login(alice)

    elements = parse(client.get(LIST).content.decode())

    [details] = [e for e in elements if e.tag == "details" and "notice-more" in e.classes]
    hidden = {e.attrs["href"] for e in details.descendants() if e.tag == "a"}
    assert hidden == {f"/sheets/{i}/" for i in range(12)}  # the second paragraph is longer than the preview
    assert any(e.tag == "p" and e.all_text() == "はじめに" for e in elements)


def test_notifications_kept_with_a_path_in_their_words_get_it_as_a_link(alice):
    migration = importlib.import_module("duallife.notifications.migrations.0006_plain_words_and_line_links")
    notice = notify(user=alice, kind=Kind.SHEET_CLOSED, title="募集終了", body="")
    Notification.objects.filter(pk=notice.pk).update(
        content=[
            {"m": "あなたに合いそうな、募集中の仕様書："},
            {"m": "・%(title)s（%(url)s）", "p": {"title": "石巻の商品企画", "url": "/sheets/80/"}},
        ]
    )

    migration.forwards(apps, None)

    notice.refresh_from_db()
    assert notice.body == "あなたに合いそうな、募集中の案件：\n・石巻の商品企画"
    assert notice.line_links == ["", "/sheets/80/"]
    with translation.override("en"):
        assert notice.body == "Open jobs that may suit you:\n• 石巻の商品企画"
