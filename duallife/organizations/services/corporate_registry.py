"""Loading the National Tax Agency's published 法人番号 data (基本3情報: 全件データ or 差分データ,
CSV in Shift_JIS or UTF-8, or the zip it comes in) — ``duallife load-corporate-numbers``.

Two passes over the file, one row at a time (the national file has about five million rows):
the first checks every row and writes nothing, reporting the first problems with their lines; the
second writes in batches inside one transaction, so a file is loaded whole or not at all. A
number keeps its newest record (a row marked 最新履歴=1 whose 更新年月日 is not older than the
stored one); every name a row gives, older ones (最新履歴=0) included, joins the number's names.
Loading the same file again changes nothing. Afterwards every company that gave a number is
compared again (``company_verifications_recheck``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from duallife.engine.corporate_registry import RegistryRow, RegistryRowError, parse_row

from ..errors import CorporateRegistryInvalid
from ..models import CorporateName, CorporateRecord, CorporateRegistryLoad
from ..registry_files import RegistryFileError, encoding_label, open_rows
from .verification import company_verifications_recheck

BATCH_SIZE = 2000
MAX_PROBLEMS = 20
RECORD_FIELDS = (
    "process",
    "name",
    "furigana",
    "name_en",
    "kind",
    "prefecture_name",
    "city_name",
    "street",
    "prefecture_code",
    "city_code",
    "postcode",
    "closed_on",
    "close_cause",
    "successor_number",
    "assigned_on",
    "updated_on",
    "changed_on",
    "excluded",
)


@dataclass
class RegistryLoadReport:
    file_name: str
    encoding: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    names_added: int = 0
    data_date: datetime.date | None = None
    companies_checked: int = 0
    companies_verified: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.names_added)

    def lines(self) -> list[str]:
        return [
            f"{self.file_name}（{self.encoding}）: {self.rows}行",
            f"法人: 追加 {self.created}件・更新 {self.updated}件・変更なし {self.unchanged}件"
            f"・より新しい記録があり読み飛ばし {self.older}件",
            f"商号の履歴: 追加 {self.names_added}件",
            f"データの更新年月日（最新）: {self.data_date.isoformat() if self.data_date else '-'}",
            f"法人番号を登録した企業の再照合: {self.companies_checked}社（うち公表データで確認済み"
            f" {self.companies_verified}社）",
        ]


def _record(row: RegistryRow) -> CorporateRecord:
    return CorporateRecord(
        number=row.number,
        process=row.process,
        name=row.name,
        furigana=row.furigana,
        name_en=row.name_en,
        kind=row.kind,
        prefecture_name=row.prefecture_name,
        city_name=row.city_name,
        street=row.street,
        prefecture_code=row.prefecture_code,
        city_code=row.city_code,
        postcode=row.postcode,
        closed_on=row.closed_on,
        close_cause=row.close_cause,
        successor_number=row.successor_number,
        assigned_on=row.assigned_on,
        updated_on=row.updated_on,
        changed_on=row.changed_on,
        excluded=row.excluded,
    )


def _same(a: CorporateRecord, b: CorporateRecord) -> bool:
    return all(getattr(a, name) == getattr(b, name) for name in RECORD_FIELDS)


def _check(path: Path, encoding: str, report: RegistryLoadReport) -> str:
    """The first pass: every row parsed, nothing written; returns the codec the file is read in."""
    try:
        with open_rows(path, encoding=encoding) as (codec, rows):
            for line, fields in rows:
                report.rows += 1
                try:
                    parse_row(fields, line=line)
                except RegistryRowError as exc:
                    report.problems.append(str(exc))
                    if len(report.problems) >= MAX_PROBLEMS:
                        report.problems.append(f"誤りが{MAX_PROBLEMS}件を超えたため、確認を打ち切りました。")
                        break
    except RegistryFileError as exc:
        report.problems.append(str(exc))
        return ""
    if not report.rows and not report.problems:
        report.problems.append(f"{path.name} にデータの行がありません。")
    return codec


def _write_batch(batch: list[RegistryRow], report: RegistryLoadReport) -> None:
    newest: dict[str, RegistryRow] = {}
    for row in batch:
        if row.latest:
            best = newest.get(row.number)
            if best is None or (row.updated_on, row.sequence) >= (best.updated_on, best.sequence):
                newest[row.number] = row
        if report.data_date is None or row.updated_on > report.data_date:
            report.data_date = row.updated_on
    stored = {r.number: r for r in CorporateRecord.objects.filter(number__in=list(newest))}
    writes = []
    for number, row in newest.items():
        record, current = _record(row), stored.get(number)
        if current is None:
            report.created += 1
        elif row.updated_on < current.updated_on:
            report.older += 1
            continue
        elif _same(current, record):
            report.unchanged += 1
            continue
        else:
            report.updated += 1
        writes.append(record)
    if writes:
        CorporateRecord.objects.bulk_create(
            writes, update_conflicts=True, unique_fields=["number"], update_fields=list(RECORD_FIELDS)
        )
    names = {(row.number, row.name) for row in batch if row.name}
    known = set(
        CorporateName.objects.filter(number__in={number for number, _name in names}).values_list(
            "number", "name"
        )
    )
    new_names = [CorporateName(number=number, name=name) for number, name in sorted(names - known)]
    CorporateName.objects.bulk_create(new_names)
    report.names_added += len(new_names)


def corporate_registry_load(
    *, path: Path, encoding: str = "auto", now: datetime.datetime | None = None
) -> RegistryLoadReport:
    """Load one file of the published data whole, or nothing (``CorporateRegistryInvalid``)."""
    now = now or timezone.now()
    report = RegistryLoadReport(file_name=path.name)
    codec = _check(path, encoding, report)
    if report.problems:
        raise CorporateRegistryInvalid(report.problems)
    report.encoding = encoding_label(codec)
    second = "shift_jis" if codec == "cp932" else "utf-8"
    try:
        with transaction.atomic(), open_rows(path, encoding=second) as (_codec, rows):
            _write(rows, report, now=now)
    except (RegistryFileError, RegistryRowError) as exc:  # the file changed since the first pass
        raise CorporateRegistryInvalid([str(exc)]) from None
    return report


def _write(rows, report: RegistryLoadReport, *, now: datetime.datetime) -> None:
    batch: list[RegistryRow] = []
    for line, fields in rows:
        batch.append(parse_row(fields, line=line))
        if len(batch) >= BATCH_SIZE:
            _write_batch(batch, report)
            batch = []
    if batch:
        _write_batch(batch, report)
    CorporateRegistryLoad.objects.create(
        file_name=report.file_name[:255],
        encoding=report.encoding,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        names_added=report.names_added,
        data_date=report.data_date,
        loaded_at=now,
    )
    report.companies_checked, report.companies_verified = company_verifications_recheck(now=now)
