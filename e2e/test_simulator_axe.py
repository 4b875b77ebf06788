"""The simulator with every town and every Tokyo-area origin: the searchable destination list,
the legs and the lodging, in Japanese and English, at 1280 and 390 px (axe wcag2a/aa, no
sideways scrolling, the first field on the first screen of a phone)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import (
    PHONE_390,
    assert_no_axe_violations,
    horizontal_overflow,
    resize,
    top_on_page,
)

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
MINAMISANRIKU = "046060"
YOKOHAMA = "141003"
TOWN_WITH_EXTRAS = (
    f"destination={MINAMISANRIKU}&trips_per_month=2&mode=B&origin={YOKOHAMA}"
    "&origin_leg_yen=960&origin_leg_minutes=30&destination_leg_yen=3600&destination_leg_minutes=90"
    "&lodging_nights_per_month=2&lodging_yen_per_night=7000"
)
PAGES = [
    pytest.param("/simulator/", "ja", id="empty"),
    pytest.param(f"/simulator/?{TOWN_WITH_EXTRAS}", "ja", id="town-with-legs-and-lodging"),
    pytest.param(
        f"/simulator/?destination={MINAMISANRIKU}&trips_per_month=2", "ja", id="town-legs-not-included"
    ),
    pytest.param(
        f"/simulator/?destination={MINAMISANRIKU}&lodging_nights_per_month=40", "ja", id="bad-nights"
    ),
    pytest.param(
        "/simulator/?destination=041009&trips_per_month=2&mode=B&program=miyagi-doublework",
        "ja",
        id="program",
    ),
    pytest.param(
        f"/simulator/?destination={MINAMISANRIKU}&trips_per_month=2&program=miyagi-doublework&subsidy_percent=50",
        "ja",
        id="program-and-rate",
    ),
    pytest.param(f"/en/simulator/?{TOWN_WITH_EXTRAS}", "en", id="town-en"),
    pytest.param(
        "/en/simulator/?destination=022012&trips_per_month=4&mode=B&program=national-sidejob",
        "en",
        id="program-en",
    ),
    pytest.param(f"/en/simulator/?destination={MINAMISANRIKU}&origin=011002", "en", id="bad-origin-en"),
]


@pytest.mark.parametrize(("path", "lang"), PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_simulator_pages_pass_axe_and_fit(
    page: Page, page_errors: list[str], path: str, lang: str, viewport: dict[str, int]
) -> None:
    resize(page, viewport)
    response = page.goto(path, wait_until="load")
    assert response is not None
    assert response.status == 200

    assert page.locator("html").get_attribute("lang") == lang
    assert_no_axe_violations(page)
    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{path} is {overflow}px wider than a {viewport['width']}px screen"
    first_field = page.locator(".simulator-form .field").first
    expect(first_field).to_be_visible()
    assert top_on_page(page, ".simulator-form .field") < viewport["height"], (
        "the first field is below the fold"
    )
    assert page_errors == [], f"JavaScript errors on {path}: {page_errors}"


def test_typing_a_reading_narrows_the_destinations_on_a_phone(page: Page, page_errors: list[str]) -> None:
    resize(page, PHONE_390)
    page.goto("/simulator/", wait_until="load")
    search = page.get_by_label("地域名で探す")
    expect(search).to_be_visible()  # shown by the script; without it the grouped list alone works

    search.fill("みなみさんりく")
    destination = page.get_by_label("東北側の地域")
    values = destination.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert values == ["", MINAMISANRIKU]
    expect(page.locator(".place-filter-count")).to_contain_text("1")

    destination.select_option(MINAMISANRIKU)
    page.get_by_role("button", name="試算する").click()
    result = page.locator("#simulator-result")
    expect(result).to_contain_text("南三陸町")
    expect(result).to_contain_text("含まれていません")
    assert_no_axe_violations(page)
    assert page_errors == [], f"JavaScript errors: {page_errors}"


def test_english_page_names_the_places_in_english(page: Page) -> None:
    page.goto(f"/en/simulator/?{TOWN_WITH_EXTRAS}", wait_until="load")
    result = page.locator("#simulator-result")
    expect(result).to_contain_text("Minamisanriku")
    expect(result).to_contain_text("Yokohama")
    search = page.get_by_label("Search by place name")
    search.fill("sanriku")
    options = page.get_by_label("Place in Tohoku").locator("option")
    expect(options.filter(has_text="Minamisanriku")).to_have_count(1)
