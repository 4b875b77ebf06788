import pytest


@pytest.fixture(autouse=True)
def places(region_pack):
    """The real region pack: organisations (the secretariat, companies) are somewhere."""
    return region_pack
