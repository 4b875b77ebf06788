"""The data of a support program and of a claim, and the check of a program's rules.

Rules arrive as a mapping (a program's TOML file); :func:`rules_from_mapping` checks every key and
reports every problem at once as ``(key, code)`` pairs, which the caller words (with the file's
name) in the reader's language.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

PAYEES = ("company", "talent")
FLOOR_SCOPES = ("trip", "claim")
PREFECTURE_CODES = frozenset(f"{n:02d}" for n in range(1, 48))
MAX_YEN = 10_000_000_000


class RulesError(ValueError):
    """The rules of a program are not usable: ``problems`` lists ``(key, code)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{key}: {code}" for key, code in problems))
        self.problems = problems


@dataclass(frozen=True)
class Rules:
    name: str
    owner: str
    fiscal_year: int
    budget_yen: int
    payee: str
    source: str
    source_date: datetime.date
    rate: Fraction
    min_round_trip_yen: int | None = None
    floor_inclusive: bool = False
    floor_scope: str = "trip"
    floor_voids_lodging: bool = False
    covers_lodging: bool = False
    lodging_cap_per_night_yen: int | None = None
    cap_per_claim_yen: int | None = None
    cap_per_person_per_fy_yen: int | None = None
    cap_per_company_per_fy_yen: int | None = None
    cap_per_person_multi_year_yen: int | None = None
    multi_year_span: int | None = None
    max_people_per_company_per_fy: int | None = None
    max_claims_per_person_per_fy: int | None = None
    max_contract_months: int | None = None
    no_stacking: bool = False
    origin_prefectures: tuple[str, ...] = ()
    destination_prefectures: tuple[str, ...] = ()
    round_down_to_yen: int = 1
    notes: str = ""


@dataclass(frozen=True)
class Trip:
    date: datetime.date
    origin_prefecture: str
    destination_prefecture: str
    round_trip_fare_yen: int
    lodging_nights: int = 0
    lodging_yen_per_night: int = 0
    other_subsidy: bool = False


@dataclass(frozen=True)
class Claim:
    id: Any
    person: Any
    company: Any
    contract_months: int
    trips: tuple[Trip, ...]


@dataclass(frozen=True)
class Granted:
    """What was granted before a claim, under the same program: the person's total in the fiscal
    year and over the multi-year span, the company's total in the year, the people the company
    claimed for in the year, and how many claims the person made in the year."""

    person_fy_yen: int = 0
    person_span_yen: int = 0
    company_fy_yen: int = 0
    company_people: frozenset = field(default_factory=frozenset)
    person_claims: int = 0


@dataclass(frozen=True)
class Reason:
    """A refusal or a cut: a code and the figures it involves (as ``(name, value)`` pairs)."""

    code: str
    figures: tuple[tuple[str, Any], ...] = ()

    def figure(self, name: str) -> Any:
        return dict(self.figures)[name]


@dataclass(frozen=True)
class Outcome:
    eligible: bool
    payable_yen: int
    eligible_costs_yen: int
    reasons: tuple[Reason, ...]


# --- Checking rules -------------------------------------------------------------------------------

REQUIRED = ("name", "owner", "fiscal_year", "budget_yen", "payee", "source", "source_date", "rate")
OPTIONAL_YEN = (
    "min_round_trip_yen",
    "lodging_cap_per_night_yen",
    "cap_per_claim_yen",
    "cap_per_person_per_fy_yen",
    "cap_per_company_per_fy_yen",
    "cap_per_person_multi_year_yen",
)
OPTIONAL_COUNTS = (
    "multi_year_span",
    "max_people_per_company_per_fy",
    "max_claims_per_person_per_fy",
    "max_contract_months",
)
FLAGS = ("floor_inclusive", "floor_voids_lodging", "covers_lodging", "no_stacking")
OTHER_KEYS = ("floor_scope", "origin_prefectures", "destination_prefectures", "round_down_to_yen", "notes")
KNOWN = frozenset((*REQUIRED, *OPTIONAL_YEN, *OPTIONAL_COUNTS, *FLAGS, *OTHER_KEYS))


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_rate(text) -> Fraction | None:
    """「1/2」, 「8/10」 → a fraction in (0, 1]; anything else → None."""
    if not isinstance(text, str) or text.count("/") != 1:
        return None
    top, bottom = (part.strip() for part in text.split("/"))
    if not (top.isascii() and bottom.isascii() and top.isdigit() and bottom.isdigit()) or int(bottom) == 0:
        return None
    rate = Fraction(int(top), int(bottom))
    return rate if 0 < rate <= 1 else None


