"""Benchmark: the terms sheet (PDF in Japanese, a subset of the CJK font embedded) of a contract of
the small demo, built in process by ``terms_pdf`` and served through the page.

Run: .venv/bin/python bench/bench_terms_sheet.py [--repeat 20]
Prints the median and the best time of each, and the size of the file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from django_bench import bench_database

    bench_database()
    from django.test import Client

    from duallife.demo.services import demo_data_create
    from duallife.engagements.models import Contract
    from duallife.engagements.terms_sheet import terms_pdf

    demo_data_create(password="bench-password-123", small=True)
    contract = Contract.objects.select_related("application", "talent__user").order_by("pk").first()
    application = contract.application
    built, served = [], []
    size = 0
    for _ in range(args.repeat):
        t = time.perf_counter()
        size = len(terms_pdf(application=application, contract=contract))
        built.append(time.perf_counter() - t)
    client = Client()
    client.force_login(contract.talent.user)
    for _ in range(args.repeat):
        t = time.perf_counter()
        response = client.get(f"/applications/{application.pk}/contract/terms.pdf")
        served.append(time.perf_counter() - t)
        assert response.status_code == 200, response.status_code
    for label, values in (("terms_pdf", built), ("GET …/terms.pdf", served)):
        print(
            f"{label:18s} n={len(values)}  median {statistics.median(values) * 1000:7.1f} ms"
            f"  best {min(values) * 1000:7.1f} ms"
        )
    print(f"size: {size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
