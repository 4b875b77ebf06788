"""A claim from draft to paid through the services: what the payee may write, what the reviewers
decide, and what the budget and the caps do with the amounts."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.notifications.models import Notification
from duallife.regions.models import Municipality
from duallife.subsidies.errors import SupportConflictError, SupportError, SupportPermissionError
from duallife.subsidies.models import BudgetEntry, Claim, ClaimEvent, GrantTotal
from duallife.subsidies.services.claims import (
    claim_create,
    claim_report,
    claim_submit,
    claim_trip_add,
    claim_trip_receipt_attach,
    claim_trip_remove,
)
from duallife.subsidies.services.programs import program_update
from duallife.subsidies.services.reviews import (
    claim_approve,
    claim_fix,
    claim_pay,
    claim_reject,
    claim_return,
)
from duallife.testing.files import pdf, private_root, upload
from duallife.testing.subsidies import (
    SENDAI_FARE,
    approved,
    claim_of,
    contract_of,
    contracts_for,
    fixed,
    make_program,
    reported,
    rules,
    submitted,
    trip_day,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    private_root(settings, tmp_path / "private")


@pytest.fixture
def program(world):
    return make_program(world)


@pytest.fixture
def contract(world):
    return contract_of(world)


def test_a_trip_without_a_fare_takes_the_region_packs_fare(world, program, contract):
    claim = claim_create(program=program, contract=contract, by=world.owner)
    trip = claim_trip_add(
        claim=claim,
        by=world.owner,
        date=trip_day(),
        origin_prefecture="13",
        destination=Municipality.objects.get(code="041009"),
    )
    assert trip.round_trip_fare_yen == SENDAI_FARE == trip.pack_fare_yen
    assert trip.fare_reason == ""


def test_a_fare_that_differs_from_the_pack_needs_a_reason(world, program, contract):
    claim = claim_create(program=program, contract=contract, by=world.owner)
    sendai = Municipality.objects.get(code="041009")
    with pytest.raises(SupportError, match="理由") as refused:
        claim_trip_add(
            claim=claim, by=world.owner, date=trip_day(), origin_prefecture="13", destination=sendai,
            round_trip_fare_yen=18_000,
        )  # fmt: skip
    assert refused.value.field == "fare_reason"
    assert claim.trips.count() == 0
    trip = claim_trip_add(
        claim=claim, by=world.owner, date=trip_day(), origin_prefecture="13", destination=sendai,
        round_trip_fare_yen=18_000, fare_reason="早割",
    )  # fmt: skip
    assert (trip.round_trip_fare_yen, trip.pack_fare_yen, trip.fare_reason) == (18_000, SENDAI_FARE, "早割")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"origin_prefecture": "99"}, "origin_prefecture"),
        ({"round_trip_fare_yen": -1, "fare_reason": "x"}, "round_trip_fare_yen"),
        ({"round_trip_fare_yen": 2_000_000, "fare_reason": "x"}, "round_trip_fare_yen"),
        ({"lodging_nights": 2, "lodging_yen_per_night": 0}, "lodging_yen_per_night"),
        ({"lodging_nights": 40, "lodging_yen_per_night": 9000}, "lodging_nights"),
        ({"date": datetime.date(2000, 1, 1)}, "date"),
        ({"receipt": upload("receipt.html", b"<html><script>1</script></html>", "text/html")}, "receipt"),
    ],
)
def test_a_bad_trip_is_refused_on_its_field_and_nothing_is_saved(world, program, contract, change, field):
    claim = claim_create(program=program, contract=contract, by=world.owner)
    data = {
        "date": trip_day(),
        "origin_prefecture": "13",
        "destination": Municipality.objects.get(code="041009"),
    } | change
    with pytest.raises(SupportError) as refused:
        claim_trip_add(claim=claim, by=world.owner, **data)
    assert refused.value.field == field
    assert claim.trips.count() == 0


def test_only_the_payee_side_starts_and_writes_a_claim(world, program, contract):
    with pytest.raises(SupportPermissionError):
        claim_create(program=program, contract=contract, by=world.talent)  # the program pays companies
    with pytest.raises(SupportPermissionError):
        claim_create(program=program, contract=contract, by=world.stranger)
    claim = claim_create(program=program, contract=contract, by=world.member)
    with pytest.raises(SupportPermissionError):
        claim_trip_add(
            claim=claim, by=world.stranger, date=trip_day(), origin_prefecture="13",
            destination=Municipality.objects.get(code="041009"),
        )  # fmt: skip


def test_a_program_that_pays_talents_takes_claims_from_the_talent_only(world, contract):
    program = make_program(world, slug="talent-paid", payee="talent")
    with pytest.raises(SupportPermissionError):
        claim_create(program=program, contract=contract, by=world.owner)
    claim = claim_create(program=program, contract=contract, by=world.talent)
    assert claim.payee == "talent"


def test_submitting_needs_the_declaration_and_keeps_the_engines_answer(world, program, contract):
    claim = claim_of(program, contract, world.owner, fares=(SENDAI_FARE, SENDAI_FARE))
    with pytest.raises(SupportError, match="申告") as refused:
        claim_submit(claim=claim, by=world.owner, declared=False)
    assert refused.value.field == "declared"
    claim.refresh_from_db()
    assert claim.state == Claim.State.DRAFT
    claim = claim_submit(claim=claim, by=world.owner, declared=True)
    assert claim.state == Claim.State.SUBMITTED
    assert claim.assessed_yen == SENDAI_FARE  # half of two round trips
    assert claim.declared_no_other_subsidy is True
    assert claim.version.number == 1
    assert Notification.objects.filter(user=world.coordinator, kind="subsidy").exists()


def test_a_claim_the_rules_refuse_is_not_sent_and_says_why(world, program, contract):
    claim = claim_of(program, contract, world.owner, fares=(9_000,))  # under the ¥10,000 floor
    with pytest.raises(SupportError, match="下限") as refused:
        claim_submit(claim=claim, by=world.owner, declared=True)
    assert refused.value.code == "not_eligible"
    claim.refresh_from_db()
    assert claim.state == Claim.State.DRAFT


def test_a_submitted_claim_cannot_be_changed(world, program, contract):
    claim = submitted(program, contract, world.owner)
    with pytest.raises(SupportError, match="変更できません"):
        claim_trip_remove(claim=claim, trip=claim.trips.first(), by=world.owner)
    with pytest.raises(SupportError):
        claim_submit(claim=claim, by=world.owner, declared=True)


def test_a_returned_claim_is_changed_and_sent_again_under_the_latest_rules(world, program, contract):
    claim = submitted(program, contract, world.owner)
    with pytest.raises(SupportError, match="理由"):
        claim_return(claim=claim, by=world.coordinator, note=" ")
    claim = claim_return(
        claim=claim, by=world.coordinator, note="2件目の往復の領収書の日付を確認してください。"
    )
    assert claim.state == Claim.State.RETURNED
    assert Notification.objects.filter(user=world.owner, kind="subsidy").exists()
    program_update(program=program, by=world.coordinator, rules=rules(rate="8/10"), settings={})
    claim_trip_remove(claim=claim, trip=claim.trips.first(), by=world.owner)
    claim_trip_add(
        claim=claim, by=world.owner, date=trip_day(), origin_prefecture="13",
        destination=Municipality.objects.get(code="041009"),
    )  # fmt: skip
    claim = claim_submit(claim=claim, by=world.owner, declared=True)
    assert claim.version.number == 2
    assert claim.assessed_yen == SENDAI_FARE * 8 // 10


def test_a_decided_claim_keeps_the_rules_it_was_decided_under(world, program, contract):
    claim = approved(program, contract, world.owner, world.coordinator)
    program_update(program=program, by=world.coordinator, rules=rules(rate="1/4"), settings={})
    claim.refresh_from_db()
    assert claim.version.number == 1
    assert claim.approved_yen == SENDAI_FARE // 2


def test_a_reviewer_of_another_body_cannot_decide(world, program, contract):
    claim = submitted(program, contract, world.owner)
    for stranger in (world.far_coordinator, world.owner, world.talent):
        with pytest.raises(SupportPermissionError):
            claim_approve(claim=claim, by=stranger)
    with pytest.raises(SupportPermissionError):
        claim_reject(claim=claim, by=world.far_coordinator, note="対象外")


def test_approval_reserves_the_amount_from_the_budget_and_counts_it_for_the_caps(world, contract):
    program = make_program(world, cap_per_person_per_fy_yen=15_000)
    first = approved(program, contract, world.owner, world.coordinator)
    assert first.approved_yen == SENDAI_FARE // 2 == 10_560
    program.refresh_from_db()
    assert (program.reserved_yen, program.paid_yen) == (10_560, 0)
    assert BudgetEntry.objects.get(claim=first).kind == BudgetEntry.Kind.RESERVE
    assert GrantTotal.objects.get(holder="person", holder_id=contract.talent_id).granted_yen == 10_560
    second = approved(program, contract, world.owner, world.coordinator)
    assert second.approved_yen == 15_000 - 10_560  # what is left of the person's cap


def test_an_amount_the_budget_cannot_take_is_refused_whole(world, contract):
    program = make_program(world, budget_yen=15_000)
    approved(program, contract, world.owner, world.coordinator)  # 10,560 reserved: 4,440 left
    claim = submitted(program, contract, world.owner)
    with pytest.raises(SupportConflictError, match="予算の残り") as refused:
        claim_approve(claim=claim, by=world.coordinator)
    assert refused.value.status == 409
    claim.refresh_from_db()
    program.refresh_from_db()
    assert claim.state == Claim.State.SUBMITTED
    assert program.reserved_yen == 10_560


def test_intake_closes_by_itself_when_the_budget_is_used_up(world, contract):
    program = make_program(world, budget_yen=SENDAI_FARE // 2)
    approved(program, contract, world.owner, world.coordinator)
    program.refresh_from_db()
    assert program.remaining_yen == 0
    with pytest.raises(SupportConflictError, match="予算の上限に達した"):
        claim_create(program=program, contract=contract, by=world.owner)
    titles = [str(n.title) for n in Notification.objects.filter(user=world.coordinator, kind="subsidy")]
    assert any("使い切り" in title for title in titles)


def test_the_managers_hear_once_at_80_and_95_percent(world):
    program = make_program(world, budget_yen=12_000, min_round_trip_yen=None)
    contracts = contracts_for(world, 2)
    claim_approve(claim=submitted(program, contracts[0], world.owner, fares=(20_000,)), by=world.coordinator)
    program.refresh_from_db()
    assert program.used_percent == 83
    assert program.warned_percent == 80
    before = Notification.objects.filter(user=world.coordinator, kind="subsidy").count()
    claim_approve(claim=submitted(program, contracts[1], world.owner, fares=(3_000,)), by=world.coordinator)
    program.refresh_from_db()
    assert program.warned_percent == 95
    assert Notification.objects.filter(user=world.coordinator, kind="subsidy").count() > before


def test_the_report_needs_a_receipt_for_every_trip_and_trips_already_made(world, program, contract):
    claim = approved(program, contract, world.owner, world.coordinator)
    with pytest.raises(SupportError, match="領収書のない往復が1件") as refused:
        claim_report(claim=claim, by=world.owner)
    assert refused.value.code == "receipts_missing"
    claim_trip_receipt_attach(claim=claim, trip=claim.trips.get(), by=world.owner, receipt=pdf("領収書.pdf"))
    claim = claim_report(claim=claim, by=world.owner, note="予定どおり往復しました。")
    assert claim.state == Claim.State.REPORTED


def test_a_lower_fixed_amount_gives_the_difference_back_to_the_budget(world, program, contract):
    claim = reported(program, contract, world.owner, world.coordinator)
    with pytest.raises(SupportError) as refused:
        claim_fix(claim=claim, by=world.coordinator, amount_yen=claim.approved_yen + 1)
    assert refused.value.field == "amount_yen"
    with pytest.raises(SupportError, match="理由"):
        claim_fix(claim=claim, by=world.coordinator, amount_yen=8_000)
    claim = claim_fix(claim=claim, by=world.coordinator, amount_yen=8_000, note="宿泊を取りやめたため")
    program.refresh_from_db()
    assert program.reserved_yen == 8_000
    release = BudgetEntry.objects.get(claim=claim, kind=BudgetEntry.Kind.RELEASE)
    assert release.amount_yen == claim.approved_yen - 8_000
    assert GrantTotal.objects.get(holder="company", holder_id=world.company.pk).granted_yen == 8_000


def test_with_the_two_person_rule_the_approver_cannot_record_the_payment(world, program, contract):
    claim = fixed(program, contract, world.owner, world.coordinator)
    with pytest.raises(SupportPermissionError, match="二者確認"):
        claim_pay(claim=claim, by=world.coordinator, paid_on=timezone.localdate(), reference="振込 1")
    with pytest.raises(SupportError) as refused:
        claim_pay(claim=claim, by=world.operator, paid_on=timezone.localdate(), reference=" ")
    assert refused.value.field == "reference"
    with pytest.raises(SupportError) as refused:
        claim_pay(
            claim=claim,
            by=world.operator,
            paid_on=timezone.localdate() + datetime.timedelta(days=1),
            reference="1",
        )
    assert refused.value.field == "paid_on"
    claim = claim_pay(claim=claim, by=world.operator, paid_on=timezone.localdate(), reference="振込 1")
    program.refresh_from_db()
    assert claim.state == Claim.State.PAID
    assert claim.paid_yen == claim.fixed_yen
    assert (program.reserved_yen, program.paid_yen) == (0, claim.fixed_yen)
    actions = list(ClaimEvent.objects.filter(claim=claim).values_list("action", "by"))
    assert actions == [
        ("created", world.owner.pk),
        ("submitted", world.owner.pk),
        ("approved", world.coordinator.pk),
        ("reported", world.owner.pk),
        ("fixed", world.coordinator.pk),
        ("paid", world.operator.pk),
    ]


def test_without_the_two_person_rule_one_person_may_approve_and_pay(world, contract):
    program = make_program(world)
    program.two_person_rule = False
    program.save()
    claim = fixed(program, contract, world.owner, world.coordinator)
    claim = claim_pay(claim=claim, by=world.coordinator, paid_on=timezone.localdate(), reference="振込 2")
    assert claim.state == Claim.State.PAID


def test_a_rejected_claim_says_why_and_reserves_nothing(world, program, contract):
    claim = submitted(program, contract, world.owner)
    claim = claim_reject(claim=claim, by=world.coordinator, note="契約が対象地域の外です。")
    program.refresh_from_db()
    assert claim.state == Claim.State.REJECTED
    assert claim.decision_note == "契約が対象地域の外です。"
    assert program.reserved_yen == 0
    with pytest.raises(SupportError):
        claim_approve(claim=claim, by=world.coordinator)
