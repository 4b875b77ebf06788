"""Writes to the shared vocabularies: loading ``data/vocabulary/*.csv`` into the database.

:func:`vocabulary_load` validates all three files in full (every problem is collected with its file
and line, in Japanese), then upserts skills, themes and industry major groups in one transaction.
It is idempotent: rows are matched on their natural keys (skill and theme ``key``, industry
``code``), so a second run changes nothing. Rows that left the files are kept (talents and spec
sheets may point at them) and counted in the report.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.engine.skills import (
    IndustryRow,
    SkillRow,
    SkillVocabulary,
    ThemeRow,
    VocabularyError,
    parse_industry_rows,
    parse_skill_rows,
    parse_theme_rows,
)

from .errors import VocabularyLoadError, VocabularyProblem
from .models import IndustryGroup, Skill, Theme
from .selectors import skill_vocabulary_invalidate

SYNONYM_SEPARATOR = "|"
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_INDUSTRY_CODE = re.compile(r"^[A-T]$")


@dataclass
class VocabularyLoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    not_in_files: Counter = field(default_factory=Counter)

    LABELS = (
        ("skills", gettext_lazy("スキル")),
        ("themes", gettext_lazy("テーマ")),
        ("industries", gettext_lazy("産業分類（大分類）")),
    )

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def lines(self) -> list[str]:
        out = []
        for label, title in self.LABELS:
            counts = {
                "title": title,
                "created": self.created[label],
                "updated": self.updated[label],
                "unchanged": self.unchanged[label],
                "kept": self.not_in_files[label],
            }
            if self.not_in_files[label]:
                line = _(
                    "%(title)s: 追加 %(created)d / 更新 %(updated)d / 変更なし %(unchanged)d / "
                    "ファイルにない %(kept)d（削除せず残しています）"
                )
            else:
                line = _("%(title)s: 追加 %(created)d / 更新 %(updated)d / 変更なし %(unchanged)d")
            out.append(line % counts)
        return out


def vocabulary_dir() -> Path:
    default = Path(settings.BASE_DIR) / "data" / "vocabulary"
    return Path(getattr(settings, "VOCABULARY_DIR", default))


# --- reading and validating ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    name: str
    max_length: int
    required: bool = True


_SKILL_COLUMNS = (
    _Column("key", Skill._meta.get_field("key").max_length),
    _Column("name", Skill._meta.get_field("name").max_length),
    _Column("name_en", Skill._meta.get_field("name_en").max_length, required=False),
    _Column("category", Skill._meta.get_field("category").max_length, required=False),
    _Column("synonyms", 2000, required=False),
)
_THEME_COLUMNS = (
    _Column("key", Theme._meta.get_field("key").max_length),
    _Column("name", Theme._meta.get_field("name").max_length),
    _Column("name_en", Theme._meta.get_field("name_en").max_length, required=False),
)
_INDUSTRY_COLUMNS = (
    _Column("code", IndustryGroup._meta.get_field("code").max_length),
    _Column("name", IndustryGroup._meta.get_field("name").max_length),
    _Column("name_en", IndustryGroup._meta.get_field("name_en").max_length, required=False),
)
_COLUMN_TITLES = {
    "key": gettext_lazy("識別子"),
    "code": gettext_lazy("コード"),
    "name": gettext_lazy("名称"),
    "name_en": gettext_lazy("英語名"),
    "category": gettext_lazy("分類"),
}


def _read_csv(
    directory: Path, filename: str, columns: Sequence[_Column], problems: list[VocabularyProblem]
) -> list[tuple[int, dict[str, str]]] | None:
    """(line number, row) pairs with every cell checked for presence and length, or ``None``."""
    path = directory / filename
    if not path.is_file():
        problems.append(
            VocabularyProblem(filename, None, _("ファイルが見つかりません（%(path)s）") % {"path": path})
        )
        return None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c.name for c in columns if c.name not in header]
            if missing:
                problems.append(
                    VocabularyProblem(
                        filename,
                        1,
                        _("見出し行に列がありません: %(columns)s") % {"columns": ", ".join(missing)},
                    )
                )
                return None
            rows = [(reader.line_num, dict(row)) for row in reader]
    except UnicodeDecodeError:
        problems.append(VocabularyProblem(filename, None, _("UTF-8 で保存してください")))
        return None
    except csv.Error as exc:
        problems.append(
            VocabularyProblem(filename, None, _("CSV として読めません（%(error)s）") % {"error": exc})
        )
        return None
    if not rows:
        problems.append(VocabularyProblem(filename, None, _("データ行がありません")))
    for line, row in rows:
        if None in row:
            problems.append(VocabularyProblem(filename, line, _("列の数が見出し行より多くなっています")))
        for column in columns:
            value = (row.get(column.name) or "").strip()
            title = _COLUMN_TITLES.get(column.name, column.name)
            if column.required and not value:
                problems.append(
                    VocabularyProblem(
                        filename,
                        line,
                        _("%(title)s（%(column)s）が空です") % {"title": title, "column": column.name},
                    )
                )
            elif len(value) > column.max_length:
                problems.append(
                    VocabularyProblem(
                        filename,
                        line,
                        _("%(title)s（%(column)s）は%(max)d文字以内にしてください")
                        % {"title": title, "column": column.name, "max": column.max_length},
                    )
                )
    return rows


def _check_keys(
    filename: str,
    rows: list[tuple[int, dict[str, str]]],
    column: str,
    pattern: re.Pattern,
    hint: str,
    problems: list[VocabularyProblem],
) -> None:
    first_line: dict[str, int] = {}
    for line, row in rows:
        value = (row.get(column) or "").strip()
        if not value:
            continue
        if not pattern.match(value):
            message = _("%(column)s %(value)s は%(hint)sにしてください") % {
                "column": column,
                "value": repr(value),
                "hint": hint,
            }
            problems.append(VocabularyProblem(filename, line, message))
        if value in first_line:
            problems.append(
                VocabularyProblem(
                    filename,
                    line,
                    _("%(column)s %(value)s は%(line)d行目と重複しています")
                    % {"column": column, "value": repr(value), "line": first_line[value]},
                )
            )
        else:
            first_line[value] = line


@dataclass(frozen=True)
class VocabularyData:
    skills: tuple[SkillRow, ...]
    themes: tuple[ThemeRow, ...]
    industries: tuple[IndustryRow, ...]


def read_vocabulary(directory: Path | None = None) -> VocabularyData:
    """Read and validate the three files; raise :class:`VocabularyLoadError` listing every problem."""
    directory = directory or vocabulary_dir()
    problems: list[VocabularyProblem] = []
    skill_rows = _read_csv(directory, "skills.csv", _SKILL_COLUMNS, problems)
    theme_rows = _read_csv(directory, "themes.csv", _THEME_COLUMNS, problems)
    industry_rows = _read_csv(directory, "industries.csv", _INDUSTRY_COLUMNS, problems)
    key_hint = _("半角英小文字・数字をハイフンでつないだもの（例: web-marketing）")
    if skill_rows is not None:
        _check_keys("skills.csv", skill_rows, "key", _KEY, key_hint, problems)
    if theme_rows is not None:
        _check_keys("themes.csv", theme_rows, "key", _KEY, key_hint, problems)
    if industry_rows is not None:
        _check_keys(
            "industries.csv", industry_rows, "code", _INDUSTRY_CODE, _("A〜T の大文字1文字"), problems
        )
    if problems:
        raise VocabularyLoadError(problems)

    def parse(filename: str, parser: Callable, rows: list[tuple[int, dict[str, str]]]) -> Any:
        try:
            return parser([row for _line, row in rows])
        except VocabularyError as exc:
            problems.append(
                VocabularyProblem(filename, None, _("内容に誤りがあります（%(error)s）") % {"error": exc})
            )
            return ()

    skills = parse("skills.csv", parse_skill_rows, skill_rows)
    themes = parse("themes.csv", parse_theme_rows, theme_rows)
    industries = parse("industries.csv", parse_industry_rows, industry_rows)
    if skills:
        try:
            SkillVocabulary(skills)  # two skills may not share a name or synonym once normalised
        except VocabularyError as exc:
            problems.append(
                VocabularyProblem(
                    "skills.csv",
                    None,
                    _("名称・同義語が別のスキルと重なっています（%(error)s）") % {"error": exc},
                )
            )
    if problems:
        raise VocabularyLoadError(problems)
    return VocabularyData(skills=skills, themes=themes, industries=industries)


# --- writing ------------------------------------------------------------------------------------


def vocabulary_load(*, directory: Path | None = None) -> VocabularyLoadReport:
    """Validate ``data/vocabulary/*.csv`` in full, then upsert them in one transaction.

    Raises :class:`VocabularyLoadError` before writing anything when a file has a problem.
    The cached :func:`~duallife.vocabulary.selectors.skill_vocabulary` is rebuilt afterwards.
    """
    data = read_vocabulary(directory)
    report = VocabularyLoadReport()
    with transaction.atomic():
        _upsert(
            report,
            "skills",
            Skill,
            "key",
            {
                row.key: {
                    "name": row.name,
                    "name_en": row.name_en,
                    "category": row.category,
                    "synonyms": SYNONYM_SEPARATOR.join(row.synonyms),
                    "position": position,
                }
                for position, row in enumerate(data.skills, start=1)
            },
        )
        _upsert(
            report,
            "themes",
            Theme,
            "key",
            {
                row.key: {"name": row.name, "name_en": row.name_en, "position": position}
                for position, row in enumerate(data.themes, start=1)
            },
        )
        _upsert(
            report,
            "industries",
            IndustryGroup,
            "code",
            {row.code: {"name": row.name, "name_en": row.name_en} for row in data.industries},
        )
        transaction.on_commit(skill_vocabulary_invalidate)
    skill_vocabulary_invalidate()
    return report


def _upsert(
    report: VocabularyLoadReport,
    label: str,
    model: type[models.Model],
    key_field: str,
    rows: dict[str, dict[str, Any]],
) -> None:
    existing = {getattr(obj, key_field): obj for obj in model.objects.all()}
    to_create, to_update, changed_fields = [], [], set()
    for key, values in rows.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**{key_field: key}, **values))
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            changed_fields.update(changed)
            to_update.append(obj)
        else:
            report.unchanged[label] += 1
    if to_create:
        model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields))
    report.created[label] += len(to_create)
    report.updated[label] += len(to_update)
    report.not_in_files[label] += sum(1 for key in existing if key not in rows)
