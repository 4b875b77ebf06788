"""Benchmark: travel-cost support — claims through their services, the program's page with its
burn-down, the exports, and approvals racing for the last of a budget.

Run: .venv/bin/python bench/bench_support.py [--claims 300] [--racers 50]
Uses a throwaway SQLite database (or DATABASE_URL when set, which it migrates) with the small demo
(its programs and claims). The contention part (racers approving at once at a budget for a fifth
of them, one database connection per thread) only runs on PostgreSQL; SQLite serialises writers.
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
        f"{label:38s} n={len(values):4d}  median {statistics.median(values) * 1000:7.2f} ms"
        f"  p95 {p95 * 1000:7.2f} ms"
    )


def _timed(values: list[float], call):
    start = time.perf_counter()
    try:
        return call()
    finally:
        values.append(time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--racers", type=int, default=50)
    args = parser.parse_args()
    from django_bench import bench_database

    vendor = bench_database()
    from django.db import connections
    from django.test import Client
    from django.utils import timezone

    from duallife.accounts.models import User
    from duallife.demo.services import demo_data_create
    from duallife.engagements.models import Contract
    from duallife.organizations.models import Membership
    from duallife.subsidies.errors import SupportError
    from duallife.subsidies.models import Claim, Program, ProgramVersion
    from duallife.subsidies.selectors import exports
    from duallife.subsidies.selectors.programs import burn_down
    from duallife.subsidies.selectors.rules import latest_version
    from duallife.subsidies.services.claims import claim_create, claim_submit, claim_trip_add
    from duallife.subsidies.services.programs import program_update
    from duallife.subsidies.services.reviews import claim_approve

    demo_data_create(password="bench-password-123", small=True)
    program = Program.objects.get(slug="national-sidejob")
    operator = User.objects.get(email="operator@example.jp")
    # one person's claims all the year: the per-person caps of the file would refuse most of them
    rules = {
        key: value for key, value in latest_version(program).rules.items() if "cap_per_person" not in key
    }
    rules.pop("multi_year_span", None)
    program_update(program=program, by=operator, rules=rules, settings={})
    contract = Contract.objects.select_related("sheet__municipality").order_by("pk").first()
    payee = Membership.objects.filter(organization=contract.organization, role="admin").first().user
    day = timezone.localdate() - timezone.timedelta(days=1)
    creating, submitting, approving = [], [], []
    claims = []
    for _n in range(args.claims):
        claim = _timed(creating, lambda: claim_create(program=program, contract=contract, by=payee))
        for _trip in range(2):
            claim_trip_add(
                claim=claim,
                by=payee,
                date=day,
                origin_prefecture="13",
                destination=contract.sheet.municipality,
            )
        claims.append(
            _timed(submitting, lambda claim=claim: claim_submit(claim=claim, by=payee, declared=True))
        )
    for claim in claims:
        _timed(approving, lambda claim=claim: claim_approve(claim=claim, by=operator))
    print(f"{vendor}: {args.claims} claims of 2 trips on one contract, national program without person caps")
    print(_summary("claim_create", creating))
    print(_summary("claim_submit (engine + notices)", submitting))
    print(_summary("claim_approve (locks + ledger)", approving))

    program.refresh_from_db()
    entries = program.budget_entries.count()
    burn = []
    for _n in range(20):
        _timed(burn, lambda: burn_down(program, today=timezone.localdate()))
    print(_summary(f"burn_down ({entries} ledger entries)", burn))
    client = Client()
    pages = []
    for _n in range(20):
        _timed(pages, lambda: client.get(f"/support/programs/{program.pk}/"))
    print(_summary("program page (public)", pages))
    export = []
    for _n in range(5):
        _timed(
            export,
            lambda: exports.as_xlsx(
                exports.export_rows(program, exports.export_claims(program), {}), title="x"
            ),
        )
    print(_summary(f"XLSX export ({Claim.objects.filter(program=program).count()} claims)", export))

    if vendor != "postgresql":
        print("contention: skipped (SQLite serialises writers)")
        return
    version = latest_version(program)
    racing_program = Program.objects.create(
        slug="bench-race", fiscal_year=program.fiscal_year, name="race", owner_name="bench",
        budget_yen=program.budget_yen, payee=program.payee,
    )  # fmt: skip
    ProgramVersion.objects.create(
        program=racing_program,
        number=1,
        rules=version.rules,
        source=version.source,
        source_date=version.source_date,
    )
    racing = []
    for _n in range(args.racers):
        claim = claim_create(program=racing_program, contract=contract, by=payee)
        claim_trip_add(
            claim=claim, by=payee, date=day, origin_prefecture="13", destination=contract.sheet.municipality
        )
        racing.append(claim_submit(claim=claim, by=payee, declared=True))
    amount = racing[0].assessed_yen
    Program.objects.filter(pk=racing_program.pk).update(
        budget_yen=amount * (args.racers // 5), reserved_yen=0, paid_yen=0, warned_percent=0
    )
    connections.close_all()
    results: list[str] = []
    barrier = threading.Barrier(len(racing))

    def race(claim) -> None:
        try:
            barrier.wait()
            claim_approve(claim=claim, by=operator)
            results.append("approved")
        except SupportError as exc:
            results.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(claim,)) for claim in racing]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    racing_program.refresh_from_db()
    print(
        f"contention: {len(racing)} approvals at once, budget for {args.racers // 5}: "
        f"{results.count('approved')} approved, {len(results) - results.count('approved')} refused "
        f"({sorted(set(results) - {'approved'})}), reserved {racing_program.reserved_yen} of "
        f"{racing_program.budget_yen}, {elapsed * 1000:.0f} ms in all"
    )


if __name__ == "__main__":
    main()
