"""The message thread of an application: posting text and files, and how far each person has read.

- :func:`message_post`: the talent or a member of the sheet's company writes in the thread, with an
  optional attachment; the other side is notified. Staff (coordinators, operators) read the thread
  on the application page but do not write in it: it is the two parties' conversation.
- :func:`thread_mark_read`: the thread counts as read, up to now, for one person.
- :func:`attachment_check`: what an uploaded file really is, decided by its content (the name and
  the browser's content type are not trusted), within :data:`ATTACHMENT_MAX_BYTES`.
- :func:`talk_message_post`, :func:`talk_mark_read`: the same for the casual talk of a scout
  (まずは話を聞く), between the scouted talent and the sending side, while the talk is open. A talk
  takes text only: no files before the talent has applied and chosen what to share.

Attachments are stored under a random name (``models.attachment_path``); the cleaned original name
is kept for the download only. Counting unread messages is a read: see ``selectors.messages``.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from PIL import Image, UnidentifiedImageError

from duallife.core.texts import Text
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
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_NAME_MAX_CHARS = 200
#: No new messages once an application has ended without an engagement (the thread stays readable).
CLOSED_STATUSES = (S.DECLINED, S.WITHDRAWN, S.EXPIRED)
#: How much of a notification's body the message fills.
NOTICE_BODY_CHARS = 200
#: The anchor of the thread on the application page.
THREAD_ANCHOR = "#thread"
LABEL_BODY = pgettext_lazy("subject of an error message", "メッセージ")


# --- What a file is ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str  # the extension stored names and downloads get
    extensions: frozenset[str]  # extensions an original name may keep
    label: Any  # for people (a lazy text): 「PDF」「Word文書」


PDF = FileKind("application/pdf", "pdf", frozenset({"pdf"}), "PDF")
PNG = FileKind("image/png", "png", frozenset({"png"}), gettext_lazy("PNG画像"))
JPEG = FileKind("image/jpeg", "jpg", frozenset({"jpg", "jpeg", "jpe"}), gettext_lazy("JPEG画像"))
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    frozenset({"docx"}),
    gettext_lazy("Word文書"),
)
XLSX = FileKind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    frozenset({"xlsx"}),
    gettext_lazy("Excelファイル"),
)
PPTX = FileKind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptx",
    frozenset({"pptx"}),
    gettext_lazy("PowerPointファイル"),
)
TEXT = FileKind("text/plain", "txt", frozenset({"txt", "text", "log", "md"}), gettext_lazy("テキスト"))
CSV = FileKind("text/csv", "csv", frozenset({"csv", "tsv"}), "CSV")
KINDS = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, TEXT, CSV)
#: Which part an Office Open XML package of each kind must contain.
OFFICE_MAIN_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX))
OFFICE_MAX_PARTS = 5000
#: The first bytes of markup a browser would render: refused even as a text file.
MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|\?xml)\b", re.IGNORECASE)
MARKUP_SCAN_BYTES = 4096
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
UNSUPPORTED = gettext_lazy(
    "この種類のファイルは添付できません。"
    "添付できるのは PDF、PNG・JPEG画像、Word・Excel・PowerPoint（docx・xlsx・pptx）、テキスト・CSV です。"
)


def _unsupported() -> EngagementError:
    return EngagementError(str(UNSUPPORTED), field="attachment")


def kind_label(content_type: str):
    """「PDF」「Word文書」… for a stored attachment type (the type itself when unknown)."""
    return next((kind.label for kind in KINDS if kind.content_type == content_type), content_type)


@dataclass(frozen=True)
class CheckedAttachment:
    upload: UploadedFile
    kind: FileKind
    name: str  # cleaned original name, with an extension that matches the content
    size: int


def attachment_check(upload) -> CheckedAttachment:
    """Raise :class:`EngagementError` (``field="attachment"``) unless ``upload`` is a file we take.

    The content decides: PDF by its header, PNG and JPEG when Pillow reads them, Office files when
    they are a zip package with the main part of a Word, Excel or PowerPoint document (and no
    macros), anything else only when it is plain text (UTF-8 or Shift_JIS) that is not a web page.
    """
    size = getattr(upload, "size", None)
    if size is None or size <= 0:
        raise EngagementError(_("ファイルが空です。別のファイルを選んでください。"), field="attachment")
    if size > ATTACHMENT_MAX_BYTES:
        raise AttachmentTooLargeError(
            _("添付ファイルは10MBまでです（選んだファイルは%(size)sMBです）。")
            % {"size": formats.number_format(size / 1024 / 1024, 1)}
        )
    try:
        kind = _sniff(upload, getattr(upload, "name", "") or "")
    finally:
        upload.seek(0)
    return CheckedAttachment(
        upload=upload, kind=kind, name=attachment_name_clean(getattr(upload, "name", ""), kind), size=size
    )


def _sniff(upload, name: str) -> FileKind:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
        return _image_kind(upload)
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    return _text_kind(upload, name)


def _image_kind(upload) -> FileKind:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise EngagementError(_("画像の画素数が大きすぎます。"), field="attachment") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise EngagementError(
            _("画像ファイルが壊れているようです。別のファイルを選んでください。"), field="attachment"
        ) from None
    if image_format == "PNG":
        return PNG
    if image_format == "JPEG":
        return JPEG
    raise _unsupported()


def _office_kind(upload) -> FileKind:
    """Word, Excel or PowerPoint (Office Open XML), read from the zip's directory only."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise EngagementError(
            _("ファイルが壊れているようです。別のファイルを選んでください。"), field="attachment"
        ) from None
    if len(names) > OFFICE_MAX_PARTS or "[Content_Types].xml" not in names:
        raise _unsupported()
    if any(part.lower().endswith("vbaproject.bin") for part in names):
        raise EngagementError(
            _(
                "マクロを含むOfficeファイルは添付できません。マクロなしの形式（docx・xlsx・pptx）で保存してください。"
            ),
            field="attachment",
        )
    present = set(names)
    for part, kind in OFFICE_MAIN_PARTS:
        if part in present:
            return kind
    raise _unsupported()


