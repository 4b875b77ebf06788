"""The content check of uploaded files: what a file is, decided by its content, and the name it keeps."""

from __future__ import annotations

import pytest
from django.utils import translation
from PIL import Image

from duallife.core.errors import DomainError
from duallife.core.uploads import (
    CSV,
    DOCX,
    JPEG,
    PDF,
    TEXT,
    UPLOAD_MAX_BYTES,
    UploadRefused,
    UploadTooLarge,
    kind_label,
    upload_check,
    upload_name_clean,
)
from duallife.testing.files import (
    ACCEPTED,
    DISGUISED,
    PDF_BYTES,
    image_bytes,
    office_bytes,
    plain_zip_bytes,
    upload,
)

MB = 1024 * 1024


def refusal(content: bytes, name: str = "領収書.pdf", **options) -> UploadRefused:
    with pytest.raises(UploadRefused) as refused:
        upload_check(upload(name, content), **options)
    return refused.value


# --- Accepted --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ACCEPTED))
def test_each_accepted_kind_is_known_by_its_content_and_left_at_its_start(kind):
    name, content, content_type = ACCEPTED[kind]
    file = upload(name, content, content_type)

    checked = upload_check(file)

    assert checked.kind.content_type == content_type
    assert checked.name == name
    assert checked.size == len(content)
    assert checked.upload is file
    assert file.read() == content


def test_the_content_decides_whatever_the_name_and_the_browser_say():
    checked = upload_check(upload("領収書.exe", PDF_BYTES, "application/x-msdownload"))

    assert checked.kind is PDF
    assert checked.name == "領収書.pdf"


def test_text_is_a_csv_only_when_its_name_says_so():
    rows = "日付,金額\n2026-04-01,12000\n".encode()

    assert upload_check(upload("交通費.csv", rows)).kind is CSV
    assert upload_check(upload("交通費.tsv", rows)).kind is CSV
    assert upload_check(upload("交通費", rows)).kind is TEXT


def test_utf8_with_a_byte_order_mark_and_shift_jis_are_both_text():
    assert upload_check(upload("メモ.txt", "\ufeff新幹線の領収書".encode())).kind is TEXT
    assert upload_check(upload("メモ.txt", "新幹線の領収書".encode("cp932"))).kind is TEXT


def test_a_file_at_the_limit_is_taken():
    checked = upload_check(upload("領収書.pdf", PDF_BYTES + b"0" * (MB - len(PDF_BYTES))), max_bytes=MB)

    assert checked.size == MB


# --- Refused -------------------------------------------------------------------------------------


def test_an_empty_file_is_refused_on_the_callers_field():
    refused = refusal(b"", field="receipt")

    assert str(refused) == "ファイルが空です。別のファイルを選んでください。"
    assert refused.field == "receipt"
    assert refused.status == 400
    assert refused.code == "invalid"


def test_a_file_over_10_mb_is_refused_as_too_large_with_413():
    refused = refusal(PDF_BYTES + b"0" * UPLOAD_MAX_BYTES)

    assert isinstance(refused, UploadTooLarge)
    assert isinstance(refused, DomainError)
    assert refused.status == 413
    assert refused.code == "too_large"
    assert refused.field == "attachment"
    assert str(refused) == "添付ファイルは10MBまでです（選んだファイルは10.0MBです）。"


