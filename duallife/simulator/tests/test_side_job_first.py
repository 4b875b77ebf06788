"""The simulator's page opens on the product's main persona (keep the Tokyo job, work for Tohoku on
the side: mode B); the API's default stays A. The report's comparison cities from outside Tohoku
say so wherever they are offered or compared."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def _checked_mode(html: str) -> str:
    (value,) = re.findall(r'<input type="radio" name="mode" value="([AB])"[^>]*checked', html)
    return value


def test_the_page_opens_on_the_side_job_from_tokyo(client, region_pack):
    empty = client.get("/simulator/").content.decode()
    shared = client.get("/simulator/", {"destination": "041009", "trips_per_month": "2"})

    assert _checked_mode(empty) == "B"
    assert empty.index('value="B"') < empty.index('value="A"')  # offered first
    assert shared.context["quote"].result.mode.value == "B"
    assert "東京に住み、仙台市へ月2往復する場合" in shared.content.decode()


def test_a_link_that_names_mode_a_still_gets_it(client, region_pack):
    response = client.get("/simulator/", {"destination": "041009", "trips_per_month": "2", "mode": "A"})

    assert response.context["quote"].result.monthly_total_yen == 104_305
    assert _checked_mode(response.content.decode()) == "A"


def test_the_api_still_defaults_to_mode_a(client, region_pack):
    body = client.get("/api/v1/simulator/cost", {"destination": "041009", "trips_per_month": "2"}).json()

    assert body["mode"] == "A"
    assert body["monthly_total_yen"] == 104_305


def test_comparison_cities_are_labelled_as_the_reports_outside_tohoku(client, region_pack):
    page = client.get("/simulator/").content.decode()
    compared = client.get("/simulator/", {"destination": "172014", "trips_per_month": "2"}).content.decode()
    with translation.override("en"):
        english = client.get("/en/simulator/").content.decode()

    assert re.search(r'<option value="172014"[^>]*[^>]*>金沢市（報告書の比較都市・東北外）</option>', page)
    assert re.search(r'<option value="221007"[^>]*[^>]*>静岡市（報告書の比較都市・東北外）</option>', page)
    assert re.search(r'<option value="041009"[^>]*[^>]*>仙台市</option>', page)
    assert compared.count("報告書の比較都市（東北外）") == 2  # 金沢市 and 静岡市 in the table
    assert "Kanazawa (the report&#x27;s comparison city, outside Tohoku)" in english
