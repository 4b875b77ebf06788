"""Writes and rules of spec sheets (仕様書): one service per use case.

Life cycle::

    draft ──submit──▶ submitted ──approve──▶ published ──close──▶ closed (filled / withdrawn)
      ▲                  │                       └──(closes_on passed, daily task)──▶ closed (expired)
      └──── returned ◀───┘ return (with a comment); a returned sheet is edited and submitted again

Every service is keyword-only, runs in a transaction, locks the sheet row before it reads the
status, refuses an illegal step with :class:`~.errors.SpecSheetError` (a message in the request's
language), and
writes a :class:`~.models.SpecSheetEvent` for every status change.

Versions: ``sheet.version`` is the number of the version being written or reviewed. Submitting
saves a :class:`~.models.SpecSheetVersion` snapshot; the first submission saves version 1, every
later one (after a return) bumps the number first. Comments are kept with ``sheet.version`` at the
time they are written, so a comment on a returned sheet stays with the version that was returned.
Edits bump nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from duallife.core.formats import format_yen
from duallife.engine.skills import ResolvedSkill, normalize, search_text
from duallife.organizations.models import Organization
from duallife.organizations.permissions import companies_of
from duallife.regions.models import Municipality
from duallife.talents.models import TalentProfile, WorkStyle
from duallife.vocabulary.models import Skill, Theme

from .errors import SpecSheetError, SpecSheetPermissionError, SpecSheetTransitionError
from .lint_words import FIELD_LABELS
from .lint_words import message as finding_message
from .models import (
    EXPIRED_COMMENT,
    SheetSkill,
    SpecSheet,
    SpecSheetCollaborator,
    SpecSheetComment,
    SpecSheetEvent,
    SpecSheetVersion,
)
from .permissions import can_review_sheet, is_sheet_collaborator, is_sheet_editor
from .selectors import sheet_lint, sheet_skill_labels, skill_vocabulary

Status = SpecSheet.Status

EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
COMMENTABLE_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)

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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    value = _CONTROL.sub("", value).strip()
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
        text = _CONTROL.sub("", text).strip()
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
    skills = {skill.key: skill for skill in Skill.objects.filter(key__in=[r.key for r in resolved if r.key])}
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


def _refresh_derived(sheet: SpecSheet) -> None:
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


def _apply(sheet: SpecSheet, data: Mapping[str, Any], *, creating: bool) -> None:
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
    _refresh_derived(sheet)


def _require_editor(sheet: SpecSheet, by) -> None:
    if not is_sheet_editor(by, sheet):
        raise SpecSheetPermissionError(_("この仕様書を編集できるのは、掲載している企業のメンバーだけです。"))


def _locked(sheet: SpecSheet) -> SpecSheet:
    return (
        SpecSheet.objects.select_for_update(of=("self",))
        .select_related("municipality", "municipality__prefecture", "organization")
        .get(pk=sheet.pk)
    )


def _sync(target: SpecSheet, source: SpecSheet) -> SpecSheet:
    """Copy the saved state of ``source`` onto the caller's instance and drop its stale caches."""
    if target is not source:
        for model_field in SpecSheet._meta.concrete_fields:
            setattr(target, model_field.attname, getattr(source, model_field.attname))
        if hasattr(target, "_prefetched_objects_cache"):
            target._prefetched_objects_cache = {}
    return target


def _event(sheet: SpecSheet, *, from_status: str, by, comment: str = "") -> SpecSheetEvent:
    return SpecSheetEvent.objects.create(
        sheet=sheet,
        from_status=from_status,
        to_status=sheet.status,
        version=sheet.version,
        by=by if getattr(by, "is_authenticated", False) else None,
        comment=comment,
    )


