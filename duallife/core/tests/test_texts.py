"""Texts kept as their source and parameters read in the language active when they are read."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext_lazy

from duallife.core.texts import Text, Yen, literal

# Texts of the catalogues: their English is known.
SCOUT = gettext_lazy("スカウト")


def stored(text: Text) -> Text:
    """The text after a trip through the database (JSON)."""
    return Text.from_json(json.loads(json.dumps(text.to_json(), ensure_ascii=False)))


def both(text: Text) -> tuple[str, str]:
    with translation.override("ja"):
        ja = str(text)
    with translation.override("en"):
        en = str(text)
    return ja, en


def test_a_lazy_text_is_kept_as_its_msgid_and_worded_when_read():
    text = stored(Text(SCOUT))
    assert text.to_json() == {"m": "スカウト"}
    assert both(text) == ("スカウト", "Scout")


def test_parameters_are_worded_by_the_reader_dates_yen_lists_and_nested_texts():
    text = stored(
        Text(
            gettext_lazy("選べないメールの種類が含まれています: %(kinds)s"),
            kinds=[Text(SCOUT), datetime.date(2026, 12, 7), Yen(12000)],
        )
    )
    ja, en = both(text)
    assert ja == "選べないメールの種類が含まれています: スカウト、2026年12月7日、12,000円"
    assert "Scout, " in en
    assert "2026年" not in en
    assert "12,000円" not in en


def test_plural_texts_choose_their_form_by_the_count():
    text = stored(Text(ngettext_lazy("%(count)d件", "%(count)d件", "count"), count=3))
    assert text.to_json()["pl"] == "%(count)d件"
    with translation.override("ja"):
        assert str(text) == "3件"


def test_what_a_person_typed_is_kept_as_written_in_every_language():
    text = stored(literal("味噌蔵の%(name)s"))
    assert both(text) == ("味噌蔵の%(name)s", "味噌蔵の%(name)s")


def test_a_name_can_be_taken_out_of_a_kept_text():
    text = Text(gettext_lazy("選べないメールの種類が含まれています: %(kinds)s"), kinds="山田さん")
    assert text.replace_param("山田さん", SCOUT)
    assert "山田" not in str(stored(text))
    old = literal("山田さんが応募しました")
    assert old.replace_written("山田さん", "退会した方")
    assert str(old) == "退会した方が応募しました"
    assert not old.replace_written("佐藤さん", "退会した方")


def test_values_that_cannot_be_kept_are_refused_when_written():
    with pytest.raises(TypeError):
        Text(SCOUT, thing=object())
    with pytest.raises(TypeError):
        Text(123)  # type: ignore[arg-type]


def test_a_bare_string_or_nothing_reads_back_as_written():
    assert str(Text.from_json("古いお知らせ")) == "古いお知らせ"
    assert str(Text.from_json(None)) == ""
