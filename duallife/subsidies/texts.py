"""The engine's reasons (codes with figures) in the reader's language, for the site.

The console's ``subsidy-calc`` words the same codes in Japanese without Django
(:mod:`duallife.cli.subsidy_calc`); a test keeps the two lists of codes the same.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext

from duallife.core.formats import format_date, format_yen, localized_name
from duallife.engine.subsidies import Reason, Rules
from duallife.regions.models import Prefecture

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


def _rate(rules: Rules) -> str:
    rate = rules.rate
    percent = formats.number_format(rate.numerator * 100 / rate.denominator, decimal_pos=None)
    return str(_("%(fraction)s（%(percent)s%%）")) % {
        "fraction": f"{rate.numerator}/{rate.denominator}",
        "percent": percent.rstrip("0").rstrip(".") if "." in percent else percent,
    }


def rules_lines(rules: Rules) -> list[str]:
    """A program's rules as sentences in the active language, in the engine's order."""
    lines = [str(_("運賃などの対象経費の%(rate)sを支援します。")) % {"rate": _rate(rules)}]
    if rules.min_round_trip_yen is not None:
        floor = format_yen(rules.min_round_trip_yen)
        if rules.floor_inclusive:
            line = _("往復運賃が%(floor)s以上の往復が対象です。")
        else:
            line = _("往復運賃が%(floor)sを超える往復が対象です。")
        lines.append(str(line) % {"floor": floor})
        if rules.floor_scope == "claim":
            lines.append(str(_("下限に満たない往復が1件でもあると、その申請全体が対象外になります。")))
        if rules.floor_voids_lodging:
            lines.append(str(_("下限に満たない往復の宿泊費も対象外です。")))
    if rules.covers_lodging:
        if rules.lodging_cap_per_night_yen is not None:
            lines.append(
                str(_("宿泊費も対象です（1泊%(cap)sまで）。"))
                % {"cap": format_yen(rules.lodging_cap_per_night_yen)}
            )
        else:
            lines.append(str(_("宿泊費も対象です。")))
    else:
        lines.append(str(_("宿泊費は対象外です。")))
    caps = (
        (rules.cap_per_claim_yen, _("1回の申請の上限は%(cap)sです。")),
        (rules.cap_per_person_per_fy_yen, _("1人あたり年度の上限は%(cap)sです。")),
        (rules.cap_per_company_per_fy_yen, _("1社あたり年度の上限は%(cap)sです。")),
    )
    lines += [str(text) % {"cap": format_yen(cap)} for cap, text in caps if cap is not None]
    if rules.cap_per_person_multi_year_yen is not None:
        span_text = ngettext_lazy(
            "1人あたり%(n)s年度で%(cap)sが上限です。", "1人あたり%(n)s年度で%(cap)sが上限です。", "n"
        )
        lines.append(
            str(
                span_text
                % {"n": rules.multi_year_span, "cap": format_yen(rules.cap_per_person_multi_year_yen)}
            )
        )
    counts = (
        (
            rules.max_people_per_company_per_fy,
            ngettext_lazy(
                "1社が年度に申請できるのは%(n)s人までです。",
                "1社が年度に申請できるのは%(n)s人までです。",
                "n",
            ),
        ),
        (
            rules.max_claims_per_person_per_fy,
            ngettext_lazy(
                "1人あたり年度に%(n)s件まで申請できます。", "1人あたり年度に%(n)s件まで申請できます。", "n"
            ),
        ),
        (
            rules.max_contract_months,
            ngettext_lazy(
                "契約期間が%(n)sか月以内の契約が対象です。", "契約期間が%(n)sか月以内の契約が対象です。", "n"
            ),
        ),
    )
    lines += [str(text % {"n": n}) for n, text in counts if n is not None]
    if rules.no_stacking:
        lines.append(str(_("ほかの補助を受けた往復は対象外です。")))
    if rules.origin_prefectures:
        lines.append(str(_("出発地: %(places)s")) % {"places": _places(rules.origin_prefectures)})
    if rules.destination_prefectures:
        lines.append(str(_("行き先: %(places)s")) % {"places": _places(rules.destination_prefectures)})
    if rules.round_down_to_yen > 1:
        lines.append(str(_("%(unit)s未満は切り捨てます。")) % {"unit": format_yen(rules.round_down_to_yen)})
    return lines


def _places(codes) -> str:
    names = prefecture_names()
    return pgettext("separator between the items of a list", "、").join(
        names.get(code, code) for code in codes
    )


def prefecture_names() -> dict[str, str]:
    return {p.code: localized_name(p) for p in Prefecture.objects.all()}


#: What an applicant reads about their claim: a few plain statuses, not the procedure's steps.
PLAIN_STATUS = {
    "draft": _("下書き（まだ申請していません）"),
    "submitted": _("審査中"),
    "returned": _("修正をお願いしています"),
    "rejected": _("対象外となりました"),
    "approved": _("交付が決まりました（往復のあとに実績報告をしてください）"),
    "reported": _("報告を確認しています"),
    "fixed": _("お支払いの準備中です"),
    "paid": _("お支払いしました"),
}


def plain_status(state: str) -> str:
    return str(PLAIN_STATUS[state])