@transaction.atomic
def spec_sheet_create(*, organization: Organization, by, data: SheetData | Mapping[str, Any]) -> SpecSheet:
    """A new draft for ``organization``, written by one of its members."""
    if not companies_of(by).filter(pk=organization.pk).exists():
        raise SpecSheetPermissionError(_("仕様書を作成できるのは、その企業のメンバーだけです。"))
    sheet = SpecSheet(organization=organization, created_by=by, status=Status.DRAFT)
    _apply(sheet, data, creating=True)
    return sheet


@transaction.atomic
def spec_sheet_update(*, sheet: SpecSheet, by, data: SheetData | Mapping[str, Any]) -> SpecSheet:
    """Change the content of a draft or returned sheet (only the keys present in ``data``)."""
    _require_editor(sheet, by)
    locked = _locked(sheet)
    if locked.status not in EDITABLE_STATUSES:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は編集できません。編集できるのは下書きと差し戻し中のものです。")
            % {"status": locked.get_status_display()}
        )
    _apply(locked, data, creating=False)
    return _sync(sheet, locked)


def _snapshot(sheet: SpecSheet) -> dict[str, Any]:
    """The content of a sheet as plain JSON (the version kept at submission)."""
    content: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        value = getattr(sheet, name)
        content[name] = value.isoformat() if isinstance(value, datetime.date) else value
    content["municipality"] = {"code": sheet.municipality.code, "name": str(sheet.municipality)}
    content["themes"] = [
        {"key": theme.key, "name": theme.name} for theme in sheet.themes.order_by("position", "key")
    ]
    skills = list(sheet.skills.select_related("skill").order_by("pk"))
    for kind, key in (
        (SheetSkill.Kind.REQUIRED, "required_skills"),
        (SheetSkill.Kind.WELCOME, "welcome_skills"),
    ):
        content[key] = [
            {"name": s.skill.name if s.skill_id else s.free_text, "key": s.skill.key if s.skill_id else None}
            for s in skills
            if s.kind == kind
        ]
    content["lint_score"] = sheet.lint_score
    return content


@transaction.atomic
def spec_sheet_submit(*, sheet: SpecSheet, by) -> SpecSheet:
    """Send a draft or returned sheet for review. The quality check must find no errors."""
    _require_editor(sheet, by)
    locked = _locked(sheet)
    if locked.status not in EDITABLE_STATUSES:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は提出できません。提出できるのは下書きと差し戻し中のものです。")
            % {"status": locked.get_status_display()}
        )
    report = sheet_lint(locked)
    if not report.ready:
        # Translators: the separator between the quality check's messages quoted in one refusal.
        problems = _("／").join(finding_message(finding) for finding in report.errors[:3])
        count = len(report.errors)
        if count > 3:
            text = ngettext(
                "品質チェックで、提出前に直す必要がある項目が%(count)d件あります："
                "%(problems)s ほか%(more)d件",
                "品質チェックで、提出前に直す必要がある項目が%(count)d件あります："
                "%(problems)s ほか%(more)d件",
                count,
            ) % {"count": count, "problems": problems, "more": count - 3}
        else:
            text = ngettext(
                "品質チェックで、提出前に直す必要がある項目が%(count)d件あります：%(problems)s",
                "品質チェックで、提出前に直す必要がある項目が%(count)d件あります：%(problems)s",
                count,
            ) % {"count": count, "problems": problems}
        raise SpecSheetError(text, code="not_ready")
    from_status = locked.status
    last = locked.versions.aggregate(last=Max("number"))["last"] or 0
    locked.version = last + 1
    locked.lint_score = report.score
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["version", "lint_score", "status", "submitted_at", "updated_at"])
    SpecSheetVersion.objects.create(
        sheet=locked, number=locked.version, snapshot=_snapshot(locked), created_by=by
    )
    _event(locked, from_status=from_status, by=by)
    return _sync(sheet, locked)


