"""Benchmark: recommendation quality on a hard synthetic set with planted fits, against two baselines.

Run: .venv/bin/python bench/bench_recommend_quality.py [--talents 500] [--sheets 4000] [--seed 7]
     [--planted 3] [--near-misses 3] [--traps 1] [--unknown-form 0.3] [--outside-interest 0.4]
     [--outside-applicants 1.0] [--apply-rate 0.6] [--grid]

The generator (all draws from one ``random.Random(seed)``; the same options give the same set):

* **Skills** are the vocabulary's (``data/vocabulary/skills.csv``). Each has a popularity that
  falls off as a power of its rank in a seeded shuffle, and talents and sheets draw skills by it,
  mostly from one category of the vocabulary: many talents share the popular skills, so many
  sheets share *some* skill with each talent.
* **Written forms (表記ゆれ).** Each side writes a skill in its own form: the vocabulary's name, a
  synonym or abbreviation (Webマーケ, デジマ, PM), or one of those transformed — full-width letters
  (Ｗｅｂ), half-width katakana (ｳｪﾌﾞ), hiragana for katakana (うぇぶまーけてぃんぐ), a long vowel
  dropped or added (ユーザリサーチ), upper/lower case. Talents use variants more than companies do.
  The report gives the share of written forms that the vocabulary folds back to the intended skill.
* **Talents**: 3–5 skills, 1–2 themes, 1–2 prefectures of interest, sometimes a hometown in the
  region, and terms of their own: style (remote / hybrid / on-site), days a month, visits a month,
  a minimum fee, whether they take pro bono work. They live in Tokyo's wards.
* **Planted fits** (``--planted`` per talent, graded for NDCG): grade 3 — all 2–3 required skills
  are the talent's and a theme is shared; grade 2 — all required skills but no shared theme;
  grade 1 — one of two required skills and a shared theme. Noise: a planted sheet lies outside the
  talent's prefectures of interest with probability ``--outside-interest``, and with probability
  ``--unknown-form`` one of its required skills is written in a form the vocabulary does not know
  (「SNS運用の実務経験」; checked: it does not resolve to the skill).
* **Near misses** (``--near-misses`` per talent, grade 0): one of two or three required skills is
  the talent's, no shared theme or welcome skill, often in a prefecture of interest with a good fee.
* **Hard-rule traps** (``--traps`` per talent): a grade-3 fit that breaks one hard rule the talent
  has (on-site work for a remote-only person, too many days or visits, a fee below the minimum,
  pro bono for someone who does not take it, a closed sheet). They must never be recommended.
* **Background** sheets fill up to ``--sheets``; ids are shuffled so that no kind of sheet sits at
  low ids (ties in a baseline would otherwise favour it).
* **Applicants** come by two channels. Through search and listings: in proportion to how many
  talents hold the sheet's required skills (all of them; some of them at a tenth weight) to the
  power 1.5, with log-normal noise, ``--outside-applicants`` a sheet on average. Through
  recommendations: the set is first ranked *without* congestion (which ignores applicants, so
  this ranking is exact — the script checks it on a sample), and each sheet draws
  ``--apply-rate`` applicants per top-10 appearance, with log-normal noise. That is the feedback
  loop the congestion adjustment is meant to break: the sheets a plain ranking shows to everyone
  are the ones that get swamped. Both channels follow the popularity of the sheet's skills; the
  result is heavy-tailed (with the defaults, the top 5% of sheets have about half the applicants
  and the median sheet has none). Openings are 1–3.

Relevance is judged for every pair on the *intended* skills (not on how they were written), so an
accidental good fit among the background counts too: 0 when a hard rule forbids the pair, else 3, 2
or 1 by the rules of the planted grades above (grade 2 also when half the required skills, a theme
and a welcome skill are shared), else 0.

Reported for the recommender with congestion on and off, exact string overlap of skills (required
and welcome, as written; ties in a per-talent random order) and random order — both baselines rank
the same candidates the recommender may show, i.e. the hard-rule filter applied:

* hit@10: share of talents whose planted grade-3 sheet is in their top 10 (other sheets may be
  as good: NDCG sees them); NDCG@10 over all judged pairs, gains 2^grade − 1;
* coverage: share of open sheets in at least one top 10; Gini of the number of top-10 appearances
  over open sheets;
* crowded recall: share of relevant (grade ≥ 1) pairs on crowded sheets (≥ 8 applicants per
  opening, a fixed line independent of the constants) that are in the talent's top 10, and
  planted crowded: the same for the planted sheets (all grades) — where congestion costs
  quality, it shows here;
* hard-rule violations among all recommendations (checked with ``blockers``), and how many traps
  were shown to the talent they were built for.

``--grid`` replays the congestion adjustment for a few settings of the constants in
:mod:`duallife.engine.recommend.score` on the fits scored once (the array path of
``congestion_factor``), and prints the same figures for each.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import jaconv
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duallife.engine.recommend import (  # noqa: E402
    Context,
    Sheet,
    Style,
    Talent,
    blockers,
    recommend_sheets,
    score_pair,
)
from duallife.engine.recommend import score as score_module  # noqa: E402
from duallife.engine.recommend.batch import routes_from_csv  # noqa: E402
from duallife.engine.skills import SkillVocabulary, parse_skill_rows  # noqa: E402

VOCABULARY = ROOT / "data" / "vocabulary"
PACK = ROOT / "data" / "regions" / "tohoku"
PREFECTURES = ["02", "03", "04", "05", "06", "07", "15"]
TOKYO_HOMES = ["131016", "131024", "131032", "131041", "131130", "131148", "131091"]
CROWDED_PER_OPENING = 8  # for the "crowded recall" column, independent of the constants
UNKNOWN_TEMPLATES = ["{}の実務経験", "{}まわり全般", "{}の経験が少しある方", "{}周辺の業務", "{}ができる方"]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# --- Written forms -------------------------------------------------------------------------------


def wide(text: str) -> str:
    """ASCII letters and digits as full-width ones (Ｗｅｂ)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def has_katakana(text: str) -> bool:
    return any("ァ" <= c <= "ヺ" for c in text)


