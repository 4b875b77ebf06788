"""The drafts admin: operators look events, runs and nominations up; nobody changes them there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duallife.accounts.models import User
from duallife.drafts.services.runs import draft_run_execute
from duallife.testing.accounts import give_mfa

pytestmark = pytest.mark.django_db


def staff_client(client, user):
    User.objects.filter(pk=user.pk).update(is_staff=True)
    give_mfa(user)
    client.force_login(User.objects.get(pk=user.pk))
    return client


@pytest.fixture
def run(world, draft):
    event, _teams, _players = draft
    return draft_run_execute(event=event, by=world.coordinator)


def test_an_operator_reads_events_runs_and_nominations_but_changes_nothing(client, world, run):
    staff_client(client, world.operator)
    nomination = run.nominations.first()
    for name, pk in (("draftevent", run.event_id), ("draftrun", run.pk), ("nomination", nomination.pk)):
        assert client.get(reverse(f"admin:drafts_{name}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:drafts_{name}_change", args=[pk]))
        assert page.status_code == 200
        assert 'type="submit"' not in page.content.decode().split('id="content-main"')[-1]
        assert client.get(reverse(f"admin:drafts_{name}_add")).status_code == 403
        assert (
            client.post(reverse(f"admin:drafts_{name}_delete", args=[pk]), {"post": "yes"}).status_code == 403
        )
    assert run.nominations.count() == 2


def test_staff_who_are_not_operators_do_not_see_drafts(client, world, run):
    staff_client(client, world.coordinator)
    assert client.get(reverse("admin:drafts_draftrun_change", args=[run.pk])).status_code == 403
    assert (
        reverse("admin:drafts_draftrun_changelist") not in client.get(reverse("admin:index")).content.decode()
    )
