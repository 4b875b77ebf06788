"""What an uploaded file really is, decided by its content: the one check every app's uploads pass.

- :func:`upload_check`: the name and the browser's content type are not trusted; the content
  decides, within ``max_bytes`` (:data:`UPLOAD_MAX_BYTES` unless the caller says otherwise). A
  refusal is an :class:`UploadRefused` on the caller's ``field`` (:class:`UploadTooLarge`, 413,
  for a file over the limit); an app that has its own error root translates it.
- :func:`upload_name_clean`: the original name, safe to show and to send back in a download.
- :func:`kind_label`: 「PDF」「Word文書」… for a stored content type.

Accepted: PDF, PNG and JPEG (when Pillow reads them), Word, Excel and PowerPoint files in Office
Open XML without macros, and plain text or CSV in UTF-8 or Shift_JIS that is not markup.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from .errors import DomainError

__all__ = [
    "CSV",
    "DOCX",
    "JPEG",
    "KINDS",
    "PDF",
    "PNG",
    "PPTX",
    "TEXT",
    "UPLOAD_MAX_BYTES",
    "UPLOAD_NAME_MAX_CHARS",
    "XLSX",
    "CheckedUpload",
    "FileKind",
    "UploadRefused",
    "UploadTooLarge",
    "kind_label",
    "upload_check",
    "upload_name_clean",
]

UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_NAME_MAX_CHARS = 200


class UploadRefused(DomainError):
    """The uploaded file is not one we take; ``field`` is the caller's input (``attachment``)."""

    def __init__(self, message: str, *, field: str = "attachment", code: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


class UploadTooLarge(UploadRefused):
    """The uploaded file is over the caller's limit (the API answers 413)."""

    status = 413
    default_code = "too_large"


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


def kind_label(content_type: str):
    """「PDF」「Word文書」… for a stored content type (the type itself when unknown)."""
    return next((kind.label for kind in KINDS if kind.content_type == content_type), content_type)


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    kind: FileKind
    name: str  # cleaned original name, with an extension that matches the content
    size: int


def upload_check(upload, *, field: str = "attachment", max_bytes: int = UPLOAD_MAX_BYTES) -> CheckedUpload:
    """Raise :class:`UploadRefused` (on ``field``) unless ``upload`` is a file we take.

    The content decides: PDF by its header, PNG and JPEG when Pillow reads them, Office files when
    they are a zip package with the main part of a Word, Excel or PowerPoint document (and no
    macros), anything else only when it is plain text (UTF-8 or Shift_JIS) that is not a web page.
    A file over ``max_bytes`` raises :class:`UploadTooLarge`. The file is left at its start.
    """
    size = getattr(upload, "size", None)
    if size is None or size <= 0:
        raise UploadRefused(_("ファイルが空です。別のファイルを選んでください。"), field=field)
    if size > max_bytes:
        raise UploadTooLarge(
            _("添付ファイルは%(limit)sMBまでです（選んだファイルは%(size)sMBです）。")
            % {"limit": _megabytes(max_bytes), "size": formats.number_format(size / 1024 / 1024, 1)},
            field=field,
        )
    try:
        kind = _sniff(upload, getattr(upload, "name", "") or "", field)
    finally:
        upload.seek(0)
    return CheckedUpload(
        upload=upload, kind=kind, name=upload_name_clean(getattr(upload, "name", ""), kind), size=size
    )


def _megabytes(size: int) -> str:
    """``10`` for 10 MB, ``2.5`` for 2.5 MB: a limit as people read it."""
    megabytes = size / 1024 / 1024
    return formats.number_format(megabytes, 0 if megabytes.is_integer() else 1)


def _sniff(upload, name: str, field: str) -> FileKind:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
        return _image_kind(upload, field)
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload, field)
    return _text_kind(upload, name, field)


def _image_kind(upload, field: str) -> FileKind:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused(_("画像の画素数が大きすぎます。"), field=field) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRefused(
            _("画像ファイルが壊れているようです。別のファイルを選んでください。"), field=field
        ) from None
    if image_format == "PNG":
        return PNG
    if image_format == "JPEG":
        return JPEG
    raise UploadRefused(str(UNSUPPORTED), field=field)


def _office_kind(upload, field: str) -> FileKind:
    """Word, Excel or PowerPoint (Office Open XML), read from the zip's directory only."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UploadRefused(
            _("ファイルが壊れているようです。別のファイルを選んでください。"), field=field
        ) from None
    if len(names) > OFFICE_MAX_PARTS or "[Content_Types].xml" not in names:
        raise UploadRefused(str(UNSUPPORTED), field=field)
    if any(part.lower().endswith("vbaproject.bin") for part in names):
        raise UploadRefused(
            _(
                "マクロを含むOfficeファイルは添付できません。マクロなしの形式（docx・xlsx・pptx）で保存してください。"
            ),
            field=field,
        )
    present = set(names)
    for part, kind in OFFICE_MAIN_PARTS:
        if part in present:
            return kind
    raise UploadRefused(str(UNSUPPORTED), field=field)


def _text_kind(upload, name: str, field: str) -> FileKind:
    """Plain text or CSV: readable as UTF-8 or Shift_JIS, no control characters, no markup."""
    data = upload.read()
    if b"\x00" in data:
        raise UploadRefused(str(UNSUPPORTED), field=field)
    text = _decode(data)
    if text is None or TEXT_CONTROL.search(text):
        raise UploadRefused(str(UNSUPPORTED), field=field)
    if MARKUP.search(data[:MARKUP_SCAN_BYTES]):
        raise UploadRefused(
            _("HTMLなどのウェブページのファイルは添付できません。PDFにするか、本文に書いてください。"),
            field=field,
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


def upload_name_clean(name, kind: FileKind) -> str:
    """The original file name, safe to show and to send back in a download.

    No folders, no control or direction-changing characters, no characters file systems refuse,
    at most :data:`UPLOAD_NAME_MAX_CHARS` characters, and an extension that matches the content
    (``請求書.exe`` holding a PDF becomes ``請求書.pdf``).
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
    stem = stem.strip(" .")[: UPLOAD_NAME_MAX_CHARS - len(extension) - 1] or _("添付ファイル")
    return f"{stem}.{extension.lower()}"
