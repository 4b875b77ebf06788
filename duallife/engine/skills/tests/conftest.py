import pytest

from duallife.engine.skills import SkillVocabulary, parse_skill_rows
from duallife.engine.skills.testing import read_csv


@pytest.fixture(scope="session")
def skill_rows():
    return parse_skill_rows(read_csv("skills.csv"))


@pytest.fixture(scope="session")
def vocabulary(skill_rows):
    return SkillVocabulary(skill_rows)
