"""Every place of the pack has an English name, generated from its reading and shown on English
pages: 南三陸町 is Minamisanriku, 仙台市 is Sendai."""

from __future__ import annotations

import csv
import re

import pytest
from django.utils import translation

from duallife.core.formats import localized_place
from duallife.regions.english_names import HAND_WRITTEN, english_name
from duallife.regions.models import Municipality
from duallife.regions.packs import packs_dir

pytestmark = pytest.mark.django_db


def test_the_pack_holds_the_generated_name_of_every_place():
    with (packs_dir() / "tohoku" / "municipalities.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))

    stale = [
        (row["code"], row["name"], row["name_en"])
        for row in rows
        if row["name_en"] != english_name(row["code"], row["name"], row["name_kana"])
    ]
    assert stale == []  # else: .venv/bin/python scripts/romanise_places.py data/regions/tohoku
    assert set(HAND_WRITTEN) <= {row["code"] for row in rows}


def test_loaded_places_carry_their_english_names(region_pack):
    assert Municipality.objects.get(code="046060").name_en == "Minamisanriku"
    assert not Municipality.objects.filter(name_en="").exists()


def test_a_town_page_is_headed_by_its_english_name_in_english(client, region_pack):
    english = client.get("/en/regions/m/046060/").content.decode()
    japanese = client.get("/regions/m/046060/").content.decode()

    assert "<h1>Minamisanriku</h1>" in english
    assert "南三陸町" not in english.split("<main", 1)[1]
    assert "南三陸町" in japanese
    assert "Minamisanriku" not in japanese


def test_the_simulators_destinations_are_named_in_the_readers_language(client, region_pack):
    english = client.get("/en/simulator/").content.decode()

    assert re.search(r'<option value="041009"[^>]*>Sendai</option>', english)
    assert '<optgroup label="Miyagi">' in english


def test_a_place_with_its_prefecture_reads_as_each_language_writes_it(region_pack):
    sendai = Municipality.objects.select_related("prefecture").get(code="041009")

    assert localized_place(sendai) == "宮城県仙台市"
    with translation.override("en"):
        assert localized_place(sendai) == "Sendai, Miyagi"
        assert localized_place(None, sendai.prefecture) == "Miyagi"
    assert localized_place(None) == ""


def test_the_listings_place_and_theme_filters_are_named_in_english(client, region_pack, small_vocabulary):
    english = client.get("/en/sheets/").content.decode()

    assert '<option value="marketing">Marketing</option>' in english
    assert '<option value="04">Miyagi</option>' in english
    assert '<option value="046060" data-parent="04">Minamisanriku</option>' in english


def test_a_prefectures_towns_and_a_towns_reference_city_are_named_in_english(client, region_pack):
    prefecture = client.get("/en/regions/04/").content.decode()
    town = client.get("/en/regions/m/052116/").content.decode()  # 潟上市: 秋田市's figures

    assert (
        '<a href="/en/regions/m/046060/">Minamisanriku</a> <span class="kana" lang="ja">南三陸町</span>'
        in prefecture
    )
    assert '<a href="/en/regions/m/052019/">Akita</a>' in town
    assert ">秋田市<" not in town
