"""Contracts both sides confirm: the company proposes, the talent confirms or asks for changes;
only a confirmed contract is a 成約. The フリーランス法's payment rule is checked on every proposal."""

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
from duallife.engagements.models import Application, Contract, ContractProposal
from duallife.engagements.services.proposals import (
    contract_confirm,
    contract_request_changes,
    contract_withdraw_proposal,
    payment_date,
    payment_gaps,
)
from duallife.postings.models import SpecSheet
from duallife.testing.engagements import applicant_in_interview, applicant_in_offer, propose, to_offer
from duallife.testing.notifications import told

S = Application.Status
State = ContractProposal.State


@pytest.fixture
def offer(world, application):
    return to_offer(application, world.owner)


def test_a_proposal_is_not_a_contract_and_the_talent_is_asked_to_confirm(world, offer):
    proposal = propose(offer, world.member)

    assert (proposal.state, proposal.version) == (State.PROPOSED, 1)
    assert not Contract.objects.exists()
    offer.refresh_from_db()
    assert offer.status == S.OFFER
    assert told(user=world.talent, kind="contract", title="契約条件が届きました")


def test_the_talent_confirms_the_version_they_read_and_a_contract_is_made_from_it(world, offer):
    propose(offer, world.member)
    revised = propose(offer, world.member, days_per_month=6, payment_day=10, inspection_days=5)
    assert revised.version == 2

    with pytest.raises(EngagementConflictError, match="更新されました"):
        contract_confirm(application=offer, by=world.talent, version=1)
    contract = contract_confirm(application=offer, by=world.talent, version=2)

    assert (contract.days_per_month, contract.payment_day, contract.inspection_days) == (6, 10, 5)
    assert contract.work_place == "オンライン（月1回は会津若松市の事務所）"
    assert contract.recorded_by == world.member
    assert contract.confirmed_by == world.talent
    assert contract.commissioned_on == timezone.localdate()
    offer.refresh_from_db()
    assert offer.status == S.CONTRACTED
    assert ContractProposal.objects.get(application=offer).state == State.CONFIRMED
    assert told(user=world.owner, kind="contract", title="成約しました")
    with pytest.raises(EngagementTransitionError):
        contract_confirm(application=offer, by=world.talent, version=2)


def test_only_the_applicant_confirms_and_only_the_company_proposes(world, offer):
    for user in (world.talent, world.stranger, world.coordinator, world.operator, world.nobody):
        with pytest.raises(EngagementPermissionError):
            propose(offer, user)
    propose(offer, world.owner)
    for user in (world.owner, world.member, world.stranger, world.coordinator, world.operator):
        with pytest.raises(EngagementPermissionError):
            contract_confirm(application=offer, by=user, version=1)
        with pytest.raises(EngagementPermissionError):
            contract_request_changes(application=offer, by=user, version=1, message="開始日を変えたいです")
    with pytest.raises(EngagementPermissionError):
        contract_withdraw_proposal(application=offer, by=world.talent)
    assert not Contract.objects.exists()


def test_asking_for_changes_tells_the_company_and_a_revision_asks_again(world, offer):
    propose(offer, world.owner)
    with pytest.raises(EngagementError, match="5文字以上"):
        contract_request_changes(application=offer, by=world.talent, version=1, message="  ")

    asked = contract_request_changes(
        application=offer, by=world.talent, version=1, message="開始日を翌月の15日にできますか。"
    )

    assert asked.state == State.CHANGES_REQUESTED
    assert told(user=world.member, kind="contract", body="開始日を翌月の15日にできますか。")
    with pytest.raises(EngagementTransitionError):
        contract_confirm(application=offer, by=world.talent, version=1)
    again = propose(offer, world.owner, starts_on=timezone.localdate() + datetime.timedelta(days=20))
    assert (again.state, again.version) == (State.PROPOSED, 2)
    assert contract_confirm(application=offer, by=world.talent, version=2).starts_on == again.starts_on


def test_a_withdrawn_proposal_cannot_be_confirmed(world, offer):
    propose(offer, world.owner)
    assert contract_withdraw_proposal(application=offer, by=world.member).state == State.WITHDRAWN
    with pytest.raises(EngagementTransitionError):
        contract_confirm(application=offer, by=world.talent, version=1)
    with pytest.raises(EngagementTransitionError):
        contract_withdraw_proposal(application=offer, by=world.member)
    assert told(user=world.talent, kind="contract", title="取り下げられました")


