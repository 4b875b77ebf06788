"""Who may see a sheet's 「この仕様書に合う人材」: its company's members, the coordinators of its area
and operators. Anyone else gets a 404, so that the sheet's existence does not leak."""

from __future__ import annotations

from django.utils import timezone

from duallife.core.errors import NotFoundError
from duallife.postings import permissions as sheet_permissions
from duallife.postings.models import SpecSheet

NOT_FOUND = "仕様書が見つかりません。"


def get_sheet_for_matches(user, pk) -> tuple[SpecSheet, bool]:
    """The sheet and whether ``user`` is of its company; 404 for anyone who may not see its matches."""
    sheet = sheet_permissions.get_sheet_for_user(user, pk)
    is_editor = sheet_permissions.is_sheet_editor(user, sheet)
    if not (is_editor or sheet_permissions.can_review_sheet(user, sheet)):
        raise NotFoundError(NOT_FOUND)
    return sheet, is_editor


def is_open(sheet: SpecSheet) -> bool:
    """Published and not past its closing day: only such a sheet lists talents."""
    return sheet.status == SpecSheet.Status.PUBLISHED and (
        sheet.closes_on is None or sheet.closes_on >= timezone.localdate()
    )
