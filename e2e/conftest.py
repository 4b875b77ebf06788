"""Fixtures for the browser tests.

- ``live_url``: the site, served by ``duallife runserver`` in a subprocess against its own
  throw-away SQLite database (migrated, Tohoku region pack and the small demo loaded: every kind
  of page and person of the full demo, in a third of the time), whatever
  ``DATABASE_URL`` the test run itself uses (CI points that at PostgreSQL). The set-up site is
  built once per run, in the background as soon as the browser tests are collected (while the
  other tests run); each worker serves its own copy of it.
- ``browser``: Debian's ``/usr/bin/chromium``, headless, driven by Playwright.
- ``page``: the worker's one tab, blank, 1280 × 720 and without cookies at the start of each test,
  in the worker's one browser context (Japanese locale and Tokyo time; its HTTP cache keeps the
  static files between tests), pointed at the live server (``page.goto("/regions/")`` works); a
  full-page screenshot and the page's HTML land in ``e2e/artifacts/`` when the test fails (with the
  server log, if anything failed). A test whose pages violated the Content-Security-Policy (Chromium
  reports each refusal on the console) fails when it ends.

The checks the tests share (axe-core, horizontal overflow) and the demo admin's credentials are in
``duallife/testing/browser.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from duallife.testing.browser import CHROMIUM, CHROMIUM_ARGS, DEMO_ADMIN_PASSWORD, DESKTOP_VIEWPORT, fresh_tab

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SERVER_START_TIMEOUT = 60  # seconds until /healthz must answer
SETUP_COMMAND_TIMEOUT = 600  # seconds for each of migrate / load-region-pack / demo (or so)
# Generous waits: CI machines are small and busy (a page with ECharts is ~1 MB of script).
NAVIGATION_TIMEOUT_MS = 30_000
ACTION_TIMEOUT_MS = 15_000
EXPECT_TIMEOUT_MS = 10_000

_REPORTS = pytest.StashKey[dict]()
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


# --- The server -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The test run's own database (possibly PostgreSQL in CI), Redis and settings module are not
    # the e2e server's: it always gets a fresh SQLite file and in-process everything.
    for name in ("REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DUALLIFE_TESTING", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
            "DUALLIFE_VAR_DIR": str(workdir),
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "e2e.server_settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "WARNING",
            "DUALLIFE_DEMO_PASSWORD": DEMO_ADMIN_PASSWORD,
        }
    )
    return env


def _duallife(*args: str) -> list[str]:
    return [sys.executable, "-m", "duallife.cli", *args]


def _wait_until_healthy(url: str, process: subprocess.Popen) -> bool:
    """True once ``/healthz`` answers 200; False if the server process exits first."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = exc
        time.sleep(0.1)
    _stop(process)
    pytest.fail(f"e2e server did not answer {url}/healthz within {SERVER_START_TIMEOUT}s ({last_error})")