def test_terms_are_proposed_only_in_offer(world, application):
    with pytest.raises(EngagementTransitionError, match="条件提示"):
        propose(application, world.owner)
    assert not ContractProposal.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"payment_month_offset": 2, "payment_day": 0}, "payment_day"),  # up to 62 days
        ({"payment_month_offset": 2, "payment_day": 30}, "payment_day"),
        ({"payment_month_offset": 3}, "payment_month_offset"),
        ({"payment_day": 32}, "payment_day"),
        ({"payment_day": "10"}, "payment_day"),
        ({"payment_method": "cheque"}, "payment_method"),
        ({"payment_method": "other", "payment_method_note": ""}, "payment_method_note"),
        ({"payment_day": 10, "inspection_days": 10}, "inspection_days"),
        ({"inspection_days": 0}, "inspection_days"),
        ({"work_description": "短い"}, "work_description"),
        ({"work_description": "x\x00" * 10}, "work_description"),
        ({"work_place": ""}, "work_place"),
        ({"closing_keep": [10**9]}, "closing_keep"),
        ({"closing_keep": "1"}, "closing_keep"),
        ({"closing_message": "あ" * 2001}, "closing_message"),
    ],
)
def test_bad_terms_are_refused_naming_their_field_and_nothing_is_saved(world, make_sheet, overrides, field):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    offer = applicant_in_offer(world, sheet, "bad")
    with pytest.raises(EngagementError) as caught:
        propose(offer, world.owner, **overrides)
    assert field in caught.value.errors
    assert not ContractProposal.objects.exists()


def test_the_latest_payment_allowed_is_sixty_days_after_the_month_end(world, offer):
    assert payment_gaps(month_offset=1, day=0) == (28, 31)
    assert payment_gaps(month_offset=2, day=29) == (57, 60)
    assert payment_date(datetime.date(2027, 11, 30), month_offset=2, day=0) == datetime.date(2028, 1, 31)
    assert payment_date(datetime.date(2027, 12, 31), month_offset=1, day=31) == datetime.date(2028, 1, 31)
    assert propose(offer, world.owner, payment_month_offset=2, payment_day=29).payment_day == 29


def test_an_unpaid_engagement_keeps_no_payment_terms(world, offer):
    proposal = propose(
        offer,
        world.owner,
        contract_type="probono",
        monthly_fee_yen=0,
        payment_month_offset=9,  # ignored: there is no fee to pay
        payment_method="cheque",
    )
    assert (proposal.payment_month_offset, proposal.payment_method) == (1, "bank_transfer")


def test_the_last_opening_closes_the_sheet_with_the_companys_choices(world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    chosen = applicant_in_offer(world, sheet, "chosen")
    meeting = applicant_in_interview(world, sheet, "meeting")
    other = applicant_in_offer(world, sheet, "other")

    propose(chosen, world.owner, closing_keep=[meeting.pk], closing_message="ご応募ありがとうございました。")
    contract_confirm(application=chosen, by=chosen.talent.user, version=1)

    sheet.refresh_from_db()
    meeting.refresh_from_db()
    other.refresh_from_db()
    assert (sheet.status, sheet.closed_reason) == (SpecSheet.Status.CLOSED, SpecSheet.ClosedReason.FILLED)
    assert meeting.status == S.INTERVIEW  # the booked meeting stays
    assert other.status == S.EXPIRED
    assert told(user=other.talent.user, kind="sheet_closed", body="ご応募ありがとうございました。")
    assert not told(user=meeting.talent.user, kind="sheet_closed")


def test_only_a_conversation_with_a_meeting_booked_may_stay_open(world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    chosen = applicant_in_offer(world, sheet, "chosen")
    talking = applicant_in_offer(world, sheet, "talking")
    with pytest.raises(EngagementError, match="面談の予定"):
        propose(chosen, world.owner, closing_keep=[talking.pk])


def test_the_choices_apply_to_who_is_still_open_and_default_words_go_without_a_message(world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    chosen = applicant_in_offer(world, sheet, "chosen")
    proposal = propose(chosen, world.owner)
    meeting = applicant_in_interview(world, sheet, "meeting")  # came after the proposal
    ContractProposal.objects.filter(pk=proposal.pk).update(closing_keep=[meeting.pk])
    late = applicant_in_offer(world, sheet, "late")

    contract_confirm(application=chosen, by=chosen.talent.user, version=1)

    meeting.refresh_from_db()
    late.refresh_from_db()
    assert meeting.status == S.INTERVIEW
    assert late.status == S.EXPIRED
    assert told(user=late.talent.user, kind="sheet_closed", body="ご応募いただき、ありがとうございました")
