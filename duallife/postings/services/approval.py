"""Review of submitted sheets by the coordinators of their area (or an operator): approve, which
publishes the sheet, or return it to the company with a comment saying what to change.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import SpecSheetError, SpecSheetPermissionError, SpecSheetTransitionError
from ..models import SpecSheet
from ..permissions import can_review_sheet, is_sheet_editor
from .content import COMMENT_MAX_CHARS, CONTROL_CHARS
from .lifecycle import Status, locked_sheet, record_event, sync_sheet


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
    locked = locked_sheet(sheet)
    _require_reviewer(locked, by)
    if locked.status != Status.SUBMITTED:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は承認できません。承認できるのは審査待ちのものです。")
            % {"status": locked.get_status_display()}
        )
    comment = CONTROL_CHARS.sub("", comment or "").strip()
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
    record_event(locked, from_status=Status.SUBMITTED, by=by, comment=comment)
    _recommend_after_commit(locked)
    return sync_sheet(sheet, locked)


def _recommend_after_commit(sheet: SpecSheet) -> None:
    from duallife.recommendations.services.recommendations import after_sheet_change

    after_sheet_change(sheet.pk)


@transaction.atomic
def spec_sheet_return(*, sheet: SpecSheet, by, comment: str) -> SpecSheet:
    """Send a submitted sheet back to its company with a comment saying what to change."""
    locked = locked_sheet(sheet)
    _require_reviewer(locked, by)
    if locked.status != Status.SUBMITTED:
        raise SpecSheetTransitionError(
            _("「%(status)s」の仕様書は差し戻せません。差し戻せるのは審査待ちのものです。")
            % {"status": locked.get_status_display()}
        )
    comment = CONTROL_CHARS.sub("", comment or "").strip()
    if not comment:
        raise SpecSheetError(_("差し戻す理由（直してほしい点）をコメントに書いてください。"), field="comment")
    if len(comment) > COMMENT_MAX_CHARS:
        raise SpecSheetError(
            _("コメントは%(max)d文字以内で入力してください。") % {"max": COMMENT_MAX_CHARS},
            field="comment",
        )
    locked.status = Status.RETURNED
    locked.save(update_fields=["status", "updated_at"])
    record_event(locked, from_status=Status.SUBMITTED, by=by, comment=comment)
    return sync_sheet(sheet, locked)
