"""JSON API of notifications under /api/v1/my/: list, read, read-all, email settings."""

from __future__ import annotations

import pytest
from django.test import Client

from duallife.notifications.models import EmailPreference, Kind, Notification
from duallife.notifications.selectors import email_preferences

pytestmark = pytest.mark.django_db

LIST = "/api/v1/my/notifications"
READ_ALL = "/api/v1/my/notifications/read-all"
SETTINGS = "/api/v1/my/notification-settings"


def read_url(pk) -> str:
    return f"/api/v1/my/notifications/{pk}/read"


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def test_given_an_anonymous_caller_when_calling_any_endpoint_then_401_in_japanese(
    client, alice, make_notifications
):
    [notification] = make_notifications(alice, 1)
    responses = [
        client.get(LIST),
        client.post(read_url(notification.pk)),
        client.post(READ_ALL),
        client.get(SETTINGS),
        client.put(SETTINGS, {"enabled_kinds": []}, content_type="application/json"),
    ]
    for response in responses:
        assert response.status_code == 401
        assert has_japanese(response.json()["detail"])
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_given_notifications_when_listed_then_unread_come_first_with_counts_and_only_the_callers_own(
    client, alice, bob, make_notifications
):
    first, second = make_notifications(alice, 2, url="/applications/3/")
    Notification.objects.filter(pk=second.pk).update(read_at=second.created_at)
    make_notifications(bob, 4)
    client.force_login(alice)

    body = client.get(LIST).json()

    assert body["count"] == 2
    assert body["unread_count"] == 1
    assert body["pages"] == 1
    assert [r["id"] for r in body["results"]] == [first.pk, second.pk]
    assert body["results"][0] | {"created_at": None} == {
        "id": first.pk,
        "kind": "message",
        "kind_label": "メッセージ",
        "title": first.title,
        "body": first.body,
        "lines": [{"text": first.body, "url": ""}],
        "url": "/applications/3/",
        "unread": True,
        "created_at": None,
        "read_at": None,
    }
    unread = client.get(LIST, {"unread": "true"}).json()
    assert [r["id"] for r in unread["results"]] == [first.pk]


def test_given_many_notifications_when_paging_then_pages_are_20_and_past_the_end_is_empty(
    client, alice, make_notifications
):
    make_notifications(alice, 45)
    client.force_login(alice)

    assert len(client.get(LIST, {"page": 3}).json()["results"]) == 5
    past = client.get(LIST, {"page": 9}).json()
    assert past["results"] == []
    assert past["pages"] == 3
    assert past["count"] == 45


@pytest.mark.parametrize("count", [3, 45])
def test_given_few_or_many_notifications_when_listed_then_the_query_count_stays_bounded(
    client, alice, make_notifications, django_assert_max_num_queries, count
):
    make_notifications(alice, count)
    client.force_login(alice)

    with django_assert_max_num_queries(8):
        response = client.get(LIST)

    assert response.status_code == 200


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": 0}, {"page": 10**30}, {"unread": "maybe"}])
def test_given_bad_list_parameters_when_listing_then_400_in_japanese(client, alice, params):
    client.force_login(alice)

    response = client.get(LIST, params)

    assert response.status_code == 400
    assert response.json()["detail"].startswith("入力に誤りがあります")


def test_given_an_unread_notification_when_marked_read_then_it_is_returned_read(
    client, alice, make_notifications
):
    [notification] = make_notifications(alice, 1)
    client.force_login(alice)

    response = client.post(read_url(notification.pk))

    assert response.status_code == 200
    assert response.json()["unread"] is False
    assert response.json()["read_at"] is not None
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_given_another_users_notification_when_marked_read_then_404_as_if_missing(
    client, alice, bob, make_notifications
):
    [notification] = make_notifications(alice, 1)
    client.force_login(bob)

    response = client.post(read_url(notification.pk))

    assert response.status_code == 404
    assert response.json() == {"detail": "お知らせが見つかりません。", "errors": []}
    assert client.post(read_url(2**63 - 1)).status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


@pytest.mark.parametrize("pk", ["abc", "0", str(10**30)])
def test_given_a_malformed_id_when_marked_read_then_400_in_japanese(client, alice, pk):
    client.force_login(alice)

    response = client.post(read_url(pk))

    assert response.status_code == 400
    assert has_japanese(response.json()["detail"])


def test_given_unread_notifications_when_all_are_marked_read_then_only_the_callers_change(
    client, alice, bob, make_notifications
):
    make_notifications(alice, 3)
    make_notifications(bob, 2)
    client.force_login(alice)

    assert client.post(READ_ALL).json() == {"marked": 3, "unread_count": 0}
    assert client.post(READ_ALL).json() == {"marked": 0, "unread_count": 0}
    assert Notification.objects.filter(user=bob, read_at__isnull=True).count() == 2


def test_given_a_logged_in_caller_without_a_csrf_token_when_posting_then_403_and_nothing_changes(
    alice, make_notifications
):
    make_notifications(alice, 2)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(READ_ALL)
    put = client.put(SETTINGS, {"enabled_kinds": []}, content_type="application/json")

    assert response.status_code == put.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    assert not EmailPreference.objects.exists()


def test_given_no_choice_yet_when_reading_settings_then_every_kind_is_on_with_its_label(client, alice):
    client.force_login(alice)

    kinds = client.get(SETTINGS).json()["kinds"]

    assert [k["kind"] for k in kinds] == list(Kind.values)
    assert all(k["email"] for k in kinds)
    assert {k["label"] for k in kinds} == {str(label) for label in Kind.labels}


def test_given_chosen_kinds_when_put_then_only_those_stay_on(client, alice, bob):
    client.force_login(alice)

    response = client.put(SETTINGS, {"enabled_kinds": ["scout", "message"]}, content_type="application/json")

    assert response.status_code == 200
    assert {k["kind"] for k in response.json()["kinds"] if k["email"]} == {"scout", "message"}
    assert {c.kind for c in email_preferences(alice) if c.email} == {"scout", "message"}
    assert all(c.email for c in email_preferences(bob))


@pytest.mark.parametrize(
    "payload",
    [
        {"enabled_kinds": ["scout", "spam"]},
        {"enabled_kinds": "scout"},
        {"enabled_kinds": [1]},
        {"enabled_kinds": ["scout"] * 51},
        {},
        [],
    ],
)
def test_given_bad_settings_when_put_then_400_in_japanese_and_nothing_saved(client, alice, payload):
    client.force_login(alice)

    response = client.put(SETTINGS, payload, content_type="application/json")

    assert response.status_code == 400
    assert has_japanese(response.json()["detail"])
    assert not EmailPreference.objects.exists()


def test_given_a_coordinator_without_mfa_when_listing_then_403_until_mfa_is_set_up(client, world, give_mfa):
    client.force_login(world.coordinator)

    refused = client.get(LIST)
    give_mfa(world.coordinator)
    allowed = client.get(LIST)

    assert refused.status_code == 403
    assert "二段階認証" in refused.json()["detail"]
    assert allowed.status_code == 200
