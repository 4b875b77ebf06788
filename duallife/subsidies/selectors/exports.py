"""Claims and payments for the owning body's books: one row per trip, with the rules version the
claim was assessed or decided under. Headers and labels in the reader's language; the CSV is
UTF-8 with a BOM (Excel opens it as such), the XLSX has the same rows."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from duallife.core.formats import localized_place, tokyo_time

from ..models import Claim, ClaimTrip, Program


def _headers() -> list[str]:
    return [
        _("申請番号"),
        _("制度"),
        _("年度"),
        _("ルールの版"),
        _("状態"),
        _("企業"),
        _("人材"),
        _("往復"),
        _("出発日"),
        _("出発地"),
        _("行き先"),
        _("往復運賃（円）"),
        _("標準運賃（円）"),
        _("運賃を変えた理由"),
        _("宿泊数"),
        _("1泊の宿泊費（円）"),
        _("ほかの補助"),
        _("領収書"),
        _("申請日"),
        _("算定額（円）"),
        _("交付決定額（円）"),
        _("交付決定日"),
        _("確定額（円）"),
        _("支払額（円）"),
        _("支払日"),
        _("支払の参照番号"),
    ]


def export_claims(program: Program) -> list[Claim]:
    return list(
        Claim.objects.filter(program=program)
        .exclude(state=Claim.State.DRAFT)
        .select_related("version", "company", "talent", "talent__user")
        .prefetch_related("trips__destination__prefecture")
        .order_by("submitted_at", "pk")
    )


def _day(value):
    if value is None:
        return None
    return tokyo_time(value).date() if hasattr(value, "hour") else value


def export_rows(program: Program, claims: list[Claim], prefectures: dict[str, str]) -> list[list]:
    """The rows (values, not text: numbers stay numbers, dates stay dates)."""
    yes, no = _("あり"), _("なし")
    rows = []
    for claim in claims:
        trips: list[ClaimTrip] = list(claim.trips.all())
        for number, trip in enumerate(trips, start=1):
            rows.append(
                [
                    claim.pk,
                    program.name,
                    program.fiscal_year,
                    claim.version.number,
                    claim.get_state_display(),
                    claim.company.name,
                    claim.talent.display_name,
                    number,
                    trip.date,
                    prefectures.get(trip.origin_prefecture, trip.origin_prefecture),
                    localized_place(trip.destination),
                    trip.round_trip_fare_yen,
                    trip.pack_fare_yen or None,
                    trip.fare_reason,
                    trip.lodging_nights,
                    trip.lodging_yen_per_night,
                    yes if trip.other_subsidy else no,
                    yes if trip.receipt else no,
                    _day(claim.submitted_at),
                    claim.assessed_yen,
                    claim.approved_yen or None,
                    _day(claim.approved_at),
                    claim.fixed_yen,
                    claim.paid_yen or None,
                    claim.paid_on,
                    claim.payment_reference,
                ]
            )
    return rows


#: A cell a spreadsheet would read as a formula starts with one of these: such text gets a leading
#: apostrophe, so an applicant's words can never run in the owning body's Excel (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def as_csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers())
    writer.writerows([[_text(_cell(value)) for value in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(rows: list[list], *, title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "claims")
    sheet.append(_headers())
    for row in rows:
        sheet.append([_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
