"""The demo's draft events: one answered with outcomes, one in its negotiation window with the
first demo talent's pending nomination, one open for entries — runs replayable, no demo mail;
its past runs happen on their nomination day and their notices tell true dates."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.demo.services import demo_data_create
from duallife.drafts.models import DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination
from duallife.drafts.services.runs import draft_run_replay
from duallife.notifications.models import Notification
from duallife.testing.notifications import told

pytestmark = pytest.mark.django_db


def jp_date(day: datetime.date) -> str:
    """A day as Japanese readers expect it in a notice (what the notices must say)."""
    return f"{day.year}年{day.month}月{day.day}日"


def test_the_demo_shows_a_draft_at_every_stage(region_pack):
    report = demo_data_create(password="demo-password-123", small=True)
    assert report.created["drafts"] == 3
    answered, negotiating, open_event = (
        DraftEvent.objects.get(name=f"{name}（デモ）")
        for name in ("東北ドラフト会議2025", "東北ドラフト会議2026", "みやぎ移住ドラフト2027")
    )

    # a year ago: every nomination answered, outcomes on the accepted ones
    nominations = Nomination.objects.filter(run__event=answered)
    assert nominations.exists()
    assert not nominations.filter(status=Nomination.Status.PENDING).exists()
    accepted = nominations.filter(status=Nomination.Status.ACCEPTED)
    assert accepted.exists()
    assert not accepted.filter(outcome="").exists()

    # now negotiating: the first demo talent was nominated by the first coordinator body, unanswered
    mine = Nomination.objects.get(
        run__event=negotiating, player__talent__user__email="talent-0001@example.jp"
    )
    assert mine.status == Nomination.Status.PENDING
    assert mine.team.organization.slug == "demo-coord-miyagi"
    for run in [*answered.runs.all(), *negotiating.runs.all()]:
        assert run.blocking_pairs == 0
        assert draft_run_replay(run) == run.result
    assert negotiating.camps.count() == 2
    assert negotiating.camps.first().registrations.filter(attended__isnull=False).exists()

    # open: the first talent and the first company can still enter and join
    assert not DraftPlayer.objects.filter(
        event=open_event, talent__user__email="talent-0001@example.jp"
    ).exists()
    assert not DraftTeam.objects.filter(
        event=open_event, organization__memberships__user__email="company-001@example.jp"
    ).exists()
    assert open_event.players.exists()
    assert open_event.teams.count() >= 3

    # nobody gets demo mail
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    # a second run adds nothing
    again = demo_data_create(small=True)
    assert again.created["drafts"] == 0
    assert again.existing["drafts"] == 3


def test_the_demos_runs_happen_on_the_nomination_day_and_their_notices_tell_true_dates(region_pack):
    demo_data_create(password="demo-password-123", small=True)

    runs = list(DraftRun.objects.select_related("event"))
    assert len(runs) == 2
    for run in runs:
        event = run.event
        assert timezone.localtime(run.created_at).date() == event.nomination_on
        url = reverse("drafts:nominations", args=[event.pk])
        nominated = [n for n in told(url=url) if n.title == "指名されました"]
        assert len(nominated) == run.nominations.count()
        assert all(n.created_at == run.created_at for n in nominated)
        for notice in nominated:
            assert f"交渉期間の終わり（{jp_date(event.negotiation_until)}）" in notice.body
