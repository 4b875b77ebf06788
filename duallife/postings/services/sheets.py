"""A company's sheets: create a draft, edit it, submit it for review, close a published sheet;
the daily close of sheets past their closing date, and the recomputing of what is derived from
the content. Edits keep the version number; a submission saves the next version's snapshot.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from duallife.organizations.models import Organization
from duallife.organizations.permissions import companies_of

from ..errors import SpecSheetError, SpecSheetPermissionError, SpecSheetTransitionError
from ..lint_words import message as finding_message
from ..models import EXPIRED_COMMENT, SheetSkill, SpecSheet, SpecSheetEvent, SpecSheetVersion
from ..selectors import sheet_lint
from .content import SCALAR_FIELDS, SheetData, apply_content, refresh_derived
from .lifecycle import EDITABLE_STATUSES, Status, locked_sheet, record_event, require_editor, sync_sheet


@transaction.atomic
def spec_sheet_create(*, organization: Organization, by, data: SheetData | Mapping[str, Any]) -> SpecSheet:
    """A new draft for ``organization``, written by one of its members."""
    if not companies_of(by).filter(pk=organization.pk).exists():
        raise SpecSheetPermissionError(_("仕様書を作成できるのは、その企業のメンバーだけです。"))
    sheet = SpecSheet(organization=organization, created_by=by, status=Status.DRAFT)
    apply_content(sheet, data, creating=True)
    return sheet


@transaction.atomic
def spec_sheet_update(*, sheet: SpecSheet, by, data: SheetData | Mapping[str, Any]) -> SpecSheet:
    """Change the content of a draft or returned sheet (only the keys present in ``data``)."""
    require_editor(sheet, by)
    locked = locked_sheet(sheet)
    if locked.status not in EDITABLE_STATUSES:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は編集できません。編集できるのは下書きと差し戻し中のものです。")
            % {"status": locked.get_status_display()}
        )
    apply_content(locked, data, creating=False)
    return sync_sheet(sheet, locked)


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
    require_editor(sheet, by)
    locked = locked_sheet(sheet)
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
    record_event(locked, from_status=from_status, by=by)
    return sync_sheet(sheet, locked)


CLOSE_REASONS = (SpecSheet.ClosedReason.FILLED, SpecSheet.ClosedReason.WITHDRAWN)


@transaction.atomic
def spec_sheet_close(
    *, sheet: SpecSheet, by, reason: str, keep_open: Collection[int] = (), message: str = ""
) -> SpecSheet:
    """End a published sheet's recruitment: someone was found (filled) or it is withdrawn.

    The open applications end with ``message`` (the company's words, or a kind default when
    empty), except those in ``keep_open`` (checked by the caller: see engagements' closing).
    """
    require_editor(sheet, by)
    if reason not in CLOSE_REASONS:
        raise SpecSheetError(_("終了の理由は「決定」か「取り下げ」から選んでください。"), field="reason")
    return _close(sheet, by=by, reason=reason, keep_open=keep_open, message=message)


@transaction.atomic
def spec_sheet_close_filled(
    *, sheet: SpecSheet, by, keep_open: Collection[int] = (), message: str = ""
) -> SpecSheet:
    """The contract that fills the sheet's last opening was confirmed: the sheet closes as filled.

    The caller (engagements, when a talent confirms a company's proposal) has checked the step;
    ``by`` is the member of the company who proposed it, or None when they can no longer act for it.
    """
    return _close(sheet, by=by, reason=SpecSheet.ClosedReason.FILLED, keep_open=keep_open, message=message)


def _close(sheet: SpecSheet, *, by, reason: str, keep_open: Collection[int], message: str) -> SpecSheet:
    locked = locked_sheet(sheet)
    if locked.status != Status.PUBLISHED:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は募集を終了できません。終了できるのは公開中のものです。")
            % {"status": locked.get_status_display()}
        )
    locked.status = Status.CLOSED
    locked.closed_reason = reason
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
    record_event(locked, from_status=Status.PUBLISHED, by=by)
    _end_open_applications(locked, by=by, keep_open=keep_open, message=message)
    return sync_sheet(sheet, locked)


def _end_open_applications(
    sheet: SpecSheet, *, by=None, keep_open: Collection[int] = (), message: str = ""
) -> None:
    """Nobody still waiting on a closed sheet is left in silence (see engagements), and the sheet
    leaves every list of recommendations in the same transaction."""
    from duallife.engagements.services.applications import applications_close_for_sheet
    from duallife.recommendations.services.recommendations import sheet_recommendations_drop

    applications_close_for_sheet(sheet=sheet, by=by, keep_open=keep_open, message=message)
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
def spec_sheets_reindex(*, organization: Organization | None = None) -> int:
    """Recompute the stored search text and quality score (after a vocabulary or name change)."""
    qs = SpecSheet.objects.all()
    if organization is not None:
        qs = qs.filter(organization=organization)
    count = 0
    for sheet in qs.order_by("pk").iterator():
        refresh_derived(sheet)
        count += 1
    return count
