"""Staff roles must turn on MFA before they open the admin or personal data."""

import pytest
from django.urls import reverse

from duallife.accounts.mfa import has_mfa, mfa_setup_required
from duallife.accounts.models import User
from duallife.organizations.models import Membership, Organization
from duallife.testing.accounts import make_user, with_totp

pytestmark = [pytest.mark.django_db, pytest.mark.urls("duallife.testing.urls")]

PERSONAL_DATA_PAGES = ["/test/personal-data/function/", "/test/personal-data/class/"]


@pytest.fixture
def coordinator(places):
    body = Organization.objects.create(
        kind=Organization.Kind.COORDINATOR, name="宮城県", slug="miyagi-pref", prefecture=places["miyagi"]
    )
    user = make_user("pref@example.jp", signed_up=True)
    Membership.objects.create(user=user, organization=body)
    return user


@pytest.fixture
def company_member(places):
    company = Organization.objects.create(
        kind=Organization.Kind.COMPANY, name="仙台商事", slug="sendai-co", prefecture=places["miyagi"]
    )
    user = make_user("member@example.jp", signed_up=True)
    Membership.objects.create(user=user, organization=company, role=Membership.Role.ADMIN)
    return user


@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/user/", *PERSONAL_DATA_PAGES])
def test_coordinator_without_mfa_is_sent_to_the_mfa_setup(client, coordinator, path):
    client.force_login(coordinator)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == reverse("mfa_index")
    follow = client.get(response.url)
    assert "二段階認証の設定が必要です" in follow.content.decode()


@pytest.mark.parametrize("path", PERSONAL_DATA_PAGES)
def test_coordinator_with_an_authenticator_app_passes(client, coordinator, path):
    client.force_login(with_totp(coordinator))

    response = client.get(path)

    assert response.status_code == 200


def test_coordinator_with_mfa_reaches_the_admin_where_django_decides(client, coordinator):
    client.force_login(with_totp(coordinator))

    response = client.get("/admin/", follow=True)

    # not sent to MFA any more; the admin itself refuses a user who is not Django staff
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302)]
    assert response.status_code == 403
    assert "権限がありません" in response.content.decode()


def test_django_staff_need_mfa_for_the_admin_too(client):
    staff = make_user("boss@example.jp", signed_up=True, is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get("/admin/").url == reverse("mfa_index")

    with_totp(staff)
    assert client.get("/admin/").status_code == 200


def test_localised_admin_path_is_guarded_too(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/en/admin/").status_code == 302


def test_operator_needs_mfa(client, places):
    secretariat = Organization.objects.create(
        kind=Organization.Kind.SECRETARIAT, name="事務局", slug="secretariat", prefecture=places["miyagi"]
    )
    operator = make_user("op@example.jp", signed_up=True)
    Membership.objects.create(user=operator, organization=secretariat)
    client.force_login(operator)

    assert client.get(PERSONAL_DATA_PAGES[0]).url == reverse("mfa_index")


@pytest.mark.parametrize("path", PERSONAL_DATA_PAGES)
def test_non_staff_users_open_personal_data_pages_without_mfa(client, company_member, path):
    client.force_login(company_member)

    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", PERSONAL_DATA_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_recovery_codes_alone_are_not_a_second_factor(coordinator):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(coordinator)

    assert not has_mfa(coordinator)
    assert mfa_setup_required(coordinator)


def test_mfa_pages_themselves_stay_open_to_staff_without_mfa(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("accounts:me")).status_code == 200


def test_htmx_requests_are_redirected_by_the_browser(client, coordinator):
    client.force_login(coordinator)

    response = client.get(PERSONAL_DATA_PAGES[0], headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("mfa_index")


def test_admin_add_user_form_asks_for_the_email(client):
    client.force_login(
        with_totp(make_user("boss@example.jp", signed_up=True, is_staff=True, is_superuser=True))
    )

    page = client.get(reverse("admin:accounts_user_add"))
    client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new@example.jp",
            "username": "new",
            "password1": "a-long-new-password-1",
            "password2": "a-long-new-password-1",
            "usable_password": "true",
        },
    )

    assert 'name="email"' in page.content.decode()
    assert User.objects.filter(email="new@example.jp").exists()
