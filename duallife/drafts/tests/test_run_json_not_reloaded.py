"""A run's stored input and result can be megabytes of JSON (100,000 players): pages and actions
about nominations must not load them (once per row they made the organiser's nominations page of
a 1,000-player draft take seconds)."""

# ruff: noqa: F401, F811

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duallife.postings.tests.conftest import make_org, make_user, vocabulary, world

from .helpers_results import drafted

pytestmark = pytest.mark.django_db


def loads_run_json(queries) -> list[str]:
    return [q["sql"] for q in queries if '"drafts_draftrun"."instance"' in q["sql"]]


def test_nomination_pages_and_answers_never_load_the_runs_json(client, world, drafted):
    nomination = drafted.run.nominations.get(player=drafted.players[0])
    client.force_login(world.coordinator)  # the organiser
    with CaptureQueriesContext(connection) as organiser_page:
        assert client.get(reverse("drafts:nominations", args=[drafted.event.pk])).status_code == 200
    client.force_login(world.owner)  # the nominating team
    with CaptureQueriesContext(connection) as message:
        response = client.post(
            reverse("drafts:nomination_message", args=[nomination.pk]),
            {"message": "よろしく", "section": "team"},
        )
        assert response.status_code == 302
    client.force_login(drafted.players[0].talent.user)
    with CaptureQueriesContext(connection) as answer:
        response = client.post(
            reverse("drafts:nomination_respond", args=[nomination.pk]), {"answer": "accept"}
        )
        assert response.status_code == 302
    assert loads_run_json(organiser_page.captured_queries) == []
    assert loads_run_json(message.captured_queries) == []
    assert loads_run_json(answer.captured_queries) == []
