"""Benchmark: the whole ``duallife demo`` command on a fresh SQLite database, as a user runs it.

Run: .venv/bin/python bench/bench_demo.py [--runs 3] [--small]

Prepares a throwaway database once (``migrate``, ``load-region-pack tohoku``, ``load-vocabulary``,
the README's order), then for each run starts from a copy of it and times ``duallife demo`` in its
own process: wall time, CPU time (user + system) and peak memory of that process, start-up
included. Prints each run and the median. The settings are the development defaults (``DEBUG``
on, no ``DATABASE_URL``), like a fresh clone's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUALLIFE = [sys.executable, "-m", "duallife.cli"]


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run ``duallife ARGS``; returns its wall seconds, CPU seconds and peak memory (KiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [*DUALLIFE, *args], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if done.returncode:
        sys.exit(f"duallife {' '.join(args)} failed:\n{done.stderr.decode()}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="the small demo (as the tests use it)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    prepared, var = work / "prepared", work / "var"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        PYTHONPATH=str(ROOT),
        DUALLIFE_VAR_DIR=str(prepared),
        DUALLIFE_DEMO_PASSWORD="bench-demo-password",
    )
    try:
        for step in (["migrate", "-v0"], ["load-region-pack", "tohoku"], ["load-vocabulary"]):
            run(step, env)
        env["DUALLIFE_VAR_DIR"] = str(var)
        results = []
        for number in range(1, args.runs + 1):
            shutil.rmtree(var, ignore_errors=True)
            var.mkdir()
            shutil.copy2(prepared / "db.sqlite3", var / "db.sqlite3")
            wall, cpu, peak = run(["demo", *(["--small"] if args.small else [])], env)
            results.append((wall, cpu))
            print(f"run {number}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, peak {peak // 1024} MB", flush=True)
        walls, cpus = zip(*results, strict=True)
        print(f"median: {statistics.median(walls):.1f} s wall, {statistics.median(cpus):.1f} s CPU")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
