"""Keyboard use: skip link, visible focus, the language switch."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

MAX_TABS = 40  # enough to reach every header control and a good part of the page

_FOCUS_STATE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const label = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    label: label.slice(0, 40),
    visibleFocus: Boolean(outline || shadow),
    inMain: Boolean(el.closest('main')),
  };
}
"""


def _focus_state(page: Page) -> dict | None:
    return page.evaluate(_FOCUS_STATE)


def _tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    target = page.locator(selector)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{selector} never received focus within {MAX_TABS} presses of Tab")


def test_first_tab_reaches_skip_link_and_enter_jumps_to_main(page: Page) -> None:
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="本文へ移動")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # hidden off-screen until focused, then shown

    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    state = _focus_state(page)
    assert state is not None, "Tab after the skip link focused nothing"
    assert state["inMain"], f"Tab after the skip link went to {state}, outside <main>"


@pytest.mark.parametrize("path", ["/", "/simulator/", "/regions/"])
def test_keyboard_focus_is_always_visible(page: Page, path: str) -> None:
    page.goto(path)
    seen = []
    invisible = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = _focus_state(page)
        if state is None:  # focus left the document: every control has been visited
            break
        seen.append(state)
        if not state["visibleFocus"]:
            invisible.append(state)
    assert seen, f"nothing on {path} can be reached with Tab"
    assert invisible == [], f"focused without a visible outline or box-shadow on {path}: {invisible}"


def test_language_switch_by_keyboard(page: Page) -> None:
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "ja"
    select = page.get_by_label("言語")
    expect(select).to_have_value("ja")

    _tab_to(page, "#language-select")
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value("en")
    page.keyboard.press("Tab")
    expect(page.locator(".lang-switch button[type=submit]")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.rstrip("/").endswith("/en"), page.url

    # ...and back to Japanese, still by keyboard.
    _tab_to(page, "#language-select")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#language-select")).to_have_value("ja")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    assert not page.url.rstrip("/").endswith("/en"), page.url
