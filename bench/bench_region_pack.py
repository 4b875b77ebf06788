"""Benchmark: validating and loading the Tohoku region pack (first load and idempotent re-run).

Run: .venv/bin/python bench/bench_region_pack.py [--repeat 5]
Uses a throwaway SQLite database (or DATABASE_URL when set, which it migrates).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duallife.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from duallife.regions.models import Municipality
    from duallife.regions.packs import packs_dir, read_pack
    from duallife.regions.services import region_pack_load

    call_command("migrate", verbosity=0)
    validate, first, rerun = [], [], []
    for _ in range(args.repeat):
        call_command("flush", interactive=False, verbosity=0)
        assert not Municipality.objects.exists()
        t = time.perf_counter()
        read_pack(packs_dir() / "tohoku")
        validate.append(time.perf_counter() - t)
        t = time.perf_counter()
        region_pack_load(slug="tohoku")
        first.append(time.perf_counter() - t)
        t = time.perf_counter()
        report = region_pack_load(slug="tohoku")
        rerun.append(time.perf_counter() - t)
        assert not report.changed
    print(f"database: {django.db.connection.vendor}, repeats: {args.repeat}")
    for label, values in (("validate only", validate), ("first load", first), ("re-run (no change)", rerun)):
        print(
            f"{label:20s} median {statistics.median(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
        )


if __name__ == "__main__":
    main()
