"""Benchmark: what a signed-in page pays for its header (roles and counts), and pages that show it.

Run: .venv/bin/python bench/bench_header.py [--repeat 200] [--pages 30]
(SQLite in a throwaway file, or ``DATABASE_URL``.) The small demo; for its first talent, the
company admin and a coordinator: ``header_counts`` alone, the same reads built and compiled by
Django each time (the queryset as it was before ``CompiledRead``), and pages through the test
client (a 404 page, the home, the list of sheets). Prints medians and best times.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _timed(fn, repeat: int) -> list[float]:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def _line(label: str, values: list[float]) -> str:
    return (
        f"{label:44s} n={len(values):4d}  median {statistics.median(values) * 1000:7.2f} ms"
        f"  best {min(values) * 1000:7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--pages", type=int, default=30)
    args = parser.parse_args()
    from django_bench import bench_database

    vendor = bench_database()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from duallife.demo.plan import company_account, coordinator_account, talent_account
    from duallife.demo.services import demo_data_create
    from duallife.engagements.selectors.messages import _unread_total_query
    from duallife.site.selectors.navigation import _role_row_query, header_counts

    demo_data_create(password="bench-password-123", small=True)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404 pages asked on purpose
    users = get_user_model().objects
    people = {
        "talent": users.get(email=talent_account(0).email),
        "company admin": users.get(email=company_account(0).email),
        "coordinator": users.get(email=coordinator_account("miyagi").email),
    }
    print(f"database: {vendor}")
    for who, user in people.items():
        print(_line(f"header_counts, {who}", _timed(lambda user=user: header_counts(user), args.repeat)))

    talent = people["talent"]

    def built_each_time() -> None:
        _role_row_query(talent.pk, timezone.now()).first()
        _unread_total_query(talent.pk, timezone.now()).first()

    print(_line("the same two reads built by Django each time", _timed(built_each_time, args.repeat)))
    for who, user in people.items():
        client = Client()
        client.force_login(user)
        for path in ("/no-such-page/", "/", "/sheets/"):
            print(_line(f"GET {path} as the {who}", _timed(lambda c=client, p=path: c.get(p), args.pages)))


if __name__ == "__main__":
    main()