def _text_kind(upload, name: str) -> FileKind:
    """Plain text or CSV: readable as UTF-8 or Shift_JIS, no control characters, no markup."""
    data = upload.read()
    if b"\x00" in data:
        raise _unsupported()
    text = _decode(data)
    if text is None or TEXT_CONTROL.search(text):
        raise _unsupported()
    if MARKUP.search(data[:MARKUP_SCAN_BYTES]):
        raise EngagementError(
            _("HTMLなどのウェブページのファイルは添付できません。PDFにするか、本文に書いてください。"),
            field="attachment",
        )
    return CSV if _extension(name) in CSV.extensions else TEXT


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _extension(name: str) -> str:
    base = _base_name(name)
    return base.rpartition(".")[2].lower() if "." in base else ""


def _base_name(name) -> str:
    return str(name or "").replace("\\", "/").rsplit("/", 1)[-1]


def attachment_name_clean(name, kind: FileKind) -> str:
    """The original file name, safe to show and to send back in a download.

    No folders, no control or direction-changing characters, no characters file systems refuse,
    at most 200 characters, and an extension that matches the content (``請求書.exe`` holding a
    PDF becomes ``請求書.pdf``).
    """
    text = unicodedata.normalize("NFC", _base_name(name))
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = re.sub(r'[<>:"|?*/\\]', "_", text)
    text = " ".join(text.split())
    stem, dot, extension = text.rpartition(".")
    if not dot:
        stem, extension = text, ""
    if extension.lower() not in kind.extensions:
        extension = kind.extension
    stem = stem.strip(" .")[: ATTACHMENT_NAME_MAX_CHARS - len(extension) - 1] or _("添付ファイル")
    return f"{stem}.{extension.lower()}"


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
