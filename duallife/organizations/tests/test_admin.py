"""The operators' admin lists organisations and talent profiles and opens each kind."""

import pytest

from duallife.accounts.models import User
from duallife.organizations.models import Organization
from duallife.testing.accounts import give_mfa, make_user
from duallife.testing.talents import make_talent


@pytest.fixture
def admin_client(client, cast, vocabulary):
    user = User.objects.create_superuser("root", "root@example.jp", None)
    give_mfa(user)
    client.force_login(user)
    return client


@pytest.mark.parametrize("slug", ["sendai-co", "miyagi-pref", "secretariat"])
def test_organisation_admin_opens_every_kind(admin_client, slug):
    organization = Organization.objects.get(slug=slug)

    assert admin_client.get("/admin/organizations/organization/?q=テスト").status_code == 200
    assert admin_client.get(f"/admin/organizations/organization/{organization.pk}/change/").status_code == 200


def test_talent_admin_lists_and_shows_profiles_read_only(admin_client):
    profile = make_talent(make_user("someone"), skills=["Python"])

    assert admin_client.get("/admin/talents/talentprofile/?q=someone").status_code == 200
    response = admin_client.get(f"/admin/talents/talentprofile/{profile.pk}/change/")
    assert response.status_code == 200
    assert admin_client.get("/admin/talents/talentprofile/add/").status_code == 403
