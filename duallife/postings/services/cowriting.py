"""Co-writing before publication: the company invites talents to read its draft, and they and the
company's members comment on it (each comment kept with the version it was written on).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from duallife.organizations.permissions import companies_of
from duallife.talents.models import TalentProfile

from ..errors import SpecSheetError, SpecSheetPermissionError, SpecSheetTransitionError
from ..models import SpecSheet, SpecSheetCollaborator, SpecSheetComment
from ..permissions import is_sheet_collaborator, is_sheet_editor
from .content import COMMENT_MAX_CHARS, CONTROL_CHARS
from .lifecycle import COMMENTABLE_STATUSES, EDITABLE_STATUSES, locked_sheet, require_editor


@transaction.atomic
def spec_sheet_invite_collaborator(*, sheet: SpecSheet, by, user) -> SpecSheetCollaborator:
    """Invite a talent to read and comment on a draft or returned sheet before publication."""
    require_editor(sheet, by)
    locked = locked_sheet(sheet)
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
    locked = locked_sheet(sheet)
    if locked.status not in COMMENTABLE_STATUSES:
        raise SpecSheetTransitionError(_("公開後の仕様書にはコメントできません。"))
    body = CONTROL_CHARS.sub("", body if isinstance(body, str) else "").strip()
    if not body:
        raise SpecSheetError(_("コメントを入力してください。"), field="body")
    if len(body) > COMMENT_MAX_CHARS:
        raise SpecSheetError(
            _("コメントは%(max)d文字以内で入力してください。") % {"max": COMMENT_MAX_CHARS},
            field="body",
        )
    return SpecSheetComment.objects.create(sheet=locked, version=locked.version, author=by, body=body)
