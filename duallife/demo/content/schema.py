"""The shape of the demo's texts: one frozen dataclass per file of ``data/demo`` and the records
inside it. The field types are the schema the loader (:mod:`.loader`) checks each file against."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple


class Notes(NamedTuple):
    sheet: str
    company: str
    talent: str
    region: str
    program: str
    draft: str
    verification: str
    support_returned: str
    support_rejected: str


@dataclasses.dataclass(frozen=True)
class MarksFile:
    mark: str
    notes: Notes


@dataclasses.dataclass(frozen=True)
class PeopleFile:
    family_names: tuple[tuple[str, str], ...]  # (漢字, カタカナ)
    given_names: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class PlacesFile:
    company_prefectures: tuple[str, ...]
    company_towns: dict[str, tuple[str, ...]]
    coastal_towns: dict[str, tuple[str, ...]]
    home_areas: dict[str, tuple[str, ...]]


@dataclasses.dataclass(frozen=True)
class Program:
    prefecture: str
    owner: str
    category: str
    name: str
    summary: str
    amount_note: str
    conditions: str
    municipality: str | None = None
    amount_yen: int | None = None
    is_published: bool = True


@dataclasses.dataclass(frozen=True)
class ProgramsFile:
    program: tuple[Program, ...]


class Scope(NamedTuple):
    prefecture: str
    town: str | None = None  # None: the whole prefecture


@dataclasses.dataclass(frozen=True)
class Secretariat:
    name: str
    name_kana: str
    prefecture: str


@dataclasses.dataclass(frozen=True)
class CoordinatorSpec:
    key: str  # slug part and e-mail part: demo-coord-<key>, coordinator-<key>@example.jp
    name: str  # without the demo mark
    name_kana: str
    prefecture: str
    body_type: str  # CoordinatorProfile.BodyType value
    town: str | None = None  # the body's own municipality, by name
    scopes: tuple[Scope, ...] = ()
    address: str = ""
    region_vision: str = ""
    talent_needed: str = ""


@dataclasses.dataclass(frozen=True)
class CoordinatorsFile:
    secretariat: Secretariat
    coordinator: tuple[CoordinatorSpec, ...]


@dataclasses.dataclass(frozen=True)
class CompanyType:
    """A kind of company with the words its texts are built from."""

    key: str
    industry: str  # 日本標準産業分類の大分類コード
    tail: tuple[str, str]  # name part and reading: ("醸造", "ジョウゾウ")
    forms: tuple[str, ...]  # legal forms: "株式会社{}" …
    business: str  # 〜を手がけています
    product: str
    buyers: str
    strength: str  # short: goes into a title
    asset: str
    experience: str  # a free "welcome" skill for its sheets
    founded: tuple[int, int]
    sizes: tuple[str, ...]
    sheets: tuple[str, ...]  # spec-sheet template keys that suit it
    vision: str
    strategy: str
    region_meaning: str
    appeal: str
    top_message: str
    coastal: bool = False


@dataclasses.dataclass(frozen=True)
class CompaniesFile:
    brand_words: tuple[tuple[str, str], ...]
    shared_appeal: str
    shared_closing: str
    top_titles: dict[str, str]
    company_type: tuple[CompanyType, ...]

    def top_title_for(self, form: str) -> str:
        for prefix, title in self.top_titles.items():
            if prefix in form:
                return title
        return "代表"


class FeeReason(NamedTuple):
    fee: tuple[int, int]
    text: str


@dataclasses.dataclass(frozen=True)
class SheetTemplate:
    key: str
    title: str
    issue: str
    outcome: str
    why_you: str
    themes: tuple[str, ...]
    required: tuple[str, ...]  # skill keys
    welcome: tuple[str, ...]  # skill keys; the company type's experience is added as a free skill
    days: tuple[int, int]
    work_style: str
    visits: int
    duration: int
    travel_paid_by: str
    #: monthly fee options (min, max); ``None`` for a プロボノ sheet
    fees: tuple[tuple[int, int], ...] | None = None
    subsidy_applies: bool = False
    fee_reasons: tuple[FeeReason, ...] = ()

    def fee_reason(self, fee: tuple[int, int]) -> str:
        return next((reason.text for reason in self.fee_reasons if reason.fee == fee), "")


class ReturnRound(NamedTuple):
    """A coordinator's comment when returning a sheet, and the company's fix before it submits
    again: the text appended to ``field`` (or the value of ``fee_reason``)."""

    comment: str
    field: str
    fix: str


@dataclasses.dataclass(frozen=True)
class SheetsFile:
    approve_comments: tuple[str, ...]
    return_round: tuple[ReturnRound, ...]
    template: tuple[SheetTemplate, ...]


@dataclasses.dataclass(frozen=True)
class Persona:
    role: str  # for display names: 「弘前出身のWebマーケター」
    jobs: tuple[str, ...]
    industries: tuple[str, ...]
    skills: tuple[str, ...]  # vocabulary keys, most relevant first
    themes: tuple[str, ...]
    intro: str


@dataclasses.dataclass(frozen=True)
class TalentsFile:
    free_skills: tuple[str, ...]
    motives: dict[str, str]  # TalentProfile.Motive value → a sentence of the introduction
    persona: tuple[Persona, ...]


class ThreadLine(NamedTuple):
    side: str  # "company" or "talent"
    text: str


class CheckinAnswer(NamedTuple):
    rating: int
    on_track: bool
    comment: str


@dataclasses.dataclass(frozen=True)
class EngagementsFile:
    application_messages: tuple[str, ...]
    scout_messages: tuple[str, ...]
    decline_reasons: tuple[str, ...]
    withdraw_reasons: tuple[str, ...]
    scout_decline_reasons: tuple[str, ...]
    early_end_notes: tuple[str, ...]
    referral_note: str
    work_place: str
    thread: tuple[ThreadLine, ...]
    #: A casual talk (まずは話を聞く) on a scout, in order: side ``talent`` or ``company``.
    casual_talk: tuple[ThreadLine, ...]
    checkin_answer: tuple[CheckinAnswer, ...]


class DraftEventNames(NamedTuple):
    answered: str
    negotiating: str
    open: str


class DraftEventTexts(NamedTuple):
    rules: str
    rebate: str


class DraftTeamTexts(NamedTuple):
    strategy: str
    wants: str
    life: str


class DraftCampTexts(NamedTuple):
    title: str
    place: str
    description: str


class DraftCamps(NamedTuple):
    online: DraftCampTexts
    onsite: DraftCampTexts


class DraftMessages(NamedTuple):
    team: str
    player: str


@dataclasses.dataclass(frozen=True)
class DraftsFile:
    pitches: tuple[str, ...]
    team_messages: tuple[str, ...]
    events: DraftEventNames
    event: DraftEventTexts
    team: DraftTeamTexts
    outcome_notes: dict[str, str]  # Nomination.Outcome value → note
    camps: DraftCamps
    messages: DraftMessages


@dataclasses.dataclass(frozen=True)
class DemoContent:
    """Every text of the demo, by file."""

    marks: MarksFile
    people: PeopleFile
    places: PlacesFile
    programs: ProgramsFile
    coordinators: CoordinatorsFile
    companies: CompaniesFile
    sheets: SheetsFile
    talents: TalentsFile
    engagements: EngagementsFile
    drafts: DraftsFile

    @property
    def mark(self) -> str:
        """Ends every demo organisation's name and starts every demo programme's."""
        return self.marks.mark

    @property
    def notes(self) -> Notes:
        """The note that closes each kind of demo text (it says the thing is fictional)."""
        return self.marks.notes

    @property
    def sheet_templates(self) -> dict[str, SheetTemplate]:
        return {template.key: template for template in self.sheets.template}
