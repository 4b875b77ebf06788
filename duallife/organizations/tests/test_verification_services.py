"""A company's verification: compared with the published 法人番号 data when it registers or changes
its number, name or place; confirmed or revoked by hand by the staff of its area; never refused."""

import datetime

import pytest
from django.utils import timezone

from duallife.organizations.errors import RegistrationInvalid, VerificationError
from duallife.organizations.forms.profiles import CompanyProfileForm
from duallife.organizations.models import (
    Organization,
    VerificationEvent,
    VerificationMethod,
    VerificationOutcome,
)
from duallife.organizations.services.corporate_registry import corporate_registry_load
from duallife.organizations.services.profiles import company_profile_update
from duallife.organizations.services.registration import company_register
from duallife.organizations.services.verification import (
    company_verification_confirm,
    company_verification_revoke,
)
from duallife.organizations.texts import verification_note
from duallife.regions.models import Municipality
from duallife.testing.accounts import make_user
from duallife.testing.corporate_registry import corporate_number, registry_row, write_registry_file

NUMBER = corporate_number(1)
NOW = timezone.make_aware(datetime.datetime(2025, 4, 1, 10, 0))


@pytest.fixture
def places(region_pack):
    return {code: Municipality.objects.get(code=code) for code in ("041009", "042021", "052019")}


@pytest.fixture
def registry(tmp_path, db):
    """The data knows NUMBER as 株式会社みちのく醸造 in 仙台市青葉区, formerly 株式会社旧みちのく."""
    rows = [
        registry_row(NUMBER, "株式会社旧みちのく", latest="0", updated_on="2020-01-01"),
        registry_row(NUMBER, "株式会社みちのく醸造", sequence=2),
        registry_row(
            corporate_number(2), "株式会社閉店", closed_on="2024-01-05", city_code="202", city="石巻市"
        ),
    ]
    return corporate_registry_load(path=write_registry_file(tmp_path / "all.csv", rows))


def register(places, *, name="㈱みちのく醸造", number=NUMBER, code="041009", user=None):
    municipality = places[code]
    return company_register(
        user=user or make_user(f"founder-{Organization.objects.count()}@example.jp", signed_up=True),
        name=name,
        prefecture=municipality.prefecture,
        municipality=municipality,
        corporate_number=number,
    )


def test_a_company_whose_details_match_the_data_is_verified_with_method_and_time(places, registry):
    before = timezone.now()

    company = register(places)

    assert company.verified_at is not None
    assert company.verified_at >= before
    assert company.verification_method == VerificationMethod.REGISTRY
    assert company.verification_outcome == VerificationOutcome.MATCHED
    event = VerificationEvent.objects.get(organization=company)
    assert (event.action, event.verified, event.corporate_number) == ("checked", True, NUMBER)
    assert verification_note(company) == ""


def test_an_old_name_the_data_lists_is_accepted(places, registry):
    assert register(places, name="株式会社 旧みちのく").verification_method == VerificationMethod.REGISTRY


@pytest.mark.parametrize(
    ("details", "outcome", "words"),
    [
        ({"name": "株式会社みちのく酒造"}, "name_mismatch", "商号「株式会社みちのく醸造」"),
        ({"code": "042021"}, "place_mismatch", "公表データの所在地（宮城県仙台市青葉区）"),
        ({"name": "別会社", "code": "052019"}, "name_and_place_mismatch", "法人番号に誤りがないか"),
        ({"number": corporate_number(9)}, "not_found", "2025年3月31日更新分まで"),
        (
            {"number": corporate_number(2), "name": "株式会社閉店", "code": "042021"},
            "closed",
            "2024年1月5日に閉鎖",
        ),
        ({"number": ""}, "no_number", "法人番号を入力すると"),
    ],
)
def test_a_company_that_does_not_match_is_saved_unverified_with_a_note(
    places, registry, details, outcome, words
):
    company = register(places, **details)

    assert Organization.objects.filter(pk=company.pk).exists()
    assert company.verified_at is None
    assert company.verification_outcome == outcome
    assert words in verification_note(company)


def test_a_company_is_never_blocked_because_the_data_is_not_loaded(places):
    company = register(places)

    assert company.verified_at is None
    assert company.verification_outcome == VerificationOutcome.REGISTRY_EMPTY
    assert "まだ読み込んでいません" in verification_note(company)


def test_loading_the_data_later_verifies_a_company_waiting_for_it(places, tmp_path):
    company = register(places)

    report = corporate_registry_load(
        path=write_registry_file(tmp_path / "all.csv", [registry_row(NUMBER, "株式会社みちのく醸造")])
    )

    company.refresh_from_db()
    assert (report.companies_checked, report.companies_verified) == (1, 1)
    assert company.verification_method == VerificationMethod.REGISTRY


