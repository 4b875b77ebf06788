"""Data rights of engagements: what the account export holds, and what deleting an account does.

Export: the person's 気になる, applications (with their history), scouts received, messages they
wrote (attachments by name, type and size, not their bytes), provisions of their data (consent
records), contracts, check-in answers, and the referrals they registered for a coordinator body.

Erase (runs before the talent profile's eraser, since engagements comes later in INSTALLED_APPS):

- open applications are withdrawn through the service, so the companies are told;
- scouts still waiting for an answer are declined through the service, so the senders are told;
- what the person wrote is blanked: application messages, notes on the history, reasons given
  for declining scouts, check-in comments, and the bodies of their messages, whose attachments
  are deleted (the files after the transaction commits);
- 気になる are deleted;
- notifications that other people received about this person's applications and scouts lose the
  person's display name (and the excerpt of what they wrote).

Kept, because other records and the law need them: consent records (three years, see
``CONSENT_RETENTION``), application rows and their history, contracts and check-ins (KPIs count
them). They point at the anonymised user and talent profile, so no name or contact detail is left
(see ``erase_talent_profile`` in ``duallife.talents.data_rights``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from duallife.core.data_rights import erase_step, export_section
from duallife.engagements.links import application_url, scout_url
from duallife.engagements.models import (
    OPEN_STATUSES,
    Application,
    ApplicationEvent,
    CheckInAnswer,
    ConsentRecord,
    Contract,
    Interest,
    Message,
    Referral,
    Scout,
)
from duallife.engagements.permissions import applications_with_details
from duallife.engagements.services.applications import application_withdraw
from duallife.engagements.services.scouts import scout_decline
from duallife.notifications.models import Kind, Notification
from duallife.notifications.services import notifications_replace_name
from duallife.talents.models import TalentProfile

#: What other people's notifications say instead of the person's display name.
FORMER_USER = gettext_lazy("退会した方")


# --- Export ---------------------------------------------------------------------------------------


def _talent(user):

    return TalentProfile.objects.filter(user=user).first()


@export_section("interests")
def export_interests(user) -> list[dict]:

    rows = Interest.objects.filter(talent__user=user).select_related("sheet", "prefecture").order_by("pk")
    return [
        {
            "sheet_id": i.sheet_id,
            "sheet": i.sheet.title if i.sheet_id else None,
            "prefecture": i.prefecture.name if i.prefecture_id else None,
            "share_identity": i.share_identity,
            "created_at": i.created_at,
        }
        for i in rows
    ]


def _event_row(event, *, user_id: int) -> dict:
    return {
        "from_status": event.from_status,
        "to_status": event.to_status,
        "by_you": event.by_id == user_id,
        "note": event.note,
        "at": event.at,
    }


@export_section("applications")
def export_applications(user) -> list[dict]:

    applications = (
        Application.objects.filter(talent__user=user)
        .select_related("sheet", "sheet__organization")
        .prefetch_related("events")
        .order_by("pk")
    )
    return [
        {
            "id": a.pk,
            "sheet_id": a.sheet_id,
            "sheet": a.sheet.title,
            "organization": a.sheet.organization.name,
            "origin": a.origin,
            "status": a.status,
            "message": a.message,
            "shared_fields": list(a.shared_fields or []),
            "interview_mode": a.interview_mode,
            "interview_at": a.interview_at,
            "close_reason": a.close_reason,
            "created_at": a.created_at,
            "status_changed_at": a.status_changed_at,
            "events": [_event_row(e, user_id=user.pk) for e in a.events.all()],
        }
        for a in applications
    ]


@export_section("scouts_received")
def export_scouts_received(user) -> list[dict]:

    scouts = (
        Scout.objects.filter(talent__user=user).select_related("sheet", "sender_organization").order_by("pk")
    )
    return [
        {
            "sheet_id": s.sheet_id,
            "sheet": s.sheet.title,
            "from": s.sender_organization.name,
            "message": s.message,
            "status": s.status,
            "talk_started_at": s.talk_started_at,
            "talk_closed_at": s.talk_closed_at,
            "decline_reason": s.decline_reason,
            "expires_at": s.expires_at,
            "responded_at": s.responded_at,
            "created_at": s.created_at,
        }
        for s in scouts
    ]


@export_section("messages_written")
def export_messages_written(user) -> list[dict]:

    messages = (
        Message.objects.filter(author=user)
        .select_related("application__sheet", "scout__sheet")
        .order_by("pk")
    )
    return [
        {
            "application_id": m.application_id,
            "scout_id": m.scout_id,
            "sheet": (m.application or m.scout).sheet.title,
            "body": m.body,
            "attachment_name": m.attachment_name or None,
            "attachment_type": m.attachment_type or None,
            "attachment_size": m.attachment_size if m.attachment else None,
            "created_at": m.created_at,
        }
        for m in messages
    ]


@export_section("consent_records")
def export_consent_records(user) -> list[dict]:

    records = ConsentRecord.objects.filter(talent_user=user).select_related("recipient").order_by("pk")
    return [
        {
            "recipient": r.recipient.name,
            "fields": list(r.fields or []),
            "basis": r.basis,
            "application_id": r.application_id,
            "granted_at": r.granted_at,
            "keep_until": r.keep_until,
        }
        for r in records
    ]


@export_section("contracts")
def export_contracts(user) -> list[dict]:

    contracts = (
        Contract.objects.filter(talent__user=user).select_related("sheet", "organization").order_by("pk")
    )
    return [
        {
            "organization": c.organization.name,
            "sheet": c.sheet.title,
            "application_id": c.application_id,
            "contract_type": c.contract_type,
            "starts_on": c.starts_on,
            "ends_on": c.ends_on,
            "days_per_month": c.days_per_month,
            "monthly_fee_yen": c.monthly_fee_yen,
            "travel_paid_by": c.travel_paid_by,
            "subsidy_eligible": c.subsidy_eligible,
            "recorded_at": c.recorded_at,
            "ended_on": c.ended_on,
            "end_reason": c.end_reason,
            "end_note": c.end_note,
            "ended_early": c.ended_early,
        }
        for c in contracts
    ]


@export_section("checkin_answers")
def export_checkin_answers(user) -> list[dict]:

    answers = CheckInAnswer.objects.filter(by=user).select_related("checkin").order_by("pk")
    return [
        {
            "contract_id": a.checkin.contract_id,
            "due_on": a.checkin.due_on,
            "kind": a.checkin.kind,
            "side": a.side,
            "rating": a.rating,
            "on_track": a.on_track,
            "comment": a.comment,
            "answered_at": a.answered_at,
        }
        for a in answers
    ]


@export_section("referrals_registered")
def export_referrals_registered(user) -> list[dict]:

    referrals = (
        Referral.objects.filter(registered_by=user).select_related("referrer", "company").order_by("pk")
    )
    return [
        {
            "referrer": r.referrer.name,
            "company": r.company.name,
            "registered_at": r.registered_at,
            "note": r.note,
        }
        for r in referrals
    ]


# --- Erase ----------------------------------------------------------------------------------------


def withdraw_open_applications(user) -> None:
    """Withdraw every open application through the service: each company hears of it."""

    for application in (
        applications_with_details().filter(talent__user=user, status__in=OPEN_STATUSES).order_by("pk")
    ):
        application_withdraw(application=application, by=user, reason="")
    Application.objects.filter(talent__user=user).update(message="")


def decline_pending_scouts(user) -> None:
    """Decline every scout still waiting for an answer, or in a casual talk, through the service:
    each sender hears of it. Scouts past their answer date are left to expire (the daily job)."""

    pending = (
        Scout.objects.select_related("sheet", "talent", "talent__user", "sender", "sender_organization")
        .filter(
            Q(status=Scout.Status.PENDING, expires_at__gt=timezone.now()) | Q(status=Scout.Status.TALKING),
            talent__user=user,
        )
        .order_by("pk")
    )
    for scout in pending:
        scout_decline(scout=scout, by=user, reason="")
    Scout.objects.filter(talent__user=user).update(decline_reason="")


def blank_own_writing(user) -> None:
    """What the person wrote on shared records: notes on histories, check-in comments."""

    ApplicationEvent.objects.filter(by=user).update(note="")
    CheckInAnswer.objects.filter(by=user).update(comment="")


def erase_messages(user) -> None:
    """Blank the bodies of the person's messages and delete their attachments (files on commit,
    so a rolled-back deletion leaves every file in place)."""

    messages = Message.objects.filter(author=user)
    storage = Message._meta.get_field("attachment").storage
    files = [name for name in messages.exclude(attachment="").values_list("attachment", flat=True) if name]
    messages.update(body="", attachment="", attachment_name="", attachment_type="", attachment_size=0)

    def delete_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)


def _urls_about(user) -> set[str]:

    urls = {
        application_url(pk)
        for pk in Application.objects.filter(talent__user=user).values_list("pk", flat=True)
    }
    urls |= {scout_url(pk) for pk in Scout.objects.filter(talent__user=user).values_list("pk", flat=True)}
    return urls


def scrub_notifications(user) -> None:
    """Notifications other people received about the person: the display name goes, and so does
    the excerpt of what the person wrote (the body of application, message and status notices).

    Only notifications that link to the person's own applications or scouts are touched (a thread
    link carries ``#thread``), so another person with a similar name is left alone.
    """

    talent = _talent(user)
    if talent is None or not talent.display_name:
        return
    links = Q(pk__in=[])
    for url in _urls_about(user):
        links |= Q(url=url) | Q(url__startswith=f"{url}#") | Q(url__startswith=f"{url}?")
    ids = list(Notification.objects.exclude(user=user).filter(links).values_list("pk", flat=True))
    notifications_replace_name(
        notification_ids=ids,
        name=talent.display_name,
        replacement=FORMER_USER,
        written_as=f"{talent.display_name}さん",
    )
    Notification.objects.filter(pk__in=ids, kind__in=[Kind.APPLICATION, Kind.MESSAGE, Kind.STATUS]).update(
        content=[]
    )


@erase_step("engagements")
def erase_engagements(user) -> None:
    """Close what is open (telling the other side), then erase what the person wrote."""

    withdraw_open_applications(user)
    decline_pending_scouts(user)
    scrub_notifications(user)
    blank_own_writing(user)
    erase_messages(user)
    Interest.objects.filter(talent__user=user).delete()
