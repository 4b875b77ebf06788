import pytest

from duallife.engine.speclint.testing import good_sheet


@pytest.fixture
def good():
    return good_sheet()
