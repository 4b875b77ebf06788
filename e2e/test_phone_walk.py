"""One page of every page template on a 390 × 844 phone, as the person who uses it: nothing wider
than the screen, and the first result or field on the first screen (not pushed below by the
header, filters or explanations). The table is ``duallife.testing.phone_walk.WALK``."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Page

from duallife.testing.browser import DEMO_ADMIN_PASSWORD, horizontal_overflow, log_in, totp_now
from duallife.testing.phone_walk import PHONE, WALK, WALK_COORDINATOR, WALK_OPERATOR, WALK_TOTP_SECRET, Visit

_MAIN = re.compile(r"<main\b.*?</main>", re.S)
_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"')


def _links(page_html: str, pattern: str) -> list[str]:
    """The first eight links of the page's main content whose path matches ``pattern``."""
    main = _MAIN.search(page_html)
    hrefs = [html.unescape(href) for href in _HREF.findall(main.group(0) if main else "")]
    found = [href for href in hrefs if re.match(pattern, href.split("?")[0].split("#")[0])]
    return list(dict.fromkeys(found))[:8]


def _target(page: Page, path: str, patterns: tuple[str, ...]) -> str | None:
    """Where following ``patterns`` from ``path`` leads: the first link of each step whose page
    has a link for the next step. The pages on the way are fetched with the tab's cookies but not
    drawn (only the page at the end is opened in the tab and measured)."""
    if not patterns:
        return path
    for href in _links(page.request.get(path).text(), patterns[0]):
        found = _target(page, href, patterns[1:])
        if found is not None:
            return found
    return None


#: Each person's cookies once signed in (per worker: each has its own server), so the walk signs
#: in once per person, and the walk's staff use their one-time code once.
_SIGNED_IN: dict[str, list] = {}


def _sign_in(page: Page, who: str) -> None:
    if who in _SIGNED_IN:
        page.context.add_cookies(_SIGNED_IN[who])
        return
    if who in (WALK_OPERATOR, WALK_COORDINATOR):
        page.goto("/accounts/login/")
        page.get_by_label("メールアドレス").fill(who)
        page.locator("#id_password").fill(DEMO_ADMIN_PASSWORD)
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_load_state("load")
        page.locator("#id_code").fill(totp_now(WALK_TOTP_SECRET))
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state("load")
        assert "/accounts/login" not in page.url, f"{who} could not sign in"
        assert "/2fa/" not in page.url, f"{who} was not let past the one-time code"
    else:
        log_in(page, who)
    _SIGNED_IN[who] = page.context.cookies()


#: What counts as "the first result or field". On a list (``results``): its first card, row or
#: item outside forms and menus. Elsewhere: whatever comes first of a field, a card, a row, an
#: item or a paragraph after the heading (breadcrumbs and menus aside).
_FIRST_THING = """
(results) => {
  const main = document.querySelector('main');
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const outside = (el) => !el.closest('nav, .breadcrumbs') && (!results || !el.closest('form'));
  const kinds = results
    ? '.sheet-card, .card, tbody tr, article, li'
    : 'input:not([type=hidden]), select, textarea, .card, tbody tr, li, h1 ~ p, h1 ~ * p';
  const found = [...main.querySelectorAll(kinds)].filter((el) => shown(el) && outside(el));
  if (!found.length) return null;
  const top = (el) => el.getBoundingClientRect().top + window.scrollY;
  const first = found.reduce((a, b) => (top(b) < top(a) ? b : a));
  return {top: top(first), what: first.outerHTML.slice(0, 120)};
}
"""


pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("visit", WALK, ids=str)
def test_one_page_of_each_template_fits_a_phone(page: Page, visit: Visit) -> None:
    page.set_viewport_size(PHONE)
    if visit.who:
        _sign_in(page, visit.who)
    target = _target(page, visit.path, visit.follow)
    assert target is not None, f"no way from {visit.path} through {visit.follow}"
    page.goto(target)
    assert "/accounts/2fa/" not in page.url or visit.path.startswith("/accounts/2fa/"), "sent to set up 2FA"

    assert horizontal_overflow(page) <= 1, f"{page.url} is wider than a phone"
    first = page.evaluate(_FIRST_THING, visit.results)
    assert first is not None, f"nothing to read on {page.url}"
    assert first["top"] < PHONE["height"], (
        f"on {page.url} the first result or field starts at {first['top']:.0f} px, below the first "
        f"screen ({PHONE['height']} px): {first['what']}"
    )
