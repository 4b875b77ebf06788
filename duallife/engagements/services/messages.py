"""The message thread of an application: posting text and files, and how far each person has read.

- :func:`message_post`: the talent or a member of the sheet's company writes in the thread, with an
  optional attachment; the other side is notified. Staff (coordinators, operators) read the thread
  on the application page but do not write in it: it is the two parties' conversation.
- :func:`thread_mark_read`: the thread counts as read, up to now, for one person.
- :func:`attachment_check`: what an uploaded file really is, decided by its content (the name and
  the browser's content type are not trusted), within :data:`ATTACHMENT_MAX_BYTES`: the check of
  :mod:`duallife.core.uploads`, refusing with engagements' errors.
- :func:`talk_message_post`, :func:`talk_mark_read`: the same for the casual talk of a scout
  (まずは話を聞く), between the scouted talent and the sending side, while the talk is open. A talk
  takes text only: no files before the talent has applied and chosen what to share.

Attachments are stored under a random name (``models.attachment_path``); the cleaned original name
is kept for the download only. Counting unread messages is a read: see ``selectors.messages``.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from duallife.core.texts import Text
from duallife.core.uploads import UPLOAD_MAX_BYTES, CheckedUpload, UploadRefused, UploadTooLarge, upload_check
from duallife.core.uploads import kind_label as kind_label  # the thread's file labels, for the views
from duallife.notifications.models import Kind

from ..errors import (
    AttachmentTooLargeError,
    EngagementError,
    EngagementPermissionError,
    EngagementTransitionError,
)
from ..links import application_url, talk_url
from ..models import Application, Message, Scout, ThreadRead
from ..permissions import authenticated, is_company_side, scout_side, side_of, talk_refusal
from . import pipeline
from .applications import clean_text
from .notices import notify_company, notify_scouting_side, notify_user

S = Application.Status

BODY_MAX_CHARS = 4000
ATTACHMENT_MAX_BYTES = UPLOAD_MAX_BYTES
#: No new messages once an application has ended without an engagement (the thread stays readable).
CLOSED_STATUSES = (S.DECLINED, S.WITHDRAWN, S.EXPIRED)
#: How much of a notification's body the message fills.
NOTICE_BODY_CHARS = 200
#: The anchor of the thread on the application page.
THREAD_ANCHOR = "#thread"
LABEL_BODY = pgettext_lazy("subject of an error message", "メッセージ")


# --- Attachments ---------------------------------------------------------------------------------


def attachment_check(upload) -> CheckedUpload:
    """Raise :class:`EngagementError` (``field="attachment"``) unless ``upload`` is a file we take:
    :func:`duallife.core.uploads.upload_check` within :data:`ATTACHMENT_MAX_BYTES`, its refusals
    raised as engagements' own errors (:class:`AttachmentTooLargeError`, 413, for a file too large)."""
    try:
        return upload_check(upload, field="attachment", max_bytes=ATTACHMENT_MAX_BYTES)
    except UploadTooLarge as refused:
        raise AttachmentTooLargeError(refused.message) from refused
    except UploadRefused as refused:
        raise EngagementError(refused.message, field=refused.field, code=refused.code) from refused


# --- Posting -----------------------------------------------------------------------------------


def _poster_side(application: Application, by) -> str:
    """``talent`` or ``company``: the sides that write in the thread. Anyone else is refused."""
    if authenticated(by):
        if application.talent.user_id == by.pk:
            return "talent"
        if is_company_side(by, application.sheet):
            return "company"
        if side_of(by, application) == "staff":
            raise EngagementPermissionError(
                _("コーディネーター・運営の方は、やりとりを読むことはできますが、メッセージは送れません。")
            )
    raise EngagementPermissionError(_("この応募にはメッセージを送れません。"))


def _ensure_open_thread(application: Application) -> None:
    if application.status in CLOSED_STATUSES:
        raise EngagementTransitionError(
            _("「%(status)s」になった応募には、メッセージを送れません。これまでのやりとりは読めます。")
            % {"status": application.get_status_display()}
        )


def _notify_other_side(message: Message, application: Application, *, side: str, by) -> None:
    sheet = application.sheet
    body = message.body[:NOTICE_BODY_CHARS] or Text(
        gettext_lazy("ファイル「%(file)s」が添付されています。"), file=message.attachment_name
    )
    url = application_url(application.pk) + THREAD_ANCHOR
    if side == "talent":
        notify_company(
            sheet.organization_id,
            kind=Kind.MESSAGE,
            title=Text(
                gettext_lazy("%(name)sさんからメッセージが届きました（「%(sheet)s」）"),
                name=application.talent.display_name,
                sheet=sheet.title,
            ),
            body=body,
            url=url,
            skip=by,
        )
    else:
        notify_user(
            application.talent.user,
            kind=Kind.MESSAGE,
            title=Text(
                gettext_lazy("%(company)sからメッセージが届きました（「%(sheet)s」）"),
                company=sheet.organization.name,
                sheet=sheet.title,
            ),
            body=body,
            url=url,
        )


