"""Problems in the vocabulary files, and the load report, in English when English is active."""

import re
import shutil
from pathlib import Path

import pytest
from django.utils import translation

from duallife.vocabulary.errors import VocabularyLoadError
from duallife.vocabulary.services import vocabulary_dir, vocabulary_load

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture
def files(tmp_path) -> Path:
    target = tmp_path / "vocabulary"
    shutil.copytree(vocabulary_dir(), target)
    return target


def test_problems_are_in_english(db, files):
    (files / "themes.csv").unlink()
    (files / "industries.csv").write_text(
        "code,name,name_en\nA,農業,Agriculture\nA,林業,\nz,,\n", encoding="utf-8"
    )

    with translation.override("en"), pytest.raises(VocabularyLoadError) as caught:
        vocabulary_load(directory=files)

    message = str(caught.value)
    assert "themes.csv: File not found" in message
    assert "industries.csv line 3: code 'A' repeats line 2" in message
    assert "industries.csv line 4: code 'z' must be one capital letter from A to T" in message
    assert not JAPANESE.search(message), message


def test_the_report_is_in_english(vocabulary):
    with translation.override("en"):
        lines = vocabulary.lines()

    assert lines[0].startswith("Skill: added ")
    assert not any(JAPANESE.search(line) for line in lines)
