import pytest

from duallife.testing.organizations import make_cast


@pytest.fixture
def region_pack(shared_vocabulary, db):
    """The real region pack, loaded once for the module (with the real vocabulary)."""
    return shared_vocabulary[0]


@pytest.fixture
def vocabulary(shared_vocabulary, db):
    """The real vocabulary, loaded once for the module: the talents' pages only read it."""
    return shared_vocabulary[1]


@pytest.fixture
def cast(region_pack, vocabulary):
    return make_cast()
