"""Display of spec-sheet terms: 「月2〜4日」, 「月3万〜5万円」, the status badge.

``{% load sheets %}`` then ``{{ sheet|sheet_days }}``, ``{{ sheet|sheet_fee }}``.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def _man(yen: int) -> str:
    """Yen in 万 when round enough: 30000 → 「3万」, 35000 → 「3.5万」, 1234 → 「1,234」.

    Only Japanese counts in 万; other languages get the full figure (30,000).
    """
    if yen >= 10_000 and yen % 1_000 == 0 and (get_language() or "ja").startswith("ja"):
        value = yen / 10_000
        return _("%(amount)s万") % {"amount": f"{value:g}"}
    return f"{yen:,}"


@register.filter
def sheet_days(sheet) -> str:
    low, high = sheet.days_per_month_min, sheet.days_per_month_max
    if low is None and high is None:
        return _("相談")
    if low is None or high is None or low == high:
        return _("月%(days)d日") % {"days": low if low is not None else high}
    return _("月%(low)d〜%(high)d日") % {"low": low, "high": high}


@register.filter
def sheet_fee(sheet) -> str:
    if sheet.is_probono or sheet.contract_type == "probono":
        return _("プロボノ（報酬なし）")
    low, high = sheet.fee_min_yen, sheet.fee_max_yen
    if low is None and high is None:
        return _("相談")
    if low is None or high is None or low == high:
        return _("月%(amount)s円") % {"amount": _man(low if low is not None else high)}
    return _("月%(low)s〜%(high)s円") % {"low": _man(low), "high": _man(high)}


@register.filter
def sheet_style(sheet) -> str:
    label = sheet.get_work_style_display()
    if sheet.visits_per_month:
        return _("%(style)s（現地訪問 月%(visits)d回）") % {"style": label, "visits": sheet.visits_per_month}
    return label


@register.filter
def sheet_skills(sheet, kind: str) -> list[str]:
    """Skill labels of one kind (``required`` / ``welcome``), read through the sheet's prefetch."""
    return [
        item.skill.name if item.skill_id else item.free_text
        for item in sheet.skills.all()
        if item.kind == kind
    ]


@register.inclusion_tag("postings/_status.html")
def sheet_status(sheet):
    return {
        "status": sheet.status,
        "label": sheet.get_status_display(),
        "reason": sheet.get_closed_reason_display(),
    }