def _start_server(env: dict[str, str], log: Path, attempts: int = 3) -> tuple[subprocess.Popen, str]:
    """Start ``duallife runserver`` on a free port; retry on a new port if it exits early."""
    for _ in range(attempts):
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with log.open("ab") as log_file:
            process = subprocess.Popen(
                _duallife("runserver", "--noreload", f"127.0.0.1:{port}"),
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        if _wait_until_healthy(url, process):
            return process, url
    pytest.fail(
        f"e2e server exited with {process.returncode} before answering:\n"
        f"{log.read_text(errors='replace')[-4000:]}",
        pytrace=False,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# --- The set-up site, built once per run ---------------------------------------------------------

SITE_SETUP = (
    ["migrate", "--noinput"],
    ["load-region-pack", "tohoku"],
    ["demo", "--small"],
    # the phone walk's own staff, with an authenticator app it knows (duallife/testing/phone_walk.py)
    ["shell", "-c", "from duallife.testing.phone_walk import create_walk_staff; create_walk_staff()"],
)
SITE_BUILD_TIMEOUT = 3 * SETUP_COMMAND_TIMEOUT
#: The build started by this process, kept while it runs (a process object dropped while its
#: command still runs is reported as a leaked resource).
_SITE_BUILDS: list[subprocess.Popen] = []


def _site_template_dir(config: pytest.Config) -> Path:
    """Where this run keeps the set-up site: shared by the xdist workers of one run, never reused
    by another run."""
    factory = config._tmp_path_factory  # type: ignore[attr-defined]
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    base = factory.getbasetemp().parent / f"e2e-site-{run}" if run else factory.getbasetemp() / "e2e-site"
    return base


def _start_site_build(template: Path) -> None:
    """Build the set-up site in a background process, unless another worker of this run did."""
    template.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(template / "claimed", os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return
    steps = " && ".join(" ".join(f"'{part}'" for part in _duallife(*args)) for args in SITE_SETUP)
    script = f"({steps}) > build.log 2>&1 && touch ready || touch failed"
    _SITE_BUILDS.append(
        subprocess.Popen(
            ["/bin/sh", "-c", script],
            cwd=template,
            env={**_server_env(template), "PWD": str(template)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    """As soon as browser tests are to run here, start building the site they need."""
    if CHROMIUM.exists() and any(item.get_closest_marker("e2e") for item in session.items):
        _start_site_build(_site_template_dir(session.config))


def _site_copy(template: Path, workdir: Path) -> None:
    """Wait for the set-up site, then copy it (database and files) into ``workdir``."""
    deadline = time.monotonic() + SITE_BUILD_TIMEOUT
    while not (template / "ready").exists():
        if (template / "failed").exists() or time.monotonic() > deadline:
            log = (
                (template / "build.log").read_text(errors="replace")
                if (template / "build.log").exists()
                else ""
            )
            pytest.fail(f"e2e server setup failed:\n{log[-6000:]}", pytrace=False)
        time.sleep(0.2)
    for path in template.iterdir():
        if path.name in ("claimed", "ready", "failed", "build.log"):
            continue
        if path.is_dir():
            shutil.copytree(path, workdir / path.name, dirs_exist_ok=True)
        else:
            shutil.copy2(path, workdir / path.name)


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[str]:
    """Base URL (no trailing slash) of a freshly set-up site served by ``duallife runserver``."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: run make setup")
    template = _site_template_dir(request.config)
    _start_site_build(template)  # when collection did not (a single test run by id)
    workdir = tmp_path_factory.mktemp("e2e-server")
    _site_copy(template, workdir)
    env = _server_env(workdir)

    log = workdir / "server.log"
    process, url = _start_server(env, log)
    try:
        yield url
    finally:
        _stop(process)
        if request.session.testsfailed:
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copyfile(log, ARTIFACTS / "server.log")


# --- The browser ----------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium.

    Package-scoped (this package is the whole e2e suite): Playwright's sync API leaves an asyncio
    loop marked as running on the main thread while it is started, which makes Django refuse ORM
    calls ("async context") in any database test that would run in the same process meanwhile.
    Stopping it when the e2e package is done keeps the unit tests safe whatever the order.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: run make setup")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # artifacts describe the latest run only
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:180]


@pytest.fixture(scope="package")
def browser_context(browser: Browser, live_url: str) -> Iterator[BrowserContext]:
    """One browser context for the worker's tests, so its HTTP cache keeps the static files (a
    fresh context fetched and parsed them again for every test: about half a second each).
    ``page`` clears its cookies before each test; the site keeps nothing in web storage."""
    context = browser.new_context(
        base_url=live_url, locale="ja-JP", timezone_id="Asia/Tokyo", viewport=DESKTOP_VIEWPORT
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="package")
def worker_tab(browser_context: BrowserContext) -> dict[str, Page]:
    """The worker's one tab, reused by test after test (a new tab per test cost about a quarter
    of a second in Chromium: a renderer started and stopped each time). ``page`` opens a new one
    when a test closed or crashed it."""
    return {}


@pytest.fixture
def page(
    browser_context: BrowserContext, worker_tab: dict[str, Page], request: pytest.FixtureRequest
) -> Iterator[Page]:
    page = fresh_tab(browser_context, worker_tab)
    violations: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    try:
        yield page
    finally:
        report = request.node.stash.get(_REPORTS, {}).get("call")
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = _artifact_name(request.node.nodeid)
            try:
                page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
                (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
            except Exception as exc:  # a screenshot must never hide the real failure
                warnings.warn(f"e2e: could not save failure artifacts for {name}: {exc}", stacklevel=1)
        if not page.is_closed():
            page.remove_listener("console", on_console)
    # Every page runs under the strict Content-Security-Policy: anything it refused is a bug.
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations[:10])


@pytest.fixture
def page_errors(page: Page) -> Iterator[list[str]]:
    """Uncaught JavaScript errors on ``page`` (request this fixture before navigating)."""
    errors: list[str] = []

    def on_error(error) -> None:
        errors.append(str(error))

    page.on("pageerror", on_error)
    yield errors
    if not page.is_closed():
        page.remove_listener("pageerror", on_error)
