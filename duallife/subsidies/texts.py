"""The engine's reasons (codes with figures) in the reader's language, for the site.

The console's ``subsidy-calc`` words the same codes in Japanese without Django
(:mod:`duallife.cli.subsidy_calc`); a test keeps the two lists of codes the same.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from duallife.core.formats import format_date, format_yen
from duallife.engine.subsidies import Reason

#: Figures that are amounts of yen (worded with the locale's yen), the rest are numbers or dates.
YEN_FIGURES = frozenset(
    {"fare", "floor", "per_night", "cap", "granted", "left", "asked", "from", "to", "unit"}
)

MESSAGES = {
    "contract_too_long": _("契約期間が%(months)sか月で、対象となる%(limit)sか月を超えています。"),
    "too_many_claims": _("この年度の申請は1人%(limit)s件までです。"),
    "too_many_people": _("この年度に1社が申請できるのは%(limit)s人までです。"),
    "no_trips": _("往復の記録がありません。"),
    "outside_fiscal_year": _("%(trip)s件目の往復（%(date)s）は、%(fiscal_year)s年度の対象期間の外です。"),
    "origin_outside_area": _("%(trip)s件目の往復の出発地（都道府県コード%(prefecture)s）は対象外です。"),
    "destination_outside_area": _("%(trip)s件目の往復の行き先（都道府県コード%(prefecture)s）は対象外です。"),
    "paid_by_another_subsidy": _("%(trip)s件目の往復は、ほかの補助を受けているため対象外です。"),
    "below_floor": _("%(trip)s件目の往復の運賃%(fare)sは、下限%(floor)sを満たさないため対象外です。"),
    "below_floor_voids_claim": _(
        "%(trip)s件目の往復の運賃%(fare)sが下限%(floor)sを満たさないため、申請全体が対象外です。"
    ),
    "lodging_voided_by_floor": _("%(trip)s件目の宿泊は、往復が下限を満たさないため対象外です。"),
    "lodging_not_covered": _("%(trip)s件目の宿泊費は、この制度の対象外です。"),
    "lodging_capped": _("%(trip)s件目の宿泊費は1泊%(per_night)sのうち上限の%(cap)sまでを対象にしました。"),
    "no_eligible_trip": _("対象になる往復がありません。"),
    "rounded_down": _("%(from)sを%(unit)s未満切り捨てで%(to)sにしました。"),
    "capped_per_claim": _("1回の申請の上限%(cap)sまでにしました。"),
    "capped_per_person_year": _(
        "1人あたり年度の上限%(cap)sのうち、残り%(left)sまでにしました（交付済み%(granted)s）。"
    ),
    "capped_per_company_year": _(
        "1社あたり年度の上限%(cap)sのうち、残り%(left)sまでにしました（交付済み%(granted)s）。"
    ),
    "capped_per_person_span": _(
        "1人あたり複数年度の上限%(cap)sのうち、残り%(left)sまでにしました（交付済み%(granted)s）。"
    ),
}


def _figure(name: str, value) -> str:
    if isinstance(value, datetime.date):
        return format_date(value)
    if name in YEN_FIGURES and isinstance(value, int):
        return format_yen(value)
    return str(value)


def reason_text(reason: Reason) -> str:
    """``reason`` in the active language."""
    return str(MESSAGES[reason.code]) % {name: _figure(name, value) for name, value in reason.figures}
