"""With Redis unreachable, nobody is locked out and no email is lost: the cache answers from the
process's memory (rate limits keep counting), log-in, sign-up and password reset work, owed
notification emails are sent by the sweeper once the broker is back, and /readyz says what is
down while /healthz stays a liveness check."""

from __future__ import annotations

import datetime
import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from duallife.celery import app as celery_app
from duallife.core import cache as fallback
from duallife.notifications import services as notification_services
from duallife.notifications.models import Kind, Notification
from duallife.notifications.services import notification_emails_send_due, notify
from duallife.notifications.tasks import send_owed_emails
from duallife.testing.accounts import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1
REDIS_DOWN = {"default": {"BACKEND": "duallife.core.cache.FallbackRedisCache", "LOCATION": UNREACHABLE}}


def redis_reachable() -> bool:
    try:
        return redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        return False


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_the_cache_answers_from_memory_and_says_so_once(caplog):
    cache = caches["default"]
    with caplog.at_level(logging.ERROR, logger="duallife.core.cache"):
        cache.set("counter", 1)
        assert cache.incr("counter") == 2
        started = time.perf_counter()
        for _ in range(50):
            cache.get("counter")
        quick = time.perf_counter() - started
    assert cache.get("counter") == 2
    assert cache.redis_available is False
    assert quick < 0.5  # Redis is not asked again on every call
    assert len([r for r in caplog.records if "cannot be reached" in r.getMessage()]) == 1


@pytest.mark.skipif(not redis_reachable(), reason="needs the machine's Redis on 127.0.0.1:6379 (CI has it)")
def test_with_redis_up_the_cache_is_shared_through_redis():
    cache = fallback.FallbackRedisCache("redis://127.0.0.1:6379/14", {})
    cache.set("readyz-test", "shared", timeout=10)
    assert redis.Redis.from_url("redis://127.0.0.1:6379/14").exists(
        cache.make_and_validate_key("readyz-test")
    )
    assert cache.redis_available


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_people_log_in_sign_up_and_reset_their_password(client):
    make_user("hanako", signed_up=True)

    login = client.post(
        reverse("account_login"), {"login": "hanako@example.jp", "password": DEFAULT_PASSWORD}
    )
    client.logout()
    password = "tohoku-side-job-2026!"
    signup = client.post(
        reverse("account_signup"), {"email": "taro@example.jp", "password1": password, "password2": password}
    )
    client.logout()
    reset = client.post(reverse("account_reset_password"), {"email": "hanako@example.jp"})

    assert login.status_code == 302
    assert signup.status_code == 302
    assert reset.status_code == 302


def test_an_email_lost_with_the_broker_is_sent_by_the_sweeper_once(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    person = make_user("alice", verified=True)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(notification_services.send_notification_email, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            notices = [notify(user=person, kind=Kind.SCOUT, title=f"スカウト {i}") for i in range(3)]
    assert mailoutbox == []
    assert Notification.objects.filter(email_due=True, emailed_at__isnull=True).count() == 3

    assert notification_emails_send_due() == 0  # too early: their tasks may still be on the way
    later = timezone.now() + datetime.timedelta(minutes=6)
    assert notification_emails_send_due(now=later) == 3
    assert notification_emails_send_due(now=later) == 0
    assert len(mailoutbox) == 3
    assert all(n.emailed_at is not None for n in Notification.objects.filter(pk__in=[n.pk for n in notices]))


class Broker:
    """A Redis server of the test's own on a free port, that the test can stop and start again."""

    def __init__(self, directory) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping():
                    return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("the test's Redis did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def queued(self) -> int:
        """Task messages waiting in Celery's default queue."""
        return redis.Redis.from_url(self.url).llen("celery")


@contextmanager
def celery_through(broker: Broker) -> Iterator[None]:
    """Celery publishes to ``broker`` (not run eagerly, as in the other tests). Its connection
    and producer pools are made once per broker URL, so they are dropped on the way in and out."""
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}

    def forget_pools() -> None:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    forget_pools()
    celery_app.conf.update(broker_url=broker.url, task_always_eager=False)
    try:
        yield
    finally:
        forget_pools()
        celery_app.conf.update(saved)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server (CI's machine has it)")
def test_with_a_real_broker_stopped_emails_wait_and_go_out_once_when_it_is_back(
    tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    person = make_user("alice", verified=True)
    broker = Broker(tmp_path)
    broker.start()
    try:
        with celery_through(broker):
            broker.stop()
            with django_capture_on_commit_callbacks(execute=True):
                during = [notify(user=person, kind=Kind.SCOUT, title=f"スカウト {i}") for i in range(3)]
            broker.start()
            with django_capture_on_commit_callbacks(execute=True):
                after = notify(user=person, kind=Kind.SCOUT, title="スカウト 4")
            queued = broker.queued()
    finally:
        broker.stop()

    assert queued == 1  # the one written after the restart went through the broker as usual
    assert mailoutbox == []
    # five minutes later the beat runs the sweeper: the three owed emails go out, once
    Notification.objects.filter(pk__in=[n.pk for n in during]).update(
        created_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    assert send_owed_emails() == 3
    assert send_owed_emails() == 0
    assert len(mailoutbox) == 3
    assert Notification.objects.get(pk=after.pk).emailed_at is None  # its queued task will send it


def test_the_sweeper_task_sends_nothing_for_notifications_nobody_wants_by_email(mailoutbox):
    person = make_user("bob", verified=False)  # an unconfirmed address gets no email
    notify(user=person, kind=Kind.SCOUT, title="スカウト")
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    assert send_owed_emails() == 0
    assert mailoutbox == []


def test_readiness_reports_each_part_and_liveness_stays_simple(client):
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"
    assert set(ready.json()["checks"]) == {"database", "migrations", "static_files", "cache", "broker"}

    with override_settings(CACHES=REDIS_DOWN):
        degraded = client.get("/readyz")
    assert degraded.status_code == 200
    assert degraded.json()["status"] == "degraded"
    assert "Redis unreachable" in degraded.json()["checks"]["cache"]
    assert client.get("/healthz").status_code == 200


def test_readiness_fails_without_the_static_files_manifest(client, tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert "collectstatic" in response.json()["checks"]["static_files"]
