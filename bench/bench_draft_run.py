"""Benchmark: a draft run inside the product, and the pages that read it.

Run: .venv/bin/python bench/bench_draft_run.py [--players 1000] [--teams 100] [--repeat 3]
Uses a throwaway SQLite database (or DATABASE_URL when set, which it migrates). An event with
``--players`` players, each ranking 10 random teams, and ``--teams`` teams of 1–5 places, each
ranking everyone who ranked it; then, timed: ``draft_run_execute`` (reading the locked lists,
solving, storing the input and result, creating the nominations and their notifications, one
transaction), ``draft_run_replay``, and the organiser's run audit page, the public results page
and the organiser's nominations page (in-process test client, ``DEBUG=0``). Each run is rolled
back, so every repeat solves the same lists.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--players", type=int, default=1000)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from django_bench import bench_database

    vendor = bench_database()
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from duallife.accounts.models import User
    from duallife.drafts.models import DraftEvent, DraftPlayer, DraftTeam, PlayerChoice, TeamChoice
    from duallife.drafts.services.runs import draft_run_execute, draft_run_replay
    from duallife.organizations.models import Membership, Organization
    from duallife.regions.models import Prefecture
    from duallife.talents.models import TalentProfile

    print(f"database: {vendor}; {args.players} players × {args.teams} teams")

    rng = random.Random(5)
    miyagi = Prefecture.objects.get(code="04")
    organiser = Organization.objects.create(
        kind=Organization.Kind.SECRETARIAT, name="事務局", slug="bench-sec", prefecture=miyagi
    )
    operator = User.objects.create_user(username="bench-operator", email="operator@bench.example.jp")
    Membership.objects.create(user=operator, organization=organiser)
    now = timezone.now()
    event = DraftEvent.objects.create(
        name="ベンチマーク",
        organizer=organiser,
        entry_opens_on=now.date() - datetime.timedelta(days=60),
        entry_closes_on=now.date() - datetime.timedelta(days=30),
        preferences_deadline=now - datetime.timedelta(days=1),
        nomination_on=now.date(),
        negotiation_until=now.date() + datetime.timedelta(days=14),
    )
    event.prefectures.set([miyagi])
    orgs = Organization.objects.bulk_create(
        Organization(
            kind=Organization.Kind.COORDINATOR, name=f"チーム{i}", slug=f"bench-team-{i}", prefecture=miyagi
        )
        for i in range(args.teams)
    )
    teams = DraftTeam.objects.bulk_create(
        DraftTeam(event=event, organization=org, capacity=rng.randint(1, 5)) for org in orgs
    )
    users = User.objects.bulk_create(
        User(username=f"bench-p{i}", email=f"p{i}@bench.example.jp") for i in range(args.players)
    )
    profiles = TalentProfile.objects.bulk_create(
        TalentProfile(
            user=user,
            family_name="山田",
            given_name="花子",
            family_name_kana="ヤマダ",
            given_name_kana="ハナコ",
            display_name=f"選手{i}",
            home_prefecture=miyagi,
        )
        for i, user in enumerate(users)
    )
    players = DraftPlayer.objects.bulk_create(
        DraftPlayer(event=event, talent=p, pitch="よろしくお願いします", name_public=i % 2 == 0)
        for i, p in enumerate(profiles)
    )
    ranked_by: dict[int, list] = {t.pk: [] for t in teams}
    player_rows = []
    for player in players:
        for rank, team in enumerate(rng.sample(teams, k=min(10, len(teams))), start=1):
            player_rows.append(PlayerChoice(player=player, team=team, rank=rank))
            ranked_by[team.pk].append(player)
    PlayerChoice.objects.bulk_create(player_rows, batch_size=2000)
    team_rows = []
    for team in teams:
        wanted = ranked_by[team.pk]
        rng.shuffle(wanted)
        team_rows += [TeamChoice(team=team, player=p, rank=r) for r, p in enumerate(wanted, start=1)]
    TeamChoice.objects.bulk_create(team_rows, batch_size=2000)

    class Rollback(Exception):
        pass

    reverse("drafts:list")  # load the URL configuration once, as a running server has
    execute_times, replay_times = [], []
    for _ in range(args.repeat):
        try:
            with transaction.atomic():
                started = time.perf_counter()
                run = draft_run_execute(event=event, by=operator)
                execute_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                same = draft_run_replay(run) == run.result
                replay_times.append(time.perf_counter() - started)
                nominated = run.nominations.count()
                raise Rollback
        except Rollback:
            pass
    print(
        f"draft_run_execute: {', '.join(f'{t:.2f}' for t in execute_times)} s "
        f"(median {statistics.median(execute_times):.2f}); {nominated} nominations; replay equal: {same}"
    )
    print(f"draft_run_replay:  {', '.join(f'{t:.3f}' for t in replay_times)} s")

    run = draft_run_execute(event=event, by=operator)
    client = Client()
    client.force_login(operator)
    from duallife.accounts import mfa

    mfa.mfa_setup_required = lambda user: False  # the bench operator has no second factor
    pages = {
        "run audit (organiser)": reverse("drafts:run_detail", args=[event.pk, run.number]),
        "results (public)": reverse("drafts:results", args=[event.pk]),
        "nominations (organiser)": reverse("drafts:nominations", args=[event.pk]),
    }
    for label, url in pages.items():
        times = []
        for _ in range(args.repeat + 2):
            started = time.perf_counter()
            response = (Client() if "public" in label else client).get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (label, response.status_code)
        size = len(response.content) // 1024
        print(f"{label:26s} median {statistics.median(times) * 1000:7.1f} ms ({size} KB)")


if __name__ == "__main__":
    main()
