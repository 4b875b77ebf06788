"""Download my data (JSON) and delete my account (erased or anonymised, and logged)."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.urls import reverse

from duallife.accounts.errors import AccountDeletionError
from duallife.accounts.models import AccountDeletionLog, PersonalDataAccess, User
from duallife.accounts.services import account_delete, account_export, personal_data_access_log
from duallife.core import data_rights
from duallife.organizations.models import Invitation, Membership, Organization
from duallife.talents.models import TalentProfile, TalentSkill
from duallife.testing.accounts import DEFAULT_PASSWORD, make_user, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(places):
    return Organization.objects.create(
        kind=Organization.Kind.COMPANY, name="仙台商事", slug="sendai-co", prefecture=places["miyagi"]
    )


@pytest.fixture
def talent(places):
    user = make_user("hanako@example.jp", signed_up=True, first_name="花子", last_name="髙橋")
    profile = TalentProfile.objects.create(
        user=user,
        family_name="髙橋",
        given_name="花子",
        family_name_kana="タカハシ",
        given_name_kana="ハナコ",
        display_name="はなこ",
        phone="090-0000-0000",
        home_prefecture=places["tokyo"],
        home_municipality=places["setagaya"],
        hometown_prefecture=places["miyagi"],
        motives=["give_back"],
        self_introduction="仙台出身のマーケターです。",
    )
    TalentSkill.objects.create(
        talent=profile, free_text="ウェブマーケティング", normalized="ウェブマーケティング", years=8
    )
    return user


def test_export_holds_the_account_profile_skills_memberships_and_invitations(talent, company):
    Membership.objects.create(user=talent, organization=company, role=Membership.Role.ADMIN)
    Invitation.objects.create(
        organization=company,
        email="colleague@example.jp",
        token="t1",
        invited_by=talent,
        expires_at="2099-01-01T00:00Z",
    )
    Invitation.objects.create(
        organization=company, email="HANAKO@example.jp", token="t2", expires_at="2099-01-01T00:00Z"
    )
    with_totp(talent)

    export = account_export(user=talent)

    sections = export["sections"]
    assert export["format"] == "duallife-account-export"
    assert sections["user"]["email"] == "hanako@example.jp"
    assert sections["user"]["last_name"] == "髙橋"
    assert sections["email_addresses"] == [{"email": "hanako@example.jp", "verified": True, "primary": True}]
    assert sections["talent_profile"]["family_name"] == "髙橋"
    assert sections["talent_profile"]["home_municipality"] == "東京都世田谷区"
    assert sections["talent_profile"]["skills"] == [
        {"skill": None, "free_text": "ウェブマーケティング", "years": 8, "level": 2}
    ]
    assert sections["memberships"][0]["organization"] == "仙台商事"
    assert sections["memberships"][0]["role"] == "admin"
    assert [i["email"] for i in sections["invitations_sent"]] == ["colleague@example.jp"]
    assert [i["email"] for i in sections["invitations_received"]] == ["HANAKO@example.jp"]
    assert sections["two_factor_authentication"][0]["type"] == "totp"
    assert "secret" not in json.dumps(sections["two_factor_authentication"], default=str)


def test_export_of_a_user_without_profile_says_none(places):
    user = make_user("plain@example.jp", signed_up=True)

    sections = account_export(user=user)["sections"]

    assert sections["talent_profile"] is None
    assert sections["memberships"] == []


def test_export_lists_staff_accesses_without_naming_the_staff(talent):
    staff = make_user("staff@example.jp", signed_up=True)
    personal_data_access_log(by=staff, subject=talent, what="人材プロフィールの閲覧")

    accesses = account_export(user=talent)["sections"]["personal_data_accesses"]

    assert [a["what"] for a in accesses] == ["人材プロフィールの閲覧"]
    assert "staff@example.jp" not in json.dumps(accesses, default=str)


def test_export_download_is_a_json_attachment_of_my_data_only(client, talent):
    make_user("other@example.jp", signed_up=True)
    client.force_login(talent)

    response = client.get(reverse("accounts:export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="duallife-account-')
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["sections"]["user"]["email"] == "hanako@example.jp"
    assert "other@example.jp" not in response.content.decode()
    assert "髙橋" in response.content.decode()  # UTF-8, not \\u escapes


@pytest.mark.parametrize("name", ["accounts:export", "accounts:delete", "accounts:me"])
def test_anonymous_visitors_are_sent_to_login(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_apps_register_more_sections_and_erase_steps():
    assert {"user", "talent_profile", "memberships", "invitations_sent"} <= set(data_rights.exporters())
    erase_order = list(data_rights.erasers())
    assert erase_order.index("talent_profile") < erase_order.index("memberships_and_invitations")


def test_registering_two_different_sections_under_one_name_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):

        @data_rights.export_section("user")
        def another_user_section(user):  # pragma: no cover
            return None


def test_delete_erases_the_profile_and_anonymises_the_user(talent, company):
    Membership.objects.create(user=talent, organization=company)
    pending = Invitation.objects.create(
        organization=company, email="hanako@example.jp", token="t3", expires_at="2099-01-01T00:00Z"
    )
    with_totp(talent)
    AccessAttempt.objects.create(
        username="hanako@example.jp", ip_address="127.0.0.1", user_agent="", failures_since_start=1
    )

    log = account_delete(user=talent, password=DEFAULT_PASSWORD, reason="privacy")

    talent.refresh_from_db()
    assert talent.email == f"deleted-{talent.pk}@invalid"
    assert (talent.first_name, talent.last_name) == ("", "")
    assert not talent.is_active
    assert not talent.has_usable_password()
    assert not TalentProfile.objects.exists()
    assert not TalentSkill.objects.exists()
    assert not Membership.objects.exists()
    assert not EmailAddress.objects.filter(user=talent).exists()
    assert not Authenticator.objects.filter(user=talent).exists()
    assert not AccessAttempt.objects.exists()
    pending.refresh_from_db()
    assert pending.email == f"deleted-{talent.pk}@invalid"
    assert pending.revoked_at is not None
    assert (log.user_id, log.reason) == (talent.pk, "privacy")
    assert "hanako" not in json.dumps(account_export(user=talent), default=str)


@pytest.mark.parametrize(
    ("password", "reason", "code"),
    [
        ("wrong-password", "", "wrong_password"),
        ("", "", "password_required"),
        (DEFAULT_PASSWORD, "because", "invalid_reason"),
    ],
)
def test_delete_refuses_bad_input_and_changes_nothing(talent, password, reason, code):
    with pytest.raises(AccountDeletionError) as error:
        account_delete(user=talent, password=password, reason=reason)

    assert error.value.code == code
    talent.refresh_from_db()
    assert talent.is_active
    assert talent.email == "hanako@example.jp"
    assert TalentProfile.objects.filter(user=talent).exists()
    assert not AccountDeletionLog.objects.exists()


def test_the_only_admin_of_an_organisation_with_members_must_hand_over_first(talent, company):
    Membership.objects.create(user=talent, organization=company, role=Membership.Role.ADMIN)
    Membership.objects.create(user=make_user("colleague@example.jp", signed_up=True), organization=company)

    with pytest.raises(AccountDeletionError) as error:
        account_delete(user=talent, password=DEFAULT_PASSWORD)

    assert error.value.code == "sole_admin"
    assert "仙台商事" in error.value.message
    assert Membership.objects.count() == 2


def test_an_eraser_failing_rolls_the_whole_deletion_back(talent, monkeypatch):
    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setitem(data_rights._ERASERS, "broken", broken)

    with pytest.raises(RuntimeError):
        account_delete(user=talent, password=DEFAULT_PASSWORD)

    talent.refresh_from_db()
    assert talent.is_active
    assert TalentProfile.objects.filter(user=talent).exists()
    assert not AccountDeletionLog.objects.exists()


def test_delete_page_logs_out_and_the_account_cannot_log_in_again(client, talent):
    client.force_login(talent)

    page = client.get(reverse("accounts:delete"))
    response = client.post(
        reverse("accounts:delete"), {"password": DEFAULT_PASSWORD, "reason": "", "confirm": "on"}
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "_auth_user_id" not in client.session
    assert AccountDeletionLog.objects.filter(user_id=talent.pk).exists()
    again = client.post(
        reverse("account_login"), {"login": "hanako@example.jp", "password": DEFAULT_PASSWORD}
    )
    assert again.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "wrong", "confirm": "on"}, "パスワードが正しくありません"),
        ({"password": DEFAULT_PASSWORD}, "確認のチェックを入れてください"),
        ({"confirm": "on"}, "このフィールドは必須です"),
        ({"password": DEFAULT_PASSWORD, "confirm": "on", "reason": "x" * 50}, "正しく選択してください"),
    ],
)
def test_delete_page_rejects_bad_input_in_japanese(client, talent, data, message):
    client.force_login(talent)

    response = client.post(reverse("accounts:delete"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="error-summary"' in html
    assert User.objects.get(pk=talent.pk).is_active


def test_personal_data_access_log_records_who_whose_what_and_when(talent):
    staff = make_user("staff@example.jp", signed_up=True)

    entry = personal_data_access_log(by=staff, subject=talent, what="  人材プロフィール\nの閲覧 ")

    assert (entry.by, entry.subject, entry.what) == (staff, talent, "人材プロフィール の閲覧")
    assert entry.at is not None
    assert list(PersonalDataAccess.objects.filter(subject=talent)) == [entry]


def test_personal_data_access_log_refuses_an_empty_what_or_an_anonymous_reader(talent):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ValueError, match="what"):
        personal_data_access_log(by=talent, subject=talent, what="  ")
    with pytest.raises(ValueError, match="logged-in"):
        personal_data_access_log(by=AnonymousUser(), subject=talent, what="閲覧")
    assert not PersonalDataAccess.objects.exists()


def test_staff_opening_a_user_in_the_admin_is_logged(client, talent):
    staff = with_totp(make_user("boss@example.jp", signed_up=True, is_staff=True, is_superuser=True))
    client.force_login(staff)

    response = client.get(reverse("admin:accounts_user_change", args=[talent.pk]))

    assert response.status_code == 200
    entry = PersonalDataAccess.objects.get()
    assert (entry.by, entry.subject) == (staff, talent)


def test_an_unverified_address_does_not_pull_in_or_erase_someone_elses_invitations(db):
    from allauth.account.models import EmailAddress

    from duallife.accounts.services import account_delete, account_export
    from duallife.organizations.models import Invitation, Organization
    from duallife.regions.models import Prefecture
    from duallife.regions.services import region_pack_load
    from duallife.testing.accounts import DEFAULT_PASSWORD, make_user

    region_pack_load(slug="tohoku")
    org = Organization.objects.create(
        kind=Organization.Kind.COMPANY,
        name="宛先の会社",
        slug="target-co",
        prefecture=Prefecture.objects.get(code="04"),
    )
    invitation = Invitation.objects.create(
        organization=org,
        email="victim@corp.example.jp",
        token="t" * 40,
        expires_at=org.created_at + __import__("datetime").timedelta(days=7),
    )
    sneaky = make_user("sneaky@example.jp", signed_up=True)
    EmailAddress.objects.create(user=sneaky, email="victim@corp.example.jp", verified=False, primary=False)

    exported = account_export(user=sneaky)
    account_delete(user=sneaky, password=DEFAULT_PASSWORD)

    assert "victim@corp.example.jp" not in str(exported.get("invitations_received", ""))
    invitation.refresh_from_db()
    assert invitation.email == "victim@corp.example.jp"