def _require_reviewer(sheet: SpecSheet, by) -> None:
    if not can_review_sheet(by, sheet):
        raise SpecSheetPermissionError(
            _("この仕様書を審査できるのは、その地域を担当する自治体・支援機関と事務局だけです。")
        )
    if is_sheet_editor(by, sheet):
        raise SpecSheetPermissionError(_("自社の仕様書は審査できません。ほかの担当者に依頼してください。"))


@transaction.atomic
def spec_sheet_approve(*, sheet: SpecSheet, by, comment: str = "") -> SpecSheet:
    """Publish a submitted sheet (a coordinator of its area, or an operator)."""
    locked = _locked(sheet)
    _require_reviewer(locked, by)
    if locked.status != Status.SUBMITTED:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は承認できません。承認できるのは審査待ちのものです。")
            % {"status": locked.get_status_display()}
        )
    comment = _CONTROL.sub("", comment or "").strip()
    if len(comment) > COMMENT_MAX_CHARS:
        raise SpecSheetError(
            _("コメントは%(max)d文字以内で入力してください。") % {"max": COMMENT_MAX_CHARS},
            field="comment",
        )
    today = timezone.localdate()
    if locked.closes_on is not None and locked.closes_on < today:
        raise SpecSheetError(
            _("締切日が過ぎているため公開できません。差し戻して、締切日を直してもらってください。"),
            field="closes_on",
        )
    locked.status = Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    _event(locked, from_status=Status.SUBMITTED, by=by, comment=comment)
    _recommend_after_commit(locked)
    return _sync(sheet, locked)


def _recommend_after_commit(sheet: SpecSheet) -> None:
    from duallife.recommendations.services.recommendations import after_sheet_change

    after_sheet_change(sheet.pk)


@transaction.atomic
def spec_sheet_return(*, sheet: SpecSheet, by, comment: str) -> SpecSheet:
    """Send a submitted sheet back to its company with a comment saying what to change."""
    locked = _locked(sheet)
    _require_reviewer(locked, by)
    if locked.status != Status.SUBMITTED:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は差し戻せません。差し戻せるのは審査待ちのものです。")
            % {"status": locked.get_status_display()}
        )
    comment = _CONTROL.sub("", comment or "").strip()
    if not comment:
        raise SpecSheetError(_("差し戻す理由（直してほしい点）をコメントに書いてください。"), field="comment")
    if len(comment) > COMMENT_MAX_CHARS:
        raise SpecSheetError(
            _("コメントは%(max)d文字以内で入力してください。") % {"max": COMMENT_MAX_CHARS},
            field="comment",
        )
    locked.status = Status.RETURNED
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, from_status=Status.SUBMITTED, by=by, comment=comment)
    return _sync(sheet, locked)


CLOSE_REASONS = (SpecSheet.ClosedReason.FILLED, SpecSheet.ClosedReason.WITHDRAWN)


@transaction.atomic
def spec_sheet_close(*, sheet: SpecSheet, by, reason: str) -> SpecSheet:
    """End a published sheet's recruitment: someone was found (filled) or it is withdrawn."""
    _require_editor(sheet, by)
    if reason not in CLOSE_REASONS:
        raise SpecSheetError(_("終了の理由は「決定」か「取り下げ」から選んでください。"), field="reason")
    locked = _locked(sheet)
    if locked.status != Status.PUBLISHED:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は募集を終了できません。終了できるのは公開中のものです。")
            % {"status": locked.get_status_display()}
        )
    locked.status = Status.CLOSED
    locked.closed_reason = reason
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
    _event(locked, from_status=Status.PUBLISHED, by=by)
    _end_open_applications(locked, by=by)
    return _sync(sheet, locked)


def _end_open_applications(sheet: SpecSheet, *, by=None) -> None:
    """Nobody still waiting on a closed sheet is left in silence (see engagements), and the sheet
    leaves every list of recommendations in the same transaction."""
    from duallife.engagements.services.applications import applications_close_for_sheet
    from duallife.recommendations.services.recommendations import sheet_recommendations_drop

    applications_close_for_sheet(sheet=sheet, by=by)
    sheet_recommendations_drop(sheet_id=sheet.pk)


