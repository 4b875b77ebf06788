"""Hard rules: what a person can never take, so is never recommended to them (or them to it)."""

from __future__ import annotations

from .model import Sheet, Style, Talent

CLOSED = "closed"
STYLE = "style"  # a remote-only person and on-site work
DAYS = "days"  # the work needs more days a month than the person offers
VISITS = "visits"  # more visits a month than the person can make
FEE = "fee"  # paid work whose top fee is below the person's minimum
PRO_BONO = "pro_bono"  # unpaid work for someone who does not take pro bono


def blockers(talent: Talent, sheet: Sheet) -> tuple[str, ...]:
    """The hard rules this pair breaks, in a fixed order; empty when the pair is possible."""
    found = []
    if not sheet.is_open:
        found.append(CLOSED)
    if talent.style == Style.REMOTE and sheet.style == Style.ONSITE:
        found.append(STYLE)
    if talent.days_per_month is not None and (sheet.days_per_month or 0) > talent.days_per_month:
        found.append(DAYS)
    if sheet.visits_per_month > talent.max_visits_per_month:
        found.append(VISITS)
    if sheet.pro_bono:
        if not talent.accepts_pro_bono:
            found.append(PRO_BONO)
    elif (
        talent.min_monthly_fee_yen
        and sheet.fee_max_yen is not None
        and sheet.fee_max_yen < talent.min_monthly_fee_yen
    ):
        found.append(FEE)
    return tuple(found)


def allowed(talent: Talent, sheet: Sheet) -> bool:
    return not blockers(talent, sheet)
