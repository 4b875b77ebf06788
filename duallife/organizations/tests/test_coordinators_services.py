"""Coordinator bodies and their scopes: who creates and grants them, and what is refused."""

import pytest
from django.core.exceptions import PermissionDenied

from duallife.organizations.errors import CoordinatorSetupError
from duallife.organizations.models import (
    CoordinatorProfile,
    CoordinatorScope,
    Invitation,
    Membership,
    Organization,
)
from duallife.organizations.services.coordinators import coordinator_body_create, scope_grant
from duallife.organizations.services.invitations import invitation_create

pytestmark = pytest.mark.django_db

# --- coordinator bodies and scopes ---------------------------------------------------------------


def body_kwargs(tenants, **overrides):
    return {
        "by": tenants["operator"],
        "name": "宮城県 経済商工観光部",
        "slug": "miyagi-pref",
        "prefecture": tenants["miyagi"],
        "body_type": CoordinatorProfile.BodyType.PREFECTURE,
        **overrides,
    }


def test_operator_creates_a_coordinator_body_and_invites_its_first_admin(
    tenants, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        body = coordinator_body_create(**body_kwargs(tenants, admin_email="lead@pref.miyagi.example.jp"))

    assert body.kind == Organization.Kind.COORDINATOR
    assert body.coordinator.body_type == CoordinatorProfile.BodyType.PREFECTURE
    invitation = Invitation.objects.get(organization=body)
    assert (invitation.email, invitation.role) == ("lead@pref.miyagi.example.jp", Membership.Role.ADMIN)
    assert mailoutbox[0].to == ["lead@pref.miyagi.example.jp"]


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"name": "  "}, "name_required", "name"),
        ({"slug": "宮城"}, "invalid_slug", "slug"),
        ({"slug": "sendai-co"}, "slug_taken", "slug"),
        ({"body_type": "bank"}, "invalid_body_type", "body_type"),
        ({"municipality": "akita_city"}, "municipality_mismatch", "municipality"),
        ({"admin_email": "not-an-email"}, "invalid_email", "admin_email"),
    ],
)
def test_bad_coordinator_bodies_are_refused_whole(tenants, overrides, code, field):
    if overrides.get("municipality"):
        overrides["municipality"] = tenants[overrides["municipality"]]

    with pytest.raises(CoordinatorSetupError) as error:
        coordinator_body_create(**body_kwargs(tenants, **overrides))

    assert (error.value.code, error.value.field) == (code, field)
    assert not Organization.objects.filter(kind=Organization.Kind.COORDINATOR).exists()
    assert not CoordinatorProfile.objects.exists()


@pytest.mark.parametrize("who", ["admin", "member"])
def test_only_operators_create_bodies_and_grant_scopes(tenants, who):
    body = coordinator_body_create(**body_kwargs(tenants))

    with pytest.raises(PermissionDenied):
        coordinator_body_create(**body_kwargs(tenants, by=tenants[who], slug="another"))
    with pytest.raises(PermissionDenied):
        scope_grant(organization=body, prefecture=tenants["miyagi"], by=tenants[who])
    assert not CoordinatorScope.objects.exists()


def test_operator_grants_prefecture_and_municipality_scopes(tenants):
    body = coordinator_body_create(**body_kwargs(tenants))

    whole = scope_grant(organization=body, prefecture=tenants["akita"], by=tenants["operator"])
    city = scope_grant(
        organization=body,
        prefecture=tenants["miyagi"],
        municipality=tenants["sendai"],
        by=tenants["operator"],
    )

    assert (whole.municipality, whole.granted_by) == (None, tenants["operator"])
    assert city.municipality == tenants["sendai"]


@pytest.mark.parametrize(
    ("prefecture", "municipality", "code"),
    [
        ("akita", None, "already_covered"),
        ("akita", "akita_city", "already_covered"),
        ("miyagi", "sendai", "duplicate"),
        ("miyagi", "akita_city", "municipality_mismatch"),
    ],
)
def test_scope_grant_refuses_duplicates_and_mismatches(tenants, prefecture, municipality, code):
    body = coordinator_body_create(**body_kwargs(tenants))
    scope_grant(organization=body, prefecture=tenants["akita"], by=tenants["operator"])
    scope_grant(
        organization=body,
        prefecture=tenants["miyagi"],
        municipality=tenants["sendai"],
        by=tenants["operator"],
    )

    with pytest.raises(CoordinatorSetupError) as error:
        scope_grant(
            organization=body,
            prefecture=tenants[prefecture],
            municipality=tenants[municipality] if municipality else None,
            by=tenants["operator"],
        )

    assert error.value.code == code
    assert CoordinatorScope.objects.count() == 2


def test_scopes_are_only_for_coordinator_bodies(tenants):
    with pytest.raises(CoordinatorSetupError) as error:
        scope_grant(organization=tenants["company"], prefecture=tenants["miyagi"], by=tenants["operator"])

    assert error.value.code == "not_coordinator"


def test_operators_may_invite_to_coordinator_bodies_but_not_to_companies(tenants):
    body = coordinator_body_create(**body_kwargs(tenants))

    invitation_create(organization=body, email="staff@pref.example.jp", by=tenants["operator"])
    with pytest.raises(PermissionDenied):
        invitation_create(organization=tenants["company"], email="x@example.jp", by=tenants["operator"])
