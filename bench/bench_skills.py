"""Benchmark of skill normalisation and matching (pure engine, no database).

    .venv/bin/python bench/bench_skills.py [--strings 10000] [--repeat 3] [--seed 7]

Builds the vocabulary from ``data/vocabulary/skills.csv``, then makes ``--strings`` short strings
the way people type skills: names and synonyms in full width, half-width katakana, hiragana, with
spaces or middle dots, with a word added (経験, 3年, 担当 …), plus unknown free skills. Times, on
cold caches, ``normalize`` over all strings and ``SkillVocabulary.match`` over all strings, then
``match`` again on warm caches (what a web process sees once the common skills have been seen).
Also times the spec-sheet check on a realistic sheet. Prints the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jaconv  # noqa: E402

from duallife.engine.skills import SkillVocabulary, normalize, parse_skill_rows  # noqa: E402
from duallife.engine.skills.normalize import _search_terms, normalize_tokens  # noqa: E402
from duallife.engine.speclint import SheetDraft, lint  # noqa: E402

SUFFIXES = ["", "", "", "経験", "3年", "担当", "の実務", "（独学）", "支援", "全般", "リーダー", "10年以上"]
FREE_SKILLS = [
    "藍染め",
    "ドローン空撮",
    "酒造り",
    "Haskell",
    "狩猟免許",
    "茶道",
    "木工",
    "古民家改修",
    "養蜂",
]


def variants(text: str, rng: random.Random) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return jaconv.h2z(text, kana=True, ascii=True, digit=True)  # full width
    if choice == 1:
        return jaconv.z2h(text, kana=True, ascii=False, digit=False)  # half-width katakana
    if choice == 2:
        return jaconv.kata2hira(text)  # typed in hiragana
    if choice == 3:
        return " ".join(text)[: len(text) * 2] if len(text) < 6 else text.replace("・", " ")
    if choice == 4:
        return text.lower()
    return text


def make_strings(rows, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [text for row in rows for text in (row.name, *row.synonyms)]
    strings = []
    for _ in range(count):
        base = rng.choice(FREE_SKILLS) if rng.random() < 0.1 else rng.choice(texts)
        strings.append(variants(base, rng) + rng.choice(SUFFIXES))
    return strings


def clear_caches() -> None:
    normalize_tokens.cache_clear()
    _search_terms.cache_clear()


def best_of(repeat: int, work, *, cold: bool) -> float:
    best = float("inf")
    for _ in range(repeat):
        if cold:
            clear_caches()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--strings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    normalize("ウォームアップ")  # loads the Sudachi dictionary
    load_seconds = time.perf_counter() - started

    with (ROOT / "data" / "vocabulary" / "skills.csv").open(encoding="utf-8", newline="") as handle:
        rows = parse_skill_rows(csv.DictReader(handle))
    started = time.perf_counter()
    vocabulary = SkillVocabulary(rows)
    build_seconds = time.perf_counter() - started

    strings = make_strings(rows, args.strings, args.seed)
    n = len(strings)
    matched = sum(1 for text in strings if vocabulary.match(text) is not None)

    normalize_cold = best_of(args.repeat, lambda: [normalize(text) for text in strings], cold=True)
    match_cold = best_of(args.repeat, lambda: [vocabulary.match(text) for text in strings], cold=True)
    match_warm = best_of(args.repeat, lambda: [vocabulary.match(text) for text in strings], cold=False)
    terms_cold = best_of(args.repeat, lambda: [vocabulary.search_terms(text) for text in strings], cold=True)

    sheet = SheetDraft(
        today=date(2025, 9, 1),
        title="老舗味噌蔵の新商品を首都圏に届ける週1副社長（マーケティング）",
        issue="創業120年の味噌蔵です。若い世代の味噌離れで売上が10年前より2割減りました。" * 3,
        outcome="3か月で新商品2品の売り方を決め、首都圏の小売店向けの提案資料を完成させる。",
        themes=("marketing",),
        required_skills=("web-marketing", "product-development"),
        days_per_month_min=2,
        days_per_month_max=4,
        work_style="hybrid",
        visits_per_month=1,
        duration_months=6,
        fee_min_yen=30_000,
        fee_max_yen=50_000,
        closes_on=date(2025, 10, 1),
        why_you="首都圏で食品の商品企画と販促に携わった経験のある方に、社長の相談相手になってほしい。",
    )
    sheets = [replace(sheet, title=f"{sheet.title}{i}", why_you=f"{sheet.why_you}{i}") for i in range(1_000)]
    lint_cold = best_of(args.repeat, lambda: [lint(s) for s in sheets], cold=True)

    print(f"python {platform.python_version()} on {platform.machine()} ({platform.system()})")
    print(f"Sudachi dictionary load + first call: {load_seconds * 1000:8.1f} ms")
    print(f"vocabulary build ({len(vocabulary)} skills):  {build_seconds * 1000:8.1f} ms")
    print(f"{n} strings ({len(set(strings))} distinct), {matched} matched a known skill")
    print(
        f"normalize, cold cache:   {normalize_cold * 1000:8.1f} ms  ({normalize_cold / n * 1e6:6.1f} µs each)"
    )
    print(f"match, cold cache:       {match_cold * 1000:8.1f} ms  ({match_cold / n * 1e6:6.1f} µs each)")
    print(f"match, warm cache:       {match_warm * 1000:8.1f} ms  ({match_warm / n * 1e6:6.1f} µs each)")
    print(f"search_terms, cold:      {terms_cold * 1000:8.1f} ms  ({terms_cold / n * 1e6:6.1f} µs each)")
    print(f"lint 1,000 sheets, cold: {lint_cold * 1000:8.1f} ms  ({lint_cold / 1000 * 1e3:6.2f} ms each)")


if __name__ == "__main__":
    main()
