"""Pages work on closed municipal networks: no script or stylesheet comes from another host."""

import re

import pytest

OUTSIDE_ASSET = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)


@pytest.mark.parametrize(
    "url",
    ["/", "/en/", "/regions/", "/regions/04/", "/regions/m/041009/", "/simulator/", "/api/v1/docs"],
)
def test_page_loads_scripts_and_styles_from_this_site_only(client, region_pack, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert not OUTSIDE_ASSET.findall(html)
    assert "<script" in html
