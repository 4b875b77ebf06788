"""Reading ``data/demo/*.toml`` and checking it before any of it is used.

Each file is converted field by field into the schema's types (:mod:`.schema`); anything missing,
unknown or of the wrong type, a ``{placeholder}`` the builder does not fill, and a reference to a
key that is not there (a company type's sheet templates, a duplicate key) is refused with the file,
the entry and the field. A file that is not TOML at all is refused with the parser's line and column.
"""

from __future__ import annotations

import dataclasses
import string
import tomllib
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from ..errors import DemoContentError
from .schema import (
    CompaniesFile,
    CoordinatorsFile,
    DemoContent,
    DraftsFile,
    EngagementsFile,
    MarksFile,
    PeopleFile,
    PlacesFile,
    ProgramsFile,
    SheetsFile,
    TalentsFile,
)

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
    for name in ("thread", "casual_talk"):
        for index, line in enumerate(getattr(content.engagements, name)):
            if line.side not in THREAD_SIDES:
                problems.append(
                    f"data/demo/engagements.toml: {name}[{index}].side は company か talent です。"
                )
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
