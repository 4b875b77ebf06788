"""``duallife recommend-batch``: top-k recommendations for every talent (or every sheet) from JSON
lines, without the database. Bad lines are reported with their number and skipped (``--strict``
stops at the first)."""

from __future__ import annotations

import functools
import json
import os
import time
from pathlib import Path

from duallife.engine.recommend.batch import LineError, parse_sheet, parse_talent, read_lines, run_batch
from duallife.recommendations.batch_io import key_maker, pack_context

from .command import CommandError

NAME = "recommend-batch"
HELP = "人材と仕様書のJSON Lines から、おすすめ（上位k件と理由）をJSON Lines で書き出します。"

#: One process per core, at most two: the ranking halves, the reading and writing do not.
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))


def add_arguments(parser) -> None:
    parser.add_argument("--talents", required=True, help="人材のJSON Lines")
    parser.add_argument("--sheets", required=True, help="仕様書のJSON Lines")
    parser.add_argument("--k", type=int, default=10, help="1件あたりのおすすめの数（1〜100）")
    parser.add_argument("--output", default="-", help="出力先（省略時は標準出力）")
    parser.add_argument("--for", dest="direction", choices=["talents", "sheets"], default="talents")
    parser.add_argument("--routes", help="経路のCSV（省略時は地域パックの routes.csv）")
    parser.add_argument("--strict", action="store_true", help="読めない行があれば中止する")
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help="並列に計算するプロセス数（1〜8。省略時はCPUコア数、最大2）",
    )


def _lines(path: str):
    try:
        return Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise CommandError(f"{path} を読めません: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} はUTF-8のテキストではありません。") from None


def run(options, *, stdout, stderr) -> None:
    if not 1 <= options.k <= 100:
        raise CommandError("--k は1〜100で指定してください。")
    workers = options.workers
    if not 1 <= workers <= 8:
        raise CommandError("--workers は1〜8で指定してください。")
    started = time.perf_counter()
    keys = key_maker()
    resolve = functools.lru_cache(maxsize=200_000)(keys)  # the same words recur on many lines
    strict = options.strict
    try:
        talents, talent_problems = read_lines(_lines(options.talents), parse_talent, resolve, strict=strict)
        sheets, sheet_problems = read_lines(_lines(options.sheets), parse_sheet, resolve, strict=strict)
        routes = Path(options.routes) if options.routes else None
        if routes is not None and not routes.is_file():
            raise CommandError(f"{routes} が見つかりません。")
        ctx = pack_context(keys, routes_path=routes)
    except LineError as exc:
        raise CommandError(str(exc)) from None
    for label, problems in (("人材", talent_problems), ("仕様書", sheet_problems)):
        for problem in problems:
            stderr.write(f"{label} {problem.line}行目: {problem.message}（読み飛ばしました）\n")
    to_file = options.output != "-"
    try:
        handle = open(options.output, "w", encoding="utf-8") if to_file else stdout  # noqa: SIM115
    except OSError as exc:
        raise CommandError(f"{options.output} に書き込めません: {exc.strerror}") from None
    count = 0
    try:
        for row in run_batch(
            talents,
            sheets,
            ctx,
            k=options.k,
            for_sheets=options.direction == "sheets",
            workers=workers,
        ):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if to_file:
            handle.close()
    elapsed = time.perf_counter() - started
    summary = f"人材 {len(talents)}件・仕様書 {len(sheets)}件から {count}件を書き出しました"
    stderr.write(f"{summary}（{elapsed:.1f}秒）。\n")
