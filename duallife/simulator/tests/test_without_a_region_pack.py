"""Before the region pack is loaded, the simulator says what is missing and how to load it.

Apart from the tests that load the pack: those share one pack per module (``region_pack``)."""

import io

import pytest
from django.core.management import CommandError, call_command

from duallife.simulator.errors import NoRegionData
from duallife.simulator.selectors import cost_dataset, cost_quote

pytestmark = pytest.mark.django_db


def simulate(*args: str) -> str:
    out = io.StringIO()
    call_command("simulate", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_without_a_region_pack_it_says_how_to_load_one():
    with pytest.raises(CommandError, match="duallife load-region-pack tohoku"):
        simulate("--destination", "041009")
    with pytest.raises(CommandError, match="duallife load-region-pack tohoku"):
        simulate("--all")


def test_without_a_region_pack_the_error_says_the_data_is_missing():
    with pytest.raises(NoRegionData, match="地域データがまだ読み込まれていない"):
        cost_quote(destination_code="041009", trips_per_month=2)
    with pytest.raises(NoRegionData):
        cost_dataset()


def test_page_without_region_data_still_renders(client):
    response = client.get("/simulator/", {"destination": "041009", "trips_per_month": "2"})
    assert response.status_code == 200
    assert "地域データがまだ読み込まれていない" in response.content.decode()
