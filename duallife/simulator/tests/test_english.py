"""The simulator's API and page speak English to English readers, the engine's messages included."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from duallife.engine import costs
from duallife.engine.costs import CostInputError, parse_trips_per_month, parse_yen
from duallife.engine.costs.types import RENT_LABEL
from duallife.simulator.engine_texts import ENGINE_TEXTS
from duallife.simulator.errors import translated_message

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
COST_URL = "/api/v1/simulator/cost"


def test_every_engine_message_is_listed_for_the_catalogue():
    found = set()
    for path in Path(costs.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "gettext_noop":
                found.add(node.args[0].value)

    assert found == set(ENGINE_TEXTS)


@pytest.mark.parametrize(
    "call",
    [
        lambda: parse_trips_per_month("たくさん"),
        lambda: parse_trips_per_month("40"),
        lambda: parse_yen("-5", field="rent_yen", label=RENT_LABEL, maximum=100),
        lambda: parse_yen("1e3", field="rent_yen", label=RENT_LABEL, maximum=100),
    ],
)
def test_engine_messages_are_translated(call):
    with pytest.raises(CostInputError) as caught:
        call()

    with translation.override("en"):
        message = translated_message(caught.value)
    assert message
    assert not JAPANESE.search(message), message
    assert JAPANESE.search(caught.value.message)  # the console keeps the Japanese


def test_api_input_error_in_english(client, db):
    response = client.get(
        COST_URL, {"destination": "041009", "trips_per_month": "40"}, headers={"accept-language": "en"}
    )

    assert response.status_code == 400
    body = response.json()
    assert body == {"detail": "Enter between 0 and 31 round trips a month.", "errors": ["trips_per_month"]}


def test_api_input_error_in_japanese_by_default(client, db):
    response = client.get(COST_URL, {"destination": "041009", "trips_per_month": "40"})

    assert response.json()["detail"] == "月あたりの往復回数は0以上31以下で指定してください。"


def test_api_mode_label_in_english(client, region_pack):
    response = client.get(
        COST_URL, {"destination": "041009", "trips_per_month": "2"}, headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert response.json()["mode_label"] == "Live in Tohoku, travel to Tokyo"


def test_page_shows_engine_errors_in_english(client, region_pack):
    response = client.get("/en/simulator/", {"destination": "041009", "trips_per_month": "2.55"})

    assert response.status_code == 200
    assert "Enter round trips a month with at most one decimal place." in response.content.decode()
