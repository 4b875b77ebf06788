"""The contact form lands in the secretariat's queue; bad input is explained and saves nothing;
too many messages from one place are refused for an hour; only the secretariat reads the queue."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.services import account_delete
from duallife.content.models import Inquiry
from duallife.content.services import INQUIRY_LIMIT, inquiries_purge
from duallife.testing.accounts import DEFAULT_PASSWORD, make_user
from duallife.testing.content import make_company_member, make_operator
from duallife.testing.pages import OPERATOR_HEADER_QUERIES

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "東北 花子",
    "email": "hanako@example.jp",
    "topic": "talent",
    "body": "副業の探し方を教えてください。",
}


def test_anyone_sends_an_inquiry_and_it_waits_in_the_queue(client):
    response = client.post(reverse("content:contact"), GOOD)
    assert response.status_code == 200
    assert "お問い合わせを受け付けました" in response.content.decode()
    inquiry = Inquiry.objects.get()
    assert (inquiry.status, inquiry.topic, inquiry.user, inquiry.language) == ("new", "talent", None, "ja")


def test_a_signed_in_person_finds_the_form_filled_and_is_remembered(client):
    person = make_user("hanako", first_name="花子", last_name="東北")
    client.force_login(person)
    assert 'value="hanako@example.jp"' in client.get(reverse("content:contact")).content.decode()
    client.post(reverse("content:contact"), GOOD)
    assert Inquiry.objects.get().user == person


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "このフィールドは必須です。"),
        ("email", "not-an-address", "有効なメールアドレスを入力してください。"),
        ("topic", "lottery", "お問い合わせの種類を選び直してください。"),
        ("body", "短い", "10 文字以上"),
        ("body", "あ" * 4001, "4000 文字以下"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, field, value, message):
    response = client.post(reverse("content:contact"), {**GOOD, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Inquiry.objects.exists()


def test_bad_input_is_explained_in_english_on_the_english_page(client):
    response = client.post("/en/contact/", {**GOOD, "topic": "lottery"})
    assert "Choose the kind of question again." in response.content.decode()


def test_too_many_inquiries_from_one_place_are_refused_for_an_hour(client):
    for _ in range(INQUIRY_LIMIT):
        assert client.post(reverse("content:contact"), GOOD).status_code == 200
    refused = client.post(reverse("content:contact"), GOOD)
    assert refused.status_code == 429
    assert "1時間ほどおいて" in refused.content.decode()
    assert Inquiry.objects.count() == INQUIRY_LIMIT


def test_the_secretariat_reads_the_queue_and_moves_an_inquiry_along(client):
    Client().post(reverse("content:contact"), GOOD)
    inquiry = Inquiry.objects.get()
    operator = make_operator()
    client.force_login(operator)

    queue = client.get(reverse("content:inquiries")).content.decode()
    assert "東北 花子" in queue
    assert "未対応（1）" in queue
    detail = client.get(reverse("content:inquiry", kwargs={"pk": inquiry.pk}))
    assert "副業の探し方を教えてください。" in detail.content.decode()

    saved = client.post(
        reverse("content:inquiry", kwargs={"pk": inquiry.pk}), {"status": "closed", "staff_note": "返信済み"}
    )
    assert saved.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.staff_note) == ("closed", "返信済み")
    bad = client.post(reverse("content:inquiry", kwargs={"pk": inquiry.pk}), {"status": "lost"})
    assert bad.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.status == "closed"


@pytest.mark.parametrize("pk", ["0", "99999999999999999999"])
def test_a_missing_inquiry_is_not_found(client, pk):
    client.force_login(make_operator())
    assert client.get(f"/contact/inquiries/{pk}/").status_code == 404


def test_nobody_but_the_secretariat_reads_inquiries(client):
    Client().post(reverse("content:contact"), GOOD)
    inquiry = Inquiry.objects.get()
    assert client.get(reverse("content:inquiries"))["Location"].startswith("/accounts/login/")
    client.force_login(make_company_member())
    assert client.get(reverse("content:inquiries")).status_code == 404
    assert client.get(reverse("content:inquiry", kwargs={"pk": inquiry.pk})).status_code == 404
    before_mfa = Client()
    before_mfa.force_login(make_operator("operator-without-mfa", mfa=False))
    assert before_mfa.get(reverse("content:inquiries"))["Location"] == reverse("mfa_index")


def test_the_queue_reads_with_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for i in range(3):
        Inquiry.objects.create(name=f"n{i}", email=f"n{i}@example.jp", topic="other", body="x" * 20)
    client.force_login(make_operator())
    client.get(reverse("content:inquiries"))
    with django_assert_max_num_queries(12 + OPERATOR_HEADER_QUERIES):
        client.get(reverse("content:inquiries"))
    for i in range(20):
        Inquiry.objects.create(name=f"m{i}", email=f"m{i}@example.jp", topic="other", body="x" * 20)
    with django_assert_max_num_queries(12 + OPERATOR_HEADER_QUERIES):
        client.get(reverse("content:inquiries"))


def test_answered_inquiries_are_deleted_after_three_years():
    old = Inquiry.objects.create(
        name="a", email="a@example.jp", topic="other", body="x" * 20, status="closed"
    )
    open_ = Inquiry.objects.create(name="b", email="b@example.jp", topic="other", body="x" * 20)
    Inquiry.objects.filter(pk__in=[old.pk, open_.pk]).update(
        updated_at=timezone.now() - datetime.timedelta(days=3 * 365 + 1)
    )
    assert inquiries_purge() == 1
    assert list(Inquiry.objects.values_list("pk", flat=True)) == [open_.pk]


def test_the_account_export_holds_the_persons_inquiries_and_deletion_erases_them(client):
    person = make_user("hanako", signed_up=True)
    client.force_login(person)
    client.post(reverse("content:contact"), GOOD)
    export = client.get(reverse("accounts:export")).json()
    assert [entry["topic"] for entry in export["sections"]["inquiries"]] == ["talent"]

    account_delete(user=person, password=DEFAULT_PASSWORD)
    assert not Inquiry.objects.exists()
