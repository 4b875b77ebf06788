import pytest

from duallife.testing.organizations import make_cast
from duallife.testing.vocabulary import forget_vocabulary, load_vocabulary_for_tests


@pytest.fixture
def vocabulary(db):
    report = load_vocabulary_for_tests()
    yield report
    forget_vocabulary()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded photos land in a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = "/media/"
    return settings.MEDIA_ROOT


@pytest.fixture
def cast(region_pack):
    return make_cast()
