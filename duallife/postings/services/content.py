"""What a company writes on a sheet: the checks of each value and the writing of the content
(skills matched to the vocabulary, the stored search text and quality score). Shared by the
``sheets`` services; not use cases.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.formats import format_yen
from duallife.engine.skills import ResolvedSkill, normalize, search_text
from duallife.regions.models import Municipality
from duallife.talents.models import WorkStyle
from duallife.vocabulary.models import Theme
from duallife.vocabulary.selectors import skills_by_key

from ..errors import SpecSheetError
from ..lint_words import FIELD_LABELS
from ..models import SheetSkill, SpecSheet
from ..selectors import sheet_lint, sheet_skill_labels, skill_vocabulary

#: Longest text a field takes (characters).
TEXT_LIMITS = {"title": 80, "issue": 4000, "outcome": 2000, "fee_reason": 300, "why_you": 2000}
#: Allowed whole-number ranges (both ends included).
INT_RANGES = {
    "days_per_month_min": (1, 31),
    "days_per_month_max": (1, 31),
    "visits_per_month": (0, 31),
    "duration_months": (1, 60),
    "fee_min_yen": (0, 10_000_000),
    "fee_max_yen": (0, 10_000_000),
    "openings": (1, 99),
}
NULLABLE_INTS = frozenset(
    {"days_per_month_min", "days_per_month_max", "duration_months", "fee_min_yen", "fee_max_yen"}
)
CHOICES = {
    "work_style": {value for value, _ in WorkStyle.choices},
    "contract_type": {value for value, _ in SpecSheet.ContractType.choices},
    "travel_paid_by": {value for value, _ in SpecSheet.TravelPaidBy.choices},
}
BOOLEANS = ("is_probono", "subsidy_applies")
SKILL_MAX_CHARS = 60
SKILLS_MAX_PER_KIND = 20
THEMES_MAX = 10
COMMENT_MAX_CHARS = 2000

LABELS = {
    **FIELD_LABELS,
    "municipality": gettext_lazy("勤務地"),
    "travel_paid_by": gettext_lazy("交通費の負担"),
    "subsidy_applies": gettext_lazy("交通費補助制度の対象"),
    "visits_per_month": gettext_lazy("月の現地訪問回数"),
    "duration_months": gettext_lazy("期間（か月）"),
}

#: Control characters other than tab and newline (PostgreSQL refuses NUL in text).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SheetData(TypedDict, total=False):
    """What a company writes. Every key is optional on update; ``title`` and ``municipality``
    are required on create. ``municipality`` is a 全国地方公共団体コード (or a Municipality),
    ``themes`` are theme keys, skills are texts as typed (matched to the vocabulary here)."""

    title: str
    issue: str
    outcome: str
    municipality: str | Municipality
    themes: list[str]
    required_skills: list[str]
    welcome_skills: list[str]
    days_per_month_min: int | None
    days_per_month_max: int | None
    work_style: str
    visits_per_month: int
    duration_months: int | None
    fee_min_yen: int | None
    fee_max_yen: int | None
    is_probono: bool
    fee_reason: str
    contract_type: str
    travel_paid_by: str
    subsidy_applies: bool
    openings: int
    closes_on: datetime.date | None
    why_you: str


SCALAR_FIELDS = (
    "title",
    "issue",
    "outcome",
    "days_per_month_min",
    "days_per_month_max",
    "work_style",
    "visits_per_month",
    "duration_months",
    "fee_min_yen",
    "fee_max_yen",
    "is_probono",
    "fee_reason",
    "contract_type",
    "travel_paid_by",
    "subsidy_applies",
    "openings",
    "closes_on",
    "why_you",
)
DATA_KEYS = frozenset((*SCALAR_FIELDS, "municipality", "themes", "required_skills", "welcome_skills"))


# --- Validation of what a company writes ---------------------------------------------------------


def _clean_text(name: str, value: Any) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise SpecSheetError(_("%(field)sは文字で入力してください。") % {"field": LABELS[name]}, field=name)
    value = CONTROL_CHARS.sub("", value).strip()
    limit = TEXT_LIMITS[name]
    if len(value) > limit:
        raise SpecSheetError(
            _("%(field)sは%(limit)d文字以内で入力してください（今は%(length)d文字）。")
            % {"field": LABELS[name], "limit": limit, "length": len(value)},
            field=name,
        )
    return value


def _clean_int(name: str, value: Any) -> int | None:
    low, high = INT_RANGES[name]
    if value is None or value == "":
        if name in NULLABLE_INTS:
            return None
        raise SpecSheetError(_("%(field)sを入力してください。") % {"field": LABELS[name]}, field=name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecSheetError(_("%(field)sは整数で入力してください。") % {"field": LABELS[name]}, field=name)
    if not low <= value <= high:
        raise SpecSheetError(
            _("%(field)sは%(low)s〜%(high)sの範囲で入力してください。")
            % {
                "field": LABELS[name],
                "low": number_format(low, force_grouping=True),
                "high": number_format(high, force_grouping=True),
            },
            field=name,
        )
    return value


def _clean_scalar(name: str, value: Any) -> Any:
    if name in TEXT_LIMITS:
        return _clean_text(name, value)
    if name in INT_RANGES:
        return _clean_int(name, value)
    if name in CHOICES:
        if value not in CHOICES[name]:
            raise SpecSheetError(
                _("%(field)sを選択肢から選んでください。") % {"field": LABELS[name]},
                field=name,
            )
        return value
    if name in BOOLEANS:
        if not isinstance(value, bool):
            raise SpecSheetError(
                _("%(field)sは「はい」か「いいえ」で指定してください。") % {"field": LABELS[name]}, field=name
            )
        return value
    if name == "closes_on":
        if value is None:
            return None
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            raise SpecSheetError(_("締切日は日付で入力してください。"), field=name)
        return value
    raise SpecSheetError(
        _("%(field)s は入力できない項目です。") % {"field": name},
        field=name,
    )  # pragma: no cover


def _municipality(value: Any) -> Municipality:
    if isinstance(value, Municipality):
        place = value
    else:
        code = value.strip() if isinstance(value, str) else ""
        place = Municipality.objects.select_related("prefecture").filter(code=code).first() if code else None
    if place is None or place.role != Municipality.Role.PACK:
        raise SpecSheetError(
            _("勤務地は、対象地域（東北）の市町村から選んでください。"),
            field="municipality",
        )
    return place


def _themes(keys: Any) -> list[Theme]:
    if keys is None:
        keys = []
    if isinstance(keys, str) or not isinstance(keys, Iterable):
        raise SpecSheetError(_("テーマは一覧から選んでください。"), field="themes")
    wanted = []
    for key in keys:
        key = key.key if isinstance(key, Theme) else key
        if not isinstance(key, str):
            raise SpecSheetError(_("テーマは一覧から選んでください。"), field="themes")
        if key not in wanted:
            wanted.append(key)
    if len(wanted) > THEMES_MAX:
        raise SpecSheetError(_("テーマは%(max)d個までにしてください。") % {"max": THEMES_MAX}, field="themes")
    found = {theme.key: theme for theme in Theme.objects.filter(key__in=wanted)}
    unknown = [key for key in wanted if key not in found]
    if unknown:
        raise SpecSheetError(
            _("テーマ%(themes)sは選べません。一覧から選んでください。") % {"themes": _quoted(unknown[:3])},
            field="themes",
        )
    return [found[key] for key in wanted]


def _skill_texts(name: str, texts: Any) -> list[str]:
    if texts is None:
        return []
    if isinstance(texts, str) or not isinstance(texts, Iterable):
        raise SpecSheetError(
            _("%(field)sはスキル名の一覧で指定してください。") % {"field": LABELS[name]},
            field=name,
        )
    cleaned: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            raise SpecSheetError(
                _("%(field)sはスキル名の一覧で指定してください。") % {"field": LABELS[name]}, field=name
            )
        text = CONTROL_CHARS.sub("", text).strip()
        if not text:
            continue
        if len(text) > SKILL_MAX_CHARS:
            raise SpecSheetError(
                _(
                    "%(field)sの「%(skill)s…」が長すぎます。1つ%(limit)d文字以内で、"
                    "読点（、）かカンマで区切って入力してください。"
                )
                % {"field": LABELS[name], "skill": text[:20], "limit": SKILL_MAX_CHARS},
                field=name,
            )
        cleaned.append(text)
    if len(cleaned) > SKILLS_MAX_PER_KIND:
        raise SpecSheetError(
            _("%(field)sは%(max)d個までにしてください。")
            % {"field": LABELS[name], "max": SKILLS_MAX_PER_KIND},
            field=name,
        )
    return cleaned


def _quoted(items: list[str]) -> str:
    """「a」「b」: names as typed, each quoted, listed."""
    # Translators: a name as typed (a theme key, a skill), quoted in a sentence.
    quoted = [_("「%(name)s」") % {"name": item} for item in items]
    # Translators: the separator between the items of a short list in a sentence.
    return _("、").join(quoted)


def resolve_skills(texts: Iterable[str]) -> tuple[ResolvedSkill, ...]:
    """Skills as typed, matched to the vocabulary (known ones carry their key); duplicates dropped."""
    return skill_vocabulary().match_many(texts)


def _check_ranges(values: Mapping[str, Any]) -> None:
    low, high = values.get("days_per_month_min"), values.get("days_per_month_max")
    if low is not None and high is not None and low > high:
        raise SpecSheetError(
            _("稼働日数の下限（月%(low)d日）が上限（月%(high)d日）より多くなっています。")
            % {"low": low, "high": high},
            field="days_per_month_max",
        )
    low, high = values.get("fee_min_yen"), values.get("fee_max_yen")
    if low is not None and high is not None and low > high:
        raise SpecSheetError(
            _("報酬の下限（%(low)s）が上限（%(high)s）より高くなっています。")
            % {"low": format_yen(low), "high": format_yen(high)},
            field="fee_max_yen",
        )


# --- Writing content ---------------------------------------------------------------------------


def _write_skills(sheet: SpecSheet, kind: str, texts: list[str]) -> None:
    resolved = resolve_skills(texts)
    skills = skills_by_key()
    rows = []
    seen: set[str] = set()
    for item in resolved:
        known = skills.get(item.key) if item.key else None
        # A known skill is stored under its canonical name's key, so that every spelling agrees.
        normalized = (normalize(known.name) if known is not None else item.normalized)[:120]
        if not normalized:
            continue
        if normalized in seen:
            continue
        seen.add(normalized)
        rows.append(
            SheetSkill(
                sheet=sheet,
                kind=kind,
                skill=known,
                free_text="" if known is not None else item.text[:SKILL_MAX_CHARS],
                normalized=normalized,
            )
        )
    SheetSkill.objects.filter(sheet=sheet, kind=kind).delete()
    SheetSkill.objects.bulk_create(rows)


def _sheet_search_text(sheet: SpecSheet) -> str:
    skills = [
        *sheet_skill_labels(sheet, SheetSkill.Kind.REQUIRED),
        *sheet_skill_labels(sheet, SheetSkill.Kind.WELCOME),
    ]
    themes = [theme.name for theme in sheet.themes.all()]
    place = sheet.municipality
    return search_text(
        sheet.title,
        sheet.issue,
        sheet.outcome,
        sheet.why_you,
        *skills,
        *themes,
        sheet.organization.name,
        place.prefecture.name,
        place.name,
    )


def refresh_derived(sheet: SpecSheet) -> None:
    """Store what is derived from the content: the quality score and the normalised search text."""
    fresh = (
        SpecSheet.objects.prefetch_related("themes", "skills__skill")
        .select_related("organization", "municipality__prefecture")
        .get(pk=sheet.pk)
    )
    sheet.lint_score = sheet_lint(fresh).score
    sheet.search_text = _sheet_search_text(fresh)
    SpecSheet.objects.filter(pk=sheet.pk).update(lint_score=sheet.lint_score, search_text=sheet.search_text)
    if hasattr(sheet, "_prefetched_objects_cache"):
        sheet._prefetched_objects_cache = {}


def apply_content(sheet: SpecSheet, data: Mapping[str, Any], *, creating: bool) -> None:
    if not isinstance(data, Mapping):
        raise SpecSheetError(_("入力の形式が正しくありません。"))
    unknown = sorted(set(data) - DATA_KEYS)
    if unknown:
        raise SpecSheetError(
            _("入力できない項目があります: %(fields)s") % {"fields": ", ".join(unknown)}, field=unknown[0]
        )
    values: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        if name in data:
            values[name] = _clean_scalar(name, data[name])
    if (creating or "title" in data) and not values.get("title"):
        raise SpecSheetError(_("タイトルを入力してください。"), field="title")
    merged = {name: values.get(name, getattr(sheet, name)) for name in SCALAR_FIELDS}
    _check_ranges(merged)
    if creating or "municipality" in data:
        if creating and "municipality" not in data:
            raise SpecSheetError(_("勤務地を選んでください。"), field="municipality")
        sheet.municipality = _municipality(data.get("municipality"))
    themes = _themes(data["themes"]) if "themes" in data else None
    skills = {
        kind: _skill_texts(name, data[name])
        for kind, name in (
            (SheetSkill.Kind.REQUIRED, "required_skills"),
            (SheetSkill.Kind.WELCOME, "welcome_skills"),
        )
        if name in data
    }
    for name, value in values.items():
        setattr(sheet, name, value)
    sheet.save()
    if themes is not None:
        sheet.themes.set(themes)
    for kind, texts in skills.items():
        _write_skills(sheet, kind, texts)
    refresh_derived(sheet)
