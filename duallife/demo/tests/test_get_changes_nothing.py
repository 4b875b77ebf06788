"""Opening a page never changes anything: the site, walked by GET as every kind of person on the
demo (in Japanese and in English), writes nothing to the database but the session."""

from __future__ import annotations

import pytest
from django.test import Client

from duallife.notifications.models import Notification
from duallife.testing.walk import ROLES, person, start_pages, walk, writes_during

pytestmark = [pytest.mark.django_db, pytest.mark.once]  # CI: on SQLite only (pyproject's markers)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_no_page_a_person_opens_changes_the_database(shared_small_demo, role, prefix):
    client = Client()
    user = person(role)
    if user is not None:
        client.force_login(user)

    with writes_during() as writes:
        pages = walk(client, start_pages(role, prefix), prefix=prefix, limit=60)

    assert len(pages) >= 8, sorted(pages)
    assert writes == []


def test_a_write_during_a_get_is_noticed(shared_small_demo):
    """The check itself: a statement that changes a row is recorded."""
    with writes_during() as writes:
        Notification.objects.filter(pk=0).update(read_at=None)
    assert len(writes) == 1
