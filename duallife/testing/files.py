"""Files for the upload and message tests, made in memory (real ones of each accepted kind, disguised
ones), and what a (throw-away) MEDIA_ROOT holds."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(image_format: str) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 120, 40)).save(output, image_format)
    return output.getvalue()


def office_bytes(main_part: str, *, extra: tuple[str, ...] = ()) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        package.writestr(main_part, '<?xml version="1.0"?><document/>')
        for part in extra:
            package.writestr(part, b"\x00\x01")
    return output.getvalue()


def plain_zip_bytes() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr("readme.txt", "hello")
    return output.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name: str = "提案書.pdf") -> SimpleUploadedFile:
    return upload(name, PDF_BYTES, "application/pdf")


ACCEPTED = {
    "pdf": ("提案書.pdf", PDF_BYTES, "application/pdf"),
    "png": ("写真.png", image_bytes("PNG"), "image/png"),
    "jpeg": ("写真.jpeg", image_bytes("JPEG"), "image/jpeg"),
    "docx": (
        "職務経歴書.docx",
        office_bytes("word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        "売上.xlsx",
        office_bytes("xl/workbook.xml"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pptx": (
        "提案.pptx",
        office_bytes("ppt/presentation.xml"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "txt": ("メモ.txt", "来週の打ち合わせの議題です。\n1. 販促計画\n".encode(), "text/plain"),
    "csv (Shift_JIS)": ("売上.csv", "月,売上\n4月,120000\n".encode("cp932"), "text/csv"),
}

DISGUISED = {
    "a program renamed .pdf": (
        "請求書.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120,
        "application/pdf",
    ),
    "a web page sent as text": (
        "note.txt",
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "text/plain",
    ),
    "an SVG image": (
        "logo.png",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        "image/png",
    ),
    "a Word file with macros": (
        "契約書.docx",
        office_bytes("word/document.xml", extra=("word/vbaProject.bin",)),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "a zip that is no Office file": ("資料.docx", plain_zip_bytes(), "application/zip"),
    "a broken PNG": ("写真.png", b"\x89PNG\r\n\x1a\n" + b"not really an image", "image/png"),
    "binary data named .txt": ("メモ.txt", bytes(range(1, 32)) * 4, "text/plain"),
}


def private_root(settings, path):
    """Send attachments (the private storage) to ``path`` for this test; returns ``path``."""
    settings.PRIVATE_MEDIA_ROOT = path
    return path
