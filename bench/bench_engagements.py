"""Benchmark: applying, messaging, the company's pipeline page, and contracts under contention.

Run: .venv/bin/python bench/bench_engagements.py [--applicants 200] [--messages 300] [--racers 8]
Uses a throwaway SQLite database (or DATABASE_URL when set, which it migrates) with the small demo.
The contention part (racers recording contracts on a two-opening sheet at once, one database
connection per thread) only runs on PostgreSQL; SQLite serialises writers anyway.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _summary(label: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, int(len(values) * 0.95) - 1)]
    return (
        f"{label:34s} n={len(values):4d}  median {statistics.median(values) * 1000:7.2f} ms"
        f"  p95 {p95 * 1000:7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applicants", type=int, default=200)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--racers", type=int, default=8)
    args = parser.parse_args()
    from django_bench import bench_database

    bench_database()
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from duallife.accounts.models import User
    from duallife.demo.services import demo_data_create
    from duallife.engagements.errors import EngagementError
    from duallife.engagements.models import Application, Contract
    from duallife.engagements.services.applications import application_advance, application_submit
    from duallife.engagements.services.messages import message_post
    from duallife.engagements.services.proposals import contract_confirm, contract_propose
    from duallife.postings.models import SpecSheet
    from duallife.regions.models import Prefecture
    from duallife.talents.models import TalentProfile

    demo_data_create(password="bench-password-123", small=True)
    company_user = User.objects.get(email="company-001@example.jp")
    sheet = (
        SpecSheet.objects.filter(organization__memberships__user=company_user, status="published")
        .order_by("-pk")
        .first()
    )
    SpecSheet.objects.filter(pk=sheet.pk).update(openings=99)
    sheet.refresh_from_db()
    tokyo = Prefecture.objects.get(code="13")
    users = [
        User.objects.create_user(username=f"bench-{n}", email=f"bench-{n}@example.jp", password=None)
        for n in range(args.applicants)
    ]
    for n, user in enumerate(users):
        TalentProfile.objects.create(
            user=user, family_name="試験", given_name=f"{n}", family_name_kana="シケン",
            given_name_kana="タロウ", display_name=f"ベンチ{n}", home_prefecture=tokyo,
        )  # fmt: skip

    apply_times = []
    applications = []
    for user in users:
        t = time.perf_counter()
        applications.append(
            application_submit(
                sheet=sheet, by=user, message="ベンチマーク用の応募メッセージです。", shared_fields=["email"]
            )
        )
        apply_times.append(time.perf_counter() - t)

    message_times = []
    for n in range(args.messages):
        application = applications[n % len(applications)]
        by = company_user if n % 2 else application.talent.user
        t = time.perf_counter()
        message_post(application=application, by=by, body=f"ベンチマークのメッセージ {n}")
        message_times.append(time.perf_counter() - t)

    client = Client()
    client.force_login(company_user)
    page_times = []
    with override_settings(DEBUG=False):
        for view in ("board", "list") * 5:
            t = time.perf_counter()
            response = client.get(f"/applications/pipeline/?view={view}")
            page_times.append(time.perf_counter() - t)
            assert response.status_code == 200
        detail_times = []
        for application in applications[:20]:
            t = time.perf_counter()
            assert client.get(f"/applications/{application.pk}/").status_code == 200
            detail_times.append(time.perf_counter() - t)

    on_sheet = Application.objects.filter(sheet=sheet).count()
    print(f"database: {connection.vendor}; applications on one sheet: {on_sheet}")
    print(_summary("application_submit", apply_times))
    print(_summary("message_post (text)", message_times))
    print(_summary(f"pipeline page ({args.applicants} applicants)", page_times))
    print(_summary("application page (with thread)", detail_times))

    if connection.vendor != "postgresql":
        print("contention: skipped (PostgreSQL only)")
        return
    SpecSheet.objects.filter(pk=sheet.pk).update(openings=Contract.objects.filter(sheet=sheet).count() + 2)
    racing = applications[: args.racers]
    for application in racing:
        application_advance(application=application, by=company_user, to="offer")
        contract_propose(
            application=application, by=company_user, contract_type="outsourcing",
            starts_on=timezone.localdate(), ends_on=None, days_per_month=2, monthly_fee_yen=40_000,
            travel_paid_by="company", subsidy_eligible=False,
            work_description="販路づくりと月次の振り返り", work_place="オンライン",
        )  # fmt: skip
    barrier = threading.Barrier(len(racing))
    results: list[str] = []

    def race(application) -> None:
        try:
            barrier.wait()
            try:
                fresh = Application.objects.select_related("talent__user").get(pk=application.pk)
                contract_confirm(application=fresh, by=fresh.talent.user, version=1)
                results.append("recorded")
            except EngagementError as exc:
                results.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(application,)) for application in racing]
    t = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - t
    print(
        f"contention: {len(racing)} simultaneous contract_confirm on 2 free openings → "
        f"{results.count('recorded')} recorded, {len(results) - results.count('recorded')} refused "
        f"({sorted(set(results))}) in {elapsed * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
