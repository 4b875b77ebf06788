"""What the browser tests (e2e/) share: axe-core's WCAG 2 A/AA check, the horizontal-overflow
measure, a phone's viewport, signing in as a demo person (and their authenticator code)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "build" / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/static/vendor/axe-core/axe.min.js"
# Debian's Chromium, headless, as the browser tests run it.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT = {"width": 375, "height": 812}
# The phone the pages are measured on: a list's first result must be on its first screen.
PHONE_390 = {"width": 390, "height": 844}
# `duallife demo` creates the admin user with this password on the e2e server.
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "e2e-demo-Password-4821"
# Demo people who sign in with that password too.
COMPANY_ADMIN = "company-001@example.jp"
TALENT = "talent-0001@example.jp"

_AXE_RUN = """
async () => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']},
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
  }));
}
"""


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core's WCAG 2 A and AA rules on the page as it is now."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is missing at {AXE_JS.relative_to(ROOT)}: run make setup", pytrace=False)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # A script element pointing at the site's own copy (build/static, served like every static
        # file, so the Content-Security-Policy allows it): the browser keeps it and its compiled
        # code between pages, where evaluating the 650 kB text each time cost about 40 ms more.
        page.add_script_tag(url=AXE_URL)
    return page.evaluate(_AXE_RUN)


def format_violations(violations: list[dict], max_nodes: int = 8) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:max_nodes]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}  -- {summary[:300]}")
        if len(violation["nodes"]) > max_nodes:
            lines.append(f"    … and {len(violation['nodes']) - max_nodes} more")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe found {len(violations)} WCAG 2 A/AA violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => { const el = document.scrollingElement; return Math.max(0, el.scrollWidth - el.clientWidth); }"
    )


def resize(page: Page, viewport: dict[str, int]) -> None:
    """Turn the page's window to ``viewport`` and wait until the page has been laid out and
    painted at that size (two animation frames), as a person sees it after turning a phone."""
    page.set_viewport_size(viewport)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def sideways_scrollers(page: Page) -> list[str]:
    """The boxes of the page's main part that scroll sideways (a wide table in its scroll box)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('main *'))
          .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
                          && el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth - el.clientWidth}px`)"""
    )


def top_on_page(page: Page, selector: str) -> float:
    """How far below the top of the page (CSS pixels) the first element matching ``selector`` starts."""
    locator = page.locator(selector).first
    expect(locator).to_be_attached()
    return locator.evaluate("(el) => el.getBoundingClientRect().top + window.scrollY")


def log_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.locator("#id_password").fill(DEMO_ADMIN_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).not_to_contain_text("ログイン")


def totp_now(secret: str) -> str:
    """The current 6-digit code of an authenticator app (RFC 6238: 30 s steps, HMAC-SHA1). Near
    the end of a step it waits for the next one, so that the code is still valid when the form
    that carries it arrives (the server accepts the current step only)."""
    if time.time() % 30 > 27:
        time.sleep(30.2 - time.time() % 30)
    key = base64.b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret.replace(" ", "")) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


#: The window size of a page at the start of every browser test (a laptop's).
DESKTOP_VIEWPORT = {"width": 1280, "height": 720}


def fresh_tab(browser_context: BrowserContext, tabs: dict[str, Page]) -> Page:
    """The worker's tab as a new visitor finds it: blank, laptop-sized, signed out."""
    page = tabs.get("tab")
    if page is not None and not page.is_closed():
        try:
            page.goto("about:blank")  # nothing of the last test's page runs on
        except Exception:  # a crashed tab: start a new one
            page = None
    if page is None or page.is_closed():
        page = tabs["tab"] = browser_context.new_page()
    page.set_viewport_size(DESKTOP_VIEWPORT)
    browser_context.clear_cookies()  # signed out, no session: each test starts as a new visitor
    return page


def signed_in_axe_failures(live_server_url: str, visits, widths=(1280, 390)) -> list[str]:
    """Open each ``(user, path, then)`` of ``visits`` as that user (a session cookie, no log-in
    form; ``None``: a visitor) at each of ``widths`` and list what fails: axe-core's WCAG 2 A/AA
    violations, a page wider than the window, and anything the Content-Security-Policy refused.
    ``then``: ``None``, or a function given the page after it loaded (to press a button first);
    it runs before the checks."""
    host = live_server_url.split("//", 1)[1].rsplit(":", 1)[0]
    users = {user.pk if user else None: user for user, _path, _then in visits}
    cookies = {}
    for pk, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            cookies[pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            pages = {}
            for pk in users:
                context = browser.new_context(locale="ja-JP")
                if pk is not None:
                    cookie = {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookies[pk],
                        "domain": host,
                        "path": "/",
                    }
                    context.add_cookies([cookie])
                page = context.new_page()
                page.on(
                    "console",
                    lambda message, page=page: (
                        failures.append(f"{page.url}: {message.text}")
                        if "Content Security Policy" in message.text
                        else None
                    ),
                )
                pages[pk] = page
            for width in widths:
                for user, path, then in visits:
                    page = pages[user.pk if user else None]
                    page.set_viewport_size({"width": width, "height": 800})
                    page.goto(live_server_url + path)
                    if then is not None:
                        then(page)
                    violations = axe_violations(page)
                    if violations:
                        failures.append(f"{width}px {path}:\n{format_violations(violations)}")
                    overflow = horizontal_overflow(page)
                    if overflow:
                        failures.append(f"{width}px {path}: {overflow}px wider than the window")
        finally:
            browser.close()
    return failures