@transaction.atomic
def message_post(*, application: Application, by, body: str = "", attachment=None) -> Message:
    """``by`` (the talent, or a member of the sheet's company) writes in the application's thread.

    A message has a body (at most 4000 characters), an attachment, or both. Once the application
    is declined, withdrawn or expired nothing more can be posted. The other side is notified (every
    company member but the author, or the talent). A refused message leaves no row and no file.
    """
    side = _poster_side(application, by)
    body = clean_text(body, field="body", label=LABEL_BODY, max_chars=BODY_MAX_CHARS)
    checked = attachment_check(attachment) if attachment else None
    if not body and checked is None:
        raise EngagementError(_("メッセージを入力するか、ファイルを添付してください。"), field="body")
    locked = pipeline.lock_application(application)
    _ensure_open_thread(locked)
    message = Message(application=locked, author=by, body=body)
    if checked is not None:
        message.attachment_name = checked.name
        message.attachment_type = checked.kind.content_type
        message.attachment_size = checked.size
        message.attachment.save(f"upload.{checked.kind.extension}", checked.upload, save=False)
    try:
        message.save()
        locked.save(update_fields=["updated_at"])  # lists sort by the latest activity
        _notify_other_side(message, locked, side=side, by=by)
    except BaseException:
        if message.attachment:
            message.attachment.delete(save=False)
        raise
    return message


@transaction.atomic
def thread_mark_read(*, application: Application, user) -> datetime.datetime:
    """``user`` has read the application's thread up to now (one row per person and thread).

    Returns the time recorded. Two tabs opening the thread at once still leave one row.
    """
    if side_of(user, application) is None:
        raise EngagementPermissionError(_("この応募のメッセージは読めません。"))
    now = timezone.now()
    reads = ThreadRead.objects.filter(application=application, user=user)
    if not reads.update(last_read_at=now):
        try:
            with transaction.atomic():
                ThreadRead.objects.create(application=application, user=user, last_read_at=now)
        except IntegrityError:  # the other tab created it first
            reads.update(last_read_at=now)
    return now


# --- The casual talk of a scout --------------------------------------------------------------------


def _talk_side(scout: Scout, by) -> str:
    """``talent`` or ``sender``: the two sides of the talk. Anyone else is refused."""
    side = scout_side(by, scout) if authenticated(by) else None
    if side is None:
        raise EngagementPermissionError(_("このスカウトにはメッセージを送れません。"))
    return side


def _lock_talk(scout: Scout) -> Scout:
    return (
        Scout.objects.select_for_update(of=("self",))
        .select_related("sheet", "talent", "talent__user", "sender", "sender_organization")
        .get(pk=scout.pk)
    )


@transaction.atomic
def talk_message_post(*, scout: Scout, by, body: str) -> Message:
    """``by`` (the scouted talent, or a member of the sending side) writes in the scout's open
    casual talk: text of at most 4000 characters. The other side is notified (the talent, or the
    sheet's company and the sender but the author). A refused message leaves no row."""
    side = _talk_side(scout, by)
    body = clean_text(body, field="body", label=LABEL_BODY, max_chars=BODY_MAX_CHARS)
    if not body:
        raise EngagementError(_("メッセージを入力してください。"), field="body")
    locked = _lock_talk(scout)
    refusal = talk_refusal(locked)
    if refusal is not None:
        raise EngagementTransitionError(refusal)
    message = Message.objects.create(scout=locked, author=by, body=body)
    sheet = locked.sheet
    if side == "talent":
        notify_scouting_side(
            locked,
            kind=Kind.MESSAGE,
            title=Text(
                gettext_lazy("%(name)sさんからカジュアル面談のメッセージが届きました（「%(sheet)s」）"),
                name=locked.talent.display_name,
                sheet=sheet.title,
            ),
            body=body[:NOTICE_BODY_CHARS],
            url=talk_url(locked.pk),
            skip=by,
        )
    else:
        notify_user(
            locked.talent.user,
            kind=Kind.MESSAGE,
            title=Text(
                gettext_lazy("%(org)sからカジュアル面談のメッセージが届きました（「%(sheet)s」）"),
                org=locked.sender_organization.name,
                sheet=sheet.title,
            ),
            body=body[:NOTICE_BODY_CHARS],
            url=talk_url(locked.pk),
        )
    return message


@transaction.atomic
def talk_mark_read(*, scout: Scout, user) -> datetime.datetime:
    """``user`` has read the scout's casual talk up to now (one row per person and talk)."""
    if not authenticated(user) or scout_side(user, scout) is None:
        raise EngagementPermissionError(_("このスカウトのメッセージは読めません。"))
    now = timezone.now()
    reads = ThreadRead.objects.filter(scout=scout, application__isnull=True, user=user)
    if not reads.update(last_read_at=now):
        try:
            with transaction.atomic():
                ThreadRead.objects.create(scout=scout, user=user, last_read_at=now)
        except IntegrityError:  # the other tab created it first
            reads.update(last_read_at=now)
    return now
