"""One parse for what people type, shared by the page, the API and the ``simulate`` command."""

from decimal import Decimal
from fractions import Fraction

import pytest

from duallife.engine.costs import (
    CostInputError,
    Mode,
    parse_mode,
    parse_percent,
    parse_rate,
    parse_trips_per_month,
    parse_yen,
    rents_needed,
    subsidy_from,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", "2.0"),
        ("２", "2.0"),
        (" 1.5 ", "1.5"),
        ("１．５", "1.5"),
        ("2.", "2.0"),
        (".5", "0.5"),
        ("+3", "3.0"),
    ],
)
def test_trips_accept_plain_numbers_in_half_or_full_width(text, expected):
    assert parse_trips_per_month(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["1e1", "1E1", "1_0", "1,0", "NaN", "nan", "inf", "Infinity", "-inf", "0x1", "٣", "2 3", "", "  "]
)
def test_trips_refuse_anything_else_with_one_japanese_message(text):
    with pytest.raises(CostInputError) as info:
        parse_trips_per_month(text)
    assert info.value.field == "trips_per_month"
    assert "往復回数" in str(info.value)


def test_trip_range_and_precision():
    for text, words in (("-1", "0以上31以下"), ("100", "0以上31以下"), ("1.25", "小数第1位")):
        with pytest.raises(CostInputError, match=words):
            parse_trips_per_month(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("45000", 45000), ("４５０００", 45000), ("45000.0", 45000), ("", None)]
)
def test_yen(text, expected):
    assert parse_yen(text, field="rent_yen", label="家賃", maximum=10_000_000) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1e5", "数字で"),
        ("45_000", "数字で"),
        ("45,000", "数字で"),
        ("5.5", "整数"),
        ("-1", "0以上"),
        ("2" * 9, "以下"),
    ],
)
def test_yen_refusals(text, words):
    with pytest.raises(CostInputError, match=words) as info:
        parse_yen(text, field="rent_yen", label="家賃", maximum=10_000_000)
    assert str(info.value).startswith("家賃")


def test_rate_and_percent():
    assert parse_rate("０．５") == Fraction(1, 2)
    assert parse_percent("５０") == Decimal("0.5")
    assert parse_percent(" ") is None
    for text in ("5e-1", "NaN", "1_0"):
        with pytest.raises(CostInputError):
            parse_rate(text)
        with pytest.raises(CostInputError):
            parse_percent(text)
    with pytest.raises(CostInputError, match="0以上100以下"):
        parse_percent("101")
    with pytest.raises(CostInputError, match=r"0%〜100%"):
        parse_rate("1.5")


@pytest.mark.parametrize(
    ("text", "mode"),
    [("A", Mode.A), ("B", Mode.B), ("Ｂ", Mode.B), (" B ", Mode.B), ("", Mode.A), (None, Mode.A)],
)
def test_mode_is_upper_case_a_or_b_blank_meaning_a(text, mode):
    assert parse_mode(text) is mode


@pytest.mark.parametrize("text", ["a", "b", "C", "AB", "ＡＢ", "1"])
def test_other_modes_are_refused(text):
    with pytest.raises(CostInputError, match="A か B") as info:
        parse_mode(text)
    assert info.value.field == "mode"


def test_which_rents_each_mode_needs():
    assert rents_needed(Mode.A, rent_overridden=False) == (True, True)
    assert rents_needed(Mode.A, rent_overridden=True) == (True, False)
    assert rents_needed(Mode.B, rent_overridden=False) == (True, False)
    assert rents_needed(Mode.B, rent_overridden=True) == (False, False)


def test_a_cap_needs_a_rate():
    assert subsidy_from(None) is None
    assert subsidy_from("", "", "") is None
    with pytest.raises(CostInputError, match="補助率も指定") as info:
        subsidy_from(None, "1000", None)
    assert info.value.field == "subsidy_rate"
    subsidy = subsidy_from("0.5", "８０００", "")
    assert (subsidy.rate, subsidy.cap_per_trip_yen, subsidy.cap_per_month_yen) == (Fraction(1, 2), 8000, None)


def test_messages_keep_their_template_for_translation():
    with pytest.raises(CostInputError) as info:
        parse_yen("-1", field="rent_yen", label="家賃", maximum=10)
    assert info.value.template == "%(label)sは0以上で指定してください。"
    assert info.value.params == {"label": "家賃"}
    assert info.value.message == "家賃は0以上で指定してください。"
