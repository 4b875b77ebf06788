"""The invitation pages: invite, revoke, accept; staff need MFA before the invite page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.organizations.models import Invitation, Membership, Organization
from duallife.organizations.services.invitations import invitation_create
from duallife.testing.accounts import make_user, with_totp
from duallife.testing.organizations import make_org

pytestmark = pytest.mark.django_db


def invite(tenants, email="new@example.jp", role=Membership.Role.MEMBER, **kwargs):
    return invitation_create(
        organization=tenants["company"], email=email, role=role, by=tenants["admin"], **kwargs
    )


# --- pages ----------------------------------------------------------------------------------------


def invite_url(slug="sendai-co"):
    return reverse("accounts:organization_invite", args=[slug])


def test_invite_page_sends_an_invitation(client, tenants, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(tenants["admin"])

    page = client.get(invite_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(), {"email": "new@example.jp", "role": "member"})

    assert page.status_code == 200
    assert '<label for="id_email">' in page.content.decode()
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert "http://testserver/accounts/invitations/" in mailoutbox[0].body
    listing = client.get(invite_url()).content.decode()
    assert "new@example.jp" in listing
    assert reverse("accounts:invitation_revoke", args=["sendai-co", invitation.pk]) in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nope", "role": "member"}, "メールアドレスの形式が正しくありません"),
        ({"email": "", "role": "member"}, "このフィールドは必須です"),
        ({"email": "new@example.jp", "role": "owner"}, "正しく選択してください"),
        ({"email": "member@sendai.example.jp", "role": "member"}, "すでにこの組織のメンバーです"),
    ],
)
def test_invite_page_rejects_bad_input_in_japanese(client, tenants, data, message):
    client.force_login(tenants["admin"])

    response = client.post(invite_url(), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="error-summary"' in html
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["member", "other_admin", "operator"])
def test_invite_page_of_another_organisation_is_not_found(client, tenants, who):
    client.force_login(tenants[who])

    assert client.get(invite_url()).status_code == 404
    assert client.post(invite_url(), {"email": "x@example.jp", "role": "member"}).status_code == 404
    assert client.get(invite_url("no-such-org")).status_code == 404


def test_revoking_an_invitation_of_another_organisation_is_not_found(client, tenants):
    invitation = invite(tenants)
    client.force_login(tenants["other_admin"])

    assert (
        client.post(reverse("accounts:invitation_revoke", args=["sendai-co", invitation.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("accounts:invitation_revoke", args=["akita-co", invitation.pk])).status_code
        == 404
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_revoke_page_cancels_the_invitation(client, tenants):
    invitation = invite(tenants)
    client.force_login(tenants["admin"])

    response = client.post(reverse("accounts:invitation_revoke", args=["sendai-co", invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert (
        client.get(reverse("accounts:invitation_revoke", args=["sendai-co", invitation.pk])).status_code
        == 405
    )


@pytest.mark.parametrize(
    "name_args",
    [
        ("accounts:organization_invite", ["sendai-co"]),
        ("accounts:invitation_accept", ["some-token"]),
        ("accounts:operator_coordinator_bodies", []),
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, tenants, name_args):
    name, args = name_args

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_accept_page_shows_the_invitation_and_joins_on_post(client, tenants):
    invitation = invite(tenants)
    newcomer = make_user("new@example.jp", signed_up=True)
    client.force_login(newcomer)
    url = reverse("accounts:invitation_accept", args=[invitation.token])

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert "sendai-coの名前" in page.content.decode()
    assert response.status_code == 302
    assert response.url == reverse("accounts:me")
    assert Membership.objects.filter(user=newcomer, organization=tenants["company"]).exists()


def test_accept_page_explains_why_it_cannot_be_accepted(client, tenants):
    invitation = invite(tenants)
    url = reverse("accounts:invitation_accept", args=[invitation.token])
    client.force_login(tenants["other_admin"])

    wrong = client.post(url)
    assert wrong.status_code == 403
    assert "別のメールアドレス" in wrong.content.decode()

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(make_user("new@example.jp", signed_up=True))
    expired = client.get(url)
    assert expired.status_code == 410
    assert "有効期限" in expired.content.decode()
    assert client.get(reverse("accounts:invitation_accept", args=["no-such-token"])).status_code == 404
    assert not Membership.objects.filter(user__email="new@example.jp").exists()


# --- staff need MFA before the invite page (it lists members' email addresses) --------------------


def test_coordinator_admin_without_mfa_is_sent_to_set_it_up_before_the_invite_page(client, tenants):
    body = make_org(Organization.Kind.COORDINATOR, "miyagi-desk", prefecture=tenants["miyagi"])
    coordinator = make_user("lead@desk.example.jp", signed_up=True)
    Membership.objects.create(user=coordinator, organization=body, role=Membership.Role.ADMIN)
    client.force_login(coordinator)

    response = client.get(f"/accounts/organizations/{body.slug}/invite/")

    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]
    with_totp(coordinator)
    assert client.get(f"/accounts/organizations/{body.slug}/invite/").status_code == 200


def test_company_admin_needs_no_mfa_for_the_invite_page(client, tenants):
    client.force_login(tenants["admin"])

    assert client.get(f"/accounts/organizations/{tenants['company'].slug}/invite/").status_code == 200


def test_invite_page_in_english_shows_dates_in_english(client, tenants):
    import re

    invitation_create(organization=tenants["company"], email="new@example.jp", by=tenants["admin"])
    client.force_login(tenants["admin"])

    html = client.get("/en/accounts/organizations/sendai-co/invite/").content.decode()

    assert re.search(r"\d+年\d+月\d+日", html) is None
    assert re.search(r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}", html)
    japanese = client.get("/accounts/organizations/sendai-co/invite/").content.decode()
    assert re.search(r"\d+年\d+月\d+日 \d{2}:\d{2}", japanese)
