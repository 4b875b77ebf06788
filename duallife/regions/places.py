"""Whether a municipality lies in a prefecture: the one rule every form and service that takes
both asks, with the sentence that says so."""

from __future__ import annotations

from django.utils.translation import gettext as _

from duallife.core.formats import localized_name

from .models import Municipality, Prefecture


def municipality_mismatch(municipality: Municipality | None, prefecture: Prefecture | None) -> str | None:
    """Why ``municipality`` cannot go with ``prefecture`` (it lies in another one), or ``None`` when
    it can or when either is missing."""
    if municipality is None or prefecture is None or municipality.prefecture_id == prefecture.pk:
        return None
    return _(
        "%(municipality)sは%(prefecture)sの市区町村ではありません。都道府県か市区町村を選び直してください。"
    ) % {"municipality": localized_name(municipality), "prefecture": localized_name(prefecture)}
