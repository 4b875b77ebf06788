import csv
from pathlib import Path

import pytest

from duallife.engine.places import is_valid_lg_code, lg_check_digit, prefecture_lg_code

PACK = Path(__file__).resolve().parents[3] / "data" / "regions" / "tohoku"


@pytest.mark.parametrize("code", ["041009", "131008", "022012", "151009", "020001", "472018"])
def test_real_codes_are_valid(code):
    assert is_valid_lg_code(code)


@pytest.mark.parametrize(
    "code", ["041000", "041008", "13100", "1310080", "４１００９", "481009", "001009", "", None]
)
def test_wrong_check_digit_or_shape_is_invalid(code):
    assert not is_valid_lg_code(code)


def test_every_municipality_in_the_pack_has_a_valid_check_digit():
    with open(PACK / "municipalities.csv", encoding="utf-8") as f:
        codes = [row["code"] for row in csv.DictReader(f)]
    assert len(codes) == 259 + 213  # the destinations, and the Tokyo-area origins (ADR 0018)
    assert all(is_valid_lg_code(c) for c in codes)


def test_prefecture_lg_code_matches_official_table():
    assert prefecture_lg_code("02") == "020001"
    assert prefecture_lg_code("13") == "130001"
    assert prefecture_lg_code("47") == "470007"


def test_check_digit_rejects_non_digits():
    with pytest.raises(ValueError, match="five ASCII digits"):
        lg_check_digit("1310a")
