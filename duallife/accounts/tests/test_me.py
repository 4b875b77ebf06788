"""マイページ: the user's roles, organisations, pending invitations and data-rights links."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.organizations.models import CoordinatorScope, Invitation, Membership, Organization
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import make_user, with_totp

pytestmark = pytest.mark.django_db


def org(kind, slug, prefecture, name=None):
    return Organization.objects.create(kind=kind, name=name or slug, slug=slug, prefecture=prefecture)


def test_a_new_user_is_offered_to_create_a_talent_profile(client, places):
    client.force_login(make_user("hanako@example.jp", signed_up=True))

    html = client.get(reverse("accounts:me")).content.decode()

    assert "人材プロフィールはまだありません" in html
    assert f'href="{reverse("talents:profile_edit")}"' in html
    assert "所属している組織はありません" in html
    assert reverse("accounts:export") in html
    assert reverse("accounts:delete") in html
    assert reverse("mfa_index") in html


def test_shows_talent_profile_organisations_roles_scopes_and_invitations(client, places):
    user = make_user("hanako@example.jp", signed_up=True)
    TalentProfile.objects.create(
        user=user,
        family_name="髙橋",
        given_name="花子",
        family_name_kana="タカハシ",
        given_name_kana="ハナコ",
        display_name="はなこ",
        home_prefecture=places["tokyo"],
    )
    company = org(Organization.Kind.COMPANY, "sendai-co", places["miyagi"], "仙台商事")
    body = org(Organization.Kind.COORDINATOR, "miyagi-pref", places["miyagi"], "宮城県庁")
    CoordinatorScope.objects.create(organization=body, prefecture=places["miyagi"])
    Membership.objects.create(user=user, organization=company, role=Membership.Role.ADMIN)
    Membership.objects.create(user=user, organization=body)
    inviter = org(Organization.Kind.COMPANY, "aomori-co", places["miyagi"], "青森りんご")
    Invitation.objects.create(
        organization=inviter,
        email="hanako@example.jp",
        token="open-token",
        expires_at=timezone.now() + timedelta(days=3),
    )
    Invitation.objects.create(
        organization=inviter,
        email="hanako@example.jp",
        token="old-token",
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(user)

    html = client.get(reverse("accounts:me")).content.decode()

    assert "人材プロフィール登録済み" in html
    assert "仙台商事" in html
    assert "宮城県庁" in html
    assert "管理者" in html
    assert reverse("accounts:organization_invite", args=["sendai-co"]) in html
    assert reverse("accounts:organization_invite", args=["miyagi-pref"]) not in html  # a member only
    assert "宮城県全域" in html
    assert reverse("accounts:invitation_accept", args=["open-token"]) in html
    assert "old-token" not in html
    assert "未設定（自治体・支援機関・事務局の方は必須です）" in html


def test_operators_see_their_tools_and_mfa_status(client, places):
    user = with_totp(make_user("op@example.jp", signed_up=True))
    Membership.objects.create(
        user=user, organization=org(Organization.Kind.SECRETARIAT, "office", places["miyagi"])
    )
    client.force_login(user)

    html = client.get(reverse("accounts:me")).content.decode()

    assert reverse("accounts:operator_coordinator_bodies") in html
    assert reverse("admin:index") in html
    assert "設定済み" in html


def test_query_count_does_not_grow_with_memberships(client, places, django_assert_max_num_queries):
    user = make_user("busy@example.jp", signed_up=True)
    for i in range(12):
        company = org(Organization.Kind.COMPANY, f"co-{i}", places["miyagi"])
        Membership.objects.create(user=user, organization=company, role=Membership.Role.ADMIN)
    client.force_login(user)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("accounts:me"))

    assert response.status_code == 200
