"""Fixtures for notification tests: people with confirmed addresses, and a real SMTP server.

``alice`` and ``bob``: users with a confirmed address and no role. ``smtp_sink``: an aiosmtpd
server on a free localhost port, with Django's SMTP backend pointed at it; ``smtp_sink.messages``
holds what it received, parsed (``email.message.EmailMessage``, headers decoded).
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress

from duallife.accounts.models import User
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

SITE_URL = "https://duallife.example.jp"


def make_person(name: str, *, verified: bool = True, **extra) -> User:
    """A user with ``name@example.jp`` as their allauth address (no password: tests force_login)."""
    user = User.objects.create_user(username=name, email=f"{name}@example.jp", password=None, **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


@pytest.fixture
def alice(db) -> User:
    return make_person("alice", last_name="佐藤", first_name="愛")


@pytest.fixture
def bob(db) -> User:
    return make_person("bob")


@pytest.fixture
def site_url(settings) -> str:
    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture
def make_notifications():
    """``make_notifications(user, n, kind=…)``: n notifications through ``notify`` (oldest first)."""

    def make(user: User, count: int, *, kind: str = Kind.MESSAGE, url: str = "/sheets/") -> list:
        return [
            notify(user=user, kind=kind, title=f"お知らせ その{i + 1}", body=f"本文 {i + 1}", url=url)
            for i in range(count)
        ]

    return make


@dataclass
class _Recorder:
    """aiosmtpd handler: keeps every message it accepts."""

    envelopes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    host: str
    port: int
    recorder: _Recorder

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self.recorder.lock:
            envelopes = list(self.recorder.envelopes)
        return [email.message_from_bytes(e.content, policy=email.policy.default) for e in envelopes]

    @property
    def recipients(self) -> list[list[str]]:
        with self.recorder.lock:
            return [list(e.rcpt_tos) for e in self.recorder.envelopes]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on localhost, and Django sending to it (no TLS, no login)."""
    recorder = _Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield SmtpSink(host="127.0.0.1", port=port, recorder=recorder)
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings):
    """Django's SMTP backend pointed at a localhost port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


from duallife.postings.tests.conftest import vocabulary, world  # noqa: E402, F401 (fixtures)


@pytest.fixture
def give_mfa():
    """``give_mfa(user)``: an authenticator app for a staff user (may open personal data)."""
    from duallife.testing.accounts import give_mfa as give

    return give
