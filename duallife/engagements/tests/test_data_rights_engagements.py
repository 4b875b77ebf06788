"""Data rights for engagements: the account export holds them; deleting an account closes what is
open (telling the other side), erases what the person wrote, and keeps the records the law and the
KPIs need — with no name, email or phone left in them."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.services import account_delete, account_export, personal_data_access_log
from duallife.core import data_rights
from duallife.engagements.models import (
    Application,
    CheckIn,
    CheckInAnswer,
    ConsentRecord,
    Contract,
    Interest,
    Message,
    Referral,
    Scout,
)
from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.referrals import referral_register
from duallife.notifications.models import Notification
from duallife.organizations.models import Organization
from duallife.postings.models import SpecSheet
from duallife.talents.models import TalentProfile, TalentSkill
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.notifications import told

PASSWORD = "an-unguessable-Passw0rd"
PHONE = "090-1234-5678"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
#: What must not be left anywhere once the account is gone (the world's talent is 山田花子).
TRACES = ("山田", "花子", "ヤマダ", "ハナコ", "talent@example.jp", PHONE, "talentさん")


@pytest.fixture
def engaged(world, make_sheet, settings, tmp_path):
    """The talent has an open application (with a message and an attachment), a contracted one
    (with a check-in answer), a pending scout, a 気になる, and a staff read of their data."""
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # where message attachments live
    talent_user = world.talent
    talent_user.set_password(PASSWORD)
    talent_user.save()
    TalentProfile.objects.filter(user=talent_user).update(phone=PHONE, self_introduction="山田花子です。")
    profile = TalentProfile.objects.get(user=talent_user)
    TalentSkill.objects.create(talent=profile, free_text="EC運営", normalized="ec運営", years=5)

    open_sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=2)
    contracted_sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    scouted_sheet = make_sheet(SpecSheet.Status.PUBLISHED, openings=1)
    open_application = application_submit(
        sheet=open_sheet,
        by=talent_user,
        message="山田花子です。" + APPLY_MESSAGE,
        shared_fields=["name", "email"],
    )
    contracted = application_submit(
        sheet=contracted_sheet, by=talent_user, message=APPLY_MESSAGE, shared_fields=["name", "phone"]
    )
    Application.objects.filter(pk=contracted.pk).update(status=Application.Status.CONTRACTED)
    contract = Contract.objects.create(
        application=contracted,
        sheet=contracted_sheet,
        organization=world.company,
        talent=profile,
        contract_type="outsourcing",
        starts_on=timezone.localdate(),
        days_per_month=2,
        monthly_fee_yen=40_000,
        travel_paid_by="company",
    )
    checkin = CheckIn.objects.create(contract=contract, due_on=timezone.localdate())
    CheckInAnswer.objects.create(
        checkin=checkin,
        side="talent",
        by=talent_user,
        rating=4,
        on_track=True,
        comment="山田です。順調です。",
    )
    Message.objects.create(
        application=open_application,
        author=talent_user,
        body="山田花子です。電話は " + PHONE + " です。",
        attachment=SimpleUploadedFile("cv.pdf", PDF_BYTES, content_type="application/pdf"),
        attachment_name="履歴書_山田.pdf",
        attachment_type="application/pdf",
        attachment_size=len(PDF_BYTES),
    )
    Message.objects.create(
        application=open_application, author=world.owner, body="ご応募ありがとうございます。"
    )
    scout = Scout.objects.create(
        sheet=scouted_sheet,
        talent=profile,
        sender=world.owner,
        sender_organization=world.company,
        message="EC運営の経験を、ぜひ私たちの蔵で活かしてください。お待ちしています。",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    Interest.objects.create(talent=profile, sheet=open_sheet)
    personal_data_access_log(by=world.coordinator, subject=talent_user, what="人材プロフィールの閲覧")
    return {
        "open": open_application,
        "contracted": contracted,
        "contract": contract,
        "scout": scout,
        "profile": profile,
    }


def test_the_export_holds_every_engagement_section(world, engaged):
    miyagi = Organization.objects.get(slug="miyagi-pref")
    referral_register(referrer=miyagi, company=world.other_company, by=world.operator)
    Referral.objects.update(registered_by=world.talent)

    sections = account_export(user=world.talent)["sections"]

    applications = {a["id"]: a for a in sections["applications"]}
    assert applications[engaged["open"].pk]["status"] == "applied"
    assert applications[engaged["open"].pk]["events"][0]["by_you"] is True
    assert applications[engaged["open"].pk]["message"].startswith("山田花子です。")
    assert [s["status"] for s in sections["scouts_received"]] == ["pending"]
    assert [i["sheet_id"] for i in sections["interests"]] == [engaged["open"].sheet_id]
    [message] = sections["messages_written"]
    assert message["attachment_name"] == "履歴書_山田.pdf"
    assert message["attachment_size"] == len(PDF_BYTES)
    assert "attachment" not in message  # names and sizes, never the bytes or the stored path
    assert sorted(r["fields"] for r in sections["consent_records"]) == [["name", "email"], ["name", "phone"]]
    assert sections["contracts"][0]["monthly_fee_yen"] == 40_000
    assert sections["checkin_answers"][0]["comment"] == "山田です。順調です。"
    assert sections["referrals_registered"][0]["company"] == "akita-sakeの名前"
    json.dumps(sections, default=str)  # JSON-ready


def test_the_engagement_eraser_runs_before_the_talent_profile_is_erased():
    order = list(data_rights.erasers())

    assert order.index("engagements") < order.index("talent_profile")
    assert order.index("engagements") < order.index("notifications")


def test_deleting_the_account_closes_what_is_open_and_tells_the_other_side(
    world, engaged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=world.talent, password=PASSWORD, reason="privacy")

    engaged["open"].refresh_from_db()
    engaged["scout"].refresh_from_db()
    assert engaged["open"].status == Application.Status.WITHDRAWN
    assert engaged["open"].events.last().to_status == Application.Status.WITHDRAWN
    assert engaged["scout"].status == Scout.Status.DECLINED
    assert told(user=world.owner, title="辞退しました")
    assert all("退会した方" in n.title for n in told(user=world.owner, title="辞退しました"))
    assert not Interest.objects.exists()


def test_deleting_the_account_erases_what_the_person_wrote(
    world, engaged, tmp_path, django_capture_on_commit_callbacks
):
    stored = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert len(stored) == 1

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=world.talent, password=PASSWORD)

    own = Message.objects.get(author=world.talent)
    assert (own.body, own.attachment.name, own.attachment_name, own.attachment_size) == ("", "", "", 0)
    assert Message.objects.get(author=world.owner).body == "ご応募ありがとうございます。"
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    assert set(Application.objects.values_list("message", flat=True)) == {""}
    answer = CheckInAnswer.objects.get()
    assert (answer.comment, answer.rating, answer.on_track) == ("", 4, True)


def test_deleting_the_account_keeps_consent_records_contracts_and_applications_anonymised(
    client, world, engaged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=world.talent, password=PASSWORD)

    assert ConsentRecord.objects.filter(talent_user=world.talent).count() == 2
    assert Contract.objects.filter(pk=engaged["contract"].pk).exists()
    assert Application.objects.filter(talent=engaged["profile"]).count() == 2
    profile = TalentProfile.objects.get(pk=engaged["profile"].pk)
    assert (profile.family_name, profile.given_name, profile.phone, profile.self_introduction) == (
        "",
        "",
        "",
        "",
    )
    assert profile.display_name == "退会したユーザー"
    assert profile.visibility == TalentProfile.Visibility.PRIVATE
    assert not TalentSkill.objects.exists()

    # what the company still sees of the application it had the name and phone for
    client.force_login(world.member)
    page = client.get(reverse("engagements:application_detail", args=[engaged["contracted"].pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for trace in TRACES:
        assert trace not in html, trace
    others = " ".join(
        f"{n.title} {n.body}" for n in Notification.objects.exclude(user=world.talent).order_by("pk")
    )
    for trace in TRACES:
        assert trace not in others, trace
    world.talent.refresh_from_db()
    export = json.dumps(account_export(user=world.talent), default=str, ensure_ascii=False)
    for trace in TRACES:
        assert trace not in export, trace


def test_the_person_keeps_seeing_nothing_and_staff_see_an_anonymous_record(
    client, world, engaged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=world.talent, password=PASSWORD)
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)

    page = client.get(reverse("engagements:application_detail", args=[engaged["contracted"].pk]))

    assert page.status_code == 200
    for trace in TRACES:
        assert trace not in page.content.decode(), trace


def test_an_account_with_a_profile_but_no_engagements_still_loses_the_profile(world):
    world.talent.set_password(PASSWORD)
    world.talent.save()

    account_delete(user=world.talent, password=PASSWORD)

    assert not TalentProfile.objects.filter(user=world.talent).exists()


def test_a_company_member_leaving_blanks_their_messages_but_keeps_the_thread(
    world, engaged, django_capture_on_commit_callbacks
):
    world.member.set_password(PASSWORD)
    world.member.save()
    Message.objects.create(application=engaged["open"], author=world.member, body="担当の鈴木です。")

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=world.member, password=PASSWORD)

    assert Message.objects.get(author=world.member).body == ""
    assert Message.objects.filter(application=engaged["open"]).count() == 3
    engaged["open"].refresh_from_db()
    assert engaged["open"].status == Application.Status.APPLIED  # not the member's to close
