"""Who may see what in recommendations.

- a sheet's 「この仕様書に合う人材」: its company's members, the coordinators of its area and operators;
  anyone else gets a 404, so that the sheet's existence does not leak;
- saved searches: sheet searches for anyone signed in, talent searches for those who may browse
  talents; a search is its owner's alone (anyone else's is a 404);
- the talent parts of a weekly digest: those who may use the talent search now (staff: with MFA).
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from duallife.accounts.mfa import mfa_setup_required
from duallife.core.errors import NotFoundError
from duallife.core.ids import parse_id
from duallife.organizations.permissions import can_browse_talents
from duallife.postings import permissions as sheet_permissions
from duallife.postings.models import SpecSheet

from .models import SavedSearch

NOT_FOUND = gettext_lazy("仕様書が見つかりません。")


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


def can_save(user, kind: str) -> bool:
    """Sheet searches: anyone logged in. Talent searches: those who may browse talents."""
    if not getattr(user, "is_authenticated", False):
        return False
    if kind == SavedSearch.Kind.SHEETS:
        return True
    return kind == SavedSearch.Kind.TALENTS and can_browse_talents(user)


def get_saved_search_for_user(user, pk) -> SavedSearch:
    """The saved search ``pk`` if it is ``user``'s; 404 otherwise (no hint another exists)."""
    search = (
        SavedSearch.objects.select_related("user").filter(pk=parse_id(pk, not_found=""), user=user).first()
    )
    if search is None:
        raise Http404
    return search


def may_get_talents(user) -> bool:
    """Talent parts go to those who may use the talent search now (staff: with MFA)."""
    return can_browse_talents(user) and not mfa_setup_required(user)
