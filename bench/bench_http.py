"""Benchmark: the simulator API and pages served by gunicorn, under concurrent load on loopback.

Run: .venv/bin/python bench/bench_http.py [--workers 2] [--concurrency 16] [--requests 2000]

Sets up a throwaway SQLite database (migrate, Tohoku pack), starts gunicorn on a free loopback
port with DEBUG off, sends a bounded number of requests per URL from a thread pool, prints
throughput and latency percentiles, and stops the server. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URLS = [
    "/api/v1/simulator/cost?origin=131008&destination=041009&trips_per_month=2",
    "/simulator/?destination=041009&trips_per_month=2",
    "/regions/04/",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "localhost"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DUALLIFE_VAR_DIR": tmp,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "0",
    }
    env.pop("REDIS_URL", None)
    bin_dir = Path(sys.executable).parent
    for command in (["migrate", "--noinput"], ["load-region-pack", "tohoku"], ["collectstatic", "--noinput"]):
        subprocess.run([bin_dir / "duallife", *command], env=env, check=True, capture_output=True)
    port = free_port()
    gunicorn = [bin_dir / "gunicorn", "duallife.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers)]
    server = subprocess.Popen(
        [*gunicorn, "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status = fetch(port, "/healthz")[0]
                if status == 200:
                    break
                raise SystemExit(f"/healthz answered {status}")
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        print(
            f"gunicorn workers={args.workers}, concurrency={args.concurrency}, requests/URL={args.requests}"
        )
        for path in URLS:
            fetch(port, path)  # warm up
            start = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(pool.map(fetch, [port] * args.requests, [path] * args.requests))
            elapsed = time.perf_counter() - start
            latencies = sorted(t for _, t in results)
            errors = sum(1 for status, _ in results if status != 200)
            p50 = statistics.median(latencies) * 1000
            p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
            print(
                f"{path}\n  {args.requests / elapsed:7.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"non-200: {errors}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