def rules_from_mapping(data: Mapping[str, Any]) -> Rules:
    """The rules of ``data``, checked; :class:`RulesError` lists every problem (key, code)."""
    problems: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    problems += [(key, "unknown_key") for key in sorted(set(data) - KNOWN)]
    for key in REQUIRED:
        if key not in data:
            problems.append((key, "missing"))
    for key in ("name", "owner", "source"):
        if key in data:
            if isinstance(data[key], str) and data[key].strip():
                values[key] = data[key].strip()
            else:
                problems.append((key, "not_text"))
    if "fiscal_year" in data:
        if _is_int(data["fiscal_year"]) and 2000 <= data["fiscal_year"] <= 2100:
            values["fiscal_year"] = data["fiscal_year"]
        else:
            problems.append(("fiscal_year", "not_a_year"))
    if "payee" in data:
        if data["payee"] in PAYEES:
            values["payee"] = data["payee"]
        else:
            problems.append(("payee", "not_a_payee"))
    if "source_date" in data:
        value = data["source_date"]
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            values["source_date"] = value
        else:
            problems.append(("source_date", "not_a_date"))
    if "rate" in data:
        rate = parse_rate(data["rate"])
        if rate is None:
            problems.append(("rate", "not_a_rate"))
        else:
            values["rate"] = rate
    for key in ("budget_yen", *OPTIONAL_YEN):
        if key in data:
            if _is_int(data[key]) and 0 <= data[key] <= MAX_YEN:
                values[key] = data[key]
            else:
                problems.append((key, "not_yen"))
    for key in OPTIONAL_COUNTS:
        if key in data:
            if _is_int(data[key]) and 1 <= data[key] <= 1000:
                values[key] = data[key]
            else:
                problems.append((key, "not_a_count"))
    for key in FLAGS:
        if key in data:
            if isinstance(data[key], bool):
                values[key] = data[key]
            else:
                problems.append((key, "not_a_flag"))
    if "floor_scope" in data:
        if data["floor_scope"] in FLOOR_SCOPES:
            values["floor_scope"] = data["floor_scope"]
        else:
            problems.append(("floor_scope", "not_a_scope"))
    for key in ("origin_prefectures", "destination_prefectures"):
        if key in data:
            codes = data[key]
            if isinstance(codes, list) and codes and all(code in PREFECTURE_CODES for code in codes):
                values[key] = tuple(codes)
            else:
                problems.append((key, "not_prefectures"))
    if "round_down_to_yen" in data:
        if _is_int(data["round_down_to_yen"]) and 1 <= data["round_down_to_yen"] <= 100_000:
            values["round_down_to_yen"] = data["round_down_to_yen"]
        else:
            problems.append(("round_down_to_yen", "not_yen"))
    if "notes" in data:
        if isinstance(data["notes"], str):
            values["notes"] = data["notes"].strip()
        else:
            problems.append(("notes", "not_text"))
    if ("cap_per_person_multi_year_yen" in data) != ("multi_year_span" in data):
        problems.append(("multi_year_span", "span_and_cap_go_together"))
    if "lodging_cap_per_night_yen" in data and data.get("covers_lodging") is not True:
        problems.append(("lodging_cap_per_night_yen", "lodging_not_covered"))
    if problems:
        raise RulesError(problems)
    return Rules(**values)
