"""Single-request times of the cost simulator in process (``DEBUG=0``, Django's test client,
SQLite with the Tohoku pack and the support programs of ``data/subsidies``): the page and the API
for a report city, with a support program, and for a town reached through its gateway with both
legs and lodging, and ``cost_dataset`` alone.

    .venv/bin/python bench/bench_simulator_pages.py [--requests 20]

Prints the median and the best time of each, with its query count.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

EXTRAS = (
    "&origin=141003&origin_leg_yen=960&origin_leg_minutes=30&destination_leg_yen=3600"
    "&destination_leg_minutes=90&lodging_nights_per_month=2&lodging_yen_per_night=7000"
)
PROGRAM = "&mode=B&program=miyagi-doublework"
URLS = [
    ("page, empty", "/simulator/"),
    ("page, 仙台市 (report city)", "/simulator/?destination=041009&trips_per_month=2"),
    ("page, 仙台市 + program", f"/simulator/?destination=041009&trips_per_month=2{PROGRAM}"),
    ("page, 南三陸町 + legs + lodging", f"/simulator/?destination=046060&trips_per_month=2{EXTRAS}"),
    ("API, 仙台市", "/api/v1/simulator/cost?destination=041009&trips_per_month=2"),
    ("API, 仙台市 + program", f"/api/v1/simulator/cost?destination=041009&trips_per_month=2{PROGRAM}"),
    (
        "API, 南三陸町 + legs + lodging",
        f"/api/v1/simulator/cost?destination=046060&trips_per_month=2{EXTRAS}",
    ),
    ("API, destinations (259)", "/api/v1/simulator/destinations"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    from django_bench import bench_database

    vendor = bench_database()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from duallife.simulator.selectors import cost_dataset
    from duallife.subsidies.services.programs import subsidy_programs_load

    subsidy_programs_load(directory=Path(__file__).resolve().parent.parent / "data" / "subsidies")
    client = Client()
    print(f"database: {vendor}; {args.requests} requests each")
    for label, url in URLS:
        client.get(url)  # warm up
        times = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"{label:34} median {statistics.median(times) * 1000:6.1f} ms  "
            f"best {min(times) * 1000:6.1f} ms  {len(queries)} queries"
        )
    times = []
    for _ in range(args.requests):
        start = time.perf_counter()
        cost_dataset()
        times.append(time.perf_counter() - start)
    print(f"{'cost_dataset() alone':34} median {statistics.median(times) * 1000:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
