"""The texts engagements writes for people, read in English: service refusals and the
notifications, which are kept as texts and worded when read (the default stays Japanese)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone, translation

from duallife.core.formats import format_datetime
from duallife.core.texts import Text
from duallife.engagements.errors import EngagementError
from duallife.engagements.models import Application, CheckIn
from duallife.engagements.services import notices
from duallife.engagements.services.applications import (
    application_advance,
    application_decline,
    application_submit,
    applications_close_for_sheet,
)
from duallife.engagements.services.contracts import checkins_process_due, clean_terms
from duallife.engagements.services.messages import attachment_check
from duallife.engagements.services.proposals import clean_commission
from duallife.engagements.wording import stored_note
from duallife.postings.models import SpecSheet
from duallife.testing.engagements import (
    APPLY_MESSAGE,
    SCOUT_MESSAGE,
    applicant_in_offer,
    has_japanese,
    profile,
    record,
    send,
    terms,
)

S = Application.Status


@pytest.fixture
def told(monkeypatch):
    """Every (kind, title, body) the engagement services hand to ``notify``, as given."""
    calls: list[tuple[str, object, object]] = []
    real = notices.notify

    def recording(*, user, kind, title, body="", url=""):
        calls.append((kind, title, body))
        return real(user=user, kind=kind, title=title, body=body, url=url)

    monkeypatch.setattr(notices, "notify", recording)
    return calls


def english_datetime(value) -> str:
    with translation.override("en"):
        return format_datetime(value)


def english(text) -> str:
    with translation.override("en"):
        if isinstance(text, list):
            return "\n".join(str(line) for line in text)
        return str(text)


def refusal(call) -> str:
    with translation.override("en"), pytest.raises(EngagementError) as caught:
        call()
    return str(caught.value.message)


# --- Service errors --------------------------------------------------------------------------------


def test_a_short_application_message_is_refused_in_english(world, sheet):
    message = refusal(lambda: application_submit(sheet=sheet, by=world.talent, message="短い"))
    assert message == "The application message must be at least 10 characters long."


def test_applying_twice_is_refused_in_english(world, sheet, application):
    message = refusal(lambda: application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE))
    assert message == "You have already applied for this job."


def shape(**overrides) -> dict:
    """The terms ``clean_terms`` checks (type, dates, days, fee, travel)."""
    data = terms(**overrides)
    return {key: value for key, value in data.items() if key not in ("work_description", "work_place")}


def test_contract_terms_are_refused_in_english(world):
    today = timezone.localdate()
    employment = refusal(lambda: clean_terms(**shape(contract_type="employment_referral"), today=today))
    assert "partner placement agency" in employment
    assert not has_japanese(employment)
    days = refusal(lambda: clean_terms(**shape(days_per_month=40), today=today))
    assert days == "The working days per month must be between 1 and 31 days."
    fee = refusal(lambda: clean_terms(**shape(monthly_fee_yen=-1), today=today))
    assert fee == "The monthly fee must be between ¥0 and ¥10,000,000."


def test_a_payment_date_past_sixty_days_is_refused_in_english(world):
    late = refusal(
        lambda: clean_commission(
            paid=True,
            work_description="販路づくりと月次の振り返り",
            work_place="オンライン",
            payment_month_offset=2,
            payment_day=0,
            payment_method="bank_transfer",
            payment_method_note="",
            inspection_days=None,
        )
    )
    assert late == (
        "Pay each month's fee within 60 days of the month's end (Freelance Act). "
        "With this setting the latest month is paid after 62 days."
    )


def test_an_illegal_step_and_a_refused_attachment_are_explained_in_english(world, application):
    application_decline(application=application, by=world.owner)
    step = refusal(lambda: application_advance(application=application, by=world.owner, to=S.OFFER))
    assert not has_japanese(step)
    upload = io.BytesIO(b"\x00\x01binary")
    upload.name, upload.size = "a.bin", 8
    attachment = refusal(lambda: attachment_check(upload))
    assert attachment.startswith("This type of file cannot be attached.")


def test_the_same_refusal_stays_japanese_by_default(world, sheet):
    with pytest.raises(EngagementError) as caught:
        application_submit(sheet=sheet, by=world.talent, message="短い")
    assert "応募メッセージは10文字以上で書いてください。" in str(caught.value)


# --- Notifications ---------------------------------------------------------------------------------


def test_an_application_is_announced_with_the_talent_name_as_its_own_parameter(world, sheet, told):
    application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)
    kind, title, body = told[0]
    name = profile(world.talent).display_name
    assert kind == "application"
    assert isinstance(title, Text)
    assert title.params["name"] == name
    assert english(title) == f"{name} applied to “{sheet.title}”"
    # The Japanese wording keeps 「名前さん」 together, as the erasure of a person expects.
    assert f"{name}さんが応募しました" in str(title)
    assert body == APPLY_MESSAGE[:200]


def test_a_decline_and_a_closed_sheet_are_worded_in_english(world, sheet, application, told):
    application_decline(application=application, by=world.owner, reason="")
    _kind, title, body = told[-1]
    assert english(title) == f"Your application to “{sheet.title}” was not successful this time"
    assert not has_japanese(english(body))

    other = applicant_in_offer(world, sheet, "suzuki")
    told.clear()
    applications_close_for_sheet(sheet=SpecSheet.objects.get(pk=sheet.pk))
    closed = [call for call in told if call[0] == "sheet_closed"]
    assert len(closed) == 1
    _kind, title, body = closed[0]
    assert english(title) == f"Applications for “{sheet.title}” have closed"
    text = english(body)
    assert text.startswith(f"Applications for “{sheet.title}” have closed. Thank you for applying.")
    assert not has_japanese(text.replace(sheet.title, ""))
    other.refresh_from_db()
    assert other.status == S.EXPIRED
    with translation.override("en"):
        assert stored_note(other.close_reason) == "Closed"


def test_a_scout_and_a_contract_are_worded_in_english(world, sheet, told):
    scout = send(world, sheet)
    _kind, title, body = told[-1]
    assert english(title) == f"You have received a scout from {world.company.name} for “{sheet.title}”"
    assert english(body).splitlines() == [
        SCOUT_MESSAGE[:200],
        "",
        f"Reply by {english_datetime(scout.expires_at)}",
    ]

    application = applicant_in_offer(world, sheet, "sato")
    told.clear()
    contract = record(application, world.owner)
    start = contract.starts_on
    _kind, title, body = told[0]  # to the talent: the terms arrived
    assert english(title) == f"Contract terms for “{sheet.title}” have arrived"
    assert english(body) == (
        f"{world.company.name} has proposed contract terms. Read them, then confirm them or ask for changes."
    )
    _kind, title, body = told[-1]  # to the company: confirmed
    assert english(title) == f"The terms for “{sheet.title}” were confirmed: the contract is made"
    assert english(body) == (
        f"Contract work (outsourcing) with {profile(application.talent.user).display_name}. "
        f"It starts on {start.day} {start:%b} {start.year}."
    )


def test_coordinator_alerts_and_check_in_requests_are_worded_in_english(world, sheet, told):
    application = applicant_in_offer(world, sheet, "takahashi")
    contract = record(application, world.owner)
    checkin = CheckIn.objects.filter(contract=contract).order_by("due_on").first()
    told.clear()
    checkins_process_due(today=checkin.due_on + datetime.timedelta(days=15))
    asked = [english(title) for kind, title, _body in told if kind == "checkin"]
    assert asked
    assert asked[0] == f"Please answer the follow-up for “{sheet.title}”"
    alerts = [(english(title), english(body)) for kind, title, body in told if kind == "alert"]
    assert alerts
    title, body = alerts[0]
    assert title == f"The follow-up for “{sheet.title}” has not been answered"
    assert body.endswith("no answer yet from Talent, Company.")
