"""Co-writing before publication: the company invites people by email to read its draft, they
accept or decline, and they and the company's members comment on it (each comment kept with the
version it was written on).

An invitation answers the company the same way whatever the address belongs to — a talent, a
company's member, nobody yet, someone already invited (ADR 0020): the request only checks what the
company already knows (its sheet, the address's form, its own limits) and writes the invitation;
who is behind the address is looked up afterwards, by :func:`spec_sheet_invitation_deliver` in a
task queued after the commit, which tells an account with that address (confirmed) through a
notification and emails an address without one an invitation to sign up. Until the person
accepts, the company sees only the address it typed and the status.
"""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from ..emails import invitation_email
from ..errors import (
    SpecSheetError,
    SpecSheetPermissionError,
    SpecSheetRateLimitedError,
    SpecSheetTransitionError,
)
from ..links import invitations_url
from ..models import SpecSheet, SpecSheetCollaborator, SpecSheetComment
from ..permissions import (
    invitation_answer_refusal,
    invitation_withdraw_refusal,
    is_sheet_collaborator,
    is_sheet_editor,
)
from ..selectors import invitations_counted
from ..tasks import deliver_collaborator_invitation
from .content import COMMENT_MAX_CHARS, CONTROL_CHARS
from .lifecycle import COMMENTABLE_STATUSES, EDITABLE_STATUSES, locked_sheet, require_editor

Status = SpecSheetCollaborator.Status

#: How long an invitation may be answered.
INVITATION_VALID_FOR = datetime.timedelta(days=14)
#: Invitations of one sheet waiting for an answer at the same time.
PENDING_LIMIT_PER_SHEET = 10
#: Invitations one sheet may send in 24 hours (withdrawn ones count: no mass mailing by
#: withdrawing and inviting again).
DAILY_LIMIT_PER_SHEET = 20
EMAIL_MAX_CHARS = 254


def invitation_address(email) -> str:
    """The address as stored and compared: trimmed, lower case, checked for its form."""
    email = (email if isinstance(email, str) else "").strip()
    if not email:
        raise SpecSheetError(_("メールアドレスを入力してください。"), field="email")
    try:
        if len(email) > EMAIL_MAX_CHARS:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise SpecSheetError(_("メールアドレスの形式が正しくありません。"), field="email") from None
    return email.lower()


@transaction.atomic
def spec_sheet_invite_collaborator(*, sheet: SpecSheet, by, email: str) -> str:
    """Invite ``email`` to read and comment on a draft or returned sheet; returns the address as
    stored. The same for every address: nothing here depends on who owns it (see the module's
    docstring); an address already invited (pending or accepted) is left as it is."""
    require_editor(sheet, by)
    address = invitation_address(email)
    locked = locked_sheet(sheet)
    if locked.status not in EDITABLE_STATUSES:
        raise SpecSheetTransitionError(_("共同編集に招待できるのは、下書きと差し戻し中の仕様書だけです。"))
    now = timezone.now()
    pending, recent = invitations_counted(locked, now=now)
    if pending >= PENDING_LIMIT_PER_SHEET:
        raise SpecSheetRateLimitedError(
            _(
                "承諾待ちの招待は、一つの仕様書につき%(max)d件までです。"
                "回答を待つか、招待を取り下げてから招待してください。"
            )
            % {"max": PENDING_LIMIT_PER_SHEET},
            field="email",
        )
    if recent >= DAILY_LIMIT_PER_SHEET:
        raise SpecSheetRateLimitedError(
            _("一つの仕様書から24時間に送れる招待は%(max)d件までです。明日以降にもう一度お試しください。")
            % {"max": DAILY_LIMIT_PER_SHEET},
            field="email",
        )
    rows = SpecSheetCollaborator.objects.filter(sheet=locked, email=address)
    if (
        rows.filter(status=Status.ACCEPTED).exists()
        or rows.filter(status=Status.PENDING, expires_at__gt=now).exists()
    ):
        return address
    rows.filter(status=Status.PENDING).update(status=Status.EXPIRED)
    invitation = SpecSheetCollaborator.objects.create(
        sheet=locked, email=address, invited_by=by, expires_at=now + INVITATION_VALID_FOR
    )

    def deliver(invitation_id: int = invitation.pk) -> None:
        deliver_collaborator_invitation.delay(invitation_id)

    transaction.on_commit(deliver, robust=True)
    return address


