"""Pages of contracts: the contract part of the application page, record / start / end, the
check-in page, and the coordinators' follow-up list."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import PersonalDataAccess
from duallife.engagements.models import Application, CheckIn, CheckInAnswer, Contract, ContractProposal
from duallife.engagements.services.contracts import add_months, checkin_answer, contract_end
from duallife.postings.models import SpecSheet
from duallife.talents.models import TalentProfile
from duallife.testing.engagements import applicant_in_offer, propose, record, terms, to_offer
from duallife.testing.pages import COORDINATOR_HEADER_QUERIES

S = Application.Status


def today() -> datetime.date:
    return timezone.localdate()


def form_data(**overrides) -> dict:
    data = terms(
        **{"payment_month_offset": 1, "payment_day": 0, "payment_method": "bank_transfer"} | overrides
    )
    return {
        f"contract-{key}": ("on" if value else "")
        if isinstance(value, bool)
        else (value.isoformat() if isinstance(value, datetime.date) else ("" if value is None else value))
        for key, value in data.items()
    }


@pytest.fixture
def offer(world, application):
    return to_offer(application, world.owner)


@pytest.fixture
def contract(world, offer):
    """Started 40 days ago for six months: the first check-in is due."""
    starts_on = today() - datetime.timedelta(days=40)
    return record(offer, world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6))


@pytest.fixture
def due(contract) -> CheckIn:
    return contract.checkins.order_by("due_on").first()


# --- The contract part of the application page --------------------------------------------------


def test_the_company_sees_a_contract_form_prefilled_from_the_sheet(client, world, offer):
    client.force_login(world.owner)
    body = client.get(f"/applications/{offer.pk}/").content.decode()
    assert "契約条件を提示する" in body
    assert f'action="/applications/{offer.pk}/contract/"' in body
    assert 'name="contract-monthly_fee_yen" value="30000"' in body
    assert 'name="contract-days_per_month" value="4"' in body
    assert "30,000円〜50,000円" in body


def test_the_talent_sees_no_contract_form_while_the_offer_is_open(client, world, offer):
    client.force_login(world.talent)
    body = client.get(f"/applications/{offer.pk}/").content.decode()
    assert f'action="/applications/{offer.pk}/contract/"' not in body
    assert "企業が契約条件を用意しています" in body


def test_the_company_proposes_and_the_talent_confirms_through_the_pages(client, world, offer):
    client.force_login(world.member)

    response = client.post(f"/applications/{offer.pk}/contract/", form_data())

    assert response.status_code == 302
    assert response["Location"] == f"/applications/{offer.pk}/"
    assert not Contract.objects.exists()  # a proposal is not a contract
    page = client.get(response["Location"]).content.decode()
    assert "契約条件を提示しました" in page
    assert "確認待ち" in page

    client.force_login(world.talent)
    page = client.get(f"/applications/{offer.pk}/").content.decode()
    assert "確認すると、どうなるか" in page
    assert "40,000円" in page
    assert "月末締め・翌月末日払い" in page
    response = client.post(
        f"/applications/{offer.pk}/contract/confirm/", {"confirm-version": "1"}, follow=True
    )

    contract = Contract.objects.get(application=offer)
    assert contract.subsidy_eligible is True
    assert contract.confirmed_by == world.talent
    assert contract.checkins.exists()
    page = response.content.decode()
    assert "成約です" in page
    assert "成約の内容" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"days_per_month": 0}, "1 以上"),
        ({"monthly_fee_yen": "abc"}, "整数"),
        ({"starts_on": "2026-02-30"}, "2026-12-01"),
        ({"monthly_fee_yen": 0}, "プロボノだけ"),
        ({"contract_type": "employment_referral"}, "正しく選択"),
        ({"payment_month_offset": 2, "payment_day": 0}, "60日以内"),
        ({"work_description": "販路"}, "10文字以上"),
        ({"payment_method": "other", "payment_method_note": ""}, "補足"),
    ],
)
def test_a_bad_contract_form_saves_nothing_and_says_why(client, world, offer, overrides, message):
    client.force_login(world.owner)
    data = form_data()
    data.update({f"contract-{key}": value for key, value in overrides.items()})

    response = client.post(f"/applications/{offer.pk}/contract/", data, follow=True)

    assert message in response.content.decode()
    assert not Contract.objects.exists()
    assert not ContractProposal.objects.exists()


def test_contract_pages_are_closed_to_other_tenants_and_anonymous_users(client, world, offer, contract):
    assert client.post(f"/applications/{offer.pk}/contract/", form_data()).status_code == 302  # login
    client.force_login(world.stranger)
    for url in (
        f"/applications/{offer.pk}/contract/",
        f"/contracts/{contract.pk}/start/",
        f"/contracts/{contract.pk}/end/",
    ):
        assert client.post(url, {}).status_code == 404
    assert client.get(f"/checkins/{contract.checkins.first().pk}/").status_code == 404


@pytest.mark.parametrize("pk", ["abc", "0", "-1", str(10**30)])
def test_odd_ids_answer_404(client, world, pk):
    client.force_login(world.owner)
    assert client.post(f"/applications/{pk}/contract/", {}).status_code == 404
    assert client.post(f"/contracts/{pk}/start/").status_code == 404
    assert client.post(f"/contracts/{pk}/end/").status_code == 404
    assert client.get(f"/checkins/{pk}/").status_code == 404


def test_writes_are_post_only_and_need_the_csrf_token(world, offer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    assert client.get(f"/applications/{offer.pk}/contract/").status_code == 405
    assert client.post(f"/applications/{offer.pk}/contract/", form_data()).status_code == 403
    assert not Contract.objects.exists()


def test_both_sides_see_the_contract_and_its_check_ins_but_not_each_others_contact_details(
    client, world, contract
):
    TalentProfile.objects.filter(user=world.talent).update(phone="090-1234-5678")
    client.force_login(world.talent)
    body = client.get(f"/applications/{contract.application_id}/").content.decode()
    assert "成約の内容" in body
    assert "フォローアップ" in body
    assert "契約の終了を記録する" in body
    assert "稼働を開始する" not in body

    client.force_login(world.member)
    body = client.get(f"/applications/{contract.application_id}/").content.decode()
    assert "成約の内容" in body
    assert "稼働を開始する" in body
    assert "090-1234-5678" not in body  # the phone was never shared


def test_the_company_starts_and_the_talent_ends_through_the_forms(client, world, contract):
    client.force_login(world.owner)
    response = client.post(f"/contracts/{contract.pk}/start/")
    assert response["Location"] == f"/applications/{contract.application_id}/"
    assert Application.objects.get(pk=contract.application_id).status == S.ACTIVE

    client.force_login(world.talent)
    response = client.post(
        f"/contracts/{contract.pk}/end/",
        {"end-ended_on": today().isoformat(), "end-reason": "talent_circumstances", "end-note": "本業の異動"},
        follow=True,
    )
    assert "契約の終了を記録しました" in response.content.decode()
    contract.refresh_from_db()
    assert contract.ended_early
    assert Application.objects.get(pk=contract.application_id).status == S.COMPLETED


def test_an_early_end_without_a_reason_is_refused_on_the_page(client, world, contract):
    client.force_login(world.owner)
    response = client.post(
        f"/contracts/{contract.pk}/end/",
        {"end-ended_on": today().isoformat(), "end-reason": "completed", "end-note": ""},
        follow=True,
    )
    assert "理由を選んでください" in response.content.decode()
    assert Contract.objects.get(pk=contract.pk).ended_on is None


# --- The check-in page --------------------------------------------------------------------------


def test_the_talent_answers_a_check_in_with_the_form(client, world, due):
    client.force_login(world.talent)
    page = client.get(f"/checkins/{due.pk}/").content.decode()
    assert "<legend>全体の満足度" in page  # the group is a fieldset named by its legend (必須 follows)
    assert 'type="radio" name="rating" value="5"' in page

    response = client.post(f"/checkins/{due.pk}/", {"rating": "4", "on_track": "yes", "comment": "順調です"})

    assert response.status_code == 302
    saved = CheckInAnswer.objects.get(checkin=due)
    assert (saved.side, saved.rating, saved.on_track) == ("talent", 4, True)
    page = client.get(f"/checkins/{due.pk}/").content.decode()
    assert "あなたの回答" in page
    assert "順調です" in page
    assert "回答を送る" not in page


def test_a_bad_answer_form_shows_the_errors_and_saves_nothing(client, world, due):
    client.force_login(world.owner)
    response = client.post(f"/checkins/{due.pk}/", {"rating": "9", "comment": "x"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in body
    assert "「はい」か「いいえ」を選んでください" in body
    assert not CheckInAnswer.objects.exists()


def test_the_other_side_sees_that_an_answer_was_given_but_not_what_it_said(client, world, due):
    checkin_answer(checkin=due, by=world.talent, rating=2, on_track=False, comment="連絡が途切れがちです")
    client.force_login(world.owner)
    body = client.get(f"/checkins/{due.pk}/").content.decode()
    assert "連絡が途切れがちです" not in body
    assert "回答済み" in body


def test_coordinators_read_both_answers_and_the_read_is_logged(client, world, staff_mfa, due):
    checkin_answer(checkin=due, by=world.talent, rating=2, on_track=False, comment="連絡が途切れがちです")
    client.force_login(world.coordinator)
    body = client.get(f"/checkins/{due.pk}/").content.decode()
    assert "連絡が途切れがちです" in body
    assert "回答を送る" not in body
    assert PersonalDataAccess.objects.filter(by=world.coordinator, subject=world.talent).exists()

    client.force_login(world.far_coordinator)
    assert client.get(f"/checkins/{due.pk}/").status_code == 404
    assert client.post(f"/checkins/{due.pk}/", {"rating": "5", "on_track": "yes"}).status_code == 404


def test_staff_without_two_factor_authentication_are_sent_to_set_it_up(client, world, due):
    client.force_login(world.coordinator)
    response = client.get(f"/checkins/{due.pk}/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_the_check_in_page_needs_a_login(client, due):
    response = client.get(f"/checkins/{due.pk}/")
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- The coordinators' follow-up list -----------------------------------------------------------


def test_a_coordinator_sees_the_contracts_of_their_area_with_alerts_first(
    client, world, staff_mfa, make_sheet
):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=5)
    record(applicant_in_offer(world, sheet, "calm"), world.owner)
    worried = record(applicant_in_offer(world, sheet, "worried"), world.owner)
    contract_end(contract=worried, by=world.owner, ended_on=today(), reason="mismatch")

    client.force_login(world.coordinator)
    body = client.get("/followups/").content.decode()
    assert "calmさん" in body
    assert "worriedさん" in body
    assert body.index("worriedさん") < body.index("calmさん")
    assert "要注意" in body
    assert "calm@example.jp" not in body
    assert "worried@example.jp" not in body
    assert "山田" not in body  # nor names

    body = client.get("/followups/", {"alerts": "on"}).content.decode()
    assert "worriedさん" in body
    assert "calmさん" not in body


def test_a_coordinator_of_another_area_sees_none_and_an_operator_sees_all(client, world, staff_mfa, contract):
    client.force_login(world.far_coordinator)
    body = client.get("/followups/").content.decode()
    assert "条件に合う契約はありません" in body
    client.force_login(world.operator)
    assert "talentさん" in client.get("/followups/").content.decode()


def test_the_follow_up_list_filters_by_prefecture_and_survives_bad_filters(
    client, world, staff_mfa, contract
):
    from duallife.regions.models import Prefecture

    client.force_login(world.operator)
    akita = Prefecture.objects.get(code="05")
    miyagi = Prefecture.objects.get(code="04")
    assert "talentさん" not in client.get("/followups/", {"prefecture": akita.pk}).content.decode()
    assert "talentさん" in client.get("/followups/", {"prefecture": miyagi.pk}).content.decode()
    for bad in ({"prefecture": "abc"}, {"prefecture": str(10**30)}, {"page": "zzz"}):
        response = client.get("/followups/", bad)
        assert response.status_code == 200


def test_the_follow_up_list_is_for_staff_only(client, world, contract):
    assert client.get("/followups/").status_code == 302
    for user in (world.owner, world.talent, world.nobody):
        client.force_login(user)
        assert client.get("/followups/").status_code == 403


@pytest.mark.parametrize("contracts", [2, 12])
def test_the_follow_up_list_needs_a_bounded_number_of_queries(
    client, world, staff_mfa, make_sheet, django_assert_max_num_queries, contracts
):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=contracts + 1)
    for n in range(contracts):
        made = record(applicant_in_offer(world, sheet, f"t{n}"), world.owner)
        if n % 3 == 0:
            CheckIn.objects.filter(contract=made).update(alerted_at=timezone.now())
    client.force_login(world.coordinator)

    with django_assert_max_num_queries(16 + COORDINATOR_HEADER_QUERIES):
        response = client.get("/followups/")

    assert response.content.decode().count("<tr") == contracts + 1


def test_a_refused_proposal_comes_back_with_each_error_beside_its_field_and_the_entries_kept(
    client, world, offer
):
    client.force_login(world.owner)
    data = form_data(payment_method="other", payment_method_note="", days_per_month=7)

    response = client.post(f"/applications/{offer.pk}/contract/", data)

    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_contract-payment_method_note_error"' in body
    assert "「その他」の支払方法を補足に書いてください。" in body
    assert 'name="contract-days_per_month" value="7"' in body
    assert "オンライン（月1回は会津若松市の事務所）" in body
    assert not ContractProposal.objects.exists()


def test_a_revision_says_what_changed_and_a_contract_shows_every_term(client, world, offer):
    propose(offer, world.owner)
    propose(offer, world.owner, days_per_month=6, payment_day=15)
    client.force_login(world.talent)
    body = client.get(f"/applications/{offer.pk}/").content.decode()
    assert "第2版で変わった項目：月の稼働日数、支払日" in body
    assert '<a class="button" href="#contract">届いた契約条件を確認する</a>' in body
    english = client.get(f"/en/applications/{offer.pk}/").content.decode()
    assert "Changed in version 2: Working days per month, Payment day" in english

    client.post(f"/applications/{offer.pk}/contract/confirm/", {"confirm-version": "2"})
    client.force_login(world.owner)
    body = client.get(f"/applications/{offer.pk}/").content.decode()
    for shown in ("成約の内容", "業務の内容", "業務を行う場所", "月末締め・翌月15日払い", "銀行振込"):
        assert shown in body, shown
    assert body.index('id="contract-heading"') < body.index('id="applicant-heading"')


def test_the_company_header_leads_to_the_terms_it_proposed(client, world, offer):
    client.force_login(world.owner)
    assert "契約条件を提示する</a>" in client.get(f"/applications/{offer.pk}/").content.decode()
    propose(offer, world.owner)
    assert "提示した契約条件を見る</a>" in client.get(f"/applications/{offer.pk}/").content.decode()


def test_the_english_proposal_form_has_no_japanese_choices(client, world, offer):
    client.force_login(world.owner)
    body = client.get(f"/en/applications/{offer.pk}/").content.decode()
    options = re.findall(r'<select name="contract-payment_day"[^>]*>(.*?)</select>', body, re.S)[0]
    assert "日" not in options
    assert ">last day<" in options
