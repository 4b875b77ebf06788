"""Reads of programs: the public list, the budget's burn-down, and the finder ("which programs
apply to this work, and how much a month").

The burn-down is read from the budget entries (one query): per fiscal month, what stood reserved
(交付決定, not yet paid), what was paid and what remained at the month's end; the forecast is the
day the remaining budget runs out at the last 30 days' rate of reservations.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from duallife.engine.subsidies import Claim as EngineClaim
from duallife.engine.subsidies import Outcome, Rules, Trip, assess, fiscal_year_of

from ..models import BudgetEntry, Program, ProgramVersion
from .fares import pack_fare
from .rules import rules_of

FORECAST_DAYS = 30
WARNING_PERCENT = 80
DANGER_PERCENT = 95


def public_programs(*, fiscal_year: int | None = None) -> QuerySet[Program]:
    programs = Program.objects.select_related("owner_organization").order_by("-fiscal_year", "slug")
    return programs.filter(fiscal_year=fiscal_year) if fiscal_year else programs


def versions_by_program(programs) -> dict[int, ProgramVersion]:
    """Each program's latest version, in one query."""
    latest: dict[int, ProgramVersion] = {}
    for version in ProgramVersion.objects.filter(program__in=list(programs)).order_by(
        "program_id", "-number"
    ):
        latest.setdefault(version.program_id, version)
    return latest


def latest_versions(*, fiscal_year: int) -> list[ProgramVersion]:
    """The latest version of each program of ``fiscal_year``, each with its program, by slug
    (one query): what the simulator offers and computes with."""
    newest = (
        ProgramVersion.objects.filter(program=OuterRef("program")).order_by("-number").values("number")[:1]
    )
    return list(
        ProgramVersion.objects.filter(program__fiscal_year=fiscal_year, number=Subquery(newest))
        .select_related("program")
        .order_by("program__slug")
    )


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date  # the first day of the month
    reserved_yen: int  # 交付決定, not yet paid, at the month's end
    paid_yen: int  # paid by the month's end
    remaining_yen: int


@dataclass(frozen=True)
class BurnDown:
    program: Program
    rows: tuple[MonthRow, ...]
    used_percent: int
    level: str  # "", "warning" (80 %), "danger" (95 %)
    rate_per_day_yen: int  # reservations a day over the last 30 days
    runs_out_on: datetime.date | None  # at that rate; None: no reservations lately, or nothing left
    lasts_the_year: bool  # at that rate the budget outlasts the fiscal year

    @property
    def remaining_yen(self) -> int:
        return self.program.remaining_yen


def _months(fiscal_year: int, until: datetime.date) -> list[datetime.date]:
    months, day = [], datetime.date(fiscal_year, 4, 1)
    last = min(until.replace(day=1), datetime.date(fiscal_year + 1, 3, 1))
    while day <= last:
        months.append(day)
        day = datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months or [datetime.date(fiscal_year, 4, 1)]


def _month_end(month: datetime.date) -> datetime.date:
    following = datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def burn_down(program: Program, *, today: datetime.date) -> BurnDown:
    entries = list(
        BudgetEntry.objects.filter(program=program).order_by("at", "pk").values("kind", "amount_yen", "at")
    )
    rows = []
    for month in _months(program.fiscal_year, today):
        end = _month_end(month)
        reserved = paid = 0
        for entry in entries:
            if entry["at"].date() > end:
                break
            if entry["kind"] == BudgetEntry.Kind.RESERVE:
                reserved += entry["amount_yen"]
            elif entry["kind"] == BudgetEntry.Kind.RELEASE:
                reserved -= entry["amount_yen"]
            else:
                reserved -= entry["amount_yen"]
                paid += entry["amount_yen"]
        rows.append(MonthRow(month, reserved, paid, max(0, program.budget_yen - reserved - paid)))
    since = today - datetime.timedelta(days=FORECAST_DAYS)
    recent = sum(
        e["amount_yen"] for e in entries if e["kind"] == BudgetEntry.Kind.RESERVE and e["at"].date() > since
    )
    rate = recent // FORECAST_DAYS
    runs_out = None
    if rate > 0 and program.remaining_yen > 0:
        runs_out = today + datetime.timedelta(days=math.ceil(program.remaining_yen / rate))
    year_end = datetime.date(program.fiscal_year + 1, 3, 31)
    percent = program.used_percent
    level = "danger" if percent >= DANGER_PERCENT else "warning" if percent >= WARNING_PERCENT else ""
    return BurnDown(
        program=program,
        rows=tuple(rows),
        used_percent=percent,
        level=level,
        rate_per_day_yen=rate,
        runs_out_on=runs_out,
        lasts_the_year=runs_out is None or runs_out > year_end,
    )


