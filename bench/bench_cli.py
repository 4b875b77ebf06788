"""Benchmark: the ``duallife`` console command, whole process from start to exit (start-up
included), as people run it.

Run: .venv/bin/python bench/bench_cli.py [--repeat 5] [--only draft-solve,recommend-batch,simulate]

* ``duallife draft-solve --input x.json``: a 3-player, 2-team instance (no database);
* ``duallife recommend-batch``: 20 talents × 20 sheets, k = 10 (no database; the vocabulary and the
  Tohoku pack's routes from disk);
* ``duallife simulate --origin 131008 --destination 041009 --trips-per-month 2 --format json``:
  one destination, read from the database ``var/db.sqlite3`` (or ``DATABASE_URL``), which needs
  ``duallife migrate`` and ``duallife load-region-pack tohoku`` first.

Each command runs once to warm the file cache (not counted), then ``--repeat`` times; printed are
the median, min and max wall seconds. The machine's load moves these figures: a wide min–max says
the runs were disturbed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUALLIFE = ROOT / ".venv" / "bin" / "duallife"

INSTANCE = {
    "players": [
        {"id": "p1", "ranking": ["t1", "t2"]},
        {"id": "p2", "ranking": ["t2", "t1"]},
        {"id": "p3", "ranking": ["t1"]},
    ],
    "teams": [
        {"id": "t1", "capacity": 1, "ranking": ["p2", "p1", "p3"]},
        {"id": "t2", "capacity": 2, "ranking": ["p1", "p2"]},
    ],
}
SKILLS = ["Webマーケティング", "データ分析", "EC", "営業", "デザイン", "経理", "広報", "SNS運用"]
PLACES = ["041009", "042021", "022012", "032018", "052019"]


def write_inputs(folder: Path) -> dict[str, Path]:
    instance = folder / "instance.json"
    instance.write_text(json.dumps(INSTANCE), encoding="utf-8")
    talents, sheets = folder / "talents.jsonl", folder / "sheets.jsonl"
    talents.write_text(
        "".join(
            json.dumps(
                {
                    "id": i,
                    "skills": SKILLS[i % 8 : i % 8 + 3],
                    "style": "hybrid",
                    "max_visits_per_month": i % 3,
                    "home_municipality": "131016",
                    "text": "販路開拓 観光 EC",
                },
                ensure_ascii=False,
            )
            + "\n"
            for i in range(1, 21)
        ),
        encoding="utf-8",
    )
    sheets.write_text(
        "".join(
            json.dumps(
                {
                    "id": 100 + i,
                    "required_skills": SKILLS[i % 8 : i % 8 + 2],
                    "style": "hybrid",
                    "visits_per_month": i % 2,
                    "municipality": PLACES[i % 5],
                    "applicants": i,
                },
                ensure_ascii=False,
            )
            + "\n"
            for i in range(1, 21)
        ),
        encoding="utf-8",
    )
    return {"instance": instance, "talents": talents, "sheets": sheets}


def commands(files: dict[str, Path]) -> dict[str, list[str]]:
    return {
        "draft-solve": ["draft-solve", "--input", str(files["instance"])],
        "recommend-batch": [
            "recommend-batch",
            "--talents",
            str(files["talents"]),
            "--sheets",
            str(files["sheets"]),
            "--k",
            "10",
        ],
        "simulate": [
            "simulate",
            "--origin",
            "131008",
            "--destination",
            "041009",
            "--trips-per-month",
            "2",
            "--format",
            "json",
        ],
    }


def wall(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([str(DUALLIFE), *argv], capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"duallife {' '.join(argv)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="draft-solve,recommend-batch,simulate")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        runs = commands(write_inputs(Path(tmp)))
        for name in args.only.split(","):
            argv = runs[name]
            wall(argv, env)  # warm-up, not counted
            times = [wall(argv, env) for _ in range(args.repeat)]
            print(
                f"duallife {name:16s} median {statistics.median(times):6.3f} s  "
                f"min {min(times):6.3f} s  max {max(times):6.3f} s  ({args.repeat} runs)"
            )


if __name__ == "__main__":
    main()
