"""Benchmark: recommendation quality on a synthetic set with planted fits, against two baselines.

Run: .venv/bin/python bench/bench_recommend_quality.py [--talents 400] [--sheets 1500] [--seed 7]

Each talent gets one planted sheet: two required skills and a theme the talent has, written by the
two sides in *different* forms (the vocabulary's names and synonyms, full-width letters), in a
prefecture of interest, with days, style, visits and fee the talent can take. Every other sheet is
random. Reported: hit@10 and NDCG@10 of the planted sheet for the recommender, for random order
and for exact string overlap of skills; exposure coverage (share of sheets in at least one top-10)
and the Gini coefficient of exposure, with and without the congestion adjustment (applicants per
sheet follow a Zipf-like curve, as when a few visible postings draw the crowd); and a check that no
recommendation breaks a hard rule.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duallife.engine.recommend import Context, Sheet, Style, Talent, blockers, recommend_sheets  # noqa: E402
from duallife.engine.skills import SkillVocabulary, parse_skill_rows  # noqa: E402

PLACES = ["041009", "042021", "022012", "032018", "052019", "062014", "072010", "152048"]
THEMES = ["marketing", "product-development", "new-business", "dx-it", "hr", "tourism"]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def wide(text: str) -> str:
    """ASCII letters and digits as full-width ones (Ｗｅｂ), as people sometimes type them."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def forms(row: dict[str, str]) -> list[str]:
    variants = [row["name"], *[s for s in row["synonyms"].split("|") if s]]
    return variants + [wide(v) for v in variants if any("a" <= c.lower() <= "z" for c in v)]


def gini(values: list[int]) -> float:
    ordered = sorted(values)
    n, total = len(ordered), sum(ordered)
    if not total:
        return 0.0
    weighted = sum((i + 1) * v for i, v in enumerate(ordered))
    return (2 * weighted) / (n * total) - (n + 1) / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--talents", type=int, default=400)
    parser.add_argument("--sheets", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    skill_rows = [r for r in rows(ROOT / "data" / "vocabulary" / "skills.csv") if r["synonyms"]]
    vocabulary = SkillVocabulary.from_rows(
        parse_skill_rows(rows(ROOT / "data" / "vocabulary" / "skills.csv"))
    )
    cache: dict[str, str] = {}

    def key(text: str) -> str:
        if text not in cache:
            resolved = vocabulary.resolve(text)
            cache[text] = resolved.key or resolved.normalized
        return cache[text]

    raw_talent: dict[int, set[str]] = {}
    raw_sheet: dict[int, set[str]] = {}
    talents, sheets, planted = [], [], {}
    for t in range(1, args.talents + 1):
        chosen = rng.sample(skill_rows, 3)
        theme = rng.choice(THEMES)
        prefecture = rng.choice(PLACES)[:2]
        talent_forms = [rng.choice(forms(r)) for r in chosen]
        raw_talent[t] = set(talent_forms)
        talents.append(
            Talent(
                id=t,
                skills=frozenset(key(f) for f in talent_forms),
                themes=frozenset({theme}),
                days_per_month=4,
                style=Style.HYBRID,
                max_visits_per_month=1,
                min_monthly_fee_yen=30_000,
                home_municipality="131016",
                interest_prefectures=frozenset({prefecture}),
            )
        )
        sheet_id = t  # the planted sheet shares the talent's id
        required = [
            rng.choice([f for f in forms(r) if f not in talent_forms] or forms(r)) for r in chosen[:2]
        ]
        raw_sheet[sheet_id] = set(required)
        place = next(p for p in PLACES if p[:2] == prefecture)
        sheets.append(
            Sheet(
                id=sheet_id,
                municipality=place,
                required_skills=frozenset(key(f) for f in required),
                themes=frozenset({theme}),
                days_per_month=2,
                style=Style.HYBRID,
                visits_per_month=1,
                fee_min_yen=30_000,
                fee_max_yen=50_000,
            )
        )
        planted[t] = sheet_id
    for s in range(args.talents + 1, args.sheets + 1):
        chosen = rng.sample(skill_rows, rng.randint(1, 3))
        required = [rng.choice(forms(r)) for r in chosen]
        raw_sheet[s] = set(required)
        sheets.append(
            Sheet(
                id=s,
                municipality=rng.choice(PLACES),
                required_skills=frozenset(key(f) for f in required),
                themes=frozenset(rng.sample(THEMES, rng.randint(0, 2))),
                days_per_month=rng.choice([1, 2, 4, 8]),
                style=rng.choice(list(Style)),
                visits_per_month=rng.choice([0, 0, 1, 2]),
                fee_min_yen=30_000,
                fee_max_yen=rng.choice([30_000, 50_000, 100_000]),
            )
        )
    # applicants: a few visible sheets draw most of them
    ranked_by_visibility = list(range(len(sheets)))
    rng.shuffle(ranked_by_visibility)
    crowded = [
        Sheet(**{**sheet.__dict__, "applicants": int(400 / (1 + position) ** 1.1)})
        for position, sheet in sorted(zip(ranked_by_visibility, sheets, strict=True), key=lambda p: p[1].id)
    ]
    ctx = Context()

    def evaluate(rankings: dict[int, list[int]]) -> tuple[float, float]:
        hits, ndcg = 0, 0.0
        for talent_id, ranked in rankings.items():
            if planted[talent_id] in ranked:
                hits += 1
                ndcg += 1 / math.log2(ranked.index(planted[talent_id]) + 2)
        return hits / len(rankings), ndcg / len(rankings)

    started = time.perf_counter()
    ours = {t.id: [r.sheet for r in recommend_sheets(t, crowded, ctx, k=10)] for t in talents}
    elapsed = time.perf_counter() - started
    plain = {
        t.id: [r.sheet for r in recommend_sheets(t, crowded, ctx, k=10, congestion=False)] for t in talents
    }
    shuffled = {}
    for t in talents:
        order = [s.id for s in crowded]
        random.Random(t.id).shuffle(order)
        shuffled[t.id] = order[:10]
    exact = {
        t.id: sorted(raw_sheet, key=lambda s, t=t: (-len(raw_talent[t.id] & raw_sheet[s]), s))[:10]
        for t in talents
    }
    by_id = {s.id: s for s in crowded}
    broken = sum(1 for t in talents for s in ours[t.id] if blockers(t, by_id[s]))

    def exposure(rankings):
        counts = dict.fromkeys(by_id, 0)
        for ranked in rankings.values():
            for s in ranked:
                counts[s] += 1
        shown = sum(1 for c in counts.values() if c)
        return shown / len(counts), gini(list(counts.values()))

    print(f"talents {len(talents)}, sheets {len(sheets)}, seed {args.seed}; scoring {elapsed:.1f} s")
    print(f"{'ranking':34s} {'hit@10':>7s} {'NDCG@10':>8s} {'coverage':>9s} {'Gini':>6s}")
    for label, rankings in (
        ("recommender (congestion on)", ours),
        ("recommender (congestion off)", plain),
        ("baseline: exact skill strings", exact),
        ("baseline: random", shuffled),
    ):
        hit, ndcg = evaluate(rankings)
        coverage, concentration = exposure(rankings)
        print(f"{label:34s} {hit:7.3f} {ndcg:8.3f} {coverage:9.3f} {concentration:6.3f}")
    print(f"hard-rule violations among recommendations: {broken}")


if __name__ == "__main__":
    main()
