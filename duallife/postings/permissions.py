"""Who may see and change which spec sheet: the one audited path that loads a sheet a user asked for.

- published and closed sheets are public;
- members (admins and members) of the owning company see and edit all of their sheets;
- invited collaborators (talent accounts) see the sheet they were invited to and its comments;
- coordinators see submitted and returned sheets in their scope, and review the submitted ones;
  operators everywhere.

Anything else answers 404, so that a sheet's existence does not leak to another tenant.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from duallife.core.errors import NotFoundError
from duallife.core.ids import parse_id
from duallife.organizations.permissions import can_coordinate, companies_of, is_coordinator, is_operator

from .models import SpecSheet, SpecSheetCollaborator
from .selectors import PUBLIC_STATUSES, sheets_with_details

REVIEW_VISIBLE_STATUSES = (SpecSheet.Status.SUBMITTED, SpecSheet.Status.RETURNED)


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _load(pk) -> SpecSheet:
    sheet = sheets_with_details().filter(pk=parse_id(pk, not_found=_("仕様書が見つかりません。"))).first()
    if sheet is None:
        raise NotFoundError(_("仕様書が見つかりません。"))
    return sheet


def is_sheet_editor(user, sheet: SpecSheet) -> bool:
    """A member (any role) of the company that owns the sheet."""
    return _authenticated(user) and companies_of(user).filter(pk=sheet.organization_id).exists()


def is_sheet_collaborator(user, sheet: SpecSheet) -> bool:
    return _authenticated(user) and SpecSheetCollaborator.objects.filter(sheet=sheet, user=user).exists()


def can_review_sheet(user, sheet: SpecSheet) -> bool:
    """A coordinator whose scope covers the sheet's place, or an operator."""
    return _authenticated(user) and can_coordinate(user, sheet.municipality)


def is_reviewer(user) -> bool:
    return _authenticated(user) and (is_operator(user) or is_coordinator(user))


def can_view_sheet(user, sheet: SpecSheet) -> bool:
    if sheet.status in PUBLIC_STATUSES:
        return True
    if not _authenticated(user):
        return False
    if is_sheet_editor(user, sheet) or is_sheet_collaborator(user, sheet):
        return True
    return sheet.status in REVIEW_VISIBLE_STATUSES and can_review_sheet(user, sheet)


def get_sheet_for_public(pk) -> SpecSheet:
    """A published or closed sheet, for anyone (the public page and the public API)."""
    sheet = _load(pk)
    if sheet.status not in PUBLIC_STATUSES:
        raise NotFoundError(_("仕様書が見つかりません。"))
    return sheet


def get_sheet_for_user(user, pk) -> SpecSheet:
    """A sheet the user may look at (see the module docstring); 404 otherwise."""
    sheet = _load(pk)
    if not can_view_sheet(user, sheet):
        raise NotFoundError(_("仕様書が見つかりません。"))
    return sheet


def get_sheet_for_editor(user, pk) -> SpecSheet:
    """A sheet of one of the user's companies, in any status; 404 otherwise."""
    sheet = _load(pk)
    if not is_sheet_editor(user, sheet):
        raise NotFoundError(_("仕様書が見つかりません。"))
    return sheet


def get_sheet_for_cowriting(user, pk) -> SpecSheet:
    """A sheet the user writes (company member) or was invited to comment on; 404 otherwise."""
    sheet = _load(pk)
    if not (is_sheet_editor(user, sheet) or is_sheet_collaborator(user, sheet)):
        raise NotFoundError(_("仕様書が見つかりません。"))
    return sheet


def get_sheet_for_reviewer(user, pk) -> SpecSheet:
    """A submitted sheet in the user's coordinator scope (any area for operators); 404 otherwise."""
    sheet = _load(pk)
    if sheet.status != SpecSheet.Status.SUBMITTED or not can_review_sheet(user, sheet):
        raise NotFoundError(_("仕様書が見つかりません。"))
    return sheet


def get_sheet_for_history(user, pk) -> SpecSheet:
    """Versions and events: the company, invited collaborators, and reviewers of the area once the
    sheet has been submitted; 404 otherwise."""
    sheet = _load(pk)
    allowed = is_sheet_editor(user, sheet) or is_sheet_collaborator(user, sheet)
    if not allowed and sheet.status != SpecSheet.Status.DRAFT:
        allowed = can_review_sheet(user, sheet)
    if not allowed:
        raise NotFoundError(_("仕様書が見つかりません。"))
    return sheet
