import pytest

from duallife.testing.organizations import make_cast
from duallife.testing.vocabulary import forget_vocabulary, load_vocabulary_for_tests


@pytest.fixture
def vocabulary(db):
    report = load_vocabulary_for_tests()
    yield report
    forget_vocabulary()


@pytest.fixture
def cast(region_pack, vocabulary):
    return make_cast()