def transformations(text: str) -> list[str]:
    """Ways people write ``text`` differently; only those that change it."""
    out = []
    if any(c.isascii() and c.isalpha() for c in text):
        out += [wide(text), text.lower(), text.upper()]
    if has_katakana(text):
        out += [jaconv.z2h(text, kana=True, ascii=False, digit=False), jaconv.kata2hira(text)]
        if "ー" in text:
            at = text.index("ー")
            out.append(text[:at] + text[at + 1 :])
        elif text[-1] in "ザタバダラ":
            out.append(text + "ー")
    return [v for v in dict.fromkeys(out) if v != text]


class Forms:
    """Written forms of each skill, with a check of which ones the vocabulary folds back."""

    def __init__(self, skill_rows: list[dict[str, str]], vocabulary: SkillVocabulary):
        self.vocabulary = vocabulary
        self.base = {r["key"]: [r["name"], *[s for s in r["synonyms"].split("|") if s]] for r in skill_rows}
        self.cache: dict[str, str] = {}

    def key(self, text: str) -> str:
        """What the recommender sees: the vocabulary key, or the normalised free text."""
        if text not in self.cache:
            resolved = self.vocabulary.resolve(text)
            self.cache[text] = resolved.key or resolved.normalized
        return self.cache[text]

    def write(self, rng: random.Random, skill: str, *, name: float, synonym: float) -> str:
        names = self.base[skill]
        roll = rng.random()
        if roll < name or (len(names) == 1 and roll < name + synonym):
            return names[0]
        if roll < name + synonym and len(names) > 1:
            return rng.choice(names[1:])
        source = rng.choice(names)
        return rng.choice(transformations(source) or [source])

    def unknown(self, rng: random.Random, skill: str) -> str:
        """A form the vocabulary does not fold to ``skill`` (nor to another known skill)."""
        for _ in range(20):
            text = rng.choice(UNKNOWN_TEMPLATES).format(rng.choice(self.base[skill]))
            if self.vocabulary.match(text) is None:
                return text
        raise RuntimeError(f"no unknown form found for {skill}")


# --- Metrics ------------------------------------------------------------------------------------


def gini(values) -> float:
    ordered = np.sort(np.asarray(values, dtype=float))
    n, total = len(ordered), ordered.sum()
    if not total:
        return 0.0
    return float((2 * np.sum(np.arange(1, n + 1) * ordered)) / (n * total) - (n + 1) / n)


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


