"""Personal data behind the API and the admin: staff need MFA, their reads are logged, and an
account's deletion takes the person's words out of other people's notifications."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duallife.accounts.models import PersonalDataAccess, User
from duallife.accounts.services import account_delete
from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.messages import message_post
from duallife.engagements.services.scouts import scout_send
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE, applicant_in_offer, record
from duallife.testing.files import PDF_BYTES, private_root
from duallife.testing.notifications import told
from duallife.testing.talents import make_talent_user

SCOUT_MESSAGE = "あなたの経験こそ、私たちの新商品づくりに足りないものです。ぜひ一度お話しさせてください。"


def test_staff_without_mfa_get_403_from_the_applications_api(client, world, application):
    client.force_login(world.coordinator)

    response = client.get(f"/api/v1/my/applications/{application.pk}")

    assert response.status_code == 403
    assert "二段階認証" in response.json()["detail"]
    assert not PersonalDataAccess.objects.exists()
    give_mfa(world.coordinator)
    assert client.get(f"/api/v1/my/applications/{application.pk}").status_code == 200


def test_staff_without_mfa_cannot_send_or_read_scouts_through_the_api(client, world, sheet):
    scout = scout_send(sheet=sheet, talent=world.talent.talent, by=world.owner, message=SCOUT_MESSAGE)
    client.force_login(world.coordinator)

    assert client.get(f"/api/v1/my/scouts/{scout.pk}").status_code == 403
    assert client.get("/api/v1/my/scouts", {"box": "sent"}).status_code == 403
    response = client.post(
        "/api/v1/my/scouts",
        {"sheet_id": sheet.pk, "talent_id": world.talent.talent.pk, "message": SCOUT_MESSAGE},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_staff_read_of_a_contract_through_the_api_is_logged(client, world, sheet):
    contract = record(applicant_in_offer(world, sheet, "keiyaku"), world.owner)
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)

    assert client.get(f"/api/v1/my/contracts/{contract.pk}").status_code == 200

    assert PersonalDataAccess.objects.filter(by=world.coordinator, subject=contract.talent.user).exists()


@pytest.fixture
def operator_client(client, world):
    User.objects.filter(pk=world.operator.pk).update(is_staff=True)
    give_mfa(world.operator)
    client.force_login(User.objects.get(pk=world.operator.pk))
    return client


def test_admin_pages_showing_a_talent_log_the_read(operator_client, world, application):
    event = application.events.first()

    response = operator_client.get(reverse("admin:engagements_applicationevent_change", args=[event.pk]))

    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(by=world.operator, subject=world.talent).exists()


def test_the_admin_opens_a_message_with_an_attachment(
    operator_client, world, application, settings, tmp_path
):
    private_root(settings, tmp_path)
    upload = SimpleUploadedFile("見積.pdf", PDF_BYTES, content_type="application/pdf")
    message = message_post(
        application=application, by=world.talent, body="見積を添付します。", attachment=upload
    )

    response = operator_client.get(reverse("admin:engagements_message_change", args=[message.pk]))

    assert response.status_code == 200
    assert "/private/" not in response.content.decode()


def test_deleting_an_account_removes_its_words_from_thread_notifications_only(world, sheet, settings):
    talent = world.talent
    talent.set_password("delete-me-Password-1")
    talent.save()
    message_post(application=application_submit(sheet=sheet, by=talent, message=APPLY_MESSAGE), by=talent,
                 body="携帯は090-1111-2222です。")  # fmt: skip
    namesake = make_talent_user("namesake")
    namesake.talent.display_name = "山田talentさん"
    namesake.talent.save()
    application_submit(sheet=sheet, by=namesake, message=APPLY_MESSAGE)

    assert told(user=world.owner, body="090-1111-2222")

    account_delete(user=User.objects.get(pk=talent.pk), password="delete-me-Password-1")

    assert not told(user=world.owner, body="090-1111-2222")
    assert told(user=world.owner, title="山田talentさん")  # someone else, untouched
