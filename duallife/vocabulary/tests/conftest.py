import pytest

from duallife.testing.vocabulary import forget_vocabulary, load_vocabulary_for_tests


@pytest.fixture
def vocabulary(db):
    """The real skill, theme and industry vocabularies, loaded into the test database."""
    report = load_vocabulary_for_tests()
    yield report
    forget_vocabulary()