# --- The generator ------------------------------------------------------------------------------


class Builder:
    def __init__(self, args, rng: random.Random):
        self.args, self.rng = args, rng
        skill_rows = rows(VOCABULARY / "skills.csv")
        self.forms = Forms(skill_rows, SkillVocabulary.from_rows(parse_skill_rows(skill_rows)))
        self.themes = [r["key"] for r in rows(VOCABULARY / "themes.csv")]
        order = [r["key"] for r in skill_rows]
        rng.shuffle(order)
        self.popularity = {k: 1 / (rank + 1) ** 0.8 for rank, k in enumerate(order)}
        self.category = {r["key"]: r["category"] for r in skill_rows}
        self.by_category: dict[str, list[str]] = defaultdict(list)
        for r in skill_rows:
            self.by_category[r["category"]].append(r["key"])
        self.category_weight = {c: sum(self.popularity[k] for k in ks) for c, ks in self.by_category.items()}
        places = [r for r in rows(PACK / "municipalities.csv") if r["prefecture_code"] in PREFECTURES]
        self.places: dict[str, list[str]] = defaultdict(list)
        for r in places:  # capitals (with routes) appear more often, as real postings do
            self.places[r["prefecture_code"]] += [r["code"]] * (6 if r["is_capital"] == "1" else 1)
        self.truth_talent: dict[int, tuple[frozenset, frozenset]] = {}
        self.truth_sheet: dict[int, tuple[frozenset, frozenset, frozenset]] = {}
        self.raw_talent: dict[int, frozenset[str]] = {}
        self.raw_sheet: dict[int, frozenset[str]] = {}
        self.written = {"talent": [0, 0], "sheet": [0, 0]}  # [folded to the intended key, all]
        self.trap_owner: dict[int, int] = {}

    def weighted(self, pool: list[str], k: int, exclude=()) -> list[str]:
        chosen: list[str] = []
        pool = [p for p in pool if p not in exclude]
        while len(chosen) < k and pool:
            pick = self.rng.choices(pool, weights=[self.popularity[p] for p in pool])[0]
            chosen.append(pick)
            pool.remove(pick)
        return chosen

    def skills_like(self, k: int, exclude=()) -> list[str]:
        """``k`` skills, mostly from one category (chosen by popularity), by popularity."""
        categories = list(self.by_category)
        home = self.rng.choices(categories, weights=[self.category_weight[c] for c in categories])[0]
        inside = self.weighted(self.by_category[home], max(1, round(k * 0.7)), exclude)
        everything = [s for ks in self.by_category.values() for s in ks]
        return inside + self.weighted(everything, k - len(inside), exclude=[*exclude, *inside])

    def write(self, side: str, skills, *, unknown: str | None = None) -> list[str]:
        name, synonym = (0.25, 0.35) if side == "talent" else (0.5, 0.25)
        out = []
        for skill in skills:
            if skill == unknown:
                text = self.forms.unknown(self.rng, skill)
            else:
                text = self.forms.write(self.rng, skill, name=name, synonym=synonym)
                self.written[side][0] += self.forms.key(text) == skill
                self.written[side][1] += 1
            out.append(text)
        return out

    def place(self, prefecture: str | None = None) -> str:
        return self.rng.choice(self.places[prefecture or self.rng.choice(PREFECTURES)])

    def talent(self, talent_id: int) -> Talent:
        rng = self.rng
        skills = self.skills_like(rng.randint(3, 5))
        themes = frozenset(rng.sample(self.themes, rng.choice([1, 1, 2])))
        style = rng.choices(list(Style), weights=[40, 45, 15])[0]
        visits = {Style.REMOTE: 0, Style.HYBRID: rng.choice([1, 1, 2]), Style.ONSITE: rng.choice([2, 3, 4])}
        hometown = self.place() if rng.random() < 0.3 else None
        motives = {m for m, p in (("give_back", 0.3), ("consider_moving", 0.15)) if rng.random() < p}
        written = self.write("talent", skills)
        self.truth_talent[talent_id] = (frozenset(skills), themes)
        self.raw_talent[talent_id] = frozenset(written)
        return Talent(
            id=talent_id,
            skills=frozenset(self.forms.key(w) for w in written),
            themes=themes,
            days_per_month=rng.choice([2, 4, 4, 6, 8, None]),
            style=style,
            max_visits_per_month=visits[style],
            min_monthly_fee_yen=rng.choice([None, 20_000, 30_000, 50_000, 80_000]),
            accepts_pro_bono=rng.random() < 0.25,
            home_municipality=rng.choice(TOKYO_HOMES),
            hometown_municipality=hometown,
            interest_prefectures=frozenset(rng.sample(PREFECTURES, rng.choice([1, 1, 2]))),
            motives=frozenset(motives),
        )

    def terms_for(self, talent: Talent | None) -> dict:
        """Days, style, visits and fee; ones ``talent`` can take when a talent is given."""
        rng = self.rng
        if talent is None:
            style = rng.choices(list(Style), weights=[45, 40, 15])[0]
            days = rng.choice([1, 2, 4, 4, 8])
            visits = {Style.REMOTE: 0, Style.HYBRID: rng.choice([1, 2]), Style.ONSITE: rng.choice([2, 4])}[
                style
            ]
            pro_bono = rng.random() < 0.1
            fee_min = rng.choice([20_000, 30_000, 50_000])
            fee_max = fee_min + rng.choice([0, 20_000, 50_000])
        else:
            styles = [Style.REMOTE] if talent.style == Style.REMOTE else list(Style)
            style = rng.choice(styles)
            days = rng.randint(1, min(talent.days_per_month or 8, 8))
            visits = (
                0
                if style == Style.REMOTE
                else rng.randint(min(1, talent.max_visits_per_month), talent.max_visits_per_month)
            )
            if style == Style.ONSITE and visits == 0:
                style = Style.HYBRID
            pro_bono = talent.accepts_pro_bono and rng.random() < 0.3
            floor = talent.min_monthly_fee_yen or 20_000
            fee_min = floor
            fee_max = floor + rng.choice([0, 20_000, 50_000])
        return {
            "days_per_month": days,
            "style": style,
            "visits_per_month": visits,
            "pro_bono": pro_bono,
            "fee_min_yen": None if pro_bono else fee_min,
            "fee_max_yen": None if pro_bono else fee_max,
            "openings": self.rng.choices([1, 2, 3], weights=[70, 20, 10])[0],
        }

    def sheet(self, sheet_id: int, required, *, welcome=(), themes=(), place, terms, unknown=None) -> Sheet:
        req_written = self.write("sheet", required, unknown=unknown)
        wel_written = self.write("sheet", welcome)
        self.truth_sheet[sheet_id] = (frozenset(required), frozenset(welcome), frozenset(themes))
        self.raw_sheet[sheet_id] = frozenset(req_written + wel_written)
        return Sheet(
            id=sheet_id,
            municipality=place,
            required_skills=frozenset(self.forms.key(w) for w in req_written),
            welcome_skills=frozenset(self.forms.key(w) for w in wel_written),
            themes=frozenset(themes),
            **terms,
        )

    def trap_terms(self, talent: Talent) -> dict | None:
        terms = self.terms_for(talent)
        options = ["closed"]
        if talent.style == Style.REMOTE:
            options.append("style")
        if talent.days_per_month and talent.days_per_month < 20:
            options.append("days")
        if talent.max_visits_per_month < 4:
            options.append("visits")
        if talent.min_monthly_fee_yen:
            options.append("fee")
        if not talent.accepts_pro_bono:
            options.append("pro_bono")
        rule = self.rng.choice(options)
        if rule == "closed":
            terms["is_open"] = False
        elif rule == "style":
            terms.update(style=Style.ONSITE, visits_per_month=0)
        elif rule == "days":
            terms["days_per_month"] = talent.days_per_month + self.rng.randint(1, 4)
        elif rule == "visits":
            terms.update(style=Style.HYBRID, visits_per_month=talent.max_visits_per_month + 1)
            if talent.style == Style.REMOTE:
                terms["style"] = Style.HYBRID
        elif rule == "fee":
            terms.update(pro_bono=False, fee_min_yen=10_000, fee_max_yen=talent.min_monthly_fee_yen - 5_000)
        else:
            terms.update(pro_bono=True, fee_min_yen=None, fee_max_yen=None)
        return terms

    def build(self):
        args, rng = self.args, self.rng
        talents = [self.talent(t) for t in range(1, args.talents + 1)]
        per_talent = args.planted + args.near_misses + args.traps
        if args.sheets < args.talents * per_talent:
            raise SystemExit(f"--sheets must be at least {args.talents * per_talent} for these options")
        ids = list(range(1, args.sheets + 1))
        rng.shuffle(ids)
        next_id = iter(ids).__next__
        sheets, kind, planted = [], {}, defaultdict(dict)  # planted[talent][grade] = sheet id
        for person in talents:
            skills, themes = (sorted(x) for x in self.truth_talent[person.id])
            other_themes = [t for t in self.themes if t not in themes]
            interest = sorted(person.interest_prefectures)

            def where():
                outside = rng.random() < args.outside_interest
                return self.place(None if outside else rng.choice(interest))  # noqa: B023

            for n in range(args.planted):
                grade = 3 - n % 3
                sid = next_id()
                if grade == 3:
                    required = rng.sample(skills, min(len(skills), rng.choice([2, 2, 3])))
                    sheet_themes = [rng.choice(themes)]
                elif grade == 2:
                    required = rng.sample(skills, 2)
                    sheet_themes = rng.sample(other_themes, rng.randint(0, 1))
                else:
                    required = [rng.choice(skills), *self.skills_like(1, exclude=skills)]
                    sheet_themes = [rng.choice(themes)]
                unknown = (
                    rng.choice(required) if rng.random() < args.unknown_form and len(required) > 1 else None
                )
                sheets.append(
                    self.sheet(
                        sid,
                        required,
                        themes=sheet_themes,
                        place=where(),
                        terms=self.terms_for(person),
                        unknown=unknown,
                    )
                )
                kind[sid] = f"planted{grade}"
                planted[person.id][(grade, n)] = sid
            for _ in range(args.near_misses):
                sid = next_id()
                required = [rng.choice(skills), *self.skills_like(rng.choice([1, 2]), exclude=skills)]
                sheets.append(
                    self.sheet(
                        sid,
                        required,
                        welcome=self.skills_like(rng.randint(0, 1), exclude=skills),
                        themes=rng.sample(other_themes, rng.randint(0, 2)),
                        place=self.place(rng.choice(interest) if rng.random() < 0.6 else None),
                        terms=self.terms_for(person),
                    )
                )
                kind[sid] = "near"
            for _ in range(args.traps):
                sid = next_id()
                required = rng.sample(skills, 2)
                sheets.append(
                    self.sheet(
                        sid,
                        required,
                        themes=[rng.choice(themes)],
                        place=self.place(rng.choice(interest)),
                        terms=self.trap_terms(person),
                    )
                )
                kind[sid] = "trap"
                self.trap_owner[sid] = person.id
        while len(sheets) < args.sheets:
            sid = next_id()
            required = self.skills_like(rng.choice([1, 2, 2, 3]))
            sheets.append(
                self.sheet(
                    sid,
                    required,
                    welcome=self.skills_like(rng.randint(0, 2), exclude=required),
                    themes=rng.sample(self.themes, rng.randint(0, 2)),
                    place=self.place(),
                    terms=self.terms_for(None),
                )
            )
            kind[sid] = "background"
        return talents, self.with_outside_applicants(sheets), kind, planted

    def with_outside_applicants(self, sheets: list[Sheet]) -> list[Sheet]:
        """Applicants who came through search and listings: they follow how many talents hold the
        sheet's required skills (all of them; some of them at a tenth), to the power 1.5, times
        log-normal noise, scaled to ``--outside-applicants`` a sheet on average."""
        holders: dict[str, set[int]] = defaultdict(set)
        for talent_id, (skills, _) in self.truth_talent.items():
            for skill in skills:
                holders[skill].add(talent_id)
        visibility = {}
        for sheet in sheets:
            sets = [holders[k] for k in self.truth_sheet[sheet.id][0]]
            reach = len(set.intersection(*sets)) + 0.1 * len(set.union(*sets))
            visibility[sheet.id] = reach**1.5 * math.exp(self.rng.gauss(0, 0.6))
        scale = self.args.outside_applicants * len(sheets) / sum(visibility.values())
        out = []
        for sheet in sheets:
            applicants = int(scale * visibility[sheet.id] * self.rng.uniform(0.7, 1.3))
            out.append(Sheet(**{**sheet.__dict__, "applicants": applicants}))
        return sorted(out, key=lambda s: s.id)

    def with_feedback_applicants(self, sheets: list[Sheet], rankings: dict[int, list[int]]) -> list[Sheet]:
        """Add applicants drawn by being recommended: ``--apply-rate`` per top-10 appearance in
        ``rankings`` (the plain ranking), times log-normal noise."""
        shown: dict[int, int] = defaultdict(int)
        for ranked in rankings.values():
            for sheet_id in ranked:
                shown[sheet_id] += 1
        out = []
        for sheet in sheets:
            drawn = int(self.args.apply_rate * shown[sheet.id] * math.exp(self.rng.gauss(0, 0.5)))
            out.append(Sheet(**{**sheet.__dict__, "applicants": sheet.applicants + drawn}))
        return out

    def grade(self, talent: Talent, sheet: Sheet) -> int:
        if blockers(talent, sheet):
            return 0
        skills, themes = self.truth_talent[talent.id]
        required, welcome, sheet_themes = self.truth_sheet[sheet.id]
        share = len(skills & required) / len(required)
        theme, liked = bool(themes & sheet_themes), bool(skills & welcome)
        if share == 1:
            return 3 if theme else 2
        if share >= 0.5 and theme and liked:
            return 2
        if share >= 0.5 and (theme or liked):
            return 1
        return 0


