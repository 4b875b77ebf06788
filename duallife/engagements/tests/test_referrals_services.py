"""Referrals (紹介): who may register and remove one, one referrer per company, and the credits."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.engagements.errors import EngagementConflictError, EngagementError, EngagementPermissionError
from duallife.engagements.models import Application, Contract, Referral
from duallife.engagements.selectors.referrals import referral_credits, with_credits
from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.referrals import referral_register, referral_remove
from duallife.organizations.models import CoordinatorScope, Organization
from duallife.postings.models import SpecSheet
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.talents import make_talent_user


@pytest.fixture
def miyagi(world):
    return Organization.objects.get(slug="miyagi-pref")


@pytest.fixture
def akita(world):
    return Organization.objects.get(slug="akita-pref")


def contract_for(application: Application, *, referrer=None) -> Contract:
    """A recorded contract for ``application`` (rows only: the credits read what is stored)."""
    Application.objects.filter(pk=application.pk).update(status=Application.Status.CONTRACTED)
    return Contract.objects.create(
        application=application,
        sheet=application.sheet,
        organization=application.sheet.organization,
        talent=application.talent,
        contract_type="outsourcing",
        starts_on=timezone.localdate(),
        days_per_month=2,
        monthly_fee_yen=40_000,
        travel_paid_by="company",
        referrer=referrer,
    )


# --- Registering --------------------------------------------------------------------------------


def test_a_coordinator_registers_a_company_in_their_area_as_referred_by_their_body(world, miyagi):
    referral = referral_register(
        referrer=miyagi, company=world.company, by=world.coordinator, note=" 商談会で紹介 "
    )

    assert referral.referrer == miyagi
    assert referral.company == world.company
    assert referral.registered_by == world.coordinator
    assert referral.note == "商談会で紹介"


def test_an_operator_registers_a_referral_for_any_body_and_company(world, akita):
    referral = referral_register(referrer=akita, company=world.company, by=world.operator)

    assert referral.referrer == akita


def test_a_coordinator_cannot_register_a_company_outside_their_bodys_area(world, miyagi):
    with pytest.raises(EngagementPermissionError, match="担当地域の企業ではない"):
        referral_register(referrer=miyagi, company=world.other_company, by=world.coordinator)

    assert not Referral.objects.exists()


def test_a_municipal_scope_covers_only_companies_in_that_municipality(world):
    prefecture = Prefecture.objects.get(code="04")
    town = Organization.objects.create(
        kind=Organization.Kind.COORDINATOR,
        name="石巻市 商工会",
        slug="ishinomaki-chamber",
        prefecture=prefecture,
    )
    CoordinatorScope.objects.create(
        organization=town, prefecture=prefecture, municipality=Municipality.objects.get(code="042021")
    )
    from duallife.organizations.models import Membership

    Membership.objects.create(user=world.nobody, organization=town)

    with pytest.raises(EngagementPermissionError):
        referral_register(referrer=town, company=world.company, by=world.nobody)  # the company is in 仙台市


def test_only_members_of_the_body_or_operators_register_for_it(world, miyagi):
    for outsider in (world.far_coordinator, world.owner, world.talent, world.nobody):
        with pytest.raises(EngagementPermissionError, match="その機関のメンバーと事務局だけ"):
            referral_register(referrer=miyagi, company=world.company, by=outsider)

    assert not Referral.objects.exists()


def test_a_second_referrer_for_the_same_company_is_refused_naming_the_first(world, miyagi, akita):
    referral_register(referrer=miyagi, company=world.company, by=world.coordinator)

    with pytest.raises(EngagementConflictError, match="miyagi-prefの名前") as error:
        referral_register(referrer=akita, company=world.company, by=world.operator)

    assert error.value.field == "company"
    assert error.value.status == 409
    assert Referral.objects.get().referrer == miyagi


def test_registering_the_same_referral_twice_says_it_is_already_there(world, miyagi):
    referral_register(referrer=miyagi, company=world.company, by=world.coordinator)

    with pytest.raises(EngagementConflictError, match="すでに「miyagi-prefの名前」の紹介として登録"):
        referral_register(referrer=miyagi, company=world.company, by=world.coordinator)

    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("referrer_slug", "company_slug", "field"),
    [
        ("sendai-miso", "sendai-miso", "referrer"),  # a company is no coordinator body
        ("secretariat", "sendai-miso", "referrer"),
        ("miyagi-pref", "miyagi-pref", "company"),  # a coordinator body is no company
    ],
)
def test_only_coordinator_bodies_refer_and_only_companies_are_referred(
    world, referrer_slug, company_slug, field
):
    referrer = Organization.objects.get(slug=referrer_slug)
    company = Organization.objects.get(slug=company_slug)

    with pytest.raises(EngagementError) as error:
        referral_register(referrer=referrer, company=company, by=world.operator)

    assert error.value.field == field
    assert not Referral.objects.exists()


def test_inactive_bodies_and_companies_are_refused(world, miyagi):
    Organization.objects.filter(pk=world.company.pk).update(is_active=False)
    world.company.refresh_from_db()

    with pytest.raises(EngagementError, match="有効な企業"):
        referral_register(referrer=miyagi, company=world.company, by=world.operator)

    miyagi.is_active = False
    with pytest.raises(EngagementError, match="有効な自治体・支援機関"):
        referral_register(referrer=miyagi, company=world.other_company, by=world.operator)
    assert not Referral.objects.exists()


@pytest.mark.parametrize("note", ["あ" * 301, "NUL\x00", 42])
def test_a_bad_note_is_refused_and_nothing_is_saved(world, miyagi, note):
    with pytest.raises(EngagementError) as error:
        referral_register(referrer=miyagi, company=world.company, by=world.coordinator, note=note)

    assert error.value.field == "note"
    assert not Referral.objects.exists()


# --- Removing -----------------------------------------------------------------------------------


def test_the_registering_body_or_an_operator_removes_a_referral(world, miyagi):
    referral = referral_register(referrer=miyagi, company=world.company, by=world.coordinator)
    referral_remove(referral=referral, by=world.coordinator)
    assert not Referral.objects.exists()

    referral = referral_register(referrer=miyagi, company=world.company, by=world.coordinator)
    referral_remove(referral=referral, by=world.operator)
    assert not Referral.objects.exists()


def test_another_body_or_the_company_cannot_remove_a_referral(world, miyagi):
    referral = referral_register(referrer=miyagi, company=world.company, by=world.coordinator)

    for outsider in (world.far_coordinator, world.owner, world.nobody):
        with pytest.raises(EngagementPermissionError):
            referral_remove(referral=referral, by=outsider)

    assert Referral.objects.filter(pk=referral.pk).exists()


def test_removing_a_referral_twice_says_it_is_gone(world, miyagi):
    referral = referral_register(referrer=miyagi, company=world.company, by=world.coordinator)
    stale = Referral.objects.get(pk=referral.pk)
    referral_remove(referral=referral, by=world.coordinator)

    with pytest.raises(EngagementConflictError, match="すでに削除"):
        referral_remove(referral=stale, by=world.coordinator)


# --- Credits ------------------------------------------------------------------------------------


def test_credits_count_sheets_applications_and_contracts_from_the_registration_on(world, miyagi, make_sheet):
    before = make_sheet(SpecSheet.Status.PUBLISHED, openings=3)
    early = application_submit(sheet=before, by=world.talent, message=APPLY_MESSAGE)
    contract_for(early)  # recorded before the registration: not credited
    Contract.objects.filter(application=early).update(recorded_at=timezone.now() - datetime.timedelta(days=1))
    SpecSheet.objects.filter(pk=before.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    Application.objects.filter(pk=early.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))

    referral_register(referrer=miyagi, company=world.company, by=world.coordinator)
    after = make_sheet(SpecSheet.Status.PUBLISHED, openings=3)
    second = application_submit(sheet=after, by=make_talent_user("second"), message=APPLY_MESSAGE)
    late_to_old_sheet = application_submit(sheet=before, by=make_talent_user("third"), message=APPLY_MESSAGE)
    contract_for(second, referrer=miyagi)

    rows, totals = referral_credits(miyagi)

    assert second.referrer == miyagi  # stored when the application was made
    assert late_to_old_sheet.referrer == miyagi
    [row] = rows
    assert row.company == world.company
    assert (row.credited_sheets, row.credited_applications, row.credited_contracts) == (1, 2, 1)
    assert (totals.companies, totals.sheets, totals.applications, totals.contracts) == (1, 1, 2, 1)


def test_stored_referrers_decide_which_body_an_application_is_credited_to(world, miyagi, akita, sheet):
    credited_elsewhere = application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)
    Application.objects.filter(pk=credited_elsewhere.pk).update(referrer=akita)
    contract_for(credited_elsewhere, referrer=akita)
    referral_register(referrer=miyagi, company=world.company, by=world.coordinator)
    unstamped = application_submit(sheet=sheet, by=make_talent_user("fresh"), message=APPLY_MESSAGE)
    Application.objects.filter(pk=unstamped.pk).update(referrer=None)

    [row], _totals = referral_credits(miyagi)

    assert row.credited_applications == 1  # the unstamped one, made after the registration
    assert row.credited_contracts == 0


def test_other_companies_and_other_bodies_are_not_credited(world, miyagi, akita, make_sheet):
    referral_register(referrer=miyagi, company=world.company, by=world.coordinator)
    make_sheet(SpecSheet.Status.PUBLISHED, organization=world.other_company)

    rows, totals = referral_credits(akita)

    assert rows == []
    assert totals.companies == totals.sheets == 0
    [row] = referral_credits(miyagi)[0]
    assert row.credited_sheets == 0


def _many_referrals(world, miyagi, count: int) -> None:
    prefecture = Prefecture.objects.get(code="04")
    for n in range(count):
        company = Organization.objects.create(
            kind=Organization.Kind.COMPANY,
            name=f"宮城の会社{n}",
            slug=f"miyagi-co-{n}",
            prefecture=prefecture,
        )
        Referral.objects.create(referrer=miyagi, company=company, registered_by=world.coordinator)


@pytest.mark.parametrize("count", [1, 25])
def test_the_credits_of_a_body_cost_one_query_however_many_companies(
    world, miyagi, sheet, django_assert_max_num_queries, count
):
    _many_referrals(world, miyagi, count)
    application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)

    with django_assert_max_num_queries(1):
        rows, totals = referral_credits(miyagi)

    assert len(rows) == totals.companies == count


def test_with_credits_annotates_any_referral_queryset(world, miyagi):
    referral_register(referrer=miyagi, company=world.company, by=world.coordinator)

    row = with_credits(Referral.objects.all()).get()

    assert (row.credited_sheets, row.credited_applications, row.credited_contracts) == (0, 0, 0)
