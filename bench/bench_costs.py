"""Benchmark of the cost simulator engine (pure Python, no database).

    .venv/bin/python bench/bench_costs.py [--evaluations 100000] [--repeat 3]

Evaluates the nine destinations of the policy report (table 5-6-1) over every trips-per-month
value from 0.0 to 31.0, both modes and several subsidy shapes, until the requested number of
single-scenario evaluations is reached; then times ``compare_destinations`` (one whole comparison
table, as the page and ``simulate --all`` build it). Prints the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duallife.engine.costs import CostInput, Destination, Mode, Subsidy, compare_destinations, simulate

TOKYO = "131008"
TOKYO_RENT = 105_167
# code, monthly rent, round-trip fare, one-way minutes (table 5-6-1)
DESTINATIONS = [
    Destination("022012", 48_747, 34_940, 212),
    Destination("032018", 50_302, 29_620, 132),
    Destination("041009", 62_065, 21_120, 114),
    Destination("052019", 48_648, 35_560, 232),
    Destination("062014", 53_001, 21_280, 165),
    Destination("072010", 50_388, 17_160, 93),
    Destination("151009", 53_330, 20_460, 123),
    Destination("172014", 55_486, 28_360, 150),
    Destination("221007", 61_015, 11_880, 75),
]
SUBSIDIES = [
    None,
    Subsidy(rate=Decimal("0.5")),
    Subsidy(rate=Decimal("0.5"), cap_per_trip_yen=5_000),
    Subsidy(rate=Decimal("1"), cap_per_month_yen=20_000),
    Subsidy(rate=Decimal("0.3"), cap_per_trip_yen=8_000, cap_per_month_yen=30_000),
]
TRIPS = [Decimal(tenths) / 10 for tenths in range(0, 311)]


def scenarios(count: int) -> list[CostInput]:
    combos = itertools.cycle(itertools.product(DESTINATIONS, TRIPS, SUBSIDIES, (Mode.A, Mode.B)))
    return [
        CostInput(
            origin_code=TOKYO,
            destination_code=dest.code,
            mode=mode,
            trips_per_month=trips,
            origin_rent_yen=TOKYO_RENT,
            destination_rent_yen=dest.rent_yen,
            round_trip_fare_yen=dest.round_trip_fare_yen,
            one_way_minutes=dest.one_way_minutes,
            subsidy=subsidy,
        )
        for dest, trips, subsidy, mode in itertools.islice(combos, count)
    ]


def best_of(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.system()})")

    build = best_of(args.repeat, lambda: scenarios(args.evaluations))
    inputs = scenarios(args.evaluations)
    run = best_of(args.repeat, lambda: [simulate(data) for data in inputs])
    print(
        f"build + validate {args.evaluations:,} inputs: {build:.3f} s "
        f"({build / args.evaluations * 1e6:.1f} µs each)"
    )
    print(
        f"simulate {args.evaluations:,} scenarios:       {run:.3f} s "
        f"({run / args.evaluations * 1e6:.1f} µs each, {args.evaluations / run:,.0f} per second)"
    )

    tables = 1_000
    compare = best_of(
        args.repeat,
        lambda: [
            compare_destinations(
                origin_code=TOKYO,
                origin_rent_yen=TOKYO_RENT,
                destinations=DESTINATIONS,
                mode=Mode.A,
                trips_per_month=Decimal("2"),
                subsidy=SUBSIDIES[i % len(SUBSIDIES)],
            )
            for i in range(tables)
        ],
    )
    print(
        f"compare_destinations ({len(DESTINATIONS)} destinations) × {tables:,}: {compare:.3f} s "
        f"({compare / tables * 1e3:.3f} ms per comparison table)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
