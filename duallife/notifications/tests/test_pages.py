"""Pages: the notifications list, opening one, marking all read, email settings, unsubscribe."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from duallife.notifications.models import EmailPreference, Kind, Notification
from duallife.notifications.selectors import email_preferences
from duallife.notifications.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db

LIST = "/notifications/"
SETTINGS = "/notifications/settings/"
READ_ALL = "/notifications/read-all/"


def open_url(notification) -> str:
    return reverse("notifications:open", args=[notification.pk])


def unsubscribe_url(user, kind) -> str:
    return reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- the list -----------------------------------------------------------------------------------


def test_given_notifications_when_the_user_opens_the_list_then_unread_ones_come_first_marked_in_words(
    client, alice, bob, make_notifications
):
    old, new = make_notifications(alice, 2)
    Notification.objects.filter(pk=new.pk).update(read_at=old.created_at)
    make_notifications(bob, 1)
    Notification.objects.filter(user=bob).update(subject={"s": "ボブだけのお知らせ"})
    client.force_login(alice)

    response = client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(old.title) < html.index(new.title)
    assert html.count('class="notice-badge">未読</span>') == 1
    assert "未読のお知らせが1件あります" in html
    assert "ボブだけのお知らせ" not in html
    assert open_url(old) in html
    assert SETTINGS in html


def test_given_unread_notifications_when_any_page_is_shown_then_the_header_link_says_how_many(
    client, alice, make_notifications
):
    make_notifications(alice, 3)
    client.force_login(alice)

    html = client.get("/regions/").content.decode()

    link = re.search(rf'<a href="{LIST}">お知らせ(.*?)</a>', html)
    assert link is not None
    assert '<span class="badge" aria-hidden="true">3</span>' in link.group(1)
    assert '<span class="visually-hidden">（3件）</span>' in link.group(1)  # what a screen reader hears


def test_given_the_unread_filter_when_listing_then_read_notifications_are_left_out(
    client, alice, make_notifications
):
    first, second = make_notifications(alice, 2)
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    client.force_login(alice)

    html = client.get(LIST, {"unread": "1"}).content.decode()

    assert second.title in html
    assert first.title not in html


@pytest.mark.parametrize("count", [3, 45])
def test_given_few_or_many_notifications_when_listing_then_the_query_count_stays_bounded(
    client, alice, make_notifications, django_assert_max_num_queries, count
):
    make_notifications(alice, count)
    client.force_login(alice)

    with django_assert_max_num_queries(8):
        response = client.get(LIST, {"page": "2" if count > 20 else "1"})

    assert response.status_code == 200


def test_given_many_notifications_when_listing_then_they_are_paginated_and_bad_page_numbers_are_harmless(
    client, alice, make_notifications
):
    make_notifications(alice, 45)
    client.force_login(alice)

    first = client.get(LIST).content.decode()
    assert "45件中 1〜20件を表示" in first
    assert "?page=2" in first
    for junk in ("abc", "-1", "0", str(10**30), "3.5"):
        assert client.get(LIST, {"page": junk}).status_code == 200
    assert "41〜45件" in client.get(LIST, {"page": "99"}).content.decode()


def test_given_no_notifications_when_listing_then_the_page_says_so(client, alice):
    client.force_login(alice)
    assert "お知らせはまだありません" in client.get(LIST).content.decode()


def test_given_an_anonymous_visitor_when_opening_notification_pages_then_they_are_sent_to_login(
    client, alice, make_notifications
):
    [notification] = make_notifications(alice, 1)
    assert_login_redirect(client.get(LIST))
    assert_login_redirect(client.get(SETTINGS))
    assert_login_redirect(client.post(open_url(notification)))
    assert_login_redirect(client.post(READ_ALL))
    assert Notification.objects.get(pk=notification.pk).read_at is None


# --- opening one --------------------------------------------------------------------------------


def test_given_a_notification_when_opened_then_it_is_marked_read_and_the_page_it_is_about_opens(
    client, alice, make_notifications
):
    [notification] = make_notifications(alice, 1, url="/applications/7/")
    client.force_login(alice)

    response = client.post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == "/applications/7/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_given_a_notification_when_its_open_address_is_fetched_by_get_then_nothing_changes(
    client, alice, make_notifications
):
    [notification] = make_notifications(alice, 1, url="/applications/7/")
    client.force_login(alice)

    assert client.get(open_url(notification)).status_code == 405
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_given_another_users_notification_when_opened_then_404_and_it_stays_unread(
    client, alice, bob, make_notifications
):
    [notification] = make_notifications(alice, 1)
    client.force_login(bob)

    assert client.post(open_url(notification)).status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


@pytest.mark.parametrize("pk", ["abc", "0", "-3", str(10**30), "99999999"])
def test_given_a_malformed_or_missing_id_when_opened_then_404(client, alice, pk):
    client.force_login(alice)
    assert client.post(f"/notifications/{pk}/open/").status_code == 404


@pytest.mark.parametrize(
    "stored_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""]
)
def test_given_a_link_that_leaves_the_site_when_opened_then_the_user_stays_on_the_list(
    client, alice, stored_url
):
    # written directly: notify() refuses such links, this checks the page does not trust the row either
    notification = Notification.objects.create(
        user=alice, kind=Kind.MESSAGE, subject={"s": "x"}, url=stored_url
    )
    client.force_login(alice)

    response = client.post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == LIST


def test_given_unread_notifications_when_mark_all_read_is_posted_then_only_the_users_own_are_read(
    client, alice, bob, make_notifications
):
    make_notifications(alice, 3)
    make_notifications(bob, 2)
    client.force_login(alice)

    assert client.get(READ_ALL).status_code == 405
    response = client.post(READ_ALL, follow=True)

    assert "3件のお知らせを既読にしました" in response.content.decode()
    assert not Notification.objects.filter(user=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=bob, read_at__isnull=True).count() == 2


# --- email settings -----------------------------------------------------------------------------


def test_given_the_settings_page_when_shown_then_every_kind_has_a_labelled_checkbox_in_a_fieldset(
    client, alice
):
    client.force_login(alice)

    html = client.get(SETTINGS).content.decode()

    assert "<fieldset" in html
    assert "<legend>メールで受け取るお知らせ</legend>" in html
    for value, label in Kind.choices:
        assert f'value="{value}"' in html
        assert str(label) in html
    assert html.count('type="checkbox"') == len(Kind.values)
    assert html.count("checked") == len(Kind.values)  # all on by default


def test_given_chosen_kinds_when_the_settings_form_is_saved_then_only_those_stay_on(client, alice):
    client.force_login(alice)

    response = client.post(SETTINGS, {"enabled_kinds": [Kind.SCOUT, Kind.MESSAGE]}, follow=True)

    assert "メールの受け取り設定を保存しました" in response.content.decode()
    assert {c.kind for c in email_preferences(alice) if c.email} == {Kind.SCOUT, Kind.MESSAGE}
    assert response.content.decode().count("checked") == 2


def test_given_an_unknown_kind_when_the_settings_form_is_posted_then_it_explains_and_saves_nothing(
    client, alice
):
    client.force_login(alice)

    response = client.post(SETTINGS, {"enabled_kinds": [Kind.SCOUT, "spam"]})

    assert response.status_code == 200
    html = response.content.decode()
    assert "保存できませんでした" in html
    assert "選べないメールの種類が含まれています" in html
    assert not EmailPreference.objects.exists()


def test_given_nothing_checked_when_the_settings_form_is_saved_then_every_email_is_off(client, alice):
    client.force_login(alice)
    client.post(SETTINGS, {})
    assert not any(c.email for c in email_preferences(alice))


# --- unsubscribe --------------------------------------------------------------------------------


def test_given_an_unsubscribe_link_when_opened_without_login_then_it_asks_before_changing_anything(
    client, alice
):
    response = client.get(unsubscribe_url(alice, Kind.CHECKIN))

    html = response.content.decode()
    assert response.status_code == 200
    assert "「フォローアップのお願い」のお知らせメールを停止しますか" in html
    assert 'method="post"' in html
    assert "alice@example.jp" not in html
    assert "no-store" in response["Cache-Control"]
    assert not EmailPreference.objects.exists()


def test_given_an_unsubscribe_link_when_confirmed_then_that_kind_stops_and_a_second_post_is_harmless(
    client, alice
):
    url = unsubscribe_url(alice, Kind.CHECKIN)

    first = client.post(url)
    second = client.post(url)

    assert first.status_code == second.status_code == 200
    assert "「フォローアップのお願い」のお知らせは、今後メールではお送りしません" in first.content.decode()
    assert {c.kind for c in email_preferences(alice) if not c.email} == {Kind.CHECKIN}


@pytest.mark.parametrize("token", ["abc", "eyJ1IjoxfQ:forged", "x" * 400, "%E3%81%82", "..", "a:b:c"])
def test_given_a_bad_unsubscribe_link_when_opened_or_posted_then_a_friendly_400_page_and_nothing_changes(
    client, alice, token
):
    for response in (
        client.get(f"/notifications/unsubscribe/{token}/"),
        client.post(f"/notifications/unsubscribe/{token}/"),
    ):
        assert response.status_code in (400, 404)
        if response.status_code == 400:
            assert "このリンクは使えません" in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_given_an_unsubscribe_link_of_a_deleted_user_when_opened_then_400(client, alice):
    url = unsubscribe_url(alice, Kind.MESSAGE)
    alice.delete()

    response = client.post(url)

    assert response.status_code == 400
    assert "このリンクは使えません" in response.content.decode()


def test_given_an_unsubscribe_link_when_another_user_is_logged_in_then_it_still_changes_only_its_owner(
    client, alice, bob
):
    client.force_login(bob)
    client.post(unsubscribe_url(alice, Kind.MESSAGE))
    assert {c.kind for c in email_preferences(alice) if not c.email} == {Kind.MESSAGE}
    assert all(c.email for c in email_preferences(bob))


# --- staff --------------------------------------------------------------------------------------


def test_given_a_coordinator_without_mfa_when_opening_notifications_then_they_are_sent_to_mfa_setup(
    client, world
):
    client.force_login(world.coordinator)

    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
