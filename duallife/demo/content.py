"""The texts of ``duallife demo``, read from ``data/demo/*.toml`` and checked before any is used.

Why TOML: Japanese paragraphs read as they are (no escaped quotes or ``\\uXXXX``), a long text wraps
over several lines with a trailing backslash, comments say what a table is for, and Python reads it
with the standard library (``tomllib``). JSON has neither comments nor multi-line strings; CSV fits
flat lists only, not a company type with its twenty fields.

Each file maps to a frozen dataclass below; the field types are the schema. :func:`load_content`
reads every file, converts it field by field and refuses, naming the file, the entry and the field,
anything missing, unknown or of the wrong type, a ``{placeholder}`` the builder does not fill, and a
reference to a key that is not there (a company type's sheet templates, a duplicate key). A file
that is not TOML at all is refused with the parser's line and column.

Everything in these files is invented and says so: organisations carry ``（デモ）`` in their name,
texts end with a note, web sites are ``https://*.example.jp`` and addresses end in ``@example.jp``.
Places are real (the region pack's municipalities); skills, themes and industries are vocabulary
keys (``data/vocabulary/*.csv``), so a renamed skill keeps working.
"""

from __future__ import annotations

import dataclasses
import string
import tomllib
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings

from .errors import DemoContentError

# --- The schema: one dataclass per file, and the records inside -------------------------------------


class Notes(NamedTuple):
    sheet: str
    company: str
    talent: str
    region: str
    program: str
    draft: str


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
    thread: tuple[ThreadLine, ...]
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


FILES: dict[str, type] = {
    "marks": MarksFile,
    "people": PeopleFile,
    "places": PlacesFile,
    "programs": ProgramsFile,
    "coordinators": CoordinatorsFile,
    "companies": CompaniesFile,
    "sheets": SheetsFile,
    "talents": TalentsFile,
    "engagements": EngagementsFile,
    "drafts": DraftsFile,
}

#: The placeholders (``str.format``) each kind of text may use.
COMPANY_WORDS = frozenset({"place", "pref", "short", "business", "product", "buyers", "strength", "asset"})
PLACEHOLDERS: dict[tuple[str, str], frozenset[str]] = {
    **{("companies", name): COMPANY_WORDS for name in ("vision", "strategy", "region_meaning", "appeal")},
    ("companies", "top_message"): COMPANY_WORDS,
    ("companies", "shared_closing"): COMPANY_WORDS,
    **{("sheets", name): COMPANY_WORDS for name in ("title", "issue", "outcome", "why_you")},
    ("engagements", "application_messages"): frozenset({"title", "job"}),
    ("engagements", "scout_messages"): frozenset({"name", "title"}),
    ("drafts", "place"): frozenset({"prefecture"}),
}
RETURN_FIELDS = frozenset({"issue", "outcome", "why_you", "fee_reason"})
THREAD_SIDES = frozenset({"company", "talent"})
#: Sheets a company writes at most (the builder's ``SHEETS_PER_COMPANY``): its type needs as many templates.
MOST_SHEETS_PER_COMPANY = 5


# --- Reading and checking ----------------------------------------------------------------------------


def content_dir() -> Path:
    return Path(getattr(settings, "DEMO_DATA_DIR", Path(settings.BASE_DIR) / "data" / "demo"))


@lru_cache(maxsize=1)
def demo_content() -> DemoContent:
    """The demo's texts from ``data/demo`` (read and checked once a process)."""
    return load_content(content_dir())


def load_content(directory: Path) -> DemoContent:
    """Read and check every file of ``directory``; :class:`DemoContentError` says what is wrong."""
    parts = {name: _load_file(directory / f"{name}.toml", schema) for name, schema in FILES.items()}
    content = DemoContent(**parts)
    _check_references(content)
    return content


def _load_file(path: Path, schema: type) -> Any:
    name = f"data/demo/{path.name}"
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        raise DemoContentError(f"{name}: ファイルがありません。") from None
    except tomllib.TOMLDecodeError as exc:
        raise DemoContentError(f"{name}: TOMLとして読めません（{exc}）。") from None
    except UnicodeDecodeError:
        raise DemoContentError(f"{name}: UTF-8 で保存してください。") from None
    value = _Reader(name).convert(raw, schema, "")
    _check_placeholders(raw, path.stem, name)
    return value


_TYPE_NAMES = {str: "文字列", int: "整数", bool: "true か false"}


