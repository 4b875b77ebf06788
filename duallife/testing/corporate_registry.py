"""Small extracts of the National Tax Agency's published 法人番号 data, written by the tests
themselves (no downloaded data in the repository): ``corporate_number(n)`` a valid number,
``registry_row(...)`` one row of the published layout (30 columns), ``write_registry_file(path,
rows, encoding=...)`` a CSV (UTF-8 or Shift_JIS) or the zip it comes in."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from duallife.engine.corporate_number import corporate_number_check_digit
from duallife.engine.corporate_registry import COLUMN_COUNT


def corporate_number(n: int) -> str:
    """The ``n``-th valid 法人番号 (its check digit computed)."""
    base = f"{n:012d}"
    return f"{corporate_number_check_digit(base)}{base}"


def registry_row(
    number: str,
    name: str,
    *,
    prefecture: str = "宮城県",
    city: str = "仙台市青葉区",
    prefecture_code: str = "04",
    city_code: str = "101",
    updated_on: str = "2025-03-31",
    changed_on: str = "2015-10-05",
    latest: str = "1",
    process: str = "01",
    sequence: int = 1,
    closed_on: str = "",
    successor: str = "",
    kind: str = "301",
    furigana: str = "",
) -> list[str]:
    row = [""] * COLUMN_COUNT
    row[0] = str(sequence)
    row[1] = number
    row[2] = process
    row[3] = "0"
    row[4] = updated_on
    row[5] = changed_on
    row[6] = name
    row[8] = kind
    row[9] = prefecture
    row[10] = city
    row[11] = "本町１丁目１－１"
    row[13] = prefecture_code
    row[14] = city_code
    row[15] = "9800014"
    row[18] = closed_on
    row[19] = "01" if closed_on else ""
    row[20] = successor
    row[22] = "2015-10-05"
    row[23] = latest
    row[28] = furigana
    row[29] = "0"
    return row


def registry_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def write_registry_file(
    path: Path, rows: list[list[str]], *, encoding: str = "utf-8", zipped: bool = False
) -> Path:
    """``rows`` as the NTA publishes them: CSV in ``encoding`` (``utf-8`` or ``cp932``), in a zip
    when ``zipped`` (the CSV inside named like the NTA's)."""
    data = registry_csv(rows).encode(encoding)
    if zipped:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("04_miyagi_all_20250331.csv", data)
    else:
        path.write_bytes(data)
    return path