def spec_sheet_invitation_deliver(*, invitation_id: int) -> bool:
    """Tell the person behind an invitation's address, once: a notification to each active
    account that confirmed the address, or else an email inviting the address to sign up.
    Returns whether anything was sent (a withdrawn, answered or delivered invitation sends nothing)."""
    with transaction.atomic():
        invitation = (
            SpecSheetCollaborator.objects.select_for_update(of=("self",))
            .select_related("sheet", "sheet__organization")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.delivered_at or invitation.current_status() != Status.PENDING:
            return False
        users = [
            address.user
            for address in EmailAddress.objects.filter(
                email__iexact=invitation.email, verified=True, user__is_active=True
            ).select_related("user")
        ]
        sheet = invitation.sheet
        for user in users:
            notify(
                user=user,
                kind=Kind.COWRITING,
                title=Text(
                    gettext_lazy("%(company)sから、募集「%(title)s」の内容づくりに招待されました"),
                    company=sheet.organization.name,
                    title=sheet.title,
                ),
                body=[
                    Text(
                        gettext_lazy(
                            "公開前の募集内容を読んで、コメントで意見を伝えてほしいという招待です。"
                            "承諾するまで、企業にはあなたのお名前もプロフィールも伝わりません。"
                        )
                    ),
                    Text(
                        gettext_lazy("回答の期限：%(date)s"), date=timezone.localtime(invitation.expires_at)
                    ),
                ],
                url=invitations_url(),
            )
        invitation.delivered_at = timezone.now()
        invitation.save(update_fields=["delivered_at"])
    if not users:
        invitation_email(invitation).send()
    return True


def _answer(invitation: SpecSheetCollaborator, by, *, accept: bool) -> SpecSheetCollaborator:
    with transaction.atomic():
        locked_sheet(invitation.sheet)
        locked = (
            SpecSheetCollaborator.objects.select_for_update(of=("self",))
            .select_related("sheet", "sheet__organization")
            .get(pk=invitation.pk)
        )
        refusal = invitation_answer_refusal(by, locked, accept=accept)
        if refusal:
            raise SpecSheetTransitionError(refusal)
        locked.status = Status.ACCEPTED if accept else Status.DECLINED
        locked.user = by if accept else None
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "user", "answered_at"])
    return locked


def spec_sheet_invitation_accept(*, invitation: SpecSheetCollaborator, by) -> SpecSheetCollaborator:
    """The person the invitation is addressed to (a confirmed address of theirs, a talent profile)
    joins the sheet's co-writing; from now on the company sees them as its collaborator."""
    return _answer(invitation, by, accept=True)


def spec_sheet_invitation_decline(*, invitation: SpecSheetCollaborator, by) -> SpecSheetCollaborator:
    """The person the invitation is addressed to says no; the company sees only that it was declined."""
    return _answer(invitation, by, accept=False)


def spec_sheet_invitation_withdraw(*, invitation: SpecSheetCollaborator, by) -> SpecSheetCollaborator:
    """A member of the sheet's company takes back an invitation still waiting for an answer."""
    require_editor(invitation.sheet, by)
    with transaction.atomic():
        locked_sheet(invitation.sheet)
        locked = SpecSheetCollaborator.objects.select_for_update().get(pk=invitation.pk)
        refusal = invitation_withdraw_refusal(locked)
        if refusal:
            raise SpecSheetTransitionError(refusal)
        locked.status = Status.WITHDRAWN
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answered_at"])
    return locked


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
