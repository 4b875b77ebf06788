"""The cost simulator as a visitor uses it: pick 仙台市 and two trips a month, read the result.

With the report's defaults the answer is table 5-6-2's: rent 62,065 + two Shinkansen round trips
42,240 = 104,305 yen a month.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from duallife.testing.browser import assert_no_axe_violations

pytestmark = pytest.mark.e2e

SENDAI = "041009"
SENDAI_TOTAL = re.compile(r"104,305")
DESTINATION_LABEL = "東北側の地域"
TRIPS_LABEL = "月あたりの往復回数"


def _simulator_form(page: Page) -> Locator:
    return page.locator("form").filter(has=page.get_by_label(DESTINATION_LABEL))


def _result_region(page: Page) -> Locator:
    return page.locator("[aria-live]").filter(has_text=SENDAI_TOTAL)


def test_simulate_sendai_two_trips(page: Page, page_errors: list[str]) -> None:
    page.goto("/simulator/")
    form = _simulator_form(page)
    expect(form).to_have_count(1)
    # The live region must already be in the page, or screen readers will not announce the result.
    expect(page.locator("[aria-live]").first).to_be_attached()

    # The page opens on the side job from Tokyo; this person means to live in Sendai.
    expect(form.get_by_label("東京に住み、東北で副業する（往復しない東京暮らしと比べる）")).to_be_checked()
    form.get_by_label("東北に住み、東京へ通う（東京暮らしと比べる）").check()
    destination = form.get_by_label(DESTINATION_LABEL)
    destination.select_option(SENDAI)
    expect(destination.locator("option:checked")).to_have_text("仙台市")
    form.get_by_label(TRIPS_LABEL).fill("2")

    page.evaluate("() => { window.__e2eSamePage = true; }")
    form.get_by_role("button", name="試算する").click()

    expect(_result_region(page)).to_be_visible()
    expect(_result_region(page)).to_contain_text("104,305円")
    # The result came in through htmx (no full reload) and the URL can be shared.
    assert page.evaluate("() => window.__e2eSamePage === true"), "submitting reloaded the whole page"
    expect(page).to_have_url(re.compile(rf"[?&]destination={SENDAI}(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]trips_per_month=2(&|$)"))

    _check_comparison_table(page)
    _check_chart(page)
    assert_no_axe_violations(page)
    assert page_errors == [], f"JavaScript errors: {page_errors}"


def test_shared_url_shows_the_result(page: Page, page_errors: list[str]) -> None:
    response = page.goto(f"/simulator/?destination={SENDAI}&trips_per_month=2&mode=A")
    assert response is not None
    assert response.status == 200

    expect(_result_region(page)).to_be_visible()
    form = _simulator_form(page)
    expect(form.get_by_label(DESTINATION_LABEL)).to_have_value(SENDAI)
    expect(form.get_by_label(TRIPS_LABEL)).to_have_value("2")
    _check_comparison_table(page)
    _check_chart(page)
    assert page_errors == [], f"JavaScript errors: {page_errors}"


def _check_comparison_table(page: Page) -> None:
    table = page.get_by_role("table").filter(has_text="仙台市")
    expect(table).to_have_count(1)
    rows = table.locator("tbody tr")
    expect(rows.filter(has_text="仙台市")).to_have_count(1)
    expect(rows.filter(has_text="仙台市")).to_contain_text(SENDAI_TOTAL)

    # One row per city with fares of its own (the report's nine), each a place the form offers.
    destination = _simulator_form(page).get_by_label(DESTINATION_LABEL)
    names = [
        _short_name(text)
        for text in destination.locator("option").evaluate_all(
            "options => options.filter(o => o.value).map(o => o.textContent)"
        )
    ]
    assert len(names) > 250, "every town of the pack is a destination"
    row_heads = [_short_name(text) for text in rows.locator("th").all_text_contents()]
    assert set(row_heads) <= set(names), "a row of the comparison is not a destination of the form"
    expect(rows).to_have_count(9)


def _short_name(option_text: str) -> str:
    """'仙台市（宮城県）' -> '仙台市': the municipality name an option starts with."""
    return re.split(r"[（(\s]", option_text.strip(), maxsplit=1)[0]


def _check_chart(page: Page) -> None:
    chart = page.locator("[role=img]").filter(has=page.locator("canvas, svg"))
    expect(chart.first).to_be_visible()
    expect(chart.first).to_have_accessible_name(re.compile(r"\S"))
