"""Pages of a company's verification: the 確認済み badge wherever a company is shown (only when
verified), the note a company reads, registration with a 法人番号, and the staff's list and page
where a coordinator of the area or an operator confirms a company by hand or revokes it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from duallife.organizations.models import Organization, VerificationEvent, VerificationMethod
from duallife.organizations.services.corporate_registry import corporate_registry_load
from duallife.organizations.services.verification import company_verification_confirm
from duallife.postings.models import SpecSheet
from duallife.regions.models import Municipality
from duallife.testing.accounts import give_mfa, make_user
from duallife.testing.corporate_registry import corporate_number, registry_row, write_registry_file
from duallife.testing.organizations import make_org

BADGE = 'class="verified-badge"'
EXPLANATION = "法人番号と商号・所在地を国税庁の公表データで確認しました。"


@pytest.fixture
def staff(world):
    for person in (world.coordinator, world.far_coordinator, world.operator):
        give_mfa(person)
    return world


def verify(organization, world):
    return company_verification_confirm(organization=organization, by=world.operator, note="面談で確認")


def register_as_new_user(client, name: str, number: str, **extra):
    """A new user registers ``name`` in 仙台市 with ``number``; returns the response."""
    sendai = Municipality.objects.get(code="041009")
    client.force_login(make_user("founder@example.jp", signed_up=True))
    data = {"name": name, "prefecture": sendai.prefecture_id, "municipality": sendai.pk}
    return client.post("/organizations/new/", {**data, "corporate_number": number}, **extra)


def url(organization) -> str:
    return f"/accounts/verifications/{organization.pk}/"


# --- the badge ----------------------------------------------------------------------------------


def test_the_badge_shows_on_the_company_page_cards_and_sheet_pages_only_when_verified(
    client, world, make_sheet
):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED)
    company = world.company
    pages = [f"/organizations/{company.slug}/", "/organizations/", f"/sheets/{sheet.pk}/", "/sheets/"]

    for page in pages:
        assertNotContains(client.get(page), BADGE)
    verify(company, world)
    for page in pages:
        assertContains(client.get(page), BADGE)


def test_the_badge_says_what_was_checked_for_screen_readers_too(client, world, tmp_path):
    number = corporate_number(7)
    corporate_registry_load(
        path=write_registry_file(tmp_path / "a.csv", [registry_row(number, "sendai-misoの名前")])
    )
    register_as_new_user(client, "sendai-misoの名前", number)
    company = Organization.objects.get(memberships__user__email="founder@example.jp")
    client.logout()

    page = client.get(f"/organizations/{company.slug}/").content.decode()
    cards = client.get("/organizations/").content.decode()

    assert EXPLANATION in page
    assert f'<span class="visually-hidden"> {EXPLANATION}</span>' in cards


def test_an_unverified_company_shows_no_badge_and_visitors_see_no_note(client, world):
    page = client.get(f"/organizations/{world.company.slug}/")

    assertNotContains(page, "確認済み")
    client.force_login(world.owner)
    assertContains(client.get(f"/organizations/{world.company.slug}/"), "まだ「確認済み」ではありません")


# --- registration and the company's note ----------------------------------------------------------------


def test_registering_with_a_matching_number_says_so_and_verifies(client, region_pack, tmp_path):
    number = corporate_number(8)
    corporate_registry_load(
        path=write_registry_file(
            tmp_path / "a.csv", [registry_row(number, "株式会社みちのく試験")], encoding="cp932"
        )
    )
    response = register_as_new_user(
        client, "㈱みちのく試験", f"{number[:4]}-{number[4:8]}-{number[8:]}", follow=True
    )

    company = Organization.objects.get(name="㈱みちのく試験")
    assert company.verification_method == VerificationMethod.REGISTRY
    assertContains(response, "一致したため、「確認済み」と表示します")


def test_registering_with_a_number_the_data_does_not_hold_saves_with_a_kind_note(
    client, region_pack, tmp_path
):
    corporate_registry_load(
        path=write_registry_file(tmp_path / "a.csv", [registry_row(corporate_number(1), "別会社")])
    )
    response = register_as_new_user(client, "株式会社新設", corporate_number(5), follow=True)

    assert response.status_code == 200
    assert Organization.objects.get(name="株式会社新設").verified_at is None
    assertContains(response, "公表までに日数がかかることがあります")


@pytest.mark.parametrize("number", ["1234567890123", "12345", "x" * 41])
def test_registration_refuses_a_bad_number_and_saves_nothing(client, region_pack, number):
    response = register_as_new_user(client, "株式会社X", number)

    assert response.status_code == 400
    assertContains(response, "法人番号", status_code=400)
    assert not Organization.objects.filter(name="株式会社X").exists()


# --- the staff's pages --------------------------------------------------------------------------


def test_a_coordinator_of_the_area_confirms_a_company_with_a_note(client, staff):
    client.force_login(staff.coordinator)

    assertContains(client.get(url(staff.company)), "担当者として確認する")
    response = client.post(url(staff.company), {"decision": "confirm", "note": "登記事項証明書で確認"})

    assert response.status_code == 302
    company = Organization.objects.get(pk=staff.company.pk)
    assert (company.verification_method, company.verified_by) == (
        VerificationMethod.MANUAL,
        staff.coordinator,
    )
    history = client.get(url(staff.company))
    assertContains(history, "登記事項証明書で確認")
    assertContains(history, "担当者が確認")


def test_the_coordinator_revokes_it_again(client, staff):
    verify(staff.company, staff)
    client.force_login(staff.coordinator)

    response = client.post(url(staff.company), {"decision": "revoke", "note": "所在地が違うとの連絡"})

    assert response.status_code == 302
    assert Organization.objects.get(pk=staff.company.pk).verified_at is None
    assert VerificationEvent.objects.filter(organization=staff.company, action="revoked").exists()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"decision": "confirm", "note": ""}, "メモ（確認した内容や理由）を入力してください"),
        ({"decision": "confirm", "note": "x" * 1001}, "1000文字以内"),
        ({"decision": "approve", "note": "確認"}, "「確認済みにする」か「確認を取り消す」を選んでください"),
        ({"note": "確認"}, "「確認済みにする」か「確認を取り消す」を選んでください"),
        ({"decision": "revoke", "note": "取消"}, "取り消すものがありません"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_changes(client, staff, data, words):
    client.force_login(staff.operator)

    response = client.post(url(staff.company), data)

    assert response.status_code in (400, 409)
    assertContains(response, words, status_code=response.status_code)
    assert Organization.objects.get(pk=staff.company.pk).verified_at is None
    assert not VerificationEvent.objects.filter(organization=staff.company).exists()


def test_outsiders_are_refused(client, staff):
    page = url(staff.company)

    assert client.get(page).status_code == 302  # anonymous: log in
    assert "/accounts/login/" in client.get(page)["Location"]
    for person, status in (
        (staff.owner, 403),
        (staff.stranger, 403),
        (staff.talent, 403),
        (staff.far_coordinator, 404),
    ):
        client.force_login(person)
        assert client.get(page).status_code == status
        assert client.post(page, {"decision": "confirm", "note": "確認"}).status_code == status
    assert Organization.objects.get(pk=staff.company.pk).verified_at is None


def test_staff_without_mfa_are_sent_to_set_it_up_first(client, world):
    client.force_login(world.coordinator)

    response = client.post(url(world.company), {"decision": "confirm", "note": "確認"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert Organization.objects.get(pk=world.company.pk).verified_at is None


def test_pages_of_things_that_are_not_companies_are_not_found(client, staff):
    body = make_org(Organization.Kind.COORDINATOR, "not-a-company")
    client.force_login(staff.operator)

    assert client.get(url(body)).status_code == 404
    assert client.get("/accounts/verifications/99999999/").status_code == 404
    assert client.get("/accounts/verifications/abc/").status_code == 404


def test_the_list_shows_the_area_unverified_first_in_bounded_queries(client, staff):
    sendai = Municipality.objects.get(code="041009")
    verify(staff.company, staff)
    client.force_login(staff.coordinator)
    make_org(Organization.Kind.COMPANY, "extra-first", municipality=sendai)
    with CaptureQueriesContext(connection) as few:
        client.get("/accounts/verifications/")
    for n in range(25):
        make_org(Organization.Kind.COMPANY, f"extra-{n}", municipality=sendai)

    with CaptureQueriesContext(connection) as many:
        page = client.get("/accounts/verifications/")

    assert len(many) == len(few) <= 16
    assertNotContains(page, "sendai-misoの名前")  # verified: not in the default list
    assertNotContains(page, "akita-sakeの名前")  # another area
    assertContains(page, "extra-24の名前")  # the newest first
    verified = client.get("/accounts/verifications/?state=verified")
    assertContains(verified, "sendai-misoの名前")
    everything = client.get("/accounts/verifications/?state=nonsense&page=zzz")
    assert everything.status_code == 200
    assertContains(everything, "表示する企業を選び直してください")


def test_the_list_is_for_staff_only(client, staff):
    assert client.get("/accounts/verifications/").status_code == 302
    client.force_login(staff.owner)
    assert client.get("/accounts/verifications/").status_code == 403
    client.force_login(staff.far_coordinator)
    page = client.get("/accounts/verifications/")
    assertNotContains(page, "sendai-misoの名前")
    assertContains(page, "akita-sakeの名前")


def test_the_page_offers_only_what_can_be_done_now(client, staff):
    client.force_login(staff.operator)
    page = client.get(url(staff.company))
    assertContains(page, 'value="confirm"')
    assertNotContains(page, 'value="revoke"')
    verify(staff.company, staff)
    page = client.get(url(staff.company))
    assertContains(page, 'value="revoke"')
    assertNotContains(page, 'value="confirm"')