@transaction.atomic
def spec_sheets_close_expired(*, today: datetime.date) -> int:
    """Close every published sheet whose closing date is before ``today``. Idempotent.

    Returns how many sheets were closed by this call.
    """
    expired = list(
        SpecSheet.objects.select_for_update()
        .filter(status=Status.PUBLISHED, closes_on__lt=today)
        .order_by("pk")
    )
    now = timezone.now()
    for sheet in expired:
        sheet.status = Status.CLOSED
        sheet.closed_reason = SpecSheet.ClosedReason.EXPIRED
        sheet.closed_at = now
    SpecSheet.objects.bulk_update(expired, ["status", "closed_reason", "closed_at"])
    SpecSheetEvent.objects.bulk_create(
        SpecSheetEvent(
            sheet=sheet,
            from_status=Status.PUBLISHED,
            to_status=Status.CLOSED,
            version=sheet.version,
            by=None,
            comment=EXPIRED_COMMENT,
        )
        for sheet in expired
    )
    for sheet in expired:
        _end_open_applications(sheet)
    return len(expired)


@transaction.atomic
def spec_sheet_invite_collaborator(*, sheet: SpecSheet, by, user) -> SpecSheetCollaborator:
    """Invite a talent to read and comment on a draft or returned sheet before publication."""
    _require_editor(sheet, by)
    locked = _locked(sheet)
    if locked.status not in EDITABLE_STATUSES:
        raise SpecSheetTransitionError(_("共同編集に招待できるのは、下書きと差し戻し中の仕様書だけです。"))
    if (
        user is None
        or not getattr(user, "is_active", False)
        or not TalentProfile.objects.filter(user=user).exists()
    ):
        raise SpecSheetError(
            _("招待できるのは人材として登録している方だけです。相手に人材登録をお願いしてください。"),
            field="email",
        )
    if companies_of(user).filter(pk=locked.organization_id).exists():
        raise SpecSheetError(_("自社のメンバーは招待しなくても編集できます。"), field="email")
    collaborator, created = SpecSheetCollaborator.objects.get_or_create(
        sheet=locked, user=user, defaults={"invited_by": by}
    )
    if not created:
        raise SpecSheetError(_("この方はすでに招待しています。"), field="email")
    return collaborator


@transaction.atomic
def spec_sheet_comment(*, sheet: SpecSheet, by, body: str) -> SpecSheetComment:
    """A comment by a company member or an invited collaborator, kept with the current version."""
    if not (is_sheet_editor(by, sheet) or is_sheet_collaborator(by, sheet)):
        raise SpecSheetPermissionError(_("コメントできるのは、掲載企業のメンバーと招待された方だけです。"))
    locked = _locked(sheet)
    if locked.status not in COMMENTABLE_STATUSES:
        raise SpecSheetTransitionError(_("公開後の仕様書にはコメントできません。"))
    body = _CONTROL.sub("", body if isinstance(body, str) else "").strip()
    if not body:
        raise SpecSheetError(_("コメントを入力してください。"), field="body")
    if len(body) > COMMENT_MAX_CHARS:
        raise SpecSheetError(
            _("コメントは%(max)d文字以内で入力してください。") % {"max": COMMENT_MAX_CHARS},
            field="body",
        )
    return SpecSheetComment.objects.create(sheet=locked, version=locked.version, author=by, body=body)


@transaction.atomic
def spec_sheets_reindex(*, organization: Organization | None = None) -> int:
    """Recompute the stored search text and quality score (after a vocabulary or name change)."""
    qs = SpecSheet.objects.all()
    if organization is not None:
        qs = qs.filter(organization=organization)
    count = 0
    for sheet in qs.order_by("pk").iterator():
        _refresh_derived(sheet)
        count += 1
    return count
