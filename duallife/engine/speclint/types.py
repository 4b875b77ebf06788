"""Inputs and outputs of the spec-sheet quality check: frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from types import MappingProxyType


class WorkStyle(StrEnum):
    REMOTE = "remote"  # リモートのみ
    HYBRID = "hybrid"  # リモート＋月N回の現地訪問
    ONSITE = "onsite"  # 現地中心


class ContractType(StrEnum):
    OUTSOURCING = "outsourcing"  # 業務委託
    PROBONO = "probono"  # プロボノ
    EMPLOYMENT_REFERRAL = "employment_referral"  # 雇用（許可を持つ提携事業者への紹介）


class Severity(StrEnum):
    ERROR = "error"  # 提出前に直す必要がある
    WARNING = "warning"  # 直すと応募が集まりやすい
    INFO = "info"  # 参考情報（点数は下がらない）


@dataclass(frozen=True, slots=True)
class SheetDraft:
    """A spec sheet (仕様書) as its author has written it so far. Every field may still be empty.

    ``themes`` are theme keys; ``required_skills`` and ``welcome_skills`` are skill keys or free
    skills as typed. Money is integer yen a month. ``today`` is passed in: the check never reads a
    clock. Lists are accepted and stored as tuples.
    """

    today: date
    title: str = ""
    issue: str = ""  # 背景・課題
    outcome: str = ""  # 成果物・ゴール
    themes: tuple[str, ...] = ()
    required_skills: tuple[str, ...] = ()
    welcome_skills: tuple[str, ...] = ()
    days_per_month_min: int | None = None
    days_per_month_max: int | None = None
    work_style: str = ""
    visits_per_month: int | None = None
    duration_months: int | None = None
    fee_min_yen: int | None = None
    fee_max_yen: int | None = None
    is_probono: bool = False
    fee_reason: str = ""
    contract_type: str = ContractType.OUTSOURCING
    closes_on: date | None = None
    why_you: str = ""  # なぜ「あなた」が必要か
    openings: int | None = 1

    def __post_init__(self) -> None:
        for name in ("themes", "required_skills", "welcome_skills"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(item for item in (value or ()) if isinstance(item, str)))
        for name in ("title", "issue", "outcome", "fee_reason", "why_you", "work_style", "contract_type"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, "")


#: Field names in form order; findings are sorted by this, then by code.
FIELD_ORDER: tuple[str, ...] = tuple(f.name for f in fields(SheetDraft) if f.name != "today")
_FIELD_INDEX = {name: index for index, name in enumerate(FIELD_ORDER)}


#: What a finding's parameters may hold: numbers, dates, matched words, field names, lists of words.
Param = int | str | date | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to improve, as data: the app words it in the reader's language.

    ``code`` is stable (tests, UI, API). ``variant`` tells apart two wordings of one code (e.g.
    ``why_you_generic`` for a short answer or for stock phrases); :attr:`key` joins them
    (``"why_you_generic.short"``) and is what the app looks the words up by. ``params`` holds
    what the words quote: numbers, dates, the matched phrase, the skills in question (see each
    check in :mod:`.checks`).
    """

    code: str
    severity: Severity
    field: str  # a SheetDraft field name
    params: Mapping[str, Param] = field(default_factory=dict)
    variant: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.code, self.severity, self.field, tuple(sorted(self.params.items())), self.variant))

    @property
    def key(self) -> str:
        """The wording to use: the code, or ``code.variant``."""
        return f"{self.code}.{self.variant}" if self.variant else self.code

    @property
    def sort_key(self) -> tuple[int, str]:
        return (_FIELD_INDEX.get(self.field, len(_FIELD_INDEX)), self.code)


@dataclass(frozen=True, slots=True)
class FeeBand:
    """The usual monthly fee for a number of days a month, in yen (both ends included)."""

    low_yen: int
    high_yen: int


@dataclass(frozen=True, slots=True)
class LintReport:
    """The result: a score from 0 to 100 and the findings, sorted by field (form order) then code."""

    score: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def ready(self) -> bool:
        """True when nothing blocks submitting the sheet for review (no errors)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.INFO)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    def for_field(self, name: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.field == name)
