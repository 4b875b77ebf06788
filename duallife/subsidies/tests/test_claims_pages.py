"""The claim's pages: the payee writes trips, sees the engine's answer and submits; the owning
body's coordinator decides on the same page; nobody else sees the claim."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import PersonalDataAccess
from duallife.subsidies.models import Claim
from duallife.testing.accounts import give_mfa
from duallife.testing.files import pdf, private_root, upload
from duallife.testing.subsidies import (
    SENDAI_FARE,
    approved,
    claim_of,
    contract_of,
    fixed,
    make_program,
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


def _trip(**changes) -> dict:
    return {
        "date": trip_day().isoformat(),
        "origin_prefecture": "13",
        "destination": "",  # set by the test
        "round_trip_fare_yen": "",
        "fare_reason": "",
        "lodging_nights": "0",
        "lodging_yen_per_night": "",
    } | changes


def test_a_company_member_starts_a_claim_writes_a_trip_and_submits(client, world, program, contract):
    client.force_login(world.owner)
    start = reverse("subsidies:claim_start", args=[program.pk])
    page = client.get(start)
    assert page.status_code == 200
    assert contract.sheet.title in page.content.decode()
    response = client.post(start, {"contract": contract.pk})
    claim = Claim.objects.get(program=program)
    assert response.status_code == 302
    assert response["Location"] == reverse("subsidies:claim", args=[claim.pk])
    trip = _trip(destination=contract.sheet.municipality_id)
    response = client.post(
        reverse("subsidies:trip_add", args=[claim.pk]), trip | {"receipt": pdf("領収書.pdf")}
    )
    assert response.status_code == 302
    page = client.get(reverse("subsidies:claim", args=[claim.pk])).content.decode()
    assert "21,120円" in page  # the pack's fare, prefilled
    assert "10,560円" in page  # the engine's answer before submitting
    response = client.post(reverse("subsidies:claim_submit", args=[claim.pk]), {})
    assert response.status_code == 400
    assert "申告してください" in response.content.decode()
    response = client.post(reverse("subsidies:claim_submit", args=[claim.pk]), {"declared": "on"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.state == Claim.State.SUBMITTED
    assert "審査中" in client.get(reverse("subsidies:claims")).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "2026/13/40"}, "日付を「2026-12-01」の形で"),
        ({"origin_prefecture": "99"}, "出発地を一覧から選んでください"),
        ({"round_trip_fare_yen": "abc"}, "半角の整数で"),
        ({"round_trip_fare_yen": "18000"}, "理由を書いてください"),
        ({"lodging_nights": "2", "lodging_yen_per_night": ""}, "1泊の宿泊費を入力してください"),
    ],
)
def test_a_bad_trip_comes_back_with_the_reason_and_nothing_saved(
    client, world, program, contract, changes, message
):
    claim = claim_of(program, contract, world.owner, fares=())
    client.force_login(world.owner)
    response = client.post(
        reverse("subsidies:trip_add", args=[claim.pk]),
        _trip(destination=contract.sheet.municipality_id) | changes,
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert claim.trips.count() == 0


def test_a_disguised_receipt_is_refused(client, world, program, contract):
    claim = claim_of(program, contract, world.owner)
    client.force_login(world.owner)
    trip = claim.trips.get()
    bad = upload("receipt.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client.post(reverse("subsidies:receipt_attach", args=[claim.pk, trip.pk]), {"receipt": bad})
    assert response.status_code == 302
    trip.refresh_from_db()
    assert not trip.receipt
    messages = client.get(reverse("subsidies:claim", args=[claim.pk])).content.decode()
    assert "ウェブページのファイルは添付できません" in messages


def test_nobody_but_the_payee_side_and_the_owning_body_sees_a_claim(client, world, program, contract):
    claim = submitted(program, contract, world.owner, receipts=True)
    url = reverse("subsidies:claim", args=[claim.pk])
    receipt = reverse("subsidies:receipt", args=[claim.pk, claim.trips.get().pk])
    assert client.get(url).status_code == 302  # anonymous: to the log-in page
    assert reverse("account_login") in client.get(url)["Location"]
    for stranger in (world.stranger, world.talent, world.nobody):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.get(receipt).status_code == 404
    for staff in (world.far_coordinator, world.coordinator, world.operator):
        give_mfa(staff)
    client.force_login(world.far_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(world.member)
    assert client.get(url).status_code == 200
    assert client.get(receipt).status_code == 200
    client.force_login(world.coordinator)
    assert client.get(url).status_code == 200
    assert PersonalDataAccess.objects.filter(by=world.coordinator, subject=world.talent).exists()
    download = client.get(receipt)
    assert download.status_code == 200
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_staff_without_mfa_are_sent_to_set_it_up_first(client, world, program, contract):
    claim = submitted(program, contract, world.owner)
    client.force_login(world.coordinator)
    response = client.get(reverse("subsidies:claim", args=[claim.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_index"))


def test_the_payee_cannot_decide_and_gets_403(client, world, program, contract):
    claim = submitted(program, contract, world.owner)
    client.force_login(world.owner)
    assert client.post(reverse("subsidies:claim_approve", args=[claim.pk])).status_code == 403
    client.force_login(world.stranger)
    assert client.post(reverse("subsidies:claim_approve", args=[claim.pk])).status_code == 404
    claim.refresh_from_db()
    assert claim.state == Claim.State.SUBMITTED


def test_the_owning_body_decides_on_the_claims_page(client, world, program, contract):
    give_mfa(world.coordinator)
    give_mfa(world.operator)
    claim = submitted(program, contract, world.owner)
    client.force_login(world.coordinator)
    page = client.get(reverse("subsidies:claim", args=[claim.pk])).content.decode()
    assert "交付決定する" in page
    assert world.owner.email not in page  # the history names the company, not its member's address
    response = client.post(reverse("subsidies:claim_return", args=[claim.pk]), {"note": ""})
    assert response.status_code == 400
    assert "理由を書いてください" in response.content.decode()
    response = client.post(reverse("subsidies:claim_approve", args=[claim.pk]))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.state == Claim.State.APPROVED
    assert claim.approved_yen == SENDAI_FARE // 2


def test_the_two_person_rule_is_explained_on_the_page(client, world, program, contract):
    give_mfa(world.coordinator)
    claim = fixed(program, contract, world.owner, world.coordinator)
    client.force_login(world.coordinator)
    page = client.get(reverse("subsidies:claim", args=[claim.pk])).content.decode()
    assert "二者確認" in page
    response = client.post(
        reverse("subsidies:claim_pay", args=[claim.pk]),
        {"paid_on": timezone.localdate().isoformat(), "reference": "振込 1"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.state == Claim.State.FIXED


def test_the_applicant_reads_a_plain_status_and_the_reviewers_note(client, world, program, contract):
    claim = approved(program, contract, world.owner, world.coordinator)
    client.force_login(world.owner)
    page = client.get(reverse("subsidies:claim", args=[claim.pk])).content.decode()
    assert "交付が決まりました" in page
    assert "実績報告を送る" in page


def test_the_payees_claim_list_asks_a_fixed_number_of_queries(
    client, world, program, django_assert_max_num_queries
):
    for _n in range(3):
        submitted(program, contract_of(world), world.owner)
    client.force_login(world.owner)
    with django_assert_max_num_queries(12):
        first = client.get(reverse("subsidies:claims"))
    for _n in range(3):
        submitted(program, contract_of(world), world.owner)
    with django_assert_max_num_queries(12):
        second = client.get(reverse("subsidies:claims"))
    assert first.status_code == second.status_code == 200


def test_the_claim_page_reads_in_english(client, world, program, contract):
    claim = approved(program, contract, world.owner, world.coordinator)
    client.force_login(world.owner)
    page = client.get("/en" + reverse("subsidies:claim", args=[claim.pk])).content.decode()
    assert "¥10,560" in page
    assert "交付" not in page
