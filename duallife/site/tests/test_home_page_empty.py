"""The home page of a new instance (no region pack, no sheets, no drafts): it still answers, with
zero figures and no empty sections, in a few queries. In its own module: the other home page
tests share the demo for the whole module."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_home_page_without_a_region_pack_or_sheets(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>0</strong>" in html
    assert "新着の募集" not in html
    assert "二地域で暮らすと" not in html
