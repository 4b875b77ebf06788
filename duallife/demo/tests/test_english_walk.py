"""The English site, walked as each kind of person on the demo: every page reached from their
start pages by links, a few refused forms and a fresh notification. Nothing the product writes is
left in Japanese, and no date is written the Japanese way."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from duallife.accounts.models import User
from duallife.engagements.services.applications import application_submit
from duallife.postings.models import SpecSheet
from duallife.testing.i18n import data_corpus, japanese_dates, our_japanese, page_text
from duallife.testing.walk import ROLES, person, start_pages, walk

pytestmark = [pytest.mark.django_db, pytest.mark.once]  # CI: on SQLite only (pyproject's markers)


def problems_on(pages: dict[str, str], corpus: str) -> list[str]:
    found = []
    for url, html in pages.items():
        for date in japanese_dates(html, corpus):
            found.append(f"{url}: Japanese date {date!r}")
        for run in our_japanese(page_text(html), corpus):
            found.append(f"{url}: {run!r}")
    return found


@pytest.fixture
def demo(shared_small_demo, db):
    """The small demo (built once for this module) and the corpus of its data."""
    return data_corpus()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_person_reaches_is_english(demo, role):
    client = Client()
    user = person(role)
    if user is not None:
        client.force_login(user)

    pages = walk(client, start_pages(role, "/en"), prefix="/en")

    assert len(pages) >= 8, sorted(pages)
    problems = problems_on(pages, demo)
    assert not problems, "\n".join(problems[:60])


def test_refused_forms_and_a_fresh_notification_are_english(demo):
    talent, company = person("talent"), person("company")
    sheet = (
        SpecSheet.objects.filter(status=SpecSheet.Status.PUBLISHED)
        .exclude(applications__talent__user=talent)
        .order_by("pk")
        .first()
    )
    client = Client()
    client.force_login(talent)
    with translation.override("en"):
        refused = {
            "profile": client.post("/en/talents/me/edit/", {"weekly_hours": "many", "themes": "x"}),
            "apply": client.post(f"/en/sheets/{sheet.pk}/apply/", {"message": "hi"}),
        }
    client.force_login(company)
    refused["sheet"] = client.post("/en/sheets/new/", {"title": "x", "fee_min": "-1"})
    pages = {}
    for name, response in refused.items():
        assert response.status_code in (200, 400, 403, 404, 409), (name, response.status_code)
        pages[name] = response.content.decode()

    # a fresh application: the company's members read of it in English
    application_submit(sheet=sheet, by=talent, message="I would like to help with your online shop. " * 3)
    member = User.objects.filter(memberships__organization=sheet.organization).order_by("pk").first()
    client.force_login(member)
    pages["notifications"] = client.get("/en/notifications/").content.decode()
    assert sheet.title in pages["notifications"]

    problems = problems_on(pages, demo)
    assert not problems, "\n".join(problems)
