"""The terms sheet (取引条件の明示) of a contract, or of a proposal before it is confirmed, as a PDF
in Japanese with the CJK font embedded (a subset), so that it reads the same on any reader.

It lists what the フリーランス法 (art. 3 and its rules) asks a commissioner to state: the parties,
the day of commissioning, the work, the period and place of delivery, the inspection date where
there is one, the fee, the payment date (within 60 days of each month's end) and the method.
The document is always in Japanese: it is the record of an agreement made under Japanese law.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from duallife.core.formats import format_date, format_yen

from .models import Application, Contract, ContractProposal, ContractTerms, ShareableField
from .permissions import consented_fields
from .selectors.applications import full_name
from .services.proposals import payment_date

FONT = "cjk"
MARGIN_MM = 18
LABEL_WIDTH_MM = 52
LINE_MM = 6.5


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def _payment_rule(terms: ContractTerms) -> str:
    month = _("翌月") if terms.payment_month_offset == 1 else _("翌々月")
    day = _("末日") if terms.payment_day == 0 else _("%(day)d日") % {"day": terms.payment_day}
    example_end = datetime.date(terms.starts_on.year, terms.starts_on.month, 1)
    example_end = (example_end + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    paid = payment_date(example_end, month_offset=terms.payment_month_offset, day=terms.payment_day)
    return _("毎月末日締め、%(month)s%(day)s払い（例：%(first)s分は%(paid)sまでに支払い）") % {
        "month": month,
        "day": day,
        "first": _("%(year)d年%(month)d月") % {"year": example_end.year, "month": example_end.month},
        "paid": format_date(paid),
    }


def _parties(application: Application) -> list[Row]:
    sheet = application.sheet
    organization = sheet.organization
    company = getattr(organization, "company", None)
    number = getattr(company, "corporate_number", "") if company else ""
    place = (
        f"{organization.prefecture.name}{organization.municipality.name if organization.municipality else ''}"
    )
    commissioner = organization.name + (_("（法人番号 %(number)s）") % {"number": number} if number else "")
    talent = application.talent
    if ShareableField.NAME in consented_fields(application):
        contractor = full_name(talent)
    else:
        contractor = _("%(name)s（表示名。氏名は本人が知らせたときに記載されます）") % {
            "name": talent.display_name
        }
    return [
        Row(_("委託する事業者"), f"{commissioner}\n{place}"),
        Row(_("受託する方"), contractor),
    ]


def _terms_rows(terms: ContractTerms, *, commissioned_on: datetime.date | None) -> list[Row]:
    paid = terms.monthly_fee_yen > 0
    period = (
        format_date(terms.starts_on)
        + " 〜 "
        + (format_date(terms.ends_on) if terms.ends_on else _("定めなし"))
    )
    rows = [
        Row(
            _("業務委託をした日"),
            format_date(commissioned_on) if commissioned_on else _("受託する方が確認した日（未確認）"),
        ),
        Row(_("契約形態"), terms.get_contract_type_display()),
        Row(_("業務（給付）の内容"), terms.work_description or _("（記載なし）")),
        Row(
            _("役務の提供を受ける期間"),
            period + "\n" + _("月%(days)d日程度") % {"days": terms.days_per_month},
        ),
        Row(_("役務の提供を受ける場所"), terms.work_place or _("（記載なし）")),
    ]
    if paid:
        rows += [
            Row(
                _("検査を完了する期日"),
                _("各月の末日から%(days)d日以内") % {"days": terms.inspection_days}
                if terms.inspection_days
                else _("検査を行いません"),
            ),
            Row(_("報酬の額"), _("月額 %(fee)s（税込）") % {"fee": format_yen(terms.monthly_fee_yen)}),
            Row(_("報酬の支払期日"), _payment_rule(terms)),
            Row(
                _("報酬の支払方法"),
                terms.get_payment_method_display()
                + (f"（{terms.payment_method_note}）" if terms.payment_method_note else ""),
            ),
        ]
    else:
        rows.append(Row(_("報酬の額"), _("無償（プロボノ）")))
    rows += [
        Row(_("交通費の負担"), terms.get_travel_paid_by_display()),
        Row(_("交通費補助制度"), _("対象") if terms.subsidy_eligible else _("対象外")),
    ]
    return rows


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, size=8)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="C")


def _render(title: str, notice: str, rows: list[Row], closing: list[str]) -> bytes:
    pdf = _Document(format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(FONT, fname=settings.CJK_FONT_PATH, collection_font_number=settings.CJK_FONT_INDEX)
    pdf.set_title(title)
    pdf.set_lang("ja")
    pdf.set_creator("デュアルライフ東北")
    pdf.add_page()
    pdf.set_font(FONT, size=16)
    pdf.multi_cell(0, 9, title, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(FONT, size=9.5)
    pdf.multi_cell(0, 5.5, notice, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    width = pdf.w - 2 * MARGIN_MM - LABEL_WIDTH_MM
    pdf.set_draw_color(150, 150, 150)
    for row in rows:
        pdf.set_font(FONT, size=10.5)
        lines = pdf.multi_cell(
            width, LINE_MM, row.value, wrapmode=WrapMode.CHAR, dry_run=True, output="LINES"
        )
        height = max(len(lines), 1) * LINE_MM + 2
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_fill_color(240, 240, 240)
        pdf.rect(MARGIN_MM, top, LABEL_WIDTH_MM, height, style="DF")
        pdf.rect(MARGIN_MM + LABEL_WIDTH_MM, top, width, height)
        pdf.set_xy(MARGIN_MM + 1.5, top + 1)
        pdf.set_font(FONT, size=9.5)
        pdf.multi_cell(LABEL_WIDTH_MM - 3, LINE_MM, row.label, wrapmode=WrapMode.CHAR)
        pdf.set_xy(MARGIN_MM + LABEL_WIDTH_MM + 1.5, top + 1)
        pdf.set_font(FONT, size=10.5)
        pdf.multi_cell(width - 3, LINE_MM, row.value, wrapmode=WrapMode.CHAR)
        pdf.set_xy(MARGIN_MM, top + height)
    pdf.ln(4)
    pdf.set_font(FONT, size=9)
    for paragraph in closing:
        pdf.multi_cell(0, 5, paragraph, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    return bytes(pdf.output())


def terms_pdf(
    *, application: Application, contract: Contract | None = None, proposal: ContractProposal | None = None
) -> bytes:
    """The PDF of ``contract`` (confirmed) or, before that, of ``proposal`` (marked 案)."""
    with translation.override("ja"):
        terms = contract if contract is not None else proposal
        if terms is None:
            raise ValueError("a contract or a proposal is needed")
        confirmed = contract is not None
        title = _("業務委託の取引条件（明示書）")
        if not confirmed:
            title += _("（案）")
        if confirmed and contract.confirmed_at:
            notice = _(
                "%(company)sが提示し、受託する方が%(date)sに確認した取引条件です。"
                "特定受託事業者に係る取引の適正化等に関する法律（フリーランス法）第3条の明示事項を記載しています。"
            ) % {"company": application.sheet.organization.name, "date": format_date(contract.confirmed_at)}
        elif confirmed:
            notice = _("%(company)sが記録した取引条件です（双方の確認の仕組みができる前の記録です）。") % {
                "company": application.sheet.organization.name
            }
        else:
            notice = _(
                "これは確認前の案です（第%(version)d版・%(date)s提示）。受託する方が確認すると成約となり、"
                "この内容で取引条件が確定します。"
            ) % {"version": proposal.version, "date": format_date(proposal.proposed_at)}
        rows = [
            Row(_("案件"), application.sheet.title),
            *_parties(application),
            *_terms_rows(terms, commissioned_on=contract.commissioned_on if confirmed else None),
        ]
        closing = [
            _(
                "報酬は、各月の業務の締め（月末）から60日以内の支払期日までに支払います。"
                "契約の内容を変えるときは、双方で確認し直してください。"
            ),
            _(
                "委託する事業者はこの書面を保存してください。"
                "同じ内容はデュアルライフ東北の応募のページにも保存され、双方がいつでも取り出せます。"
            ),
            _("発行：%(date)s　記録番号：%(number)s")
            % {
                "date": format_date(timezone.localdate()),
                "number": f"C-{contract.pk}" if confirmed else f"P-{proposal.pk}-{proposal.version}",
            },
        ]
        return _render(title, notice, rows, closing)
