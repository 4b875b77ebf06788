"""Applying, moving through the pipeline, declining, withdrawing, and a sheet closing."""

from __future__ import annotations

import pytest

from duallife.engagements.errors import (
    EngagementConflictError,
    EngagementError,
    EngagementPermissionError,
    EngagementTransitionError,
)
from duallife.engagements.models import Application, ConsentRecord
from duallife.engagements.services.applications import (
    application_advance,
    application_decline,
    application_submit,
    application_withdraw,
)
from duallife.notifications.models import Notification
from duallife.postings.models import SpecSheet
from duallife.postings.services.sheets import spec_sheet_close, spec_sheets_close_expired
from duallife.testing.engagements import APPLY_MESSAGE

S = Application.Status


def test_applying_records_the_consent_for_the_chosen_fields_and_tells_the_company(world, application):
    assert application.status == S.APPLIED
    record = ConsentRecord.objects.get(application=application)
    assert record.fields == ["name", "email"]
    assert record.recipient == world.company
    assert record.talent_user == world.talent
    assert (record.keep_until - record.granted_at.date()).days >= 3 * 365
    told = set(Notification.objects.filter(kind="application").values_list("user__username", flat=True))
    assert told == {"owner", "member"}


def test_a_second_application_to_the_same_sheet_is_refused(world, sheet, application):
    with pytest.raises(EngagementConflictError):
        application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)
    assert Application.objects.filter(sheet=sheet).count() == 1


def test_a_draft_sheet_takes_no_applications(world, make_sheet):
    draft = make_sheet(SpecSheet.Status.DRAFT)
    with pytest.raises(EngagementError, match="募集中ではありません"):
        application_submit(sheet=draft, by=world.talent, message=APPLY_MESSAGE)
    assert not Application.objects.exists()


def test_unknown_shared_fields_and_short_messages_are_refused(world, sheet):
    with pytest.raises(EngagementError, match="共有する項目"):
        application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE, shared_fields=["password"])
    with pytest.raises(EngagementError, match="10文字以上"):
        application_submit(sheet=sheet, by=world.talent, message="よろしく")
    assert not Application.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_someone_without_a_talent_profile_cannot_apply(world, sheet):
    with pytest.raises(EngagementPermissionError):
        application_submit(sheet=sheet, by=world.nobody, message=APPLY_MESSAGE)


def test_the_company_moves_it_on_and_the_history_shows_each_step(world, application):
    import datetime

    from django.utils import timezone

    application_advance(application=application, by=world.member, to=S.IN_CONVERSATION)
    when = timezone.now() + datetime.timedelta(days=3)
    application_advance(
        application=application, by=world.owner, to=S.INTERVIEW, interview_mode="online", interview_at=when
    )
    application_advance(application=application, by=world.owner, to=S.OFFER)
    application.refresh_from_db()
    assert application.status == S.OFFER
    assert application.interview_at == when
    steps = [(e.from_status, e.to_status, e.by.username) for e in application.events.all()]
    assert steps == [
        ("", S.APPLIED, "talent"),
        (S.APPLIED, S.IN_CONVERSATION, "member"),
        (S.IN_CONVERSATION, S.INTERVIEW, "owner"),
        (S.INTERVIEW, S.OFFER, "owner"),
    ]


def test_an_interview_needs_a_mode_and_a_date(world, application):
    with pytest.raises(EngagementError, match="面談の方法"):
        application_advance(application=application, by=world.owner, to=S.INTERVIEW)
    application.refresh_from_db()
    assert application.status == S.APPLIED


def test_another_company_cannot_move_or_decline(world, application):
    with pytest.raises(EngagementPermissionError):
        application_advance(application=application, by=world.stranger, to=S.IN_CONVERSATION)
    with pytest.raises(EngagementPermissionError):
        application_decline(application=application, by=world.talent)


def test_withdrawing_is_possible_until_a_decision(world, application):
    application_decline(application=application, by=world.owner, reason="今回は県内在住の方に決めました。")
    with pytest.raises(EngagementError, match="辞退できません"):
        application_withdraw(application=application, by=world.talent)
    with pytest.raises(EngagementTransitionError):
        application_advance(application=application, by=world.owner, to=S.OFFER)


def test_the_talent_withdraws_and_the_company_hears_of_it(world, application):
    application_withdraw(application=application, by=world.talent, reason="本業が忙しくなりました。")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert Notification.objects.filter(user=world.owner, kind="status").exists()


def test_closing_the_sheet_ends_open_applications_kindly(world, sheet, application):
    spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.WITHDRAWN)
    application.refresh_from_db()
    assert application.status == S.EXPIRED
    note = Notification.objects.get(user=world.talent, kind="sheet_closed")
    assert "ありがとうございました" in note.body


def test_the_closing_note_suggests_open_sheets_with_a_shared_theme(world, make_sheet, sheet, application):
    other = make_sheet(SpecSheet.Status.PUBLISHED, title="味噌の海外販路を一緒に考える")

    spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.FILLED)

    note = Notification.objects.get(user=world.talent, kind="sheet_closed")
    assert "近いテーマで募集中の案件：" in note.body
    assert f"・{other.title}" in note.body.splitlines()
    assert "/sheets/" not in note.body  # the sheet's page is the line's link, not in its words
    assert f"/sheets/{other.pk}/" in note.line_links


def test_expired_sheets_end_their_open_applications_too(world, sheet, application):
    import datetime

    from django.utils import timezone

    SpecSheet.objects.filter(pk=sheet.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    closed = spec_sheets_close_expired(today=timezone.localdate())

    application.refresh_from_db()
    assert closed == 1
    assert application.status == S.EXPIRED
    assert application.events.last().by is None


def test_a_member_of_the_company_cannot_apply_or_accept_a_scout_for_its_own_sheet(world, sheet):
    import datetime

    from duallife.engagements.models import Scout
    from duallife.engagements.services.scouts import scout_accept
    from duallife.organizations.models import Membership

    Membership.objects.create(user=world.talent, organization=world.company)
    scout = Scout.objects.create(
        sheet=sheet,
        talent=world.talent.talent,
        sender=world.owner,
        sender_organization=world.company,
        message="社内の方ですが、念のためお送りします。",
        expires_at=sheet.published_at + datetime.timedelta(days=14),
    )

    with pytest.raises(EngagementPermissionError, match="自社の案件"):
        application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)
    with pytest.raises(EngagementPermissionError, match="自社の案件"):
        scout_accept(scout=scout, by=world.talent)
    assert not Application.objects.exists()
