"""Benchmark: the recommender's speed — the pure path per pair, the fast path (numpy/scipy) for one
talent against many sheets, and the batch of many talents × many sheets, with hard-rule checks.

Run: .venv/bin/python bench/bench_recommend_speed.py [--only pure|single|batch|command]
     [--index-sheets 50000] [--queries 200] [--talents 100000] [--sheets 5000] [--k 10]
     [--workers 1] [--seed 11]

Synthetic but shaped like the product's data: skill keys from ``data/vocabulary/skills.csv`` (a few
popular, many rare), themes from ``themes.csv``, sheets in the Tohoku pack's municipalities,
routes from the pack's ``routes.csv`` (homes in Tokyo's wards reach them, others have no route),
hometowns and prefectures of interest in Tohoku, applicants per sheet on a Zipf-like curve.
Every phase runs in its own process (so each peak RSS is its own). Reported:

* pure: ``score_pair`` per pair (µs);
* single: building a :class:`SheetIndex` of ``--index-sheets`` sheets, then top-20 for each of
  ``--queries`` talents — median and p95 (ms); every result checked with ``blockers``;
* batch: :func:`top_sheets_batch` for ``--talents`` × ``--sheets``, top ``--k``, reasons
  included — wall time, peak RSS, hard-rule violations (each output item checked with
  ``blockers``), and a sample compared with the pure ``recommend_sheets``;
* command: ``duallife recommend-batch`` end to end on JSON-lines files of the same size.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duallife.engine.recommend import (  # noqa: E402
    Context,
    Sheet,
    SheetIndex,
    Style,
    Talent,
    blockers,
    recommend_sheets,
    score_pair,
    top_sheets_batch,
)
from duallife.engine.recommend.batch import routes_from_csv  # noqa: E402

PACK = ROOT / "data" / "regions" / "tohoku"
WARDS = ["131016", "131024", "131032", "131041", "131130", "131148", "131229"]
OTHER_HOMES = ["141003", "111007", "121002", "142131"]  # no route from these in the pack
WORDS = [
    "販路開拓", "ブランディング", "採用", "観光", "農業", "水産", "加工品", "EC", "SNS", "広報",
    "データ", "DX", "業務改善", "新商品", "海外", "インバウンド", "地域", "移住", "副業", "リモート",
]  # fmt: skip


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


class World:
    """Vocabulary, places and routes, and random talents and sheets drawn from them."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        skills = [r["key"] for r in rows(ROOT / "data" / "vocabulary" / "skills.csv")]
        self.skills = skills
        self.skill_weights = [1 / (1 + i) ** 0.8 for i in range(len(skills))]  # a few popular skills
        self.themes = [r["key"] for r in rows(ROOT / "data" / "vocabulary" / "themes.csv")]
        places = rows(PACK / "municipalities.csv")
        self.municipalities = [r["code"] for r in places if r["role"] == "pack"]
        self.prefectures = sorted({m[:2] for m in self.municipalities})
        with (PACK / "routes.csv").open(encoding="utf-8-sig", newline="") as handle:
            routes = routes_from_csv(handle)
        names = {r["code"]: r["name"] for r in places}
        names.update({r["code"]: r["name"] for r in rows(PACK / "prefectures.csv")})
        self.ctx = Context(labels={k: k for k in skills}, places=names, routes=routes)

    def _skills(self, low: int, high: int) -> frozenset[str]:
        n = self.rng.randint(low, high)
        return frozenset(self.rng.choices(self.skills, self.skill_weights, k=n))

    def talent(self, talent_id: int) -> Talent:
        r = self.rng
        return Talent(
            id=talent_id,
            skills=self._skills(2, 6),
            themes=frozenset(r.sample(self.themes, r.randint(0, 3))),
            days_per_month=r.choice([None, 2, 4, 4, 6, 8, 10]),
            style=r.choices(list(Style), [5, 4, 1])[0],
            max_visits_per_month=r.choice([0, 0, 1, 1, 2, 4]),
            min_monthly_fee_yen=r.choice([None, None, 20_000, 30_000, 50_000, 80_000, 100_000]),
            accepts_pro_bono=r.random() < 0.3,
            home_municipality=r.choice(WARDS * 3 + OTHER_HOMES),
            hometown_municipality=r.choice(self.municipalities) if r.random() < 0.4 else None,
            interest_prefectures=frozenset(r.sample(self.prefectures, r.choice([0, 1, 1, 2, 3]))),
            motives=frozenset(
                r.sample(["give_back", "consider_moving", "skills", "network"], r.randint(0, 2))
            ),
            terms=frozenset(r.sample(WORDS, r.randint(0, 6))),
        )

    def sheet(self, sheet_id: int, applicants: int) -> Sheet:
        r = self.rng
        paid = r.random() > 0.1
        return Sheet(
            id=sheet_id,
            municipality=r.choice(self.municipalities),
            required_skills=self._skills(0, 3),
            welcome_skills=self._skills(0, 3),
            themes=frozenset(r.sample(self.themes, r.randint(0, 2))),
            days_per_month=r.choice([None, 1, 2, 2, 4, 4, 8]),
            style=r.choices(list(Style), [4, 5, 1])[0],
            visits_per_month=r.choice([0, 0, 1, 1, 2]),
            fee_min_yen=20_000 if paid else None,
            fee_max_yen=r.choice([30_000, 50_000, 80_000, 150_000]) if paid else None,
            pro_bono=not paid,
            openings=r.randint(1, 3),
            applicants=applicants,
            terms=frozenset(r.sample(WORDS, r.randint(0, 8))),
        )

    def talents(self, n: int) -> list[Talent]:
        return [self.talent(i) for i in range(1, n + 1)]

    def sheets(self, n: int) -> list[Sheet]:
        visibility = list(range(n))
        self.rng.shuffle(visibility)
        return [self.sheet(i + 1, int(400 / (1 + visibility[i]) ** 0.7)) for i in range(n)]


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> tuple[float, float]:
    """(this process, largest child) peak resident set size in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def pure(args) -> None:
    world = World(args.seed)
    talents, sheets = world.talents(200), world.sheets(500)
    started = time.perf_counter()
    for t in talents:
        for s in sheets:
            score_pair(t, s, world.ctx)
    per_pair = (time.perf_counter() - started) / (len(talents) * len(sheets))
    print(f"pure score_pair: {per_pair * 1e6:.1f} µs per pair ({len(talents)}×{len(sheets)} pairs)")
    print(f"  → one talent × {args.index_sheets} sheets ≈ {per_pair * args.index_sheets * 1e3:.0f} ms")


def single(args) -> None:
    world = World(args.seed)
    sheets = world.sheets(args.index_sheets)
    queries = world.talents(args.queries)
    started = time.perf_counter()
    index = SheetIndex(sheets, world.ctx)
    built = time.perf_counter() - started
    by_id = {s.id: s for s in sheets}
    timings, broken = [], 0
    for talent in queries:
        started = time.perf_counter()
        ranked = index.top_sheets(talent, 20)
        timings.append(time.perf_counter() - started)
        broken += sum(1 for r in ranked if blockers(talent, by_id[r.sheet]))
    same = sum(
        index.top_sheets(t, 20) == recommend_sheets(t, sheets, world.ctx, k=20)
        for t in queries[: args.verify]
    )
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(f"index of {len(sheets)} sheets built in {built:.2f} s")
    print(
        f"top-20 for one talent: median {statistics.median(timings) * 1e3:.2f} ms, p95 {p95 * 1e3:.2f} ms, "
        f"max {timings[-1] * 1e3:.2f} ms ({len(queries)} talents)"
    )
    print(
        f"hard-rule violations: {broken}; "
        f"same as pure recommend_sheets: {same}/{min(args.verify, len(queries))}"
    )
    print(f"peak RSS {peak_rss_mb()[0]:.0f} MB")


def batch(args) -> None:
    world = World(args.seed)
    sheets = world.sheets(args.sheets)
    talents = world.talents(args.talents)
    by_id = {s.id: s for s in sheets}
    rss_before = peak_rss_mb()[0]
    cpu_started = cpu_seconds()
    started = time.perf_counter()
    index = SheetIndex(sheets, world.ctx)
    built = time.perf_counter() - started
    started = time.perf_counter()
    items = broken = rows_out = 0
    sample = {t.id: t for t in talents[:: max(1, len(talents) // args.verify)][: args.verify]}
    kept = {}
    checking = 0.0
    for talent, ranked in top_sheets_batch(talents, index, args.k, workers=args.workers):
        check_started = time.perf_counter()
        rows_out += 1
        items += len(ranked)
        for r in ranked:
            if blockers(talent, by_id[r.sheet]):
                broken += 1
        if talent.id in sample:
            kept[talent.id] = ranked
        checking += time.perf_counter() - check_started
    elapsed = time.perf_counter() - started - checking
    cpu = cpu_seconds() - cpu_started - checking
    load = os.getloadavg()[0]
    own, children = peak_rss_mb()
    same = sum(kept[t.id] == recommend_sheets(t, sheets, world.ctx, k=args.k) for t in sample.values())
    print(
        f"batch {len(talents)} talents × {len(sheets)} sheets, top-{args.k}, workers {args.workers}: "
        f"{elapsed:.1f} s wall (index {built:.2f} s; the benchmark's own checks, {checking:.1f} s, "
        f"not counted), {rows_out} rows, {items} items with reasons"
    )
    print(f"CPU time of the batch (all processes, checks not counted): {cpu:.1f} s; load average {load:.1f}")
    print(
        f"peak RSS: this process {own:.0f} MB (of which data generation {rss_before:.0f} MB), "
        f"largest worker {children:.0f} MB"
    )
    print(
        f"hard-rule violations: {broken}; same as pure recommend_sheets: {same}/{len(sample)} sampled talents"
    )


def command(args) -> None:
    world = World(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        talents_path, sheets_path, out = Path(tmp, "t.jsonl"), Path(tmp, "s.jsonl"), Path(tmp, "out.jsonl")
        with sheets_path.open("w", encoding="utf-8") as handle:
            for s in world.sheets(args.sheets):
                row = {
                    "id": s.id,
                    "municipality": s.municipality,
                    "required_skills": sorted(s.required_skills),
                    "welcome_skills": sorted(s.welcome_skills),
                    "themes": sorted(s.themes),
                    "days_per_month": s.days_per_month,
                    "style": str(s.style),
                    "visits_per_month": s.visits_per_month,
                    "fee_min_yen": s.fee_min_yen,
                    "fee_max_yen": s.fee_max_yen,
                    "pro_bono": s.pro_bono,
                    "openings": s.openings,
                    "applicants": s.applicants,
                    "text": " ".join(sorted(s.terms)),
                }
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        with talents_path.open("w", encoding="utf-8") as handle:
            for t in world.talents(args.talents):
                row = {
                    "id": t.id,
                    "skills": sorted(t.skills),
                    "themes": sorted(t.themes),
                    "days_per_month": t.days_per_month,
                    "style": str(t.style),
                    "max_visits_per_month": t.max_visits_per_month,
                    "min_monthly_fee_yen": t.min_monthly_fee_yen,
                    "accepts_pro_bono": t.accepts_pro_bono,
                    "home_municipality": t.home_municipality,
                    "hometown_municipality": t.hometown_municipality,
                    "interest_prefectures": sorted(t.interest_prefectures),
                    "motives": sorted(t.motives),
                    "text": " ".join(sorted(t.terms)),
                }
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        cli = [str(ROOT / ".venv" / "bin" / "duallife"), "recommend-batch"]
        cli += ["--talents", str(talents_path), "--sheets", str(sheets_path), "--k", str(args.k)]
        cli += ["--output", str(out), "--workers", str(args.workers)]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "duallife.settings"),
        }
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-v", *cli], capture_output=True, text=True, env=env, cwd=ROOT
        )
        elapsed = time.perf_counter() - started
        if done.returncode:
            print(done.stderr[-2000:])
            raise SystemExit("recommend-batch failed")
        peak = next(line for line in done.stderr.splitlines() if "Maximum resident" in line)
        with out.open(encoding="utf-8") as handle:
            lines = sum(1 for _ in handle)
        said = [line for line in done.stderr.splitlines() if "書き出しました" in line]
        print(f"duallife recommend-batch {args.talents} × {args.sheets}, k={args.k}: {elapsed:.1f} s wall")
        print(
            f"  {peak.strip()} (kB; the largest process of the run); {lines} lines written; "
            f"{said[-1].strip()}"
        )


PHASES = {"pure": pure, "single": single, "batch": batch, "command": command}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=sorted(PHASES))
    parser.add_argument("--index-sheets", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--talents", type=int, default=100_000)
    parser.add_argument("--sheets", type=int, default=5_000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--verify", type=int, default=20, help="results compared with the pure path")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--skip-command", action="store_true")
    args = parser.parse_args()
    if args.only:
        PHASES[args.only](args)
        return
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    for phase in PHASES:
        if phase == "command" and args.skip_command:
            continue
        rest = [a for a in sys.argv[1:] if a != "--skip-command"]
        subprocess.run([sys.executable, __file__, "--only", phase, *rest], check=True)


if __name__ == "__main__":
    main()