# --- Evaluation ---------------------------------------------------------------------------------


class Judge:
    def __init__(self, talents, sheets, grades, planted):
        self.talents, self.sheets, self.grades, self.planted = talents, sheets, grades, planted
        self.open_ids = [s.id for s in sheets if s.is_open]
        self.crowded = {s.id for s in sheets if s.applicants / max(s.openings, 1) >= CROWDED_PER_OPENING}
        self.ideal = {t.id: dcg(sorted(grades[t.id].values(), reverse=True)[:10]) for t in talents}
        self.crowded_relevant = sum(
            1 for t in talents for s, g in grades[t.id].items() if g >= 1 and s in self.crowded
        )
        self.planted_crowded = [(t, s) for t, by in planted.items() for s in by.values() if s in self.crowded]

    def figures(self, rankings: dict[int, list[int]]) -> dict[str, float]:
        hits = ndcg = found_crowded = 0.0
        counts = dict.fromkeys(self.open_ids, 0)
        for t in self.talents:
            ranked = rankings[t.id]
            gains = [self.grades[t.id].get(s, 0) for s in ranked]
            hits += self.planted[t.id][(3, 0)] in ranked
            ndcg += dcg(gains) / self.ideal[t.id]
            found_crowded += sum(
                1 for s, g in zip(ranked, gains, strict=True) if g >= 1 and s in self.crowded
            )
            for s in ranked:
                if s in counts:
                    counts[s] += 1
        n = len(self.talents)
        planted = sum(1 for t, s in self.planted_crowded if s in rankings[t])
        return {
            "hit@10": hits / n,
            "NDCG@10": ndcg / n,
            "coverage": sum(1 for c in counts.values() if c) / len(counts),
            "Gini": gini(list(counts.values())),
            "crowded recall": found_crowded / max(self.crowded_relevant, 1),
            "planted crowded": planted / max(len(self.planted_crowded), 1),
        }


