"""The skill vocabulary: canonical skills with synonyms, and matching free text against them.

Pure: the rows come in already read (the Django side reads ``data/vocabulary/skills.csv`` with
:class:`csv.DictReader` and passes the dicts to :func:`parse_skill_rows`). Building a
:class:`SkillVocabulary` checks the data: two skills may not share a key, a name or a synonym once
normalised (``VocabularyError`` names both).

Matching compares :func:`~.normalize.compact_key` of the input with the same key of every name,
English name and synonym. An input written only in kana is also compared with the kana reading of
each of those (so でーたぶんせき finds データ分析); a reading shared by two skills matches neither.
Anything else stays a free skill: kept as typed, with its normalised text and no key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .normalize import as_kana_key, compact_key, kana_reading, normalize, search_terms

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_INDUSTRY_CODE = re.compile(r"^[A-T]$")
#: Longest skill text accepted for matching; longer text is a sentence, not a skill.
MAX_SKILL_CHARS = 100


class VocabularyError(ValueError):
    """The vocabulary data is inconsistent. ``str(error)`` says which rows and why."""


class MatchVia(StrEnum):
    NAME = "name"
    NAME_EN = "name_en"
    SYNONYM = "synonym"
    READING = "reading"


@dataclass(frozen=True, slots=True)
class SkillRow:
    """One canonical skill. ``key`` is stable (lower-case ASCII words joined by hyphens)."""

    key: str
    name: str
    name_en: str = ""
    category: str = ""
    synonyms: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise VocabularyError(f"skill key {self.key!r}: use lower-case ASCII words joined by '-'")
        if not isinstance(self.name, str) or not self.name.strip():
            raise VocabularyError(f"skill {self.key}: name is empty")
        object.__setattr__(self, "synonyms", tuple(s.strip() for s in self.synonyms if s and s.strip()))


@dataclass(frozen=True, slots=True)
class ThemeRow:
    """A theme of work (マーケティング, 商品開発 …) as spec sheets and talents pick them."""

    key: str
    name: str
    name_en: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise VocabularyError(f"theme key {self.key!r}: use lower-case ASCII words joined by '-'")
        if not isinstance(self.name, str) or not self.name.strip():
            raise VocabularyError(f"theme {self.key}: name is empty")


@dataclass(frozen=True, slots=True)
class IndustryRow:
    """A major group (大分類) of 日本標準産業分類, A–T."""

    code: str
    name: str
    name_en: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not _INDUSTRY_CODE.match(self.code):
            raise VocabularyError(f"industry code {self.code!r}: one capital letter A–T")
        if not isinstance(self.name, str) or not self.name.strip():
            raise VocabularyError(f"industry {self.code}: name is empty")


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """A text recognised as a known skill."""

    key: str
    name: str
    name_en: str
    category: str
    normalized: str  # the input, normalised
    via: MatchVia


@dataclass(frozen=True, slots=True)
class ResolvedSkill:
    """A skill as a person typed it, resolved: ``key`` is ``None`` for a free skill."""

    text: str  # as typed, trimmed
    normalized: str
    key: str | None = None
    name: str | None = None  # canonical display name of a known skill

    @property
    def is_free(self) -> bool:
        return self.key is None

    @property
    def label(self) -> str:
        """What to show: the canonical name of a known skill, the typed text of a free one."""
        return self.name if self.name is not None else self.text


def _cell(row: Mapping[str, str | None], column: str) -> str:
    value = row.get(column)
    return value.strip() if isinstance(value, str) else ""


def parse_skill_rows(rows: Iterable[Mapping[str, str | None]]) -> tuple[SkillRow, ...]:
    """Rows as :class:`csv.DictReader` gives them (``key, name, name_en, category, synonyms``,
    synonyms separated by ``|``) → :class:`SkillRow` s. Raises :class:`VocabularyError`."""
    parsed = []
    for row in rows:
        synonyms = tuple(s.strip() for s in _cell(row, "synonyms").split("|") if s.strip())
        parsed.append(
            SkillRow(
                key=_cell(row, "key"),
                name=_cell(row, "name"),
                name_en=_cell(row, "name_en"),
                category=_cell(row, "category"),
                synonyms=synonyms,
            )
        )
    _check_unique((row.key for row in parsed), "skill key")
    return tuple(parsed)


def parse_theme_rows(rows: Iterable[Mapping[str, str | None]]) -> tuple[ThemeRow, ...]:
    parsed = tuple(
        ThemeRow(key=_cell(row, "key"), name=_cell(row, "name"), name_en=_cell(row, "name_en"))
        for row in rows
    )
    _check_unique((row.key for row in parsed), "theme key")
    _check_unique((compact_key(row.name) for row in parsed), "theme name")
    return parsed


def parse_industry_rows(rows: Iterable[Mapping[str, str | None]]) -> tuple[IndustryRow, ...]:
    parsed = tuple(
        IndustryRow(code=_cell(row, "code"), name=_cell(row, "name"), name_en=_cell(row, "name_en"))
        for row in rows
    )
    _check_unique((row.code for row in parsed), "industry code")
    return parsed


def _check_unique(values: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise VocabularyError(f"{what} {value!r} appears twice")
        seen.add(value)


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    via: MatchVia
    text: str


_AMBIGUOUS = _Entry(key="", via=MatchVia.READING, text="")


@dataclass(frozen=True)
class SkillVocabulary:
    """Known skills, indexed by the normalised form of every name and synonym.

    >>> vocabulary = SkillVocabulary.from_rows([{"key": "web-marketing", "name": "ウェブマーケティング",
    ...     "synonyms": "Webマーケ"}])
    >>> vocabulary.match("Ｗｅｂマーケティング").key
    'web-marketing'
    """

    rows: tuple[SkillRow, ...]
    _by_key: dict[str, SkillRow] = field(init=False, repr=False, compare=False)
    _index: dict[str, _Entry] = field(init=False, repr=False, compare=False)
    _readings: dict[str, _Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = tuple(self.rows)
        object.__setattr__(self, "rows", rows)
        by_key: dict[str, SkillRow] = {}
        index: dict[str, _Entry] = {}
        readings: dict[str, _Entry] = {}
        for row in rows:
            if not isinstance(row, SkillRow):
                raise TypeError("SkillVocabulary takes SkillRow objects (see parse_skill_rows)")
            if row.key in by_key:
                raise VocabularyError(f"skill key {row.key!r} appears twice")
            by_key[row.key] = row
            texts = [(MatchVia.NAME, row.name)]
            if row.name_en:
                texts.append((MatchVia.NAME_EN, row.name_en))
            texts.extend((MatchVia.SYNONYM, synonym) for synonym in row.synonyms)
            for via, text in texts:
                key = compact_key(text)
                if not key:
                    raise VocabularyError(f"skill {row.key}: {text!r} is empty once normalised")
                existing = index.get(key)
                if existing is not None and existing.key != row.key:
                    raise VocabularyError(
                        f"{text!r} (skill {row.key}) and {existing.text!r} (skill {existing.key}) "
                        f"both normalise to {key!r}"
                    )
                if existing is None:
                    index[key] = _Entry(key=row.key, via=via, text=text)
                if via is MatchVia.NAME_EN:
                    continue  # English names are matched by spelling, not by katakana reading
                reading = kana_reading(text)
                if reading:
                    known = readings.get(reading)
                    if known is None:
                        readings[reading] = _Entry(key=row.key, via=MatchVia.READING, text=text)
                    elif known.key != row.key:
                        readings[reading] = _AMBIGUOUS
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_readings", readings)

    @classmethod
    def from_rows(cls, rows: Iterable[SkillRow | Mapping[str, str | None]]) -> SkillVocabulary:
        """Build from :class:`SkillRow` s or from CSV dicts (see :func:`parse_skill_rows`)."""
        rows = list(rows)
        if all(isinstance(row, SkillRow) for row in rows):
            return cls(tuple(rows))
        return cls(parse_skill_rows(rows))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[SkillRow]:
        return iter(self.rows)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> SkillRow | None:
        return self._by_key.get(key)

    def match(self, text: str) -> SkillMatch | None:
        """The known skill ``text`` names, or ``None``."""
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_SKILL_CHARS:
            return None
        normalized = normalize(text)
        entry = self._index.get(normalized.replace(" ", ""))
        if entry is None:
            kana = as_kana_key(text)
            entry = self._readings.get(kana) if kana else None
            if entry is _AMBIGUOUS:
                entry = None
        if entry is None:
            return None
        row = self._by_key[entry.key]
        return SkillMatch(
            key=row.key,
            name=row.name,
            name_en=row.name_en,
            category=row.category,
            normalized=normalized,
            via=entry.via,
        )

    def resolve(self, text: str) -> ResolvedSkill:
        """``text`` as a known skill (with its key) or as a free skill (key ``None``)."""
        typed = text.strip() if isinstance(text, str) else ""
        found = self.match(typed)
        if found is not None:
            return ResolvedSkill(text=typed, normalized=found.normalized, key=found.key, name=found.name)
        return ResolvedSkill(text=typed, normalized=normalize(typed[: MAX_SKILL_CHARS * 10]))

    def match_many(self, texts: Iterable[str]) -> tuple[ResolvedSkill, ...]:
        """Resolve each text; blanks are dropped, and a skill named twice is kept once (first wins).

        Known skills are the same when their keys are, free skills when their normalised texts are.
        The input order is kept.
        """
        seen: set[tuple[str, str]] = set()
        result = []
        for text in texts:
            resolved = self.resolve(text)
            if not resolved.normalized and resolved.key is None:
                continue
            identity = ("key", resolved.key) if resolved.key else ("free", resolved.normalized)
            if identity in seen:
                continue
            seen.add(identity)
            result.append(resolved)
        return tuple(result)

    def search_terms(self, query: str) -> list[str]:
        """Search terms for ``query`` (see :func:`.normalize.search_terms`).

        A query that as a whole names a known skill searches for that skill's canonical name, so
        でーたぶんせき looks for データ分析 and キントーン for kintone.
        """
        found = self.match(query) if isinstance(query, str) else None
        if found is not None:
            return search_terms(found.name)
        return search_terms(query)
