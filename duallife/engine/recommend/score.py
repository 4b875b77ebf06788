"""Scoring one talent × sheet pair, with its reasons as codes and values (:class:`~.model.Reason`).

The score is a weighted sum in [0, 1] of parts that each lie in [0, 1]; the congestion adjustment
then lowers *marginal* fits on sheets swamped with applicants per opening, so that strong fits keep
their place while the many near-misses spread to sheets where they have a real chance.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Context, Reason, Sheet, Style, Talent
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
#: Crowding grows from 1 applicant per opening and is full at 5 (tuned on
#: bench/bench_recommend_quality.py; see docs/benchmarks.md, "Recommendation quality").
CROWDED_FROM = 1.0
CROWDING_SCALE = 4.0
CONGESTION_WEIGHT = 0.35
MAX_REASONS = 6
#: Text: shared words of the free text at which the text part is full.
TEXT_FULL_TERMS = 5
#: Availability when the person offers no day to spare beyond what the work needs.
AVAILABILITY_TIGHT = 0.8
#: Fee part: nothing known about pay, unpaid work, paid work with no minimum to compare against,
#: and paid work against the person's minimum (``FEE_AT_MINIMUM`` when the top fee equals it,
#: rising by ``FEE_SLOPE`` per minimum's worth above it).
FEE_UNKNOWN = 0.5
FEE_PRO_BONO = 0.6
FEE_PAID = 0.8
FEE_AT_MINIMUM = 0.5
FEE_SLOPE = 0.5
#: Travel part for work with visits when no route is known.
TRAVEL_UNKNOWN = 0.5
#: Ties to the place: hometown, giving back to it, a prefecture of interest, thinking of moving.
TIES_HOMETOWN = 0.6
TIES_GIVE_BACK = 0.15
TIES_INTEREST = 0.3
TIES_MOVING = 0.1
#: Crowding from which the reasons say a sheet is crowded (0.75: more than 4 applicants an opening).
CROWDED_REASON_FROM = 0.75
#: Reasons that tell where the person lives (the journey from home) or comes from (:func:`is_personal`).
PERSONAL_CODES = frozenset({"route", "hometown"})
#: Scores are rounded to this many decimals.
SCORE_DECIMALS = 6
GIVE_BACK, CONSIDER_MOVING = "give_back", "consider_moving"


@dataclass(frozen=True)
class Scored:
    score: float
    fit: float  # before the congestion adjustment
    reasons: tuple[Reason, ...]


def _workload(sheet: Sheet) -> Reason:
    return Reason("workload", {"days": sheet.days_per_month or None, "style": sheet.style.value})


def is_personal(reason: Reason) -> bool:
    """A reason that tells where the talent lives (the journey from home) or comes from (the
    hometown): shown about a talent only where their profile shows such places."""
    return reason.code in PERSONAL_CODES


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
    reasons: list[Reason] = []
    # (written for speed: the batch calls this for every recommendation it outputs)
    skills, wanted, wanted_too = talent.skills, sheet.required_skills, sheet.welcome_skills
    req_matched = sorted(skills & wanted) if wanted else []
    required = len(req_matched) / len(wanted) if wanted else OPEN_SKILLS_CREDIT
    wel_matched = sorted(skills & wanted_too) if wanted_too else []
    welcome = len(wel_matched) / len(wanted_too) if wanted_too else 0.0
    if req_matched or wel_matched:
        shown = tuple([ctx.label(k) for k in (req_matched + wel_matched)[:3]])
        reasons.append(Reason("skill_match", {"skills": shown, "n": len(shown)}))
    theme_matched = sorted(talent.themes & sheet.themes) if sheet.themes else []
    themes = len(theme_matched) / len(sheet.themes) if sheet.themes else 0.0
    if theme_matched:
        shown = tuple([ctx.label(k) for k in theme_matched[:2]])
        reasons.append(Reason("themes", {"themes": shown, "n": len(shown)}))
    text = min(1.0, len(talent.terms & sheet.terms) / TEXT_FULL_TERMS) if sheet.terms else 0.0

    days, needed = talent.days_per_month, sheet.days_per_month
    availability = 1.0
    if days and needed:
        availability = 1.0 if days >= needed + 1 else AVAILABILITY_TIGHT
    if sheet.style is Style.REMOTE or talent.style is not Style.REMOTE:
        reasons.append(_workload(sheet))

    fee_max, minimum = sheet.fee_max_yen, talent.min_monthly_fee_yen
    fee = FEE_UNKNOWN
    if sheet.pro_bono:
        fee = FEE_PRO_BONO
    elif fee_max is not None and minimum:
        fee = min(1.0, FEE_AT_MINIMUM + FEE_SLOPE * (fee_max - minimum) / max(minimum, 1))
    elif fee_max:
        fee = FEE_PAID

    visits, municipality = sheet.visits_per_month, sheet.municipality
    prefecture = municipality[:2]
    travel = 1.0 if visits == 0 else TRAVEL_UNKNOWN
    route = ctx.routes.lookup(talent.home_municipality, municipality)
    if route is not None and visits > 0:
        travel = max(0.0, 1.0 - route.minutes / TRAVEL_ZERO_MINUTES)
        where = ctx.place(municipality if not route.estimate else route.destination)
        reasons.append(
            Reason(
                "route",
                {
                    "place": where,
                    "minutes": route.minutes,
                    "fare": route.round_trip_fare_yen,
                    "estimate": route.estimate,
                },
            )
        )

    ties = 0.0
    hometown_prefecture = talent.hometown_prefecture
    if hometown_prefecture and hometown_prefecture == prefecture:
        ties += TIES_HOMETOWN
        hometown = talent.hometown_municipality or hometown_prefecture
        reasons.append(
            Reason("hometown", {"place": ctx.place(hometown if hometown == municipality else prefecture)})
        )
        if GIVE_BACK in talent.motives:
            ties += TIES_GIVE_BACK
    if prefecture in talent.interest_prefectures:
        ties += TIES_INTEREST
        reasons.append(Reason("interest", {"place": ctx.place(prefecture)}))
    if CONSIDER_MOVING in talent.motives and visits > 0:
        ties += TIES_MOVING
    ties = min(1.0, ties)

    # the weighted parts, added in this order (the fast path adds them in the same order)
    w = WEIGHTS
    fit = (
        w["required"] * required
        + w["welcome"] * welcome
        + w["themes"] * themes
        + w["text"] * text
        + w["availability"] * availability
        + w["fee"] * fee
        + w["travel"] * travel
        + w["ties"] * ties
    )
    score = fit
    if congestion:
        crowd = crowding(sheet)
        score = fit * congestion_factor(crowd, required if wanted else 0.0)
        if crowd > CROWDED_REASON_FROM:
            reasons.append(Reason("crowded", {"openings": sheet.openings, "applicants": sheet.applicants}))
    return Scored(
        score=round(score, SCORE_DECIMALS),
        fit=round(fit, SCORE_DECIMALS),
        reasons=tuple(reasons[:MAX_REASONS]),
    )
