"""Scoring one talent × sheet pair, with the reasons a person reads.

The score is a weighted sum in [0, 1] of parts that each lie in [0, 1]; the congestion adjustment
then lowers *marginal* fits on sheets swamped with applicants per opening, so that strong fits keep
their place while the many near-misses spread to sheets where they have a real chance.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Context, Sheet, Style, Talent
from .rules import allowed

#: Weights of the parts (they sum to 1).
WEIGHTS = {
    "required": 0.34,
    "welcome": 0.10,
    "themes": 0.16,
    "text": 0.05,
    "availability": 0.08,
    "fee": 0.05,
    "travel": 0.10,
    "ties": 0.12,
}
#: A sheet with no required skills counts this much of the required part (any skill will do).
OPEN_SKILLS_CREDIT = 0.5
#: Travel: one-way minutes at which the travel part reaches zero.
TRAVEL_ZERO_MINUTES = 300
#: Congestion: applicants per opening from which a sheet counts as crowded, and how hard it bites.
CROWDED_FROM = 3.0
CROWDING_SCALE = 10.0
CONGESTION_WEIGHT = 0.35
MAX_REASONS = 6
GIVE_BACK, CONSIDER_MOVING = "give_back", "consider_moving"


@dataclass(frozen=True)
class Scored:
    score: float
    fit: float  # before the congestion adjustment
    reasons: tuple[str, ...]


def _share(have: frozenset[str], want: frozenset[str]) -> tuple[float, list[str]]:
    matched = sorted(have & want)
    return (len(matched) / len(want) if want else 0.0), matched


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}時間{rest}分" if hours and rest else (f"{hours}時間" if hours else f"{rest}分")


def _style_words(sheet: Sheet) -> str:
    days = f"月{sheet.days_per_month}日" if sheet.days_per_month else "日数は相談"
    style = {Style.REMOTE: "リモート", Style.HYBRID: "リモート中心", Style.ONSITE: "現地中心"}[sheet.style]
    return f"{days}・{style}"


def crowding(sheet: Sheet) -> float:
    """0 (not crowded) … 1 (swamped): applicants per opening beyond :data:`CROWDED_FROM`."""
    per_opening = sheet.applicants / max(sheet.openings, 1)
    return min(1.0, max(0.0, (per_opening - CROWDED_FROM) / CROWDING_SCALE))


def congestion_factor(crowd, skill_fit):
    """What a fit is multiplied by on a crowded sheet: 1 for a strong skill fit or an uncrowded
    sheet, lower for marginal fits. Plain arithmetic, so it works on floats and numpy arrays alike
    (the fast path calls it with arrays)."""
    return 1.0 - CONGESTION_WEIGHT * crowd * (1.0 - skill_fit)


def score_pair(talent: Talent, sheet: Sheet, ctx: Context, *, congestion: bool = True) -> Scored | None:
    """The pair's score and reasons, or None when a hard rule forbids it."""
    if not allowed(talent, sheet):
        return None
    reasons: list[str] = []

    required, req_matched = _share(talent.skills, sheet.required_skills)
    if not sheet.required_skills:
        required = OPEN_SKILLS_CREDIT
    welcome, wel_matched = _share(talent.skills, sheet.welcome_skills)
    if req_matched or wel_matched:
        reasons.append("スキル一致: " + "、".join(ctx.label(k) for k in [*req_matched, *wel_matched][:3]))
    themes, theme_matched = _share(talent.themes, sheet.themes)
    if theme_matched:
        reasons.append("テーマ: " + "、".join(ctx.label(k) for k in theme_matched[:2]))
    text = min(1.0, len(talent.terms & sheet.terms) / 5) if sheet.terms else 0.0

    availability = 1.0
    if talent.days_per_month and sheet.days_per_month:
        availability = 1.0 if talent.days_per_month >= sheet.days_per_month + 1 else 0.8
    if sheet.style == Style.REMOTE or talent.style != Style.REMOTE:
        reasons.append(_style_words(sheet))

    fee = 0.5
    if sheet.pro_bono:
        fee = 0.6
    elif sheet.fee_max_yen is not None and talent.min_monthly_fee_yen:
        fee = min(
            1.0,
            0.5 + 0.5 * (sheet.fee_max_yen - talent.min_monthly_fee_yen) / max(talent.min_monthly_fee_yen, 1),
        )
    elif sheet.fee_max_yen:
        fee = 0.8

    travel = 1.0 if sheet.visits_per_month == 0 else 0.5
    route = ctx.routes.lookup(talent.home_municipality, sheet.municipality)
    if route is not None and sheet.visits_per_month > 0:
        travel = max(0.0, 1.0 - route.minutes / TRAVEL_ZERO_MINUTES)
        where = ctx.place(sheet.municipality if not route.estimate else route.destination)
        note = "（県内の目安）" if route.estimate else ""
        reasons.append(
            f"{where}まで片道{_duration(route.minutes)}・往復{route.round_trip_fare_yen:,}円{note}"
        )

    ties = 0.0
    if talent.hometown_prefecture and talent.hometown_prefecture == sheet.prefecture:
        ties += 0.6
        hometown = talent.hometown_municipality or talent.hometown_prefecture
        reasons.append(
            f"出身地: {ctx.place(hometown if hometown == sheet.municipality else sheet.prefecture)}"
        )
        if GIVE_BACK in talent.motives:
            ties += 0.15
    if sheet.prefecture in talent.interest_prefectures:
        ties += 0.3
        reasons.append(f"関心のある県: {ctx.place(sheet.prefecture)}")
    if CONSIDER_MOVING in talent.motives and sheet.visits_per_month > 0:
        ties += 0.1
    ties = min(1.0, ties)

    parts = {
        "required": required,
        "welcome": welcome,
        "themes": themes,
        "text": text,
        "availability": availability,
        "fee": fee,
        "travel": travel,
        "ties": ties,
    }
    fit = sum(WEIGHTS[name] * value for name, value in parts.items())
    score = fit
    if congestion:
        crowd = crowding(sheet)
        skill_fit = required if sheet.required_skills else 0.0
        score = fit * congestion_factor(crowd, skill_fit)
        if crowd > 0.5:
            reasons.append(f"応募が集中しています（募集{sheet.openings}人に{sheet.applicants}人）")
    return Scored(score=round(score, 6), fit=round(fit, 6), reasons=tuple(reasons[:MAX_REASONS]))
