"""Names in full UTF-8, katakana readings, phone numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duallife.engine.people import (
    clean_name,
    clean_phone,
    fold_kana,
    is_katakana_name,
    is_valid_name,
    is_valid_phone,
)


@pytest.mark.parametrize(
    "name", ["髙橋", "𠮷田", "齋藤", "渡邊", "葛\U000e0100城", "O'Brien", "スミス", "李"]
)
def test_names_are_kept_as_written(name):
    assert clean_name(f"  {name}\u3000") == name
    assert is_valid_name(clean_name(name))


@pytest.mark.parametrize("name", ["", "   ", "田中1", "田中\n", "田\u200b中", "佐藤\x00", None])
def test_names_with_digits_controls_or_nothing_are_refused(name):
    assert not is_valid_name(name)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ﾀｶﾊｼ", "タカハシ"),
        ("たかはし", "タカハシ"),
        ("ヨシダ", "ヨシダ"),
        ("すみす　じょん", "スミス ジョン"),
        ("ｻﾄｳ･ﾀﾛｳ", "サトウ・タロウ"),
        ("ゔぃ", "ヴィ"),
    ],
)
def test_kana_is_folded_to_full_width_katakana(typed, folded):
    assert fold_kana(typed) == folded
    assert is_katakana_name(folded)


@pytest.mark.parametrize("text", ["", "Takahashi", "高橋", "タカハシ1", "・タカハシ", "タカハシ ", "ー"])
def test_non_katakana_readings_are_refused(text):
    assert not is_katakana_name(text)


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("03-1234-5678", "03-1234-5678"),
        ("０９０－１２３４－５６７８", "090-1234-5678"),
        ("090 1234 5678", "09012345678"),
        ("0120ー123ー456", "0120-123-456"),
    ],
)
def test_phone_numbers_are_folded(typed, cleaned):
    assert clean_phone(typed) == cleaned
    assert is_valid_phone(cleaned)


@pytest.mark.parametrize(
    "phone",
    [
        "",
        "1234567890",
        "03-1234-567",
        "090-1234-56789",
        "03--1234-5678",
        "-0312345678",
        "03(1234)5678",
        "+81312345678",
    ],
)
def test_bad_phone_numbers_are_refused(phone):
    assert not is_valid_phone(phone)


@given(st.text())
def test_fold_kana_is_idempotent(text):
    assert fold_kana(fold_kana(text)) == fold_kana(text)
