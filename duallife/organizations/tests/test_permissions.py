"""Coordinators see only their area; operators see everything; anonymous users nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from duallife.organizations.models import CoordinatorScope, Membership, Organization
from duallife.organizations.permissions import (
    can_coordinate,
    companies_of,
    is_operator,
    is_staff_role,
    scope_filter,
)
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.accounts import make_user
from duallife.testing.organizations import make_org


@pytest.fixture
def people(region_pack):
    miyagi = make_org(Organization.Kind.COORDINATOR, "miyagi-pref")
    CoordinatorScope.objects.create(organization=miyagi, prefecture=Prefecture.objects.get(code="04"))
    sendai_only = make_org(Organization.Kind.COORDINATOR, "akita-city", prefecture="05")
    CoordinatorScope.objects.create(
        organization=sendai_only,
        prefecture=Prefecture.objects.get(code="05"),
        municipality=Municipality.objects.get(code="052019"),
    )
    secretariat = make_org(Organization.Kind.SECRETARIAT, "secretariat")
    company = make_org(Organization.Kind.COMPANY, "sendai-co")
    users = {name: make_user(name) for name in ("pref", "city", "op", "member", "nobody")}
    Membership.objects.create(user=users["pref"], organization=miyagi)
    Membership.objects.create(user=users["city"], organization=sendai_only)
    Membership.objects.create(user=users["op"], organization=secretariat)
    Membership.objects.create(user=users["member"], organization=company, role=Membership.Role.ADMIN)
    return users


def test_prefecture_coordinator_covers_every_municipality_of_its_prefecture_only(people):
    sendai = Municipality.objects.get(code="041009")
    ishinomaki = Municipality.objects.get(code="042021")
    akita = Municipality.objects.get(code="052019")

    assert can_coordinate(people["pref"], sendai)
    assert can_coordinate(people["pref"], ishinomaki)
    assert not can_coordinate(people["pref"], akita)


def test_municipality_coordinator_covers_that_municipality_only(people):
    assert can_coordinate(people["city"], Municipality.objects.get(code="052019"))
    assert not can_coordinate(people["city"], Municipality.objects.get(code="052027"))


def test_scope_filter_limits_rows_by_municipality(people):
    for code in ("041009", "042021", "052019", "052027"):
        place = Municipality.objects.get(code=code)
        Organization.objects.create(
            kind=Organization.Kind.COMPANY,
            name=f"co-{code}",
            slug=f"co-{code}",
            prefecture=place.prefecture,
            municipality=place,
        )
    located = Organization.objects.filter(municipality__isnull=False)

    def visible(user):
        return set(located.filter(scope_filter(user)).values_list("municipality__code", flat=True))

    assert visible(people["pref"]) == {"041009", "042021"}
    assert visible(people["city"]) == {"052019"}
    assert visible(people["member"]) == set()


def test_operator_sees_everything_and_is_staff(people):
    assert is_operator(people["op"])
    assert scope_filter(people["op"]) is None
    assert can_coordinate(people["op"], Municipality.objects.get(code="151009"))
    assert is_staff_role(people["op"])


def test_company_member_and_strangers_have_no_scope(people):
    assert scope_filter(people["member"]).children == [("pk__in", [])]
    assert not can_coordinate(people["nobody"], Municipality.objects.get(code="041009"))
    assert not is_staff_role(people["member"])
    assert is_staff_role(people["pref"])
    assert list(companies_of(people["member"], admin_only=True).values_list("slug", flat=True)) == [
        "sendai-co"
    ]
    assert not companies_of(people["pref"]).exists()


def test_anonymous_user_has_no_role(people):
    anonymous = AnonymousUser()
    assert not is_operator(anonymous)
    assert not can_coordinate(anonymous, Municipality.objects.get(code="041009"))
    assert not companies_of(anonymous).exists()
