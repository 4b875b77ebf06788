"""Invitations by email, coordinator bodies and scopes: services and their pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from duallife.organizations.errors import CoordinatorSetupError, InvitationError
from duallife.organizations.models import (
    CoordinatorProfile,
    CoordinatorScope,
    Invitation,
    Membership,
    Organization,
)
from duallife.organizations.services import (
    coordinator_body_create,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    scope_grant,
)
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.accounts import make_user, with_totp
from duallife.testing.organizations import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    miyagi = Prefecture.objects.create(
        code="04", lg_code="040002", name="宮城県", name_kana="みやぎけん", name_en="Miyagi"
    )
    akita = Prefecture.objects.create(
        code="05", lg_code="050008", name="秋田県", name_kana="あきたけん", name_en="Akita"
    )
    return {
        "miyagi": miyagi,
        "akita": akita,
        "sendai": Municipality.objects.create(
            code="041009", prefecture=miyagi, name="仙台市", name_kana="せんだいし"
        ),
        "akita_city": Municipality.objects.create(
            code="052019", prefecture=akita, name="秋田市", name_kana="あきたし"
        ),
    }


@pytest.fixture
def world(places):
    company = make_org(Organization.Kind.COMPANY, "sendai-co", prefecture=places["miyagi"])
    other = make_org(Organization.Kind.COMPANY, "akita-co", prefecture=places["akita"])
    secretariat = make_org(Organization.Kind.SECRETARIAT, "office", prefecture=places["miyagi"])
    admin = make_user("admin@sendai.example.jp", signed_up=True)
    member = make_user("member@sendai.example.jp", signed_up=True)
    other_admin = make_user("admin@akita.example.jp", signed_up=True)
    operator = with_totp(make_user("op@office.example.jp", signed_up=True))
    Membership.objects.create(user=admin, organization=company, role=Membership.Role.ADMIN)
    Membership.objects.create(user=member, organization=company)
    Membership.objects.create(user=other_admin, organization=other, role=Membership.Role.ADMIN)
    Membership.objects.create(user=operator, organization=secretariat)
    return {
        "company": company,
        "other": other,
        "admin": admin,
        "member": member,
        "other_admin": other_admin,
        "operator": operator,
        **places,
    }


def invite(world, email="new@example.jp", role=Membership.Role.MEMBER, **kwargs):
    return invitation_create(
        organization=world["company"], email=email, role=role, by=world["admin"], **kwargs
    )


# --- invitation_create -----------------------------------------------------------------------------


def test_admin_invites_by_email_and_the_mail_leaves_on_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world, email="  New@Example.JP ", base_url="https://duallife.example.jp")

    assert invitation.email == "new@example.jp"
    assert len(invitation.token) >= 40
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)) < timedelta(seconds=5)
    assert invitation.invited_by == world["admin"]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new@example.jp"]
    assert "sendai-coの名前" in mail.subject
    assert f"https://duallife.example.jp/accounts/invitations/{invitation.token}/" in mail.body
    assert "有効期限" in mail.body


def test_a_new_invitation_to_the_same_address_replaces_the_pending_one(world):
    first = invite(world)
    second = invite(world)

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    assert first.token != second.token


@pytest.mark.parametrize(
    ("email", "role", "code"),
    [
        ("not-an-email", Membership.Role.MEMBER, "invalid_email"),
        ("", Membership.Role.MEMBER, "invalid_email"),
        ("new@example.jp", "owner", "invalid_role"),
        ("MEMBER@sendai.example.jp", Membership.Role.MEMBER, "already_member"),
    ],
)
def test_bad_invitations_are_refused_and_nothing_is_saved(world, mailoutbox, email, role, code):
    with pytest.raises(InvitationError) as error:
        invite(world, email=email, role=role)

    assert error.value.code == code
    assert error.value.message
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["member", "other_admin", "operator"])
def test_only_admins_of_the_organisation_invite_to_it(world, who):
    with pytest.raises(PermissionDenied):
        invitation_create(organization=world["company"], email="x@example.jp", by=world[who])

    assert not Invitation.objects.exists()


# --- invitation_accept -----------------------------------------------------------------------------


def test_accepting_with_the_invited_verified_email_creates_the_membership(world):
    invitation = invite(world, role=Membership.Role.ADMIN)
    newcomer = make_user("new@example.jp", signed_up=True)

    membership = invitation_accept(token=invitation.token, user=newcomer)

    assert (membership.user, membership.organization, membership.role) == (
        newcomer,
        world["company"],
        Membership.Role.ADMIN,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer
    assert invitation.accepted_at is not None


def test_the_token_is_single_use(world):
    invitation = invite(world)
    invitation_accept(token=invitation.token, user=make_user("new@example.jp", signed_up=True))

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=make_user("someone@example.jp", signed_up=True))

    assert error.value.code == "used"


def test_an_expired_invitation_cannot_be_accepted(world):
    invitation = invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=make_user("new@example.jp", signed_up=True))

    assert error.value.code == "expired"
    assert not Membership.objects.filter(user__email="new@example.jp").exists()


def test_a_revoked_invitation_cannot_be_accepted(world):
    invitation = invite(world)
    invitation_revoke(invitation=invitation, by=world["admin"])

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=make_user("new@example.jp", signed_up=True))

    assert error.value.code == "revoked"


def test_another_account_cannot_use_the_link(world):
    invitation = invite(world)
    stranger = make_user("stranger@example.jp", signed_up=True)

    with pytest.raises(InvitationError) as error:
        invitation_accept(token=invitation.token, user=stranger)

    assert error.value.code == "wrong_email"
    assert "ne*@example.jp" in error.value.message  # masked: the address is not disclosed
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_invited_email_must_be_verified(world):
    invitation = invite(world)

    with pytest.raises(InvitationError) as error:
        invitation_accept(
            token=invitation.token, user=make_user("new@example.jp", signed_up=True, verified=False)
        )

    assert error.value.code == "unverified"


def test_an_unknown_token_is_not_found(world):
    with pytest.raises(InvitationError) as error:
        invitation_accept(token="no-such-token", user=world["member"])

    assert error.value.code == "not_found"


def test_an_existing_member_invited_as_admin_is_promoted(world):
    invitation = invite(world, email="other@example.jp", role=Membership.Role.ADMIN)
    Invitation.objects.filter(pk=invitation.pk).update(email="member@sendai.example.jp")

    membership = invitation_accept(token=invitation.token, user=world["member"])

    assert membership.role == Membership.Role.ADMIN
    assert Membership.objects.filter(user=world["member"]).count() == 1


# --- invitation_revoke ------------------------------------------------------------------------------


def test_revoking_is_for_admins_and_idempotent_but_not_after_acceptance(world):
    invitation = invite(world)
    with pytest.raises(PermissionDenied):
        invitation_revoke(invitation=invitation, by=world["other_admin"])

    invitation_revoke(invitation=invitation, by=world["admin"])
    invitation_revoke(invitation=invitation, by=world["admin"])

    accepted = invite(world, email="second@example.jp")
    invitation_accept(token=accepted.token, user=make_user("second@example.jp", signed_up=True))
    with pytest.raises(InvitationError) as error:
        invitation_revoke(invitation=accepted, by=world["admin"])
    assert error.value.code == "used"


# --- coordinator bodies and scopes ---------------------------------------------------------------


def body_kwargs(world, **overrides):
    return {
        "by": world["operator"],
        "name": "宮城県 経済商工観光部",
        "slug": "miyagi-pref",
        "prefecture": world["miyagi"],
        "body_type": CoordinatorProfile.BodyType.PREFECTURE,
        **overrides,
    }


def test_operator_creates_a_coordinator_body_and_invites_its_first_admin(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        body = coordinator_body_create(**body_kwargs(world, admin_email="lead@pref.miyagi.example.jp"))

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
def test_bad_coordinator_bodies_are_refused_whole(world, overrides, code, field):
    if overrides.get("municipality"):
        overrides["municipality"] = world[overrides["municipality"]]

    with pytest.raises(CoordinatorSetupError) as error:
        coordinator_body_create(**body_kwargs(world, **overrides))

    assert (error.value.code, error.value.field) == (code, field)
    assert not Organization.objects.filter(kind=Organization.Kind.COORDINATOR).exists()
    assert not CoordinatorProfile.objects.exists()


@pytest.mark.parametrize("who", ["admin", "member"])
def test_only_operators_create_bodies_and_grant_scopes(world, who):
    body = coordinator_body_create(**body_kwargs(world))

    with pytest.raises(PermissionDenied):
        coordinator_body_create(**body_kwargs(world, by=world[who], slug="another"))
    with pytest.raises(PermissionDenied):
        scope_grant(organization=body, prefecture=world["miyagi"], by=world[who])
    assert not CoordinatorScope.objects.exists()


def test_operator_grants_prefecture_and_municipality_scopes(world):
    body = coordinator_body_create(**body_kwargs(world))

    whole = scope_grant(organization=body, prefecture=world["akita"], by=world["operator"])
    city = scope_grant(
        organization=body, prefecture=world["miyagi"], municipality=world["sendai"], by=world["operator"]
    )

    assert (whole.municipality, whole.granted_by) == (None, world["operator"])
    assert city.municipality == world["sendai"]


@pytest.mark.parametrize(
    ("prefecture", "municipality", "code"),
    [
        ("akita", None, "already_covered"),
        ("akita", "akita_city", "already_covered"),
        ("miyagi", "sendai", "duplicate"),
        ("miyagi", "akita_city", "municipality_mismatch"),
    ],
)
def test_scope_grant_refuses_duplicates_and_mismatches(world, prefecture, municipality, code):
    body = coordinator_body_create(**body_kwargs(world))
    scope_grant(organization=body, prefecture=world["akita"], by=world["operator"])
    scope_grant(
        organization=body, prefecture=world["miyagi"], municipality=world["sendai"], by=world["operator"]
    )

    with pytest.raises(CoordinatorSetupError) as error:
        scope_grant(
            organization=body,
            prefecture=world[prefecture],
            municipality=world[municipality] if municipality else None,
            by=world["operator"],
        )

    assert error.value.code == code
    assert CoordinatorScope.objects.count() == 2


def test_scopes_are_only_for_coordinator_bodies(world):
    with pytest.raises(CoordinatorSetupError) as error:
        scope_grant(organization=world["company"], prefecture=world["miyagi"], by=world["operator"])

    assert error.value.code == "not_coordinator"


def test_operators_may_invite_to_coordinator_bodies_but_not_to_companies(world):
    body = coordinator_body_create(**body_kwargs(world))

    invitation_create(organization=body, email="staff@pref.example.jp", by=world["operator"])
    with pytest.raises(PermissionDenied):
        invitation_create(organization=world["company"], email="x@example.jp", by=world["operator"])


# --- pages ----------------------------------------------------------------------------------------


def invite_url(slug="sendai-co"):
    return reverse("accounts:organization_invite", args=[slug])


def test_invite_page_sends_an_invitation(client, world, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(world["admin"])

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
def test_invite_page_rejects_bad_input_in_japanese(client, world, data, message):
    client.force_login(world["admin"])

    response = client.post(invite_url(), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="error-summary"' in html
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["member", "other_admin", "operator"])
def test_invite_page_of_another_organisation_is_not_found(client, world, who):
    client.force_login(world[who])

    assert client.get(invite_url()).status_code == 404
    assert client.post(invite_url(), {"email": "x@example.jp", "role": "member"}).status_code == 404
    assert client.get(invite_url("no-such-org")).status_code == 404


def test_revoking_an_invitation_of_another_organisation_is_not_found(client, world):
    invitation = invite(world)
    client.force_login(world["other_admin"])

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


def test_revoke_page_cancels_the_invitation(client, world):
    invitation = invite(world)
    client.force_login(world["admin"])

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
def test_anonymous_visitors_are_sent_to_login(client, world, name_args):
    name, args = name_args

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_accept_page_shows_the_invitation_and_joins_on_post(client, world):
    invitation = invite(world)
    newcomer = make_user("new@example.jp", signed_up=True)
    client.force_login(newcomer)
    url = reverse("accounts:invitation_accept", args=[invitation.token])

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert "sendai-coの名前" in page.content.decode()
    assert response.status_code == 302
    assert response.url == reverse("accounts:me")
    assert Membership.objects.filter(user=newcomer, organization=world["company"]).exists()


def test_accept_page_explains_why_it_cannot_be_accepted(client, world):
    invitation = invite(world)
    url = reverse("accounts:invitation_accept", args=[invitation.token])
    client.force_login(world["other_admin"])

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


def test_operator_pages_create_a_body_and_grant_a_scope(client, world):
    client.force_login(world["operator"])
    listing = reverse("accounts:operator_coordinator_bodies")

    created = client.post(
        listing,
        {
            "name": "仙台市 経済局",
            "slug": "sendai-city",
            "body_type": "municipality",
            "prefecture": world["miyagi"].pk,
            "municipality": world["sendai"].pk,
        },
    )
    body = Organization.objects.get(slug="sendai-city")
    assert created.status_code == 302
    assert created.url == reverse("accounts:operator_coordinator_body", args=["sendai-city"])
    granted = client.post(created.url, {"prefecture": world["miyagi"].pk, "municipality": world["sendai"].pk})
    assert granted.status_code == 302
    assert CoordinatorScope.objects.filter(organization=body, municipality=world["sendai"]).exists()
    assert "仙台市 経済局" in client.get(listing).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "slug": "x", "body_type": "other"}, "このフィールドは必須です"),
        ({"name": "X", "slug": "日本語", "body_type": "other"}, "半角英数字"),
        ({"name": "X", "slug": "sendai-co", "body_type": "other"}, "すでに使われています"),
        (
            {"name": "X", "slug": "x", "body_type": "other", "prefecture": "999999"},
            "一覧から都道府県を選んでください",
        ),
        (
            {"name": "X", "slug": "x", "body_type": "other", "municipality": "akita_city"},
            "選んだ都道府県のものではありません",
        ),
    ],
)
def test_operator_page_rejects_bad_input_in_japanese(client, world, data, message):
    data = {"prefecture": world["miyagi"].pk, **data}
    if data.get("municipality") == "akita_city":
        data["municipality"] = world["akita_city"].pk
    client.force_login(world["operator"])

    response = client.post(reverse("accounts:operator_coordinator_bodies"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organization.objects.filter(kind=Organization.Kind.COORDINATOR).exists()


def test_scope_page_rejects_a_duplicate_in_japanese(client, world):
    body = coordinator_body_create(**body_kwargs(world))
    scope_grant(organization=body, prefecture=world["miyagi"], by=world["operator"])
    client.force_login(world["operator"])

    response = client.post(
        reverse("accounts:operator_coordinator_body", args=[body.slug]), {"prefecture": world["miyagi"].pk}
    )

    assert response.status_code == 200
    assert "全域がすでに担当地域です" in response.content.decode()
    assert CoordinatorScope.objects.count() == 1


@pytest.mark.parametrize("who", ["admin", "member", "other_admin"])
def test_operator_pages_are_forbidden_to_everyone_else(client, world, who):
    body = coordinator_body_create(**body_kwargs(world))
    client.force_login(world[who])

    assert client.get(reverse("accounts:operator_coordinator_bodies")).status_code == 403
    assert client.get(reverse("accounts:operator_coordinator_body", args=[body.slug])).status_code == 403


def test_operator_pages_need_mfa(client, world):
    operator = make_user("op2@office.example.jp", signed_up=True)
    Membership.objects.create(user=operator, organization=Organization.objects.get(slug="office"))
    client.force_login(operator)

    response = client.get(reverse("accounts:operator_coordinator_bodies"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_index")


def test_unknown_coordinator_body_is_not_found_for_operators(client, world):
    client.force_login(world["operator"])

    assert client.get(reverse("accounts:operator_coordinator_body", args=["sendai-co"])).status_code == 404


# --- staff need MFA before the invite page (it lists members' email addresses) --------------------


def test_coordinator_admin_without_mfa_is_sent_to_set_it_up_before_the_invite_page(client, world):
    body = make_org(Organization.Kind.COORDINATOR, "miyagi-desk", prefecture=world["miyagi"])
    coordinator = make_user("lead@desk.example.jp", signed_up=True)
    Membership.objects.create(user=coordinator, organization=body, role=Membership.Role.ADMIN)
    client.force_login(coordinator)

    response = client.get(f"/accounts/organizations/{body.slug}/invite/")

    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]
    with_totp(coordinator)
    assert client.get(f"/accounts/organizations/{body.slug}/invite/").status_code == 200


def test_company_admin_needs_no_mfa_for_the_invite_page(client, world):
    client.force_login(world["admin"])

    assert client.get(f"/accounts/organizations/{world['company'].slug}/invite/").status_code == 200


def test_invite_page_in_english_shows_dates_in_english(client, world):
    import re

    invitation_create(organization=world["company"], email="new@example.jp", by=world["admin"])
    client.force_login(world["admin"])

    html = client.get("/en/accounts/organizations/sendai-co/invite/").content.decode()

    assert re.search(r"\d+年\d+月\d+日", html) is None
    assert re.search(r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}", html)
    japanese = client.get("/accounts/organizations/sendai-co/invite/").content.decode()
    assert re.search(r"\d+年\d+月\d+日 \d{2}:\d{2}", japanese)
