"""The profile services refuse what the forms refuse, whoever calls them."""

import pytest
from django.core.exceptions import PermissionDenied

from duallife.organizations.errors import ProfileInvalid
from duallife.organizations.models import Organization, OrganizationPhoto
from duallife.organizations.services.profiles import (
    MAX_PHOTOS,
    CompanyProfileData,
    CoordinatorProfileData,
    NewPhoto,
    PhotoChanges,
    company_profile_update,
    coordinator_profile_update,
)
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.organizations import image_upload


def data(**overrides):
    values = {"name": "仙台テスト株式会社", "prefecture": Prefecture.objects.get(code="04")}
    values.update(overrides)
    return CompanyProfileData(**values)


@pytest.fixture
def company(cast):
    return Organization.objects.get(slug="sendai-co")


@pytest.mark.parametrize("who", ["talent", "other", "coordinator", "operator"])
def test_only_members_may_update_a_company_profile(cast, company, who):
    with pytest.raises(PermissionDenied):
        company_profile_update(organization=company, by=cast[who], data=data(summary="x"))


def test_a_coordinator_body_is_not_updated_as_a_company(cast):
    body = Organization.objects.get(slug="miyagi-pref")

    with pytest.raises(PermissionDenied):
        company_profile_update(organization=body, by=cast["coordinator"], data=data())
    with pytest.raises(PermissionDenied):
        coordinator_profile_update(
            organization=Organization.objects.get(slug="sendai-co"),
            by=cast["member"],
            data=CoordinatorProfileData(),
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"corporate_number": "1234567890123"}, "corporate_number"),
        ({"municipality": "052019"}, "municipality"),
        ({"founded_year": 2999}, "founded_year"),
        ({"size": "huge"}, "size"),
        ({"name": "  "}, "name"),
    ],
)
def test_service_refuses_bad_profiles_and_writes_nothing(cast, company, overrides, field):
    if "municipality" in overrides:
        overrides["municipality"] = Municipality.objects.get(code=overrides["municipality"])

    with pytest.raises(ProfileInvalid) as caught:
        company_profile_update(organization=company, by=cast["member"], data=data(summary="新", **overrides))

    assert field in caught.value.errors
    company.refresh_from_db()
    assert company.company.summary == ""


def test_service_saves_a_valid_profile_with_a_photo(cast, company):
    company_profile_update(
        organization=company,
        by=cast["admin"],
        data=data(corporate_number="1180301018771", summary="新しい紹介"),
        photos=PhotoChanges(new=NewPhoto(upload=image_upload(), alt_text="社屋")),
    )

    company.refresh_from_db()
    assert company.company.corporate_number == "1180301018771"
    assert OrganizationPhoto.objects.get(organization=company).alt_text == "社屋"


def test_service_refuses_a_photo_without_alt_text_or_beyond_the_limit(cast, company):
    for index in range(MAX_PHOTOS):
        OrganizationPhoto.objects.create(
            organization=company, image=f"organizations/{index}.jpg", alt_text="写真"
        )

    with pytest.raises(ProfileInvalid) as caught:
        company_profile_update(
            organization=company,
            by=cast["member"],
            data=data(summary="変更"),
            photos=PhotoChanges(new=NewPhoto(upload=image_upload(), alt_text="")),
        )

    assert set(caught.value.errors) == {"new_photo", "new_photo_alt_text"}
    company.refresh_from_db()
    assert company.company.summary == ""
