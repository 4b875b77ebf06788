"""django-axes: 5 failed logins per (email, IP) lock that pair out for 15 minutes, admin included."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from duallife.accounts.lockout import username_from_request
from duallife.testing.accounts import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = {"login": "hanako@example.jp"}


def fail(client, times, email="hanako@example.jp"):
    return [
        client.post(reverse("account_login"), {"login": email, "password": f"wrong-{i}"}).status_code
        for i in range(times)
    ]


def test_fifth_failure_locks_the_account_out_with_a_japanese_429_page(client, settings):
    make_user("hanako@example.jp", signed_up=True)

    statuses = fail(client, settings.AXES_FAILURE_LIMIT)

    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    locked = client.post(reverse("account_login"), {**LOGIN, "password": DEFAULT_PASSWORD})
    html = locked.content.decode()
    assert locked.status_code == 429
    assert "しばらくログインできません" in html
    assert "15分ほど" in html
    assert "_auth_user_id" not in client.session


def test_the_lockout_counts_the_email_case_insensitively(client):
    make_user("hanako@example.jp", signed_up=True)

    fail(client, 3, "Hanako@Example.JP")
    fail(client, 2, "hanako@example.jp")

    assert AccessAttempt.objects.get().username == "hanako@example.jp"
    assert client.post(reverse("account_login"), {**LOGIN, "password": DEFAULT_PASSWORD}).status_code == 429


def test_lockout_is_per_email_and_ip_address(client):
    make_user("hanako@example.jp", signed_up=True)
    make_user("taro@example.jp", signed_up=True)
    fail(client, 5)

    other_account = client.post(
        reverse("account_login"), {"login": "taro@example.jp", "password": DEFAULT_PASSWORD}
    )
    other_ip = Client(REMOTE_ADDR="203.0.113.9").post(
        reverse("account_login"), {**LOGIN, "password": DEFAULT_PASSWORD}
    )

    assert other_account.status_code == 302
    assert other_ip.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client):
    make_user("hanako@example.jp", signed_up=True)
    fail(client, 4)

    assert client.post(reverse("account_login"), {**LOGIN, "password": DEFAULT_PASSWORD}).status_code == 302

    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()


def test_lockout_expires_after_the_cool_off(client, settings):
    from datetime import timedelta

    make_user("hanako@example.jp", signed_up=True)
    fail(client, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert client.post(reverse("account_login"), {**LOGIN, "password": DEFAULT_PASSWORD}).status_code == 302


def test_admin_login_goes_through_the_same_login_and_lockout(client):
    make_user("boss@example.jp", signed_up=True, is_staff=True, is_superuser=True)

    page = client.get(reverse("admin:login"))
    posted = client.post(
        reverse("admin:login"), {"username": "boss@example.jp", "password": DEFAULT_PASSWORD}
    )

    assert page.status_code == 302
    assert page.url.startswith(reverse("account_login"))
    assert posted.status_code == 302  # Django's own admin form never checks a password
    assert "_auth_user_id" not in client.session
    fail(client, 5, "boss@example.jp")
    locked = client.post(
        f"{reverse('account_login')}?next=/admin/", {"login": "boss@example.jp", "password": DEFAULT_PASSWORD}
    )
    assert locked.status_code == 429


def test_username_callable_prefers_the_email_credential():
    class Request:
        POST = {"login": "Post@Example.jp"}

    assert username_from_request(Request(), {"email": " A@Example.JP ", "username": "a"}) == "a@example.jp"
    assert username_from_request(Request(), {}) == "post@example.jp"
    assert username_from_request(None, {"username": "admin"}) == "admin"
    assert username_from_request(None, None) == ""
