"""Walking the site as a person does: from a role's start pages, following links, GET only.

:func:`walk` returns the HTML of every page it reached; :func:`writes_during` records the
statements that would change the database while it runs (opening a page must change nothing).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.db import connection
from django.test import Client

from duallife.accounts.models import User
from duallife.demo.plan import company_account, coordinator_account, operator_account, talent_account

from .accounts import give_mfa

ROLES = ("anonymous", "talent", "company", "coordinator", "operator")
#: Links not walked: leaving, the admin, the API and downloads.
NOT_WALKED = ("/accounts/logout/", "/admin/", "/api/", "/files/", "/download", "/export")
#: Tables a GET may write: the session (Django saves it when a message was shown) and the log of
#: staff reads of personal data (a read is what it records).
BOOKKEEPING = ("django_session", "accounts_personaldataaccess")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def start_pages(role: str, prefix: str = "") -> list[str]:
    common = ["/", "/notifications/", "/accounts/me/"]
    pages = (
        common
        + {
            "anonymous": ["/regions/", "/regions/04/", "/simulator/", "/sheets/", "/organizations/"],
            "talent": ["/recommendations/", "/applications/", "/scouts/", "/talents/me/edit/", "/drafts/"],
            "company": ["/sheets/mine/", "/applications/pipeline/", "/talents/", "/sheets/new/"],
            "coordinator": ["/sheets/review/", "/followups/", "/referrals/", "/drafts/"],
            "operator": ["/sheets/review/", "/organizations/"],
        }[role]
    )
    return [f"{prefix}{page}" for page in pages]


def person(role: str) -> User | None:
    """The demo's person for ``role`` (staff with MFA), or ``None`` for an anonymous visitor."""
    account = {
        "talent": talent_account(0),
        "company": company_account(0),
        "coordinator": coordinator_account("miyagi"),
        "operator": operator_account(),
    }.get(role)
    if account is None:
        return None
    user = User.objects.get(email=account.email)
    if role in ("coordinator", "operator"):
        give_mfa(user)
    return user


def walk(client: Client, start: list[str], *, prefix: str = "", limit: int = 45) -> dict[str, str]:
    """GET pages breadth-first from ``start``, following links that begin with ``prefix`` + "/";
    returns url → HTML of the pages that answered 200. Fails on any 5xx."""
    seen: set[str] = set()
    pages: dict[str, str] = {}
    queue = deque(start)
    link = re.compile(rf'href="({re.escape(prefix)}/[^"#]*)')
    while queue and len(pages) < limit:
        url = queue.popleft()
        path = urlsplit(url).path
        if path in seen or any(part in url for part in NOT_WALKED):
            continue
        seen.add(path)
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        queue.extend(href for href in link.findall(html) if prefix or not href.startswith("/en/"))
    return pages


@contextmanager
def writes_during() -> Iterator[list[str]]:
    """The statements that change the database (but the session's) run inside the block."""
    writes: list[str] = []

    def record(execute, sql, params, many, context):
        if WRITE.match(sql) and not any(table in sql for table in BOOKKEEPING):
            writes.append(sql[:160])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield writes
