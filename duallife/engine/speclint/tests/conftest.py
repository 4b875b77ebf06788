import pytest

from duallife.testing.speclint import good_sheet


@pytest.fixture
def good():
    return good_sheet()
