"""Sign-up records agreement to the terms in force; new terms are asked for once, at the next
log-in, before anything else; the API and logging out are never blocked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duallife.accounts.models import User
from duallife.content.middleware import TERMS_DUE
from duallife.content.models import TermsConsent
from duallife.content.services import terms_agree
from duallife.testing.accounts import make_user
from duallife.testing.content import make_operator, new_terms, pages_loaded

pytestmark = pytest.mark.django_db

PASSWORD = "tohoku-side-job-2026!"


@pytest.fixture
def terms(region_pack):
    return pages_loaded()


def sign_up(client: Client, **extra):
    data = {"email": "taro@example.jp", "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post(reverse("account_signup"), data)


def test_sign_up_asks_for_agreement_and_records_the_version(client, terms):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="agree_terms"' in page
    assert 'href="/terms/"' in page
    assert "第1版" in page

    response = sign_up(client, agree_terms="on", terms_version=terms.number)

    assert response.status_code == 302
    user = User.objects.get(email="taro@example.jp")
    assert list(TermsConsent.objects.filter(user=user).values_list("version", flat=True)) == [terms.pk]


def test_sign_up_without_agreement_is_refused_and_creates_nothing(client, terms):
    response = sign_up(client, terms_version=terms.number)
    assert response.status_code == 200
    assert "登録するには、利用規約とプライバシーポリシーへの同意が必要です。" in response.content.decode()
    assert not User.objects.filter(email="taro@example.jp").exists()


def test_sign_up_against_terms_changed_meanwhile_asks_again(client, terms):
    new_terms(make_operator())
    response = sign_up(client, agree_terms="on", terms_version=terms.number)
    assert response.status_code == 200
    assert "利用規約が改定されました" in response.content.decode()
    assert not User.objects.filter(email="taro@example.jp").exists()


def test_sign_up_in_english_explains_in_english(client, terms):
    response = client.post(
        "/en/accounts/signup/", {"email": "taro@example.jp", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "To sign up, agree to the terms of use and the privacy policy." in response.content.decode()


def test_without_published_terms_nothing_is_asked(client, region_pack):
    assert 'name="agree_terms"' not in client.get(reverse("account_signup")).content.decode()
    assert sign_up(client).status_code == 302


def test_new_terms_are_asked_at_the_next_login_then_the_person_goes_on(client, terms):
    person = make_user("hanako", signed_up=True, agreed=False)
    terms_agree(user=person, version=terms)
    second = new_terms(make_operator())

    client.force_login(person)
    asked = client.get("/applications/")
    assert asked.status_code == 302
    assert asked["Location"] == f"{reverse('content:terms_agree')}?next=%2Fapplications%2F"
    page = client.get(asked["Location"]).content.decode()
    assert "第2版" in page
    assert "連絡先を変更" in page

    refused = client.post(reverse("content:terms_agree"), {"terms_version": 2, "next": "/applications/"})
    assert "続けるには、新しい利用規約への同意が必要です。" in refused.content.decode()

    agreed = client.post(
        reverse("content:terms_agree"), {"agree_terms": "on", "terms_version": 2, "next": "/applications/"}
    )
    assert agreed.status_code == 302
    assert agreed["Location"] == "/applications/"
    assert TermsConsent.objects.filter(user=person, version=second).exists()
    assert TERMS_DUE not in client.session
    assert client.get("/applications/").status_code == 200


def test_a_version_published_during_a_session_waits_for_the_next_login(client, terms):
    person = make_user("hanako", signed_up=True)
    terms_agree(user=person, version=terms)
    client.force_login(person)
    new_terms(make_operator())
    assert client.get("/applications/").status_code == 200


def test_the_terms_the_api_and_logging_out_stay_open_while_agreement_is_owed(client, terms):
    person = make_user("hanako", signed_up=True)
    new_terms(make_operator())
    client.force_login(person)
    assert client.get("/terms/").status_code == 200
    assert client.get("/pages/terms/history/").status_code == 200
    assert client.get("/api/v1/my/notifications").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_agreeing_to_a_version_no_longer_in_force_is_refused(client, terms):
    person = make_user("hanako", signed_up=True)
    new_terms(make_operator())
    client.force_login(person)
    response = client.post(reverse("content:terms_agree"), {"agree_terms": "on", "terms_version": 1})
    assert "利用規約が改定されました" in response.content.decode()
    assert list(TermsConsent.objects.filter(user=person).values_list("version__number", flat=True)) == [1]


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_after_agreeing_a_foreign_next_goes_home(client, terms, next_url):
    person = make_user("hanako", signed_up=True)
    new_terms(make_operator())
    client.force_login(person)
    response = client.post(
        reverse("content:terms_agree"), {"agree_terms": "on", "terms_version": 2, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_account_export_lists_the_versions_agreed_to(client, terms):
    person = make_user("hanako", signed_up=True, agreed=False)
    terms_agree(user=person, version=terms)
    client.force_login(person)
    export = client.get(reverse("accounts:export")).json()
    assert [entry["version"] for entry in export["sections"]["terms_consents"]] == [1]
