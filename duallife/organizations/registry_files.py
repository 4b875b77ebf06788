"""Reading a file of the National Tax Agency's published 法人番号 data as it is downloaded: a CSV
(Shift_JIS or Unicode/UTF-8) or the zip it comes in, one row at a time, never the whole file in
memory. What a row means is :mod:`duallife.engine.corporate_registry`'s business."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: What ``--encoding`` accepts: ``auto`` looks at the start of the file.
ENCODINGS = {"auto": "", "utf-8": "utf-8-sig", "shift_jis": "cp932"}
_SNIFF_BYTES = 1 << 16


class RegistryFileError(Exception):
    """The file cannot be read as the published data; the message (Japanese) says why."""


@contextmanager
def _binary(path: Path):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
            if len(members) != 1:
                raise RegistryFileError(
                    f"{path.name} にCSVファイルが{len(members)}個あります。"
                    "CSVが1つだけのzipを指定してください。"
                )
            with archive.open(members[0]) as member:
                yield io.BufferedReader(member, buffer_size=_SNIFF_BYTES)
        return
    with open(path, "rb", buffering=_SNIFF_BYTES) as handle:
        yield handle


def _sniff(head: bytes) -> str:
    """The codec for a file starting with ``head``: UTF-8 when it decodes as such, else Shift_JIS
    (as cp932, the NTA's JIS level 1–2 characters and the vendor ones Windows writes)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp932"
    return "utf-8-sig"


def encoding_label(codec: str) -> str:
    return "Shift_JIS" if codec == "cp932" else "UTF-8"


@contextmanager
def open_rows(path: Path, *, encoding: str = "auto") -> Iterator[tuple[str, Iterator[tuple[int, list[str]]]]]:
    """``(codec, rows)``: the codec used and the file's rows as ``(line number, fields)``. A
    header row (一連番号, 法人番号 …) is skipped. Raises :class:`RegistryFileError` for a file that
    cannot be opened or decoded, or a row the CSV reader cannot split, naming the line."""
    if encoding not in ENCODINGS:
        raise RegistryFileError(
            f"文字コードは {', '.join(ENCODINGS)} のいずれかで指定してください: {encoding}"
        )
    try:
        with _binary(path) as raw:
            codec = ENCODINGS[encoding] or _sniff(raw.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
            yield codec, _rows(raw, codec)
    except OSError as exc:
        raise RegistryFileError(f"{path} を読めません: {exc.strerror or exc}") from None
    except zipfile.BadZipFile:
        raise RegistryFileError(f"{path.name} はzipファイルとして読めません。") from None


def _decoded(raw, codec: str) -> Iterator[str]:
    """The file's lines as text, decoded one line at a time so that an undecodable byte is reported
    on its own line (a line break is never part of a multi-byte character in UTF-8 or Shift_JIS)."""
    for number, data in enumerate(raw, start=1):
        try:
            yield data.decode(codec)
        except UnicodeDecodeError:
            raise RegistryFileError(
                f"{number}行目: {encoding_label(codec)}として読めない文字があります。"
                "国税庁のサイトから取得したままのファイルか、文字コードの指定（--encoding）を確かめてください。"
            ) from None


def _rows(raw, codec: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(_decoded(raw, codec), strict=True)
    try:
        for fields in reader:
            line = reader.line_num
            if line == 1 and fields[:2] in (["一連番号", "法人番号"], ["sequenceNumber", "corporateNumber"]):
                continue
            if not fields:
                continue
            yield line, fields
    except csv.Error as exc:
        raise RegistryFileError(f"{reader.line_num}行目: CSVとして読めません（{exc}）。") from None
