"""Sign-up, email verification, login, password reset and logout: email-only, in Japanese."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from duallife.accounts.models import User
from duallife.testing.accounts import DEFAULT_PASSWORD, make_user, with_totp

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "tohoku-side-job-2026!"


def signup(client, **overrides):
    data = {"email": "taro@example.jp", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **overrides}
    return client.post(reverse("account_signup"), data)


def test_login_page_is_japanese_with_labelled_email_and_password_fields(client):
    response = client.get(reverse("account_login"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>ログイン</h1>" in html
    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html
    assert 'type="email"' in html
    assert "username" not in html.lower()
    assert reverse("account_signup") in html
    assert reverse("account_reset_password") in html  # the password field's help links to it


def test_header_offers_login_and_signup_to_visitors_and_a_menu_to_members(client):
    visitor = client.get(reverse("home")).content.decode()
    assert reverse("account_login") in visitor
    assert reverse("account_signup") in visitor

    client.force_login(make_user("hanako@example.jp", signed_up=True))
    member = client.get(reverse("home")).content.decode()
    assert reverse("accounts:me") in member
    assert reverse("account_logout") in member
    assert "マイページ" in member


def test_signup_creates_an_unverified_account_and_mails_a_verification_link(client, mailoutbox):
    response = signup(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="taro@example.jp")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["taro@example.jp"]
    assert "メールアドレスの確認" in mailoutbox[0].subject
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_following_the_verification_link_verifies_and_logs_in(client, mailoutbox):
    signup(client)
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/[^\s]+)", mailoutbox[0].body).group(1)

    page = client.get(link)
    assert page.status_code == 200
    assert "確認する" in page.content.decode()
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="taro@example.jp").verified
    assert client.get(reverse("accounts:me")).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"email": "not-an-email"}, "有効なメールアドレスを入力してください", id="bad-email"),
        pytest.param({"password2": "something-else-123"}, "同じパスワード", id="mismatch"),
        pytest.param({"password1": "short", "password2": "short"}, "短すぎ", id="too-short"),
        pytest.param({"email": ""}, "このフィールドは必須です", id="missing-email"),
    ],
)
def test_bad_signup_shows_japanese_errors_tied_to_the_field_and_saves_nothing(
    client, mailoutbox, overrides, message
):
    response = signup(client, **overrides)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*id_\w+_error"', html)
    assert not User.objects.exists()
    assert mailoutbox == []


def test_signup_with_an_existing_email_creates_no_second_account(client, mailoutbox):
    make_user("taro@example.jp", signed_up=True)

    signup(client)

    assert User.objects.filter(email__iexact="taro@example.jp").count() == 1


def test_login_with_email_and_password_goes_to_the_home_page(client):
    make_user("hanako@example.jp", signed_up=True)

    response = client.post(
        reverse("account_login"), {"login": "hanako@example.jp", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_with_an_unverified_email_sends_a_verification_mail_instead(client, mailoutbox):
    make_user("new@example.jp", signed_up=True, verified=False)

    response = client.post(
        reverse("account_login"), {"login": "new@example.jp", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    assert client.get(reverse("accounts:me")).status_code == 302  # still not logged in


def test_wrong_password_shows_an_error_summary_in_japanese(client):
    make_user("hanako@example.jp", signed_up=True)

    response = client.post(reverse("account_login"), {"login": "hanako@example.jp", "password": "wrong"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "メールアドレスもしくはパスワードが正しくありません" in html


def test_password_reset_mails_a_link_that_sets_a_new_password(client, mailoutbox):
    make_user("hanako@example.jp", signed_up=True)

    response = client.post(reverse("account_reset_password"), {"email": "hanako@example.jp"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/[^\s]+)", mailoutbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert User.objects.get(email="hanako@example.jp").check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_email_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.jp"})

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


def test_bad_reset_link_says_so_in_japanese(client):
    response = client.get("/accounts/password/reset/key/1-set-password/")

    assert response.status_code == 200
    assert "リンクが無効です" in response.content.decode()


def test_logout_asks_for_confirmation_and_only_a_post_logs_out(client):
    client.force_login(make_user("hanako@example.jp", signed_up=True))

    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert client.get(reverse("accounts:me")).status_code == 200

    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:me")).status_code == 302


def test_allauth_pages_render_inside_the_site_layout_with_labelled_fields(client):
    client.force_login(make_user("hanako@example.jp", signed_up=True))
    reauthenticate = client.get(reverse("account_reauthenticate")).content.decode()
    assert 'class="site-header"' in reauthenticate
    assert '<label for="id_password">' in reauthenticate
    # allauth asks for the password again before any change to the second factors
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert 'alt="認証アプリで読み取るQRコード"' in html
    assert '<label for="id_code">' in html


@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_list_webauthn",
        "account_reauthenticate",
    ],
)
def test_every_account_management_page_renders_in_the_site_layout(client, name):
    client.force_login(make_user("hanako@example.jp", signed_up=True))
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})

    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert html.count("<h1") == 1


def test_recovery_code_pages_render_once_totp_is_on(client):
    user = with_totp(make_user("hanako@example.jp", signed_up=True))
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})

    generate = client.get(reverse("mfa_generate_recovery_codes"))
    client.post(reverse("mfa_generate_recovery_codes"))
    view = client.get(reverse("mfa_view_recovery_codes"))

    assert generate.status_code == 200
    assert view.status_code == 200
    assert '<label for="recovery_codes">' in view.content.decode()
