"""The statuses of a sheet and what every step shares: who may edit, the row lock, and the event
each status change writes. Which step is legal is decided by the calling service.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..errors import SpecSheetPermissionError
from ..models import SpecSheet, SpecSheetEvent
from ..permissions import is_sheet_editor
from ..selectors import COWRITING_STATUSES

Status = SpecSheet.Status

EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
COMMENTABLE_STATUSES = COWRITING_STATUSES


def require_editor(sheet: SpecSheet, by) -> None:
    if not is_sheet_editor(by, sheet):
        raise SpecSheetPermissionError(_("この仕様書を編集できるのは、掲載している企業のメンバーだけです。"))


def locked_sheet(sheet: SpecSheet) -> SpecSheet:
    return (
        SpecSheet.objects.select_for_update(of=("self",))
        .select_related("municipality", "municipality__prefecture", "organization")
        .get(pk=sheet.pk)
    )


def sync_sheet(target: SpecSheet, source: SpecSheet) -> SpecSheet:
    """Copy the saved state of ``source`` onto the caller's instance and drop its stale caches."""
    if target is not source:
        for model_field in SpecSheet._meta.concrete_fields:
            setattr(target, model_field.attname, getattr(source, model_field.attname))
        if hasattr(target, "_prefetched_objects_cache"):
            target._prefetched_objects_cache = {}
    return target


def record_event(sheet: SpecSheet, *, from_status: str, by, comment: str = "") -> SpecSheetEvent:
    return SpecSheetEvent.objects.create(
        sheet=sheet,
        from_status=from_status,
        to_status=sheet.status,
        version=sheet.version,
        by=by if getattr(by, "is_authenticated", False) else None,
        comment=comment,
    )
