"""The words a visitor or a talent reads, walked on the demo: wherever they read about a sheet it
is a 案件 or a 募集 (a job, an opening in English), never 仕様書 (spec sheet), the word of the
companies and coordinators who write and review it. Only what people wrote (the data) may say
otherwise, and the pages that are for companies or define the word. The header and the footer
are not read here: only each page's main content. And no notification writes a page out in its
words: a line that leads to a page links to it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from duallife.notifications.models import Notification
from duallife.testing.i18n import data_corpus, our_japanese, page_text
from duallife.testing.walk import person, start_pages, walk

pytestmark = [pytest.mark.django_db, pytest.mark.once]  # CI: on SQLite only (pyproject's markers)

MAIN = re.compile(r"<main\b.*?</main>", re.S)
SPEC_SHEET = re.compile(r"spec(?:ification)?[ -]?sheet", re.I)
#: Pages that keep 仕様書: the home page (its section for companies) and マイページ (links of
#: the roles a person has), a company's registration, and the secretariat's texts, which define
#: the word for companies (the terms, the privacy policy, about, the FAQ).
KEEP_THE_WORD = {"/", "/accounts/me/", "/organizations/new/", "/terms/", "/privacy/", "/about/", "/faq/"}


def main_text(html: str) -> str:
    match = MAIN.search(html)
    return page_text(match.group(0)) if match else ""


def walked(role: str, prefix: str) -> dict[str, str]:
    client = Client()
    user = person(role)
    if user is not None:
        client.force_login(user)
    pages = walk(client, start_pages(role, prefix), prefix=prefix)
    return {
        url: html
        for url, html in pages.items()
        if url.removeprefix(prefix).split("?")[0] not in KEEP_THE_WORD
    }


@pytest.fixture
def corpus(shared_small_demo, db):
    return data_corpus()


@pytest.mark.parametrize("role", ["anonymous", "talent"])
def test_visitors_and_talents_read_of_jobs_not_spec_sheets(corpus, role):
    pages = walked(role, "")

    assert any(url.startswith("/sheets/") for url in pages), sorted(pages)
    found = [
        f"{url}: {run}"
        for url, html in pages.items()
        for run in our_japanese(main_text(html), corpus)
        if "仕様書" in run
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("role", ["anonymous", "talent"])
def test_in_english_they_read_of_jobs_not_spec_sheets(corpus, role):
    pages = walked(role, "/en")

    assert any(url.startswith("/en/sheets/") for url in pages), sorted(pages)
    found = [
        f"{url}: {line}"
        for url, html in pages.items()
        for line in main_text(html).splitlines()
        if SPEC_SHEET.search(line)
    ]
    assert not found, "\n".join(found)


#: A page of this site written out in words: a path (「（/sheets/80/）」) or a full address.
PATH_IN_WORDS = re.compile(
    r"(?:https?://\S+)?/(?:en/)?(?:sheets|applications|scouts|talents|drafts|checkins)/"
)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_notification_writes_a_page_out_in_its_words(shared_small_demo, db, language):
    notices = list(Notification.objects.all())
    with translation.override(language):
        bodies = {notice.pk: notice.body for notice in notices}

    assert len({notice.kind for notice in notices}) >= 5  # applications, scouts, messages, drafts …
    found = [f"{pk}: {body}" for pk, body in bodies.items() if PATH_IN_WORDS.search(body)]
    assert not found, "\n".join(found[:10])
