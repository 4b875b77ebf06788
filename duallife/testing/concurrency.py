"""Real parallel requests for the concurrency tests (against a live server on PostgreSQL).

``signed_in_session(user)``: a ``requests`` session signed in as ``user``; ``all_at_once(n, send)``
runs ``send(i)`` in ``n`` threads released together at a :class:`threading.Barrier`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import requests
from django.conf import settings
from django.db import connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

TIMEOUT = 60  # seconds per request


def signed_in_session(user) -> requests.Session:
    """A ``requests`` session carrying ``user``'s Django session cookie and a CSRF token."""
    client = Client()
    client.force_login(user)
    token = _get_new_csrf_string()
    session = requests.Session()
    session.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
    session.cookies.set(settings.CSRF_COOKIE_NAME, token)
    session.headers["X-CSRFToken"] = token
    return session


def all_at_once(count: int, send: Callable[[int], object]) -> list:
    """Run ``send(i)`` in ``count`` threads released together; results (or exceptions) in order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=TIMEOUT)
            results[index] = send(index)
        except Exception as exc:  # reported by the test, not lost in the thread
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT * 2)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    for result in results:
        if isinstance(result, Exception):
            raise result
    return results
