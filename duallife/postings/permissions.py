"""Who may see and change which spec sheet: the one audited path that loads a sheet a user asked for.

- published and closed sheets are public;
- members (admins and members) of the owning company see and edit all of their sheets;
- collaborators (talent accounts who accepted an invitation) see the sheet and its comments; a
  pending invitation shows nothing of the sheet but its title and company, and only to the person
  it is addressed to (an account with that address, confirmed);
- coordinators see submitted and returned sheets in their scope, and review the submitted ones;
  operators everywhere.

Anything else answers 404, so that a sheet's existence does not leak to another tenant.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.utils.translation import gettext as _

from duallife.core.errors import NotFoundError
from duallife.core.ids import parse_id
from duallife.organizations.permissions import can_coordinate, companies_of, is_coordinator, is_operator
from duallife.talents.models import TalentProfile

from .models import SpecSheet, SpecSheetCollaborator
from .selectors import COWRITING_STATUSES, PUBLIC_STATUSES, sheets_with_details

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
    """Someone who accepted an invitation to comment on ``sheet``."""
    return (
        _authenticated(user)
        and SpecSheetCollaborator.objects.filter(
            sheet=sheet, user=user, status=SpecSheetCollaborator.Status.ACCEPTED
        ).exists()
    )


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


# --- Co-writing invitations ---------------------------------------------------------------------


def confirmed_addresses(user) -> list[str]:
    """The user's confirmed email addresses, lower case (an unconfirmed one may be someone else's)."""
    if not _authenticated(user):
        return []
    return [
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    ]


def get_invitation_for_invitee(user, pk) -> SpecSheetCollaborator:
    """An invitation addressed to one of the user's confirmed addresses (any status); 404 for
    anyone else, so that an invitation's existence tells nobody else anything."""
    pk = parse_id(pk, not_found=_("招待が見つかりません。"))
    invitation = (
        SpecSheetCollaborator.objects.select_related("sheet", "sheet__organization")
        .filter(pk=pk, email__in=confirmed_addresses(user))
        .first()
    )
    if invitation is None:
        raise NotFoundError(_("招待が見つかりません。"))
    return invitation


def get_invitation_for_editor(user, sheet: SpecSheet, pk) -> SpecSheetCollaborator:
    """An invitation of ``sheet`` (a sheet the user edits, loaded by :func:`get_sheet_for_editor`);
    404 otherwise."""
    pk = parse_id(pk, not_found=_("招待が見つかりません。"))
    invitation = SpecSheetCollaborator.objects.filter(pk=pk, sheet=sheet).first()
    if invitation is None or not is_sheet_editor(user, sheet):
        raise NotFoundError(_("招待が見つかりません。"))
    return invitation


def invitation_answer_refusal(user, invitation: SpecSheetCollaborator, *, accept: bool) -> str | None:
    """Why ``user`` may not accept (or decline) ``invitation`` now, or ``None``."""
    if invitation.email not in confirmed_addresses(user):
        return _("この招待は、招待されたメールアドレスを確認済みのご本人だけが回答できます。")
    status = invitation.current_status()
    if status == SpecSheetCollaborator.Status.EXPIRED:
        return _("この招待は有効期限が過ぎています。必要なら、企業にもう一度招待してもらってください。")
    if status != SpecSheetCollaborator.Status.PENDING:
        return _("この招待には、すでに回答したか、企業が取り下げました。")
    if invitation.sheet.status not in COWRITING_STATUSES:
        return _("この募集はすでに公開・終了したため、内容づくりには参加できません。")
    if not accept:
        return None
    if not has_talent_profile(user):
        return _("承諾するには、先に人材プロフィールを登録してください。")
    if is_sheet_editor(user, invitation.sheet):
        return _("自社のメンバーは、招待を承諾しなくても編集できます。")
    if is_sheet_collaborator(user, invitation.sheet):
        return _("この募集の内容づくりには、すでに参加しています。")
    return None


def invitation_withdraw_refusal(invitation: SpecSheetCollaborator) -> str | None:
    """Why the company may not withdraw ``invitation`` now, or ``None``."""
    if invitation.current_status() != SpecSheetCollaborator.Status.PENDING:
        return _("取り下げられるのは、承諾待ちの招待だけです。")
    return None


def has_talent_profile(user) -> bool:
    """Whether ``user`` has a talent profile (accepting an invitation to co-write needs one)."""
    return getattr(user, "is_authenticated", False) and TalentProfile.objects.filter(user=user).exists()