COLUMNS = ["hit@10", "NDCG@10", "coverage", "Gini", "crowded recall", "planted crowded"]


def print_row(label: str, figures: dict[str, float]) -> None:
    print(f"| {label} | " + " | ".join(f"{figures[c]:.3f}" for c in COLUMNS) + " |")


def replay(pairs, sheets_by_id, talents, settings: dict) -> dict[int, list[int]]:
    """Top 10 per talent with the congestion constants set to ``settings`` (fits scored once)."""
    saved = {name: getattr(score_module, name) for name in settings}
    try:
        for name, value in settings.items():
            setattr(score_module, name, value)
        crowd = {sid: score_module.crowding(s) for sid, s in sheets_by_id.items()}
        out = {}
        for t in talents:
            ids, fit, skill_fit = pairs[t.id]
            crowds = np.array([crowd[s] for s in ids])
            scores = np.round(fit * score_module.congestion_factor(crowds, skill_fit), 6)
            order = np.lexsort((ids, -scores))[:10]
            out[t.id] = [int(ids[i]) for i in order]
        return out
    finally:
        for name, value in saved.items():
            setattr(score_module, name, value)


GRID = [
    {"CROWDED_FROM": 3.0, "CROWDING_SCALE": 10.0, "CONGESTION_WEIGHT": 0.0},
    {"CROWDED_FROM": 3.0, "CROWDING_SCALE": 10.0, "CONGESTION_WEIGHT": 0.35},
    {"CROWDED_FROM": 3.0, "CROWDING_SCALE": 10.0, "CONGESTION_WEIGHT": 0.7},
    {"CROWDED_FROM": 2.0, "CROWDING_SCALE": 6.0, "CONGESTION_WEIGHT": 0.35},
    {"CROWDED_FROM": 2.0, "CROWDING_SCALE": 6.0, "CONGESTION_WEIGHT": 0.7},
    {"CROWDED_FROM": 1.0, "CROWDING_SCALE": 4.0, "CONGESTION_WEIGHT": 0.35},
    {"CROWDED_FROM": 1.0, "CROWDING_SCALE": 4.0, "CONGESTION_WEIGHT": 0.5},
    {"CROWDED_FROM": 1.0, "CROWDING_SCALE": 4.0, "CONGESTION_WEIGHT": 0.7},
    {"CROWDED_FROM": 1.0, "CROWDING_SCALE": 4.0, "CONGESTION_WEIGHT": 1.0},
    {"CROWDED_FROM": 1.0, "CROWDING_SCALE": 2.0, "CONGESTION_WEIGHT": 0.5},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--talents", type=int, default=500)
    parser.add_argument("--sheets", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--planted", type=int, default=3, help="planted fits per talent (grades 3, 2, 1, …)")
    parser.add_argument("--near-misses", type=int, default=3, help="near-miss sheets per talent")
    parser.add_argument("--traps", type=int, default=1, help="hard-rule traps per talent")
    parser.add_argument("--unknown-form", type=float, default=0.3)
    parser.add_argument("--outside-interest", type=float, default=0.4)
    parser.add_argument(
        "--outside-applicants", type=float, default=1.0, help="applicants a sheet through search (average)"
    )
    parser.add_argument(
        "--apply-rate", type=float, default=0.6, help="applicants per top-10 appearance without congestion"
    )
    parser.add_argument("--grid", action="store_true", help="also replay a grid of congestion settings")
    args = parser.parse_args()

    started = time.perf_counter()
    builder = Builder(args, random.Random(args.seed))
    talents, sheets, kind, planted = builder.build()
    grades = {t.id: {s.id: g for s in sheets if (g := builder.grade(t, s))} for t in talents}
    assert all(3 in grades[t.id].values() for t in talents), "every talent has a grade-3 sheet"
    ctx = Context(routes=routes_from_csv((PACK / "routes.csv").read_text(encoding="utf-8").splitlines()))
    built = time.perf_counter() - started

    # Without congestion, applicants play no part in the score: rank once, then let the sheets
    # that this ranking shows most draw applicants (the feedback loop congestion is meant to break).
    plain = {
        t.id: [r.sheet for r in recommend_sheets(t, sheets, ctx, k=10, congestion=False)] for t in talents
    }
    sheets = builder.with_feedback_applicants(sheets, plain)
    by_id = {s.id: s for s in sheets}
    sample = talents[:: max(1, len(talents) // 25)]
    assert all(
        [r.sheet for r in recommend_sheets(t, sheets, ctx, k=10, congestion=False)] == plain[t.id]
        for t in sample
    ), "applicants must not change the ranking without congestion"
    judge = Judge(talents, sheets, grades, planted)

    applicants = np.array(sorted((s.applicants for s in sheets), reverse=True))
    top = max(1, len(sheets) // 20)
    print(
        f"talents {len(talents)}, sheets {len(sheets)} ({sum(not s.is_open for s in sheets)} closed), "
        f"seed {args.seed}; built in {built:.1f} s"
    )
    kinds = defaultdict(int)
    for k in kind.values():
        kinds[k] += 1
    print("sheets by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for side, (good, total) in builder.written.items():
        print(f"{side} skill forms folded to the intended skill: {good}/{total} ({good / total:.1%})")
    print(
        f"applicants: {applicants.sum()} in all; the top 5% of sheets have "
        f"{applicants[:top].sum() / applicants.sum():.0%}; median {int(np.median(applicants))}; "
        f"crowded (≥{CROWDED_PER_OPENING} per opening) {len(judge.crowded)} sheets"
    )
    relevant = sum(len(g) for g in grades.values())
    print(f"relevant pairs (grade ≥ 1): {relevant}, {relevant / len(talents):.1f} a talent")
    sharing = sum(
        1
        for t in talents
        for s in sheets
        if builder.truth_talent[t.id][0] & builder.truth_sheet[s.id][0] and s.id not in grades[t.id]
    )
    print(f"near misses (share a required skill, grade 0): {sharing / len(talents):.1f} a talent")
    print(
        f"relevant pairs on crowded sheets {judge.crowded_relevant}; "
        f"planted fits on crowded sheets {len(judge.planted_crowded)}"
    )

    started = time.perf_counter()
    ours = {t.id: [r.sheet for r in recommend_sheets(t, sheets, ctx, k=10)] for t in talents}
    elapsed = time.perf_counter() - started
    allowed = {t.id: [s.id for s in sheets if not blockers(t, s)] for t in talents}
    shuffled = {}
    for t in talents:
        order = list(allowed[t.id])
        random.Random(f"{args.seed}-random-{t.id}").shuffle(order)
        shuffled[t.id] = order[:10]
    exact = {}
    for t in talents:
        order = list(allowed[t.id])
        random.Random(f"{args.seed}-ties-{t.id}").shuffle(order)
        order.sort(key=lambda s, t=t: -len(builder.raw_talent[t.id] & builder.raw_sheet[s]))
        exact[t.id] = order[:10]

    print(f"\nscoring {len(talents) * len(sheets):,} pairs with congestion on: {elapsed:.1f} s\n")
    print("| ranking | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for label, rankings in (
        ("recommender, congestion on", ours),
        ("recommender, congestion off", plain),
        ("baseline: exact skill strings", exact),
        ("baseline: random", shuffled),
    ):
        print_row(label, judge.figures(rankings))
    for label, rankings in (("on", ours), ("off", plain)):
        broken = sum(1 for t in talents for s in rankings[t.id] if blockers(t, by_id[s]))
        traps = sum(1 for t in talents for s in rankings[t.id] if builder.trap_owner.get(s) == t.id)
        print(
            f"congestion {label}: hard-rule violations {broken} "
            f"(of {sum(map(len, rankings.values()))}), own traps shown {traps}"
        )

    if args.grid:
        pairs = {}
        for t in talents:
            ids, fits, skill = [], [], []
            for s in sheets:
                result = score_pair(t, s, ctx, congestion=False)
                if result is not None:
                    ids.append(s.id)
                    fits.append(result.fit)
                    required = s.required_skills
                    skill.append(len(t.skills & required) / len(required) if required else 0.0)
            pairs[t.id] = (np.array(ids), np.array(fits), np.array(skill))
        current = {
            n: getattr(score_module, n) for n in ("CROWDED_FROM", "CROWDING_SCALE", "CONGESTION_WEIGHT")
        }
        same = replay(pairs, by_id, talents, current)
        differ = sum(1 for t in talents if same[t.id] != ours[t.id])
        print(f"\ngrid (replayed; shipped constants {current}: {differ} talents differ from the real path)\n")
        print("| setting | " + " | ".join(COLUMNS) + " |")
        print("|---" * (len(COLUMNS) + 1) + "|")
        for settings in GRID:
            label = "from {CROWDED_FROM:g}, scale {CROWDING_SCALE:g}, weight {CONGESTION_WEIGHT:g}".format(
                **settings
            )
            print_row(label, judge.figures(replay(pairs, by_id, talents, settings)))


if __name__ == "__main__":
    main()
