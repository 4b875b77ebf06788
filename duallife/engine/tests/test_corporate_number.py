"""法人番号 check digits: real published numbers pass, any single-digit change fails."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duallife.engine.corporate_number import (
    clean_corporate_number,
    corporate_number_check_digit,
    is_valid_corporate_number,
)

# Published numbers: the National Tax Agency itself, and a listed manufacturer.
REAL_NUMBERS = ["7000012050002", "1180301018771"]


@pytest.mark.parametrize("number", REAL_NUMBERS)
def test_real_numbers_are_valid(number):
    assert is_valid_corporate_number(number)
    assert corporate_number_check_digit(number[1:]) == int(number[0])


def test_worked_example():
    # base 000012050002: digits from the right 2,0,0,0,5,0,2,1,0,… weighted 1,2,1,2,…
    # → 2 + 5 + 2 + 2·1 = 11; 11 mod 9 = 2; 9 − 2 = 7
    assert corporate_number_check_digit("000012050002") == 7


@pytest.mark.parametrize(
    "number",
    [
        "8000012050002",  # wrong check digit
        "700001205000",  # 12 digits
        "70000120500021",  # 14 digits
        "７０００１２０５００００２",  # full-width: clean first
        "7000-0120-50002",
        "",
        None,
        7000012050002,
    ],
)
def test_wrong_check_digit_or_shape_is_invalid(number):
    assert not is_valid_corporate_number(number)


@pytest.mark.parametrize("base", ["12345678901", "1234567890123", "12345678901a", "", None])
def test_check_digit_needs_twelve_ascii_digits(base):
    with pytest.raises(ValueError, match="twelve ASCII digits"):
        corporate_number_check_digit(base)


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("７００００１２０５０００２", "7000012050002"),
        ("7000-0120-50002", "7000012050002"),
        (" 7 0000 1205 0002 ", "7000012050002"),
        ("7000－0120－50002", "7000012050002"),
        ("abc", "abc"),
        (None, ""),
    ],
)
def test_clean_folds_width_and_drops_separators(typed, cleaned):
    assert clean_corporate_number(typed) == cleaned


@given(st.from_regex(r"[0-9]{12}", fullmatch=True))
def test_every_base_has_exactly_one_valid_check_digit(base):
    valid = [d for d in range(10) if is_valid_corporate_number(f"{d}{base}")]
    assert valid == [corporate_number_check_digit(base)]
    assert 1 <= valid[0] <= 9


@given(st.from_regex(r"[0-9]{12}", fullmatch=True), st.integers(0, 11), st.integers(1, 9))
def test_changing_one_base_digit_is_caught_unless_it_shifts_by_nine(base, index, delta):
    number = f"{corporate_number_check_digit(base)}{base}"
    digits = list(number)
    original = int(digits[index + 1])
    changed = (original + delta) % 10
    digits[index + 1] = str(changed)
    altered = "".join(digits)
    weight = 2 if (12 - index) % 2 == 0 else 1
    still_valid = (changed - original) * weight % 9 == 0
    assert is_valid_corporate_number(altered) == still_valid