def test_a_bad_number_is_refused_at_registration_and_nothing_is_saved(places, registry):
    with pytest.raises(RegistrationInvalid) as caught:
        register(places, number="1234567890123")

    assert "法人番号が正しくありません" in caught.value.errors["corporate_number"][0]
    assert not Organization.objects.filter(kind="company").exists()


def profile_data(company, **changes):
    form = CompanyProfileForm(organization=company)
    data = {**form.initial_for(company), **changes}
    bound = CompanyProfileForm(
        {key: "" if value is None else value for key, value in data.items()}, organization=company
    )
    assert bound.is_valid(), bound.errors
    return bound.to_data()


def test_changing_the_name_compares_again_and_a_mismatch_takes_the_badge_away(places, registry):
    company = register(places)
    admin = company.memberships.get().user

    company = company_profile_update(
        organization=company, by=admin, data=profile_data(company, name="株式会社まったく別")
    )

    assert company.verified_at is None
    assert company.verification_outcome == VerificationOutcome.NAME_MISMATCH
    # and the right name gives it back
    company = company_profile_update(
        organization=company, by=admin, data=profile_data(company, name="みちのく醸造株式会社")
    )
    assert company.verification_method == VerificationMethod.REGISTRY


def test_editing_other_parts_of_the_profile_keeps_a_confirmation_by_hand(places, registry, cast):
    company = register(places, number="")
    company_verification_confirm(organization=company, by=cast["coordinator"], note="登記簿で確認")
    admin = company.memberships.get().user

    company = company_profile_update(
        organization=company, by=admin, data=profile_data(company, summary="新しい紹介文")
    )
    assert company.verification_method == VerificationMethod.MANUAL
    company = company_profile_update(
        organization=company, by=admin, data=profile_data(company, name="別の名前")
    )
    assert company.verified_at is None  # the details confirmed are no longer these


def test_a_coordinator_of_the_area_confirms_by_hand_recording_who_and_when(places, registry, cast):
    company = register(places, number="")

    company = company_verification_confirm(
        organization=company, by=cast["coordinator"], note="面談で確認しました", now=NOW
    )

    assert (company.verified_at, company.verification_method, company.verified_by) == (
        NOW,
        VerificationMethod.MANUAL,
        cast["coordinator"],
    )
    event = VerificationEvent.objects.get(organization=company, action="confirmed")
    assert (event.action, event.by, event.note, event.at) == (
        "confirmed",
        cast["coordinator"],
        "面談で確認しました",
        NOW,
    )


@pytest.mark.parametrize("who", ["far_coordinator", "member", "talent", "other"])
def test_people_outside_the_area_cannot_confirm_or_revoke(places, registry, cast, who):
    company = register(places, number="")

    with pytest.raises(VerificationError) as caught:
        company_verification_confirm(organization=company, by=cast[who], note="確認")

    assert caught.value.status == 403
    company.refresh_from_db()
    assert company.verified_at is None
    assert not VerificationEvent.objects.filter(organization=company, action="confirmed").exists()


def test_an_operator_confirms_anywhere_and_a_note_is_required(places, registry, cast):
    company = register(places, number="", code="052019")

    with pytest.raises(VerificationError) as caught:
        company_verification_confirm(organization=company, by=cast["operator"], note="  ")
    assert caught.value.field == "note"
    with pytest.raises(VerificationError):
        company_verification_confirm(organization=company, by=cast["operator"], note="x" * 1001)

    assert company_verification_confirm(organization=company, by=cast["operator"], note="確認").verified_at


def test_a_revocation_sticks_when_the_data_is_loaded_again(places, registry, cast, tmp_path):
    company = register(places)

    company = company_verification_revoke(
        organization=company, by=cast["coordinator"], note="番号の流用の疑い"
    )
    corporate_registry_load(
        path=write_registry_file(
            tmp_path / "again.csv", [registry_row(NUMBER, "株式会社みちのく醸造", updated_on="2025-04-02")]
        )
    )

    company.refresh_from_db()
    assert company.verified_at is None
    assert company.verification_revoked_at is not None
    assert "取り消しました" in verification_note(company)
    assert VerificationEvent.objects.filter(
        organization=company, action="revoked", by=cast["coordinator"]
    ).exists()


def test_confirming_twice_or_revoking_an_unverified_company_is_a_conflict(places, registry, cast):
    verified, unverified = register(places), register(places, number="")

    with pytest.raises(VerificationError) as twice:
        company_verification_confirm(organization=verified, by=cast["operator"], note="確認")
    with pytest.raises(VerificationError) as nothing:
        company_verification_revoke(organization=unverified, by=cast["operator"], note="取消")

    assert (twice.value.status, nothing.value.status) == (409, 409)
