"""The engagements admin: operators look records up, nobody changes them there, opening one with a
talent's personal data is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duallife.accounts.models import PersonalDataAccess, User
from duallife.engagements.models import Application, ConsentRecord, Referral
from duallife.engagements.services.referrals import referral_register
from duallife.organizations.models import Organization
from duallife.testing.accounts import give_mfa

MODELS = [
    "application",
    "applicationevent",
    "consentrecord",
    "contract",
    "scout",
    "message",
    "checkin",
    "interest",
    "referral",
    "threadread",
]


@pytest.fixture
def operator_client(client, world):
    User.objects.filter(pk=world.operator.pk).update(is_staff=True)
    give_mfa(world.operator)
    client.force_login(User.objects.get(pk=world.operator.pk))
    return client


@pytest.fixture
def referral(world):
    return referral_register(
        referrer=Organization.objects.get(slug="miyagi-pref"), company=world.company, by=world.coordinator
    )


@pytest.mark.parametrize("model", MODELS)
def test_an_operator_lists_every_engagement_model(operator_client, application, referral, model):
    response = operator_client.get(reverse(f"admin:engagements_{model}_changelist"))

    assert response.status_code == 200


def test_an_operator_opens_an_application_read_only_and_the_read_is_logged(
    operator_client, world, application
):
    url = reverse("admin:engagements_application_change", args=[application.pk])

    response = operator_client.get(url)

    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()  # no editable field
    access = PersonalDataAccess.objects.get(subject=world.talent)
    assert access.by == world.operator
    assert "管理画面" in access.what


def test_consent_records_cannot_be_added_changed_or_deleted(operator_client, application):
    record = ConsentRecord.objects.get()

    assert operator_client.get(reverse("admin:engagements_consentrecord_add")).status_code == 403
    changed = operator_client.post(
        reverse("admin:engagements_consentrecord_change", args=[record.pk]), {"fields": '["phone"]'}
    )
    deleted = operator_client.post(
        reverse("admin:engagements_consentrecord_delete", args=[record.pk]), {"post": "yes"}
    )

    assert changed.status_code == 403
    assert deleted.status_code == 403
    record.refresh_from_db()
    assert record.fields == ["name", "email"]


def test_applications_and_referrals_cannot_be_deleted_in_the_admin(operator_client, application, referral):
    for model, pk in (("application", application.pk), ("referral", referral.pk)):
        response = operator_client.post(
            reverse(f"admin:engagements_{model}_delete", args=[pk]), {"post": "yes"}
        )
        assert response.status_code == 403
    assert Application.objects.exists()
    assert Referral.objects.exists()


def test_staff_who_are_not_operators_do_not_see_engagements(client, world, application):
    User.objects.filter(pk=world.coordinator.pk).update(is_staff=True)
    give_mfa(world.coordinator)
    client.force_login(User.objects.get(pk=world.coordinator.pk))

    index = client.get(reverse("admin:index"))
    detail = client.get(reverse("admin:engagements_application_change", args=[application.pk]))

    assert index.status_code == 200
    assert reverse("admin:engagements_application_changelist") not in index.content.decode()
    assert detail.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, application):
    response = client.get(reverse("admin:engagements_application_changelist"))

    assert response.status_code == 302
    assert "login" in response.url
