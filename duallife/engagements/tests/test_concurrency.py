"""Concurrency guarantees, tested with real parallel requests against a live server on PostgreSQL.

- A sheet with N openings never gets more than N contracts, however many talents confirm their
  terms at the same moment: the other requests get 409 with a Japanese message, never 500; a
  double-clicked confirmation makes one contract.
- A double-clicked apply never creates two applications (the API and the HTML form).
- A check-in answered twice at once keeps one answer; two daily jobs at once ask only once.

Every request thread waits at a :class:`threading.Barrier` so that the requests really overlap.
SQLite is skipped: its test database lives in memory and the live server shares one connection
between threads, so requests there cannot run in parallel at all (and ``select_for_update`` is a
no-op on SQLite, so there is no lock order to observe either).
"""

from __future__ import annotations

import datetime

import pytest
import requests
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from duallife.engagements.models import Application, CheckIn, CheckInAnswer, Contract
from duallife.engagements.services.contracts import add_months, checkins_process_due
from duallife.notifications.models import Notification
from duallife.postings.models import SpecSheet
from duallife.testing.concurrency import TIMEOUT, all_at_once, signed_in_session
from duallife.testing.engagements import APPLY_MESSAGE, applicant_in_offer, propose, record, to_offer

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database gives the live server one shared "
    "connection (no parallel requests) and has no row locks",
)

PARALLEL = 5


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_never_exceed_the_openings(live_server, world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=2)
    offers = [applicant_in_offer(world, sheet, f"rival{n}") for n in range(PARALLEL)]
    for offer in offers:
        propose(offer, world.owner)
    sessions = [signed_in_session(offer.talent.user) for offer in offers]

    def send(index: int) -> requests.Response:
        url = f"{live_server.url}/api/v1/my/applications/{offers[index].pk}/contract/proposal/confirm"
        return sessions[index].post(url, json={"version": 1}, timeout=TIMEOUT)

    responses = all_at_once(PARALLEL, send)

    codes = sorted(response.status_code for response in responses)
    assert codes == [201, 201, 409, 409, 409], [r.text for r in responses]
    for response in responses:
        if response.status_code == 409:
            assert has_japanese(response.json()["detail"])
    assert Contract.objects.filter(sheet=sheet).count() == 2
    assert Application.objects.filter(sheet=sheet, status="contracted").count() == 2
    assert Application.objects.filter(sheet=sheet, status="expired").count() == PARALLEL - 2
    sheet.refresh_from_db()
    assert sheet.status == SpecSheet.Status.CLOSED
    assert sheet.closed_reason == SpecSheet.ClosedReason.FILLED


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_confirmation_makes_one_contract(live_server, world, application):
    offer = to_offer(application, world.owner)
    propose(offer, world.owner)
    session = signed_in_session(world.talent)

    def send(_index: int) -> requests.Response:
        url = f"{live_server.url}/api/v1/my/applications/{offer.pk}/contract/proposal/confirm"
        return session.post(url, json={"version": 1}, timeout=TIMEOUT)

    responses = all_at_once(PARALLEL, send)

    assert sorted(r.status_code for r in responses) == [201] + [409] * (PARALLEL - 1), [
        r.text for r in responses
    ]
    assert Contract.objects.filter(application=offer).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_apply_through_the_api_creates_one_application(live_server, world, sheet):
    session = signed_in_session(world.talent)
    body = {"sheet_id": sheet.pk, "message": APPLY_MESSAGE, "shared_fields": ["email"]}

    def send(_index: int) -> requests.Response:
        return session.post(f"{live_server.url}/api/v1/my/applications", json=body, timeout=TIMEOUT)

    responses = all_at_once(PARALLEL, send)

    codes = sorted(response.status_code for response in responses)
    assert codes == [201] + [409] * (PARALLEL - 1), [r.text for r in responses]
    assert all(has_japanese(r.json()["detail"]) for r in responses if r.status_code == 409)
    assert Application.objects.filter(sheet=sheet, talent__user=world.talent).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_apply_form_creates_one_application(live_server, world, sheet):
    session = signed_in_session(world.talent)
    form = {
        "message": APPLY_MESSAGE,
        "shared_fields": ["email"],
        "csrfmiddlewaretoken": session.headers["X-CSRFToken"],
    }

    def send(_index: int) -> requests.Response:
        url = f"{live_server.url}/sheets/{sheet.pk}/apply/"
        return session.post(url, data=form, allow_redirects=False, timeout=TIMEOUT)

    responses = all_at_once(PARALLEL, send)

    application = Application.objects.get(sheet=sheet, talent__user=world.talent)
    assert [response.status_code for response in responses] == [302] * PARALLEL
    assert {response.headers["Location"] for response in responses} == {f"/applications/{application.pk}/"}


@pytest.mark.django_db(transaction=True)
def test_a_check_in_answered_twice_at_once_keeps_one_answer(live_server, world, application):
    starts_on = timezone.localdate() - datetime.timedelta(days=40)
    contract = record(
        to_offer(application, world.owner), world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6)
    )
    due = contract.checkins.order_by("due_on").first()
    session = signed_in_session(world.talent)

    def send(_index: int) -> requests.Response:
        url = f"{live_server.url}/api/v1/my/checkins/{due.pk}/answer"
        return session.post(url, json={"rating": 2, "on_track": False}, timeout=TIMEOUT)

    responses = all_at_once(PARALLEL, send)

    assert sorted(r.status_code for r in responses) == [201] + [409] * (PARALLEL - 1), [
        r.text for r in responses
    ]
    assert CheckInAnswer.objects.filter(checkin=due).count() == 1
    assert Notification.objects.filter(kind="alert").count() == 1  # one coordinator, alerted once


@pytest.mark.django_db(transaction=True)
def test_two_daily_jobs_at_once_ask_for_a_check_in_only_once(world, application):
    starts_on = timezone.localdate() - datetime.timedelta(days=40)
    record(
        to_offer(application, world.owner), world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6)
    )
    today = timezone.localdate()

    results = all_at_once(3, lambda _index: checkins_process_due(today=today))

    assert sum(result["announced"] for result in results) == 1
    assert Notification.objects.filter(kind="checkin").count() == 3  # the talent and two members
    assert CheckIn.objects.filter(announced_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_recording_a_contract_locks_the_sheet_before_the_application(world, sheet):
    offer = applicant_in_offer(world, sheet, "ordered")

    with CaptureQueriesContext(connection) as captured:
        record(offer, world.owner)

    locked_tables = [
        query["sql"].split(" FROM ", 1)[1].split()[0].strip('"')
        for query in captured.captured_queries
        if "FOR UPDATE" in query["sql"]
    ]
    assert locked_tables[:2] == ["postings_specsheet", "engagements_application"]