@pytest.mark.parametrize(("limit", "said"), [(2 * MB, "2MBまで"), (MB + MB // 2, "1.5MBまで")])
def test_a_callers_own_limit_is_the_one_the_refusal_names(limit, said):
    refused = refusal(PDF_BYTES + b"0" * limit, max_bytes=limit, field="receipt")

    assert isinstance(refused, UploadTooLarge)
    assert said in str(refused)
    assert refused.field == "receipt"


@pytest.mark.parametrize("kind", ["a web page sent as text", "an SVG image"])
def test_markup_is_refused_even_as_a_text_file(kind):
    name, content, _content_type = DISGUISED[kind]

    refused = refusal(content, name)

    assert str(refused).startswith("HTMLなどのウェブページのファイルは添付できません。")
    assert not isinstance(refused, UploadTooLarge)


def test_markup_after_the_first_kilobytes_does_not_make_text_a_web_page():
    assert upload_check(upload("メモ.txt", b"a" * 5000 + b"<html>")).kind is TEXT


def test_an_office_file_with_macros_is_refused():
    refused = refusal(office_bytes("word/document.xml", extra=("word/vbaProject.bin",)), "経費.docx")

    assert str(refused).startswith("マクロを含むOfficeファイルは添付できません。")


def test_an_office_file_without_macros_is_taken():
    assert upload_check(upload("経費.docx", office_bytes("word/document.xml"))).kind is DOCX


def test_a_broken_image_is_refused_as_damaged():
    refused = refusal(b"\xff\xd8\xff\xe0" + b"not really a photo", "領収書.jpg")

    assert str(refused) == "画像ファイルが壊れているようです。別のファイルを選んでください。"


def test_an_image_of_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)

    refused = refusal(image_bytes("PNG"), "写真.png")

    assert str(refused) == "画像の画素数が大きすぎます。"


def test_a_broken_zip_is_refused_as_damaged():
    refused = refusal(b"PK\x03\x04" + b"\x00" * 40, "経費.xlsx")

    assert str(refused) == "ファイルが壊れているようです。別のファイルを選んでください。"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("領収書.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120),
        ("メモ.txt", bytes(range(1, 32)) * 4),
        ("資料.docx", plain_zip_bytes()),
        ("写真.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("a.bin", bytes([0x81, 0xFF, 0xFE, 0x80]) * 8),
    ],
)
def test_an_unknown_binary_is_refused_as_an_unsupported_kind(name, content):
    file = upload(name, content)

    with pytest.raises(UploadRefused) as refused:
        upload_check(file, field="receipt")

    assert str(refused.value).startswith("この種類のファイルは添付できません。")
    assert refused.value.field == "receipt"
    assert refused.value.status == 400
    assert file.tell() == 0


def test_refusals_and_labels_are_worded_in_english():
    with translation.override("en"):
        unsupported = str(refusal(b"\x00\x01binary", "a.bin"))
        too_large = str(refusal(PDF_BYTES + b"0" * UPLOAD_MAX_BYTES))
        label = str(kind_label(DOCX.content_type))

    assert unsupported.startswith("This type of file cannot be attached.")
    assert too_large == "Attachments can be up to 10 MB (the selected file is 10.0 MB)."
    assert label == "Word document"


# --- Labels and names ----------------------------------------------------------------------------


def test_a_stored_type_has_a_label_and_an_unknown_one_shows_itself():
    assert str(kind_label("image/jpeg")) == "JPEG画像"
    assert kind_label("application/pdf") == "PDF"
    assert kind_label("application/x-unknown") == "application/x-unknown"


@pytest.mark.parametrize(
    ("sent", "kind", "kept"),
    [
        ("C:\\経費\\2026年4月\\領収書.JPEG", JPEG, "領収書.jpeg"),
        ("/home/taro/receipts/新幹線.jpe", JPEG, "新幹線.jpe"),
        ("宿泊費.png", JPEG, "宿泊費.jpg"),
        ("交通費.txt", CSV, "交通費.csv"),
        ("領収書\u202egpj.exe", PDF, "領収書gpj.pdf"),
        ("領収書\x00\t\n.pdf", PDF, "領収書.pdf"),
        ("経費 |  精算 ?.pdf", PDF, "経費 _ 精算 _.pdf"),
        ("ｶﾞｲﾄﾞ.pdf", PDF, "ｶﾞｲﾄﾞ.pdf"),
        ("\u304b\u3099.pdf", PDF, "\u304c.pdf"),
        ("...pdf", PDF, "添付ファイル.pdf"),
        ("", TEXT, "添付ファイル.txt"),
        (None, PDF, "添付ファイル.pdf"),
        ("い" * 250 + ".docx", DOCX, "い" * 195 + ".docx"),
    ],
)
def test_the_original_name_is_cleaned_and_its_extension_matches_the_content(sent, kind, kept):
    assert upload_name_clean(sent, kind) == kept
