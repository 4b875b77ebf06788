"""Fixtures for notification tests: people with confirmed addresses and their notifications.

``alice`` and ``bob``: users with a confirmed address and no role. The SMTP server
(``smtp_sink``, ``smtp_down``) and ``site_url`` come from duallife/testing/fixtures.py.
"""

from __future__ import annotations

import pytest

from duallife.accounts.models import User
from duallife.notifications.models import Kind
from duallife.notifications.services import notify
from duallife.testing import accounts
from duallife.testing.accounts import make_user


@pytest.fixture
def alice(db) -> User:
    return make_user("alice", verified=True, last_name="佐藤", first_name="愛")


@pytest.fixture
def bob(db) -> User:
    return make_user("bob", verified=True)


@pytest.fixture
def make_notifications():
    """``make_notifications(user, n, kind=…)``: n notifications through ``notify`` (oldest first)."""

    def make(user: User, count: int, *, kind: str = Kind.MESSAGE, url: str = "/sheets/") -> list:
        return [
            notify(user=user, kind=kind, title=f"お知らせ その{i + 1}", body=f"本文 {i + 1}", url=url)
            for i in range(count)
        ]

    return make


@pytest.fixture
def give_mfa():
    """``give_mfa(user)``: an authenticator app for a staff user (may open personal data)."""
    return accounts.give_mfa