# --- The finder ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """What one program would pay towards a month of trips: the month's trips as one claim, each
    per-year cap taken as a twelfth a month (the multi-year one spread over its years)."""

    program: Program
    rules: Rules
    outcome: Outcome
    monthly_yen: int
    capped_by_year: bool  # the monthly twelfth of a per-year cap cut the amount


def _monthly_cap(rules: Rules) -> int | None:
    caps = [cap // 12 for cap in (rules.cap_per_person_per_fy_yen, rules.cap_per_company_per_fy_yen) if cap]
    if rules.cap_per_person_multi_year_yen and rules.multi_year_span:
        caps.append(rules.cap_per_person_multi_year_yen // (12 * rules.multi_year_span))
    return min(caps) if caps else None


def month_support(
    rules: Rules,
    *,
    day: datetime.date,
    destination_prefecture: str,
    round_trip_fare_yen: int,
    trips_per_month: int,
    origin_prefecture: str = "13",
    lodging_nights: int = 0,
    lodging_yen_per_night: int = 0,
    contract_months: int = 0,
) -> tuple[Outcome, int, bool]:
    """The engine's answer for one month of trips under ``rules`` and the monthly amount."""
    trip = Trip(
        date=day,
        origin_prefecture=origin_prefecture,
        destination_prefecture=destination_prefecture,
        round_trip_fare_yen=round_trip_fare_yen,
        lodging_nights=lodging_nights,
        lodging_yen_per_night=lodging_yen_per_night,
    )
    claim = EngineClaim(
        id=0, person=0, company=0, contract_months=contract_months, trips=(trip,) * trips_per_month
    )
    outcome = assess(rules, claim)
    amount = outcome.payable_yen if outcome.eligible else 0
    cap = _monthly_cap(rules)
    if cap is not None and amount > cap:
        return outcome, cap, True
    return outcome, amount, False


def fiscal_year_day(fiscal_year: int, today: datetime.date) -> datetime.date:
    """A day inside ``fiscal_year`` for the finder: today when it is in it, else its first day."""
    return today if fiscal_year_of(today) == fiscal_year else datetime.date(fiscal_year, 4, 1)


def support_offers(
    *,
    today: datetime.date,
    destination_prefecture: str,
    round_trip_fare_yen: int,
    trips_per_month: int,
    origin_prefecture: str = "13",
    fiscal_year: int | None = None,
    contract_months: int = 0,
    payee: str | None = None,
) -> list[Offer]:
    """Every program of the fiscal year (default: today's) that pays something towards a month
    of these trips, the largest first (two queries)."""
    year = fiscal_year or fiscal_year_of(today)
    day = fiscal_year_day(year, today)
    programs = list(public_programs(fiscal_year=year))
    if payee:
        programs = [program for program in programs if program.payee == payee]
    versions = versions_by_program(programs)
    offers = []
    for program in programs:
        version = versions.get(program.pk)
        if version is None or trips_per_month <= 0:
            continue
        rules = rules_of(version)
        outcome, monthly, capped = month_support(
            rules,
            day=day,
            destination_prefecture=destination_prefecture,
            round_trip_fare_yen=round_trip_fare_yen,
            trips_per_month=trips_per_month,
            origin_prefecture=origin_prefecture,
            contract_months=contract_months,
        )
        if monthly > 0:
            offers.append(Offer(program, rules, outcome, monthly, capped))
    return sorted(offers, key=lambda offer: (-offer.monthly_yen, offer.program.slug))


@dataclass(frozen=True)
class SupportOffers:
    """The offers for a month of trips to one place, and what they were worked out from."""

    offers: list[Offer]
    trips_per_month: int
    round_trip_fare_yen: int  # the region pack's round trip from Tokyo


def place_offers(
    municipality,
    *,
    trips_per_month: int,
    today: datetime.date,
    contract_months: int = 0,
    payee: str | None = None,
) -> SupportOffers | None:
    """The programs that pay towards ``trips_per_month`` round trips from Tokyo to
    ``municipality`` at the region pack's fare, for a sheet's or a contract's page (four queries:
    the fare two, the offers two; none and ``None`` without trips)."""
    if trips_per_month <= 0:
        return None
    fare = pack_fare(municipality)
    offers = support_offers(
        today=today,
        destination_prefecture=municipality.prefecture.code,
        round_trip_fare_yen=fare,
        trips_per_month=trips_per_month,
        contract_months=contract_months,
        payee=payee,
    )
    return SupportOffers(offers=offers, trips_per_month=trips_per_month, round_trip_fare_yen=fare)
