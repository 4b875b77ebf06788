"""Recording a contract (成約), starting and ending it: the rules a company and a talent rely on."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.engagements.errors import (
    EngagementConflictError,
    EngagementError,
    EngagementPermissionError,
    EngagementTransitionError,
)
from duallife.engagements.models import Application, CheckIn, Contract, Referral
from duallife.engagements.services.contracts import (
    add_months,
    area_coordinators,
    checkin_schedule,
    contract_end,
    contract_start,
)
from duallife.notifications.models import Notification
from duallife.organizations.models import Organization
from duallife.postings.models import SpecSheet
from duallife.testing.engagements import applicant_in_offer, record, to_offer
from duallife.testing.notifications import told

S = Application.Status
TODAY = timezone.localdate


@pytest.fixture
def offer(world, application):
    return to_offer(application, world.owner)


def test_a_contract_both_sides_agreed_makes_the_application_contracted_and_each_side_is_told(world, offer):
    contract = record(offer, world.member)

    offer.refresh_from_db()
    assert offer.status == S.CONTRACTED
    assert contract.organization == world.company
    assert contract.talent.user == world.talent
    assert contract.recorded_by == world.member
    assert contract.confirmed_by == world.talent
    assert contract.commissioned_on == TODAY()
    assert contract.monthly_fee_yen == 40_000
    assert offer.events.last().to_status == S.CONTRACTED
    to_talent = Notification.objects.get(user=world.talent, kind="contract")
    assert "契約条件が届きました" in to_talent.title
    to_company = Notification.objects.filter(user=world.owner, kind="contract").get()
    assert "成約" in to_company.title


def test_recording_a_contract_schedules_check_ins_after_one_month_then_every_two(world, offer):
    starts_on = TODAY() + datetime.timedelta(days=3)
    contract = record(offer, world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6))

    due = list(contract.checkins.values_list("due_on", flat=True))
    assert due == [add_months(starts_on, 1), add_months(starts_on, 3), add_months(starts_on, 5)]
    assert set(contract.checkins.values_list("kind", flat=True)) == {CheckIn.Kind.PERIODIC}


def test_an_open_ended_contract_is_followed_up_for_a_year():
    starts_on = datetime.date(2027, 1, 31)
    assert checkin_schedule(starts_on, None) == [
        datetime.date(2027, 2, 28),
        datetime.date(2027, 4, 30),
        datetime.date(2027, 6, 30),
        datetime.date(2027, 8, 31),
        datetime.date(2027, 10, 31),
        datetime.date(2027, 12, 31),
    ]
    assert checkin_schedule(starts_on, datetime.date(2027, 2, 20)) == []


def test_a_contract_is_credited_to_the_company_referrer(world, make_sheet):
    bank = Organization.objects.get(slug="miyagi-pref")
    Referral.objects.create(referrer=bank, company=world.company, registered_by=world.coordinator)
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    application = applicant_in_offer(world, sheet, "referred")

    contract = record(application, world.owner)

    assert contract.referrer == bank


def test_the_contract_that_fills_the_last_opening_closes_the_sheet_and_ends_the_others_kindly(world, sheet):
    first = applicant_in_offer(world, sheet, "first")
    second = applicant_in_offer(world, sheet, "second")
    waiting = applicant_in_offer(world, sheet, "waiting")

    record(first, world.owner)
    sheet.refresh_from_db()
    assert sheet.status == SpecSheet.Status.PUBLISHED

    record(second, world.owner)
    sheet.refresh_from_db()
    waiting.refresh_from_db()
    assert sheet.status == SpecSheet.Status.CLOSED
    assert sheet.closed_reason == SpecSheet.ClosedReason.FILLED
    assert waiting.status == S.EXPIRED
    assert Notification.objects.filter(user=waiting.talent.user, kind="sheet_closed").exists()


def test_no_more_contracts_than_openings_are_recorded(world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    first = applicant_in_offer(world, sheet, "first")
    second = applicant_in_offer(world, sheet, "second")
    record(first, world.owner)
    # The sheet is closed now and the second application expired; force it back to an offer to
    # check the count rule itself, not only the status rule.
    Application.objects.filter(pk=second.pk).update(status=S.OFFER)

    with pytest.raises(EngagementConflictError, match="募集人数（1人）"):
        record(second, world.owner)
    assert Contract.objects.filter(sheet=sheet).count() == 1


def test_only_the_company_records_a_contract(world, offer):
    for user in (world.talent, world.stranger, world.coordinator, world.operator):
        with pytest.raises(EngagementPermissionError):
            record(offer, user)
    assert not Contract.objects.exists()


def test_a_contract_needs_an_application_in_offer(world, application):
    with pytest.raises(EngagementTransitionError, match="条件提示"):
        record(application, world.owner)
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"contract_type": "employment_referral"}, "contract_type", "職業紹介事業者"),
        ({"contract_type": "part-time"}, "contract_type", "契約形態"),
        ({"starts_on": "2027-01-01"}, "starts_on", "日付"),
        ({"starts_on": datetime.date(2001, 1, 1)}, "starts_on", "古すぎます"),
        ({"starts_on": datetime.date(2999, 1, 1), "ends_on": None}, "starts_on", "1年以内"),
        ({"ends_on": datetime.date(2000, 1, 1)}, "ends_on", "開始日より後"),
        ({"days_per_month": 0}, "days_per_month", "1日から31日"),
        ({"days_per_month": 32}, "days_per_month", "1日から31日"),
        ({"days_per_month": 3.5}, "days_per_month", "整数"),
        ({"monthly_fee_yen": -1}, "monthly_fee_yen", "0円から"),
        ({"monthly_fee_yen": 30000.5}, "monthly_fee_yen", "整数"),
        ({"monthly_fee_yen": 10**12}, "monthly_fee_yen", "10,000,000円"),
        ({"monthly_fee_yen": 0}, "monthly_fee_yen", "プロボノだけ"),
        ({"contract_type": "probono", "monthly_fee_yen": 5000}, "monthly_fee_yen", "0円に"),
        ({"travel_paid_by": "nobody"}, "travel_paid_by", "交通費"),
        ({"subsidy_eligible": "yes"}, "subsidy_eligible", "交通費補助"),
    ],
)
def test_bad_terms_are_refused_with_a_message_naming_the_field(world, offer, overrides, field, message):
    with pytest.raises(EngagementError, match=message) as caught:
        record(offer, world.owner, **overrides)
    assert caught.value.field == field
    offer.refresh_from_db()
    assert offer.status == S.OFFER
    assert not Contract.objects.exists()
    assert not CheckIn.objects.exists()


def test_a_probono_contract_is_recorded_at_zero_yen(world, offer):
    contract = record(offer, world.owner, contract_type="probono", monthly_fee_yen=0)
    assert contract.contract_type == "probono"
    assert contract.monthly_fee_yen == 0


# --- Start and end ------------------------------------------------------------------------------


@pytest.fixture
def contract(world, offer):
    return record(offer, world.owner)


def test_the_company_starts_a_contract_and_the_talent_cannot(world, contract):
    with pytest.raises(EngagementPermissionError):
        contract_start(contract=contract, by=world.talent)

    contract_start(contract=contract, by=world.member)

    assert Application.objects.get(pk=contract.application_id).status == S.ACTIVE
    with pytest.raises(EngagementTransitionError, match="成約"):
        contract_start(contract=contract, by=world.member)


def test_ending_as_planned_completes_the_contract_and_asks_both_sides_for_feedback(world, offer):
    starts_on = TODAY() - datetime.timedelta(days=60)
    contract = record(offer, world.owner, starts_on=starts_on, ends_on=TODAY())
    contract_start(contract=contract, by=world.owner)

    contract_end(contract=contract, by=world.talent, ended_on=TODAY())

    contract.refresh_from_db()
    assert Application.objects.get(pk=contract.application_id).status == S.COMPLETED
    assert contract.end_reason == Contract.EndReason.COMPLETED
    assert not contract.ended_early
    completion = contract.checkins.get(kind=CheckIn.Kind.COMPLETION)
    assert completion.announced_at is not None
    asked = set(Notification.objects.filter(kind="checkin").values_list("user__username", flat=True))
    assert asked == {"talent", "owner", "member"}
    ended = {n.user.username for n in told(kind="contract", title="終了")}
    assert ended == {"owner", "member"}
    assert not Notification.objects.filter(kind="alert").exists()


def test_ending_early_needs_a_reason_and_alerts_the_area_coordinators(world, contract):
    contract_start(contract=contract, by=world.owner)
    ended_on = TODAY()

    with pytest.raises(EngagementError, match="理由を選んで") as caught:
        contract_end(contract=contract, by=world.owner, ended_on=ended_on)
    assert caught.value.field == "reason"

    # starts in a week: ending today is before the start, which is still after it was recorded
    contract_end(
        contract=contract, by=world.owner, ended_on=ended_on, reason="mismatch", note="役割の認識違い"
    )

    contract.refresh_from_db()
    assert contract.ended_early
    assert contract.end_reason == "mismatch"
    alerted = set(Notification.objects.filter(kind="alert").values_list("user__username", flat=True))
    assert alerted == {"coordinator"}
    assert told(user=world.talent, kind="contract", title="終了")
    # the check-ins planned after the end are dropped; the completion one remains
    assert list(contract.checkins.values_list("kind", flat=True)) == [CheckIn.Kind.COMPLETION]


@pytest.mark.parametrize(
    ("ended_on", "reason", "note", "field"),
    [
        (datetime.date(2999, 1, 1), "other", "x", "ended_on"),
        (datetime.date(2000, 1, 1), "other", "x", "ended_on"),
        ("yesterday", "other", "x", "ended_on"),
        (None, "vanished", "", "reason"),
        (None, "other", "", "note"),
        (None, "other", "x" * 1001, "note"),
    ],
)
def test_bad_ends_are_refused_and_change_nothing(world, contract, ended_on, reason, note, field):
    with pytest.raises(EngagementError) as caught:
        contract_end(
            contract=contract, by=world.owner, ended_on=ended_on or TODAY(), reason=reason, note=note
        )
    assert caught.value.field == field
    contract.refresh_from_db()
    assert contract.ended_on is None
    assert Application.objects.get(pk=contract.application_id).status == S.CONTRACTED


def test_only_the_parties_end_a_contract_and_only_once(world, contract):
    for user in (world.stranger, world.coordinator, world.nobody):
        with pytest.raises(EngagementPermissionError):
            contract_end(contract=contract, by=user, ended_on=TODAY(), reason="other", note="x")
    contract_end(contract=contract, by=world.talent, ended_on=TODAY(), reason="talent_circumstances")
    with pytest.raises(EngagementTransitionError, match="すでに終了"):
        contract_end(contract=contract, by=world.owner, ended_on=TODAY(), reason="other", note="x")


def test_area_coordinators_are_those_whose_scope_covers_the_place_or_else_the_operators(world, sheet):
    assert [user.username for user in area_coordinators(sheet.municipality)] == ["coordinator"]
    Organization.objects.filter(slug="miyagi-pref").update(is_active=False)
    assert [user.username for user in area_coordinators(sheet.municipality)] == ["operator"]
