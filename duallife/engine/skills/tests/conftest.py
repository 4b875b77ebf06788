import csv
from pathlib import Path

import pytest

from duallife.engine.skills import SkillVocabulary, parse_skill_rows

VOCABULARY_DIR = Path(__file__).resolve().parents[4] / "data" / "vocabulary"


def read_csv(name: str) -> list[dict[str, str]]:
    with (VOCABULARY_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def skill_rows():
    return parse_skill_rows(read_csv("skills.csv"))


@pytest.fixture(scope="session")
def vocabulary(skill_rows):
    return SkillVocabulary(skill_rows)
