"""The engine's reasons worded for the site, in Japanese and in English, for every code."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import translation

from duallife.cli.subsidy_calc import MESSAGES as CONSOLE_MESSAGES
from duallife.engine.subsidies import Reason
from duallife.subsidies.texts import MESSAGES, reason_text

FIGURES = {
    "months": 13,
    "limit": 3,
    "trip": 2,
    "date": datetime.date(2027, 4, 1),
    "fiscal_year": 2026,
    "prefecture": "27",
    "fare": 9_000,
    "floor": 10_000,
    "per_night": 12_000,
    "cap": 500_000,
    "from": 10_560,
    "to": 10_000,
    "unit": 1_000,
    "granted": 480_000,
    "left": 20_000,
    "asked": 50_000,
}


def reason(code: str) -> Reason:
    names = re.findall(r"%\((\w+)\)s", str(MESSAGES[code]))
    return Reason(code, tuple((name, FIGURES[name]) for name in names))


def test_the_site_and_the_console_word_the_same_codes():
    assert set(MESSAGES) == set(CONSOLE_MESSAGES)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_reason_reads_in_japanese_and_in_english(code):
    with translation.override("ja"):
        japanese = reason_text(reason(code))
    with translation.override("en"):
        english = reason_text(reason(code))
    assert japanese != english
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", english), english
    assert "%(" not in japanese + english


def test_amounts_and_dates_use_the_locales_formats():
    cut = Reason("capped_per_person_year", (("cap", 500_000), ("granted", 480_000), ("left", 20_000)))
    with translation.override("ja"):
        assert (
            reason_text(cut)
            == "1人あたり年度の上限500,000円のうち、残り20,000円までにしました（交付済み480,000円）。"
        )
    outside = Reason(
        "outside_fiscal_year", (("trip", 1), ("date", datetime.date(2027, 4, 1)), ("fiscal_year", 2026))
    )
    with translation.override("en"):
        assert (
            reason_text(cut)
            == "Cut to the ¥20,000 left of the cap of ¥500,000 a person a year (¥480,000 granted)."
        )
        assert reason_text(outside) == "Round trip 1 (1 Apr 2027) is outside fiscal year 2026."
