"""Wide tables read as cards on a phone (``class="table-cards"`` in site.css): on the list pages of
each role, opened with the small demo's data, every table of rows is one, and every cell names its
column (``data-label``) as the column's header says it, so that a phone shows each value under
its name."""

from __future__ import annotations

import pytest

from duallife.drafts.models import DraftRun
from duallife.engagements.models import Application, ConsentRecord, Scout
from duallife.organizations.models import Membership, Organization
from duallife.testing.accounts import with_totp
from duallife.testing.html import card_table_problems, parse

pytestmark = pytest.mark.django_db

COMPANY_PAGES = ["/sheets/mine/", "/applications/pipeline/?view=list", "/scouts/sent/"]
TALENT_PAGES = ["/applications/", "/my-data/provisions/"]
COORDINATOR_PAGES = ["/sheets/review/", "/referrals/"]
OPERATOR_PAGES = ["/followups/", "/accounts/operator/coordinator-bodies/"]


def _someone(kind: str):
    return (
        Membership.objects.filter(organization__kind=kind, role=Membership.Role.ADMIN)
        .order_by("pk")
        .first()
        .user
    )


def _card_tables(html: str) -> int:
    return sum(1 for e in parse(html) if e.tag == "table" and "table-cards" in e.classes)


def _visits():
    staff = Membership.objects.exclude(organization__kind=Organization.Kind.COMPANY).select_related("user")
    for user in {membership.user for membership in staff}:
        with_totp(user)  # staff open personal data only with two-factor authentication
    company = _someone(Organization.Kind.COMPANY)
    talent = ConsentRecord.objects.order_by("pk").first().application.talent.user
    scouted = Scout.objects.exclude(status=Scout.Status.PENDING).order_by("pk").first().talent.user
    coordinator = _someone(Organization.Kind.COORDINATOR)
    operator = _someone(Organization.Kind.SECRETARIAT)
    run = DraftRun.objects.select_related("event").order_by("pk").first()
    organiser = Membership.objects.filter(organization=run.event.organizer).order_by("pk").first().user
    return [
        *((company, path) for path in COMPANY_PAGES),
        *((talent, path) for path in TALENT_PAGES),
        (scouted, "/scouts/"),
        *((coordinator, path) for path in COORDINATOR_PAGES),
        *((operator, path) for path in OPERATOR_PAGES),
        (organiser, f"/drafts/{run.event.pk}/runs/"),
    ]


def test_the_tables_of_the_list_pages_read_as_cards_on_a_phone(client, shared_small_demo):
    assert Application.objects.exists()
    problems = []
    for who, path in _visits():
        client.force_login(who)
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.content.decode()
        if not _card_tables(html):
            problems.append(f"{path}: no table reads as cards")
        problems += [f"{path}: {problem}" for problem in card_table_problems(html)]
    assert problems == [], "\n".join(problems)


def test_a_cell_without_its_columns_name_is_found():
    html = """<table class="table-cards">
      <thead><tr><th>タイトル</th><th>勤務地</th><th>更新日</th></tr></thead>
      <tbody><tr><th scope="row">味噌</th><td data-label="勤務地">仙台市</td><td>12月4日</td></tr>
      <tr><td colspan="3">まだありません</td></tr></tbody></table>
      <table><tr><td>ふつうの表は対象外</td></tr></table>"""

    assert card_table_problems(html) == ["a cell of column 3 ('更新日') is labelled None: '12月4日'"]