class _Reader:
    """Converts what tomllib read into the schema's types, naming the place of a mistake."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, path: str, message: str) -> DemoContentError:
        return DemoContentError(f"{self.file}: {path}: {message}" if path else f"{self.file}: {message}")

    def convert(self, value: Any, annotation: Any, path: str) -> Any:
        origin = typing.get_origin(annotation)
        if origin in (types.UnionType, typing.Union):
            (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            return self.convert(value, inner, path)
        if annotation in _TYPE_NAMES:
            if type(value) is not annotation:
                raise self.fail(path, f"{_TYPE_NAMES[annotation]}にしてください（今は {value!r}）。")
            return value
        if origin is tuple:
            return self.array(value, typing.get_args(annotation), path)
        if origin is dict:
            if not isinstance(value, dict):
                raise self.fail(path, "テーブルにしてください。")
            value_type = typing.get_args(annotation)[1]
            return {key: self.convert(item, value_type, _join(path, key)) for key, item in value.items()}
        if dataclasses.is_dataclass(annotation) or _is_named_tuple(annotation):
            return self.record(value, annotation, path)
        raise TypeError(f"no conversion for {annotation!r}")  # pragma: no cover (a schema mistake)

    def array(self, value: Any, args: tuple, path: str) -> tuple:
        if not isinstance(value, list):
            raise self.fail(path, "配列にしてください。")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(self.convert(item, args[0], f"{path}[{i}]") for i, item in enumerate(value))
        if len(value) != len(args):
            raise self.fail(path, f"要素を{len(args)}個にしてください（今は{len(value)}個）。")
        return tuple(
            self.convert(item, arg, f"{path}[{i}]")
            for i, (item, arg) in enumerate(zip(value, args, strict=True))
        )

    def record(self, value: Any, cls: type, path: str) -> Any:
        if not isinstance(value, dict):
            raise self.fail(path, "テーブルにしてください。")
        hints = typing.get_type_hints(cls)
        if dataclasses.is_dataclass(cls):
            required = {f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING}
        else:
            required = set(cls._fields) - set(cls._field_defaults)
        if isinstance(value.get("key"), str):
            path = f"{path} ({value['key']})"
        unknown = sorted(set(value) - set(hints))
        if unknown:
            raise self.fail(path, f"知らない項目があります: {', '.join(unknown)}")
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(path, f"項目がありません: {', '.join(missing)}")
        return cls(
            **{name: self.convert(item, hints[name], _join(path, name)) for name, item in value.items()}
        )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_named_tuple(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, tuple) and hasattr(annotation, "_fields")


def _format_names(text: str) -> set[str]:
    """The ``{names}`` of ``text``; raises ValueError on a brace that is not a placeholder."""
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def _strings(value: Any, path: str):
    """Every string in ``value``, with its path (``template[3].title``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, _join(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _check_placeholders(raw: dict, stem: str, file: str) -> None:
    for path, text in _strings(raw, ""):
        key = path.split(".")[-1].split("[")[0]
        if stem == "companies" and key == "forms":
            if text.count("{}") != 1 or _format_names(text) != {""}:
                raise DemoContentError(
                    f"{file}: {path}: 法人の形は「{{}}」を1つだけ含めてください（{text}）。"
                )
            continue
        allowed = PLACEHOLDERS.get((stem, key), frozenset())
        try:
            names = _format_names(text)
        except ValueError:
            raise DemoContentError(
                f"{file}: {path}: 波かっこの対応が取れていません（文字として使うときは {{{{ }}}}）。"
            ) from None
        unknown = sorted(names - allowed)
        if unknown:
            usable = f"使えるのは {', '.join(sorted(allowed))}" if allowed else "この項目では使えません"
            raise DemoContentError(
                f"{file}: {path}: 使えない差し込み {{{'}, {'.join(unknown)}}} があります（{usable}）。"
            )


def _duplicates(keys: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({key for key in keys if key in seen or seen.add(key)})


def _check_references(content: DemoContent) -> None:
    problems = []
    for stem, keys in (
        ("coordinators", [spec.key for spec in content.coordinators.coordinator]),
        ("companies", [kind.key for kind in content.companies.company_type]),
        ("sheets", [template.key for template in content.sheets.template]),
    ):
        if duplicated := _duplicates(keys):
            problems.append(f"data/demo/{stem}.toml: key が重複しています: {', '.join(duplicated)}")
    templates = content.sheet_templates
    for index, kind in enumerate(content.companies.company_type):
        where = f"data/demo/companies.toml: company_type[{index}] ({kind.key}):"
        unknown = [key for key in kind.sheets if key not in templates]
        if unknown:
            problems.append(f"{where} sheets.toml にないテンプレートです: {', '.join(unknown)}")
        if len(set(kind.sheets)) < MOST_SHEETS_PER_COMPANY:
            problems.append(f"{where} sheets は{MOST_SHEETS_PER_COMPANY}つ以上にしてください。")
    places = content.places
    for table in ("company_towns", "coastal_towns"):
        missing = [code for code in places.company_prefectures if not getattr(places, table).get(code)]
        if missing:
            problems.append(f"data/demo/places.toml: {table} に県 {', '.join(missing)} の町がありません。")
    for index, rounds in enumerate(content.sheets.return_round):
        if rounds.field not in RETURN_FIELDS:
            fields = ", ".join(sorted(RETURN_FIELDS))
            problems.append(f"data/demo/sheets.toml: return_round[{index}].field は {fields} のどれかです。")
    for index, line in enumerate(content.engagements.thread):
        if line.side not in THREAD_SIDES:
            problems.append(f"data/demo/engagements.toml: thread[{index}].side は company か talent です。")
    problems += [
        f"data/demo/{stem}.toml: {name} が空です。"
        for stem, name, value in (
            ("people", "family_names", content.people.family_names),
            ("people", "given_names", content.people.given_names),
            ("companies", "brand_words", content.companies.brand_words),
            ("companies", "company_type", content.companies.company_type),
            ("talents", "persona", content.talents.persona),
            ("engagements", "application_messages", content.engagements.application_messages),
            ("engagements", "scout_messages", content.engagements.scout_messages),
            ("drafts", "pitches", content.drafts.pitches),
        )
        if not value
    ]
    if problems:
        raise DemoContentError("\n".join(problems))
