"""Benchmark: the draft solver against the PyPI package ``matching`` on the same instances.

Run: .venv/bin/python bench/bench_draft.py [--sizes 10000x1000,100000x10000] [--oracle-max 10000]

Instances as in the issue: each player ranks 10 random teams; each team ranks every player who
ranked it, in random order; capacities 1–5; seed 5. "Ours" is end to end from the JSON-like dict:
``parse_instance`` (validation), ``solve`` (players proposing) and its stability check
(``blocking_pairs``, run inside ``solve``). ``matching`` is timed end to end
(``HospitalResident.create_from_dictionaries``, which runs its input checks, and ``solve``) up to
``--oracle-max`` players, and the two results compared. Peak memory is the RSS high-water mark of
a fresh process per size (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(n_players: int, n_teams: int, seed: int = 5) -> dict:
    rng = random.Random(seed)
    teams = [f"t{i}" for i in range(n_teams)]
    suitors: dict[str, list[str]] = {t: [] for t in teams}
    players = []
    for i in range(n_players):
        pid = f"p{i}"
        ranking = rng.sample(teams, min(10, n_teams))
        for t in ranking:
            suitors[t].append(pid)
        players.append({"id": pid, "ranking": ranking})
    team_rows = []
    for t in teams:
        ranking = suitors[t][:]
        rng.shuffle(ranking)
        team_rows.append({"id": t, "capacity": rng.randint(1, 5), "ranking": ranking})
    return {"players": players, "teams": team_rows}


def ours(data: dict) -> tuple[float, dict]:
    from duallife.engine.draft import parse_instance, solve

    started = time.perf_counter()
    result = solve(parse_instance(data))
    return time.perf_counter() - started, result.as_json()


def theirs(data: dict) -> tuple[float, float, dict]:
    """``matching`` deep-copies its linked player and team objects recursively: it needs a high
    recursion limit and a big thread stack at these sizes (given here, not counted in its time)."""
    import threading

    sys.setrecursionlimit(10**7)
    threading.stack_size(1 << 30)
    box: dict = {}
    worker = threading.Thread(target=lambda: box.update(result=_theirs(data)))
    worker.start()
    worker.join()
    return box["result"]


def _theirs(data: dict) -> tuple[float, float, dict]:
    from matching.games import HospitalResident

    residents = {p["id"]: p["ranking"] for p in data["players"]}
    hospitals = {t["id"]: t["ranking"] for t in data["teams"] if t["ranking"]}
    capacities = {t["id"]: t["capacity"] for t in data["teams"] if t["ranking"]}
    started = time.perf_counter()
    game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
    built = time.perf_counter()
    matching = game.solve(optimal="resident")
    done = time.perf_counter()
    return done - started, done - built, {str(t): sorted(str(p) for p in ps) for t, ps in matching.items()}


def one(size: str, oracle_max: int) -> None:
    n_players, n_teams = (int(x) for x in size.split("x"))
    data = build(n_players, n_teams)
    elapsed, result = ours(data)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = {
        "size": size,
        "ours_s": round(elapsed, 3),
        "peak_mb": round(peak),
        "blocking_pairs": result["blocking_pairs"],
        "matched": sum(len(v) for v in result["matches"].values()),
    }
    if n_players <= oracle_max:
        total, solve_only, their_matches = theirs(data)
        line["matching_s"] = round(total, 2)
        line["matching_solve_s"] = round(solve_only, 2)
        line["same"] = {
            t: sorted(ps) for t, ps in result["matches"].items() if t in their_matches
        } == their_matches
        line["speedup"] = round(total / elapsed)
    print(json.dumps(line))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000x1000,100000x10000")
    parser.add_argument("--oracle-max", type=int, default=10000)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.oracle_max)
        return
    for size in args.sizes.split(","):  # each size in a fresh process, for a clean peak RSS
        subprocess.run(
            [sys.executable, __file__, "--one", size, "--oracle-max", str(args.oracle_max)], check=True
        )


if __name__ == "__main__":
    main()
