"""The home page leads to the work: a search of the open sheets, the newest of them, live figures,
the next drafts, what a dual life costs in a chosen capital, sign-up as the main action; a fixed
number of queries however much there is."""

from __future__ import annotations

import re

import pytest

from duallife.postings.models import SpecSheet
from duallife.testing.accounts import make_user

pytestmark = pytest.mark.django_db


def test_a_visitor_finds_open_work_search_and_sign_up(client, shared_small_demo):
    html = client.get("/").content.decode()
    open_sheets = SpecSheet.objects.filter(status=SpecSheet.Status.PUBLISHED)

    assert 'action="/sheets/"' in html
    assert 'name="q"' in html
    assert 'href="/accounts/signup/"' in html
    assert f"<strong>{open_sheets.count()}</strong>" in html
    newest = open_sheets.order_by("-published_at", "-pk").first()
    assert f'href="/sheets/{newest.pk}/"' in html
    assert len(re.findall(r'class="sheet-card"', html)) == min(6, open_sheets.count())
    assert "これからのドラフト会議" in html


def test_the_cost_headline_follows_the_chosen_capital(client, shared_small_demo):
    sendai = client.get("/").content.decode()
    assert "仙台市に住み、月2回東京へ行くと" in sendai
    aomori = client.get("/?town=022012").content.decode()
    assert "青森市に住み、月2回東京へ行くと" in aomori
    assert 'value="022012" selected' in aomori


@pytest.mark.parametrize("town", ["999999", "abc", "%00", "041009' OR 1=1"])
def test_a_town_that_is_not_a_capital_falls_back_to_sendai(client, shared_small_demo, town):
    response = client.get("/", {"town": town})
    assert response.status_code == 200
    assert "仙台市に住み" in response.content.decode()


def test_a_signed_in_person_is_led_to_their_page_not_to_sign_up(client, shared_small_demo):
    client.force_login(make_user("signed-in"))
    html = client.get("/").content.decode()
    assert 'href="/accounts/me/"' in html
    assert 'href="/accounts/signup/"' not in html


def test_the_english_home_page_reads_in_english(client, shared_small_demo):
    html = client.get("/en/").content.decode()
    assert "Find work" in html
    assert "Sign up free" in html


def test_the_home_page_takes_a_fixed_number_of_queries(
    client, shared_small_demo, django_assert_max_num_queries
):
    client.get("/")
    with django_assert_max_num_queries(14):
        assert client.get("/").status_code == 200
