"""Ids as other systems bring them: JSON integers and non-empty strings, echoed back unchanged;
integers sort first (as they always did), then strings by code point; anything else is refused
with a Japanese reason."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duallife.engine.ids import MAX_ID_CHARS, MISSING, id_order, id_problem, id_text, is_id, loads_json

ids = st.one_of(st.integers(), st.text(min_size=1, max_size=8).filter(str.strip))


@given(st.lists(st.integers()))
def test_integer_ids_sort_exactly_as_integers(values):
    assert sorted(values, key=id_order) == sorted(values)


@given(st.lists(ids))
def test_integers_come_first_then_strings_by_code_point(values):
    ordered = sorted(values, key=id_order)
    ints = [v for v in ordered if type(v) is int]
    strings = [v for v in ordered if type(v) is str]
    assert ordered == ints + strings
    assert ints == sorted(ints)
    assert strings == sorted(strings)  # Python compares strings by code point


@given(ids)
def test_every_such_value_is_an_id(value):
    assert id_problem(value) is None
    assert is_id(value)


def test_one_and_the_string_one_are_two_ids_that_read_differently():
    assert sorted(["1", 2, "10", 1, "a", "Ａ", "2"], key=id_order) == [1, 2, "1", "10", "2", "a", "Ａ"]
    assert len({1, "1"}) == 2
    assert (id_text(1), id_text("1")) == ("1", '"1"')


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (True, "true"),
        (False, "false"),
        (1.0, "1.0"),
        (None, "null"),
        ("", "空"),
        ("  ", "空"),
        ([1], "[1]"),
        ({"id": 1}, '{"id": 1}'),
        (MISSING, "ありません"),
        ("x" * (MAX_ID_CHARS + 1), f"{MAX_ID_CHARS}文字以内"),
    ],
)
def test_other_values_are_refused_with_a_japanese_reason_that_shows_them(value, says):
    problem = id_problem(value)
    assert problem is not None
    assert "id" in problem
    assert says in problem
    assert not is_id(value)


def test_an_integer_longer_than_python_reads_is_unreadable_json_at_that_number():
    digits = "7" * (sys.get_int_max_str_digits() + 1)

    with pytest.raises(json.JSONDecodeError) as caught:
        loads_json('{"players": [],\n "id": ' + digits + "}")

    assert "桁数" in caught.value.msg
    assert (caught.value.lineno, caught.value.colno) == (2, 8)
    assert loads_json('[12345678901234567890, "1"]') == [12345678901234567890, "1"]
