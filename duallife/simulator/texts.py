"""Sentences that explain a cost result in words, shared by the page and the ``simulate`` command.

Every sentence goes through gettext, so the English catalogue can reword it. Numbers in a claim
are rounded so that the claim stays true: a break-even of 2.04 trips is said as "up to 2.0".
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.formats import format_yen
from duallife.engine.costs import CostResult, Leg, Lodging, Mode
from duallife.subsidies.texts import reason_text

from .selectors import REFERENCE_CODE, SupportQuote

#: What each mode simulates, in a few words (the API's ``mode_label``, the command's heading).
MODE_LABELS = {
    Mode.A: gettext_lazy("東北に住み、東京へ通う"),
    Mode.B: gettext_lazy("東京に住み、東北で副業する"),
}


def leg_note(leg: Leg | None) -> str:
    """What a leg adds, or that it is not included (the legs default to 0, ADR 0018)."""
    if leg is None:
        return _("含まれていません（入力すると加算します）")
    return _("入力値: 往復%(yen)s・片道%(time)s") % {
        "yen": format_yen(leg.round_trip_yen),
        "time": minutes_text(leg.one_way_minutes),
    }


def lodging_note(lodging: Lodging | None) -> str:
    if lodging is None:
        return _("含まれていません（入力すると加算します）")
    return _("入力値: 月%(nights)d泊×%(price)s") % {
        "nights": lodging.nights_per_month,
        "price": format_yen(lodging.yen_per_night),
    }


def origin_short_name(code: str, name: str) -> str:
    """「東京」 for the Tokyo reference (東京都特別区部), the municipality's name otherwise."""
    return _("東京") if code == REFERENCE_CODE else name


def trips_text(trips: Decimal) -> str:
    """2.0 → 「2」, 1.5 → 「1.5」."""
    return str(trips.to_integral_value()) if trips == trips.to_integral_value() else f"{trips:.1f}"


def minutes_text(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return _("%(hours)d時間%(minutes)d分") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d時間") % {"hours": hours}
    return _("%(minutes)d分") % {"minutes": rest}


def difference_sentence(result: CostResult, *, origin_name: str, destination_name: str) -> str:
    """How the scenario compares with its baseline, in one sentence."""
    trips = trips_text(result.trips_per_month)
    amount = f"{abs(result.difference_yen):,}"
    if result.mode is Mode.B:
        values = {"dest": destination_name, "trips": trips, "origin": origin_name, "amount": amount}
        if result.trips_per_month == 0:
            return _("往復しなければ、%(origin)sだけで暮らす場合と同額です。") % values
        if result.difference_yen == 0:
            return _("%(dest)sへの往復の費用は、補助で全額まかなえます。") % values
        return (
            _("%(dest)sへ月%(trips)s往復すると、%(origin)sだけで暮らすより月%(amount)s円多くかかります。")
            % values
        )
    values = {"origin": origin_name, "trips": trips, "amount": amount}
    if result.difference_yen < 0:
        return _("月%(trips)s往復なら、%(origin)sで暮らすより月%(amount)s円安くなります。") % values
    if result.difference_yen > 0:
        return _("月%(trips)s往復なら、%(origin)sで暮らすより月%(amount)s円高くなります。") % values
    return _("月%(trips)s往復なら、%(origin)sで暮らす場合と同額です。") % values


def break_even_sentence(result: CostResult, *, origin_name: str) -> str:
    """The break-even in words (mode A), or what mode B's comparison means."""
    if result.mode is Mode.B:
        return _(
            "東京に住んだまま副業で通う場合は、往復の費用がそのまま上乗せになります。"
            "副業の収入がこの差額を上回るかどうかが目安です。"
        )
    be = result.break_even_trips_per_month
    if be is None:
        return _("補助があるため、何往復しても%(origin)sで暮らすより高くなりません。") % {
            "origin": origin_name
        }
    shown = be.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
    if be == 0 or result.monthly_rent_yen + result.monthly_lodging_yen >= result.baseline_total_yen:
        if result.monthly_lodging_yen:
            return _(
                "家賃と宿泊費だけで%(origin)sの家賃以上になるため、%(origin)sで暮らすより安くはなりません。"
            ) % {"origin": origin_name}
        return _("家賃だけで%(origin)sの家賃以上になるため、%(origin)sで暮らすより安くはなりません。") % {
            "origin": origin_name
        }
    if shown == 0:
        return _("月0.1往復でも%(origin)sで暮らすより高くなります。") % {"origin": origin_name}
    return _("月%(trips)s往復までなら%(origin)sより安い。") % {"trips": f"{shown:.1f}", "origin": origin_name}


def support_basis() -> str:
    """How a program's support is worked out, in words (the page's notes and each result)."""
    return _(
        "1か月の往復を1回の申請として、制度のルールで支援額を計算した目安です。"
        "1年度あたりの上限は12分の1を、複数年度にわたる上限は年数×12分の1を、1か月分の上限としています。"
    )


def support_sentences(support: SupportQuote, *, lodging: Lodging | None = None) -> dict:
    """A program's support for the month in words: what it rests on, the engine's reasons, and
    whether the twelfth of a per-year cap cut it."""
    return {
        "program": support.program,
        "name": support.program.name,
        "monthly_yen": support.monthly_yen,
        "eligible": support.outcome.eligible,
        "basis": _("月%(trips)s往復・1往復%(fare)sで計算しました。")
        % {
            "trips": support.trips,
            "fare": format_yen(support.round_trip_fare_yen),
        }
        + support_basis(),
        "reasons": [reason_text(reason) for reason in support.reasons],
        "capped": _("1年度あたりの上限の12分の1（1か月分）までにしました。")
        if support.capped_by_year
        else "",
        "lodging": _("この制度は宿泊費も対象ですが、この試算の支援額には含めていません。")
        if lodging is not None and support.rules.covers_lodging
        else "",
    }
