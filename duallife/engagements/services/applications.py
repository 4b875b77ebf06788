"""Applying to a sheet and moving an application through the pipeline.

- :func:`application_submit`: a talent applies with a message and the profile parts they share;
- :func:`application_withdraw`: the talent withdraws, until a decision (成約) is made;
- :func:`application_advance`: the company moves it on (やりとり中 → 面談 → 条件提示);
- :func:`application_decline`: the company declines, with an optional reason the talent sees;
- :func:`applications_close_for_sheet`: a sheet closed: every open application ends kindly.

The contract steps (成約, 稼働, 完了) live in ``contracts``.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from duallife.core.texts import Text
from duallife.notifications.links import Linked
from duallife.notifications.models import Kind
from duallife.postings.links import sheet_url
from duallife.postings.models import SpecSheet
from duallife.talents.models import TalentProfile

from ..errors import EngagementConflictError, EngagementError, EngagementPermissionError
from ..links import application_url
from ..models import OPEN_STATUSES, Application, ConsentRecord, Message, Referral, Scout, ThreadRead
from ..permissions import application_refusal, is_company_side
from . import pipeline
from .consent import clean_fields, consent_record
from .notices import notify_company, notify_user

S = Application.Status

MESSAGE_MIN_CHARS = 10
MESSAGE_MAX_CHARS = 2000
REASON_MAX_CHARS = 1000
#: The steps a company takes with :func:`application_advance`.
ADVANCE_STEPS = (S.IN_CONVERSATION, S.INTERVIEW, S.OFFER)


#: Names of the fields in the messages of :func:`clean_text` (the subject of the sentence).
LABEL_MESSAGE = pgettext_lazy("subject of an error message", "応募メッセージ")
LABEL_NOTE = pgettext_lazy("subject of an error message", "メモ")
LABEL_REASON = pgettext_lazy("subject of an error message", "理由")


def clean_text(value, *, field: str, label, min_chars: int = 0, max_chars: int) -> str:
    """``value`` stripped, within its length; ``label`` (a lazy text) names the field in the
    messages."""
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise EngagementError(_("%(label)sは文字で入力してください。") % {"label": label}, field=field)
    if "\x00" in text:
        raise EngagementError(_("%(label)sに使えない文字が含まれています。") % {"label": label}, field=field)
    if len(text) < min_chars:
        raise EngagementError(
            _("%(label)sは%(min)d文字以上で書いてください。") % {"label": label, "min": min_chars},
            field=field,
        )
    if len(text) > max_chars:
        raise EngagementError(
            _("%(label)sは%(max)d文字以内にしてください（いま%(count)d文字）。")
            % {"label": label, "max": max_chars, "count": len(text)},
            field=field,
        )
    return text


def lock_sheet(sheet: SpecSheet) -> SpecSheet:
    return (
        SpecSheet.objects.select_for_update(of=("self",))
        .select_related("organization", "municipality")
        .get(pk=sheet.pk)
    )


def ensure_open_for_applications(sheet: SpecSheet, *, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if sheet.status != SpecSheet.Status.PUBLISHED:
        raise EngagementError(_("この案件は募集中ではありません。"))
    if sheet.closes_on is not None and sheet.closes_on < today:
        raise EngagementError(_("この案件の募集は締め切られました。"))


def referrer_id_of(organization_id: int) -> int | None:
    return Referral.objects.filter(company_id=organization_id).values_list("referrer_id", flat=True).first()


def application_create(
    *,
    sheet: SpecSheet,
    talent: TalentProfile,
    origin: str,
    message: str,
    shared_fields: list[str],
    basis: str,
    by,
) -> Application:
    """Create the application row, its first event and its consent record (sheet locked by caller).

    Shared by applying and by accepting a scout. Refuses a member of the sheet's own company and a
    second application for the same sheet. The casual talk of a scout for the same sheet and talent,
    if there was one, joins the application's thread (its messages and how far each side read it).
    """
    refusal = application_refusal(talent, sheet)
    if refusal is not None:
        raise refusal
    try:
        with transaction.atomic():
            application = Application.objects.create(
                sheet=sheet,
                talent=talent,
                origin=origin,
                message=message,
                shared_fields=shared_fields,
                referrer_id=referrer_id_of(sheet.organization_id),
                status_changed_at=timezone.now(),
            )
    except IntegrityError:  # a concurrent request won the race the lock did not cover
        raise EngagementConflictError(_("この案件にはすでに応募しています。")) from None
    application.sheet = sheet
    application.talent = talent
    application.events.create(from_status="", to_status=S.APPLIED, by=by, note="")
    consent_record(application=application, fields=shared_fields, basis=basis)
    talk = {"scout__sheet": sheet, "scout__talent": talent, "application__isnull": True}
    Message.objects.filter(**talk).update(application=application)
    ThreadRead.objects.filter(**talk).update(application=application)
    return application


@transaction.atomic
def application_submit(
    *, sheet: SpecSheet, by, message: str, shared_fields: Iterable[str] = ()
) -> Application:
    """``by`` (a talent) applies to a published sheet. One application per talent and sheet.

    The fields in ``shared_fields`` reach the company at once: applying is the talent's consent
    for them, and it is recorded. A pending scout for the same sheet (or one in a casual talk)
    counts as accepted.
    """
    talent = (
        TalentProfile.objects.select_related("user").filter(user=by).first() if by.is_authenticated else None
    )
    if talent is None:
        raise application_refusal(None, sheet)
    message = clean_text(
        message,
        field="message",
        label=LABEL_MESSAGE,
        min_chars=MESSAGE_MIN_CHARS,
        max_chars=MESSAGE_MAX_CHARS,
    )
    fields = clean_fields(shared_fields)
    locked = lock_sheet(sheet)
    ensure_open_for_applications(locked)
    scout = (
        Scout.objects.select_for_update()
        .filter(sheet=locked, talent=talent, status__in=(Scout.Status.PENDING, Scout.Status.TALKING))
        .first()
    )
    application = application_create(
        sheet=locked,
        talent=talent,
        origin=Application.Origin.SCOUT if scout else Application.Origin.APPLICATION,
        message=message,
        shared_fields=fields,
        basis=ConsentRecord.Basis.APPLICATION,
        by=by,
    )
    if scout is not None:
        scout.status = Scout.Status.ACCEPTED
        scout.responded_at = timezone.now()
        scout.application = application
        scout.save(update_fields=["status", "responded_at", "application"])
    notify_company(
        locked.organization_id,
        kind=Kind.APPLICATION,
        title=Text(
            gettext_lazy("「%(sheet)s」に%(name)sさんが応募しました"),
            sheet=locked.title,
            name=talent.display_name,
        ),
        body=message[:200],
        url=application_url(application.pk),
    )
    return application


def _company_step(application: Application, by) -> Application:
    if not is_company_side(by, application.sheet):
        raise EngagementPermissionError(_("この操作は仕様書の企業のメンバーだけができます。"))
    return pipeline.lock_application(application)


def _tell_talent(application: Application, *, title: Text, body: Text | str | list = "") -> None:
    notify_user(
        application.talent.user, kind=Kind.STATUS, title=title, body=body, url=application_url(application.pk)
    )


@transaction.atomic
def application_advance(
    *,
    application: Application,
    by,
    to: str,
    interview_mode: str = "",
    interview_at: datetime.datetime | None = None,
    note: str = "",
) -> Application:
    """The company moves an open application on: やりとり中, 面談 (with a mode and a date), 条件提示."""
    if to not in ADVANCE_STEPS:
        raise EngagementError(
            _("次の段階は「やりとり中」「面談」「条件提示」から選んでください。"), field="to"
        )
    note = clean_text(note, field="note", label=LABEL_NOTE, max_chars=REASON_MAX_CHARS)
    locked = _company_step(application, by)
    if to == S.INTERVIEW:
        if interview_mode not in Application.InterviewMode.values:
            raise EngagementError(
                _("面談の方法（オンライン・現地）を選んでください。"), field="interview_mode"
            )
        if interview_at is None:
            raise EngagementError(_("面談の日時を入力してください。"), field="interview_at")
        if timezone.is_naive(interview_at):
            interview_at = timezone.make_aware(interview_at)
        if interview_at < timezone.now() - datetime.timedelta(days=1):
            raise EngagementError(_("面談の日時が過去になっています。"), field="interview_at")
        locked.interview_mode = interview_mode
        locked.interview_at = interview_at
    pipeline.move(locked, to=to, by=by, note=note)
    _tell_talent(
        locked,
        title=Text(
            gettext_lazy("「%(sheet)s」の応募が「%(status)s」になりました"),
            sheet=locked.sheet.title,
            status=S(to).label,
        ),
        body=note,
    )
    return pipeline.sync(application, locked)


@transaction.atomic
def application_decline(*, application: Application, by, reason: str = "") -> Application:
    """The company declines an open application; the talent is told kindly, with the reason if given."""
    reason = clean_text(reason, field="reason", label=LABEL_REASON, max_chars=REASON_MAX_CHARS)
    locked = _company_step(application, by)
    locked.close_reason = reason
    pipeline.move(locked, to=S.DECLINED, by=by, note=reason)
    _tell_talent(
        locked,
        title=Text(gettext_lazy("「%(sheet)s」について、今回は見送りとなりました"), sheet=locked.sheet.title),
        body=[
            *([reason, Text("")] if reason else []),
            Text(gettext_lazy("ご応募ありがとうございました。ほかの募集もぜひご覧ください。")),
        ],
    )
    return pipeline.sync(application, locked)


@transaction.atomic
def application_withdraw(*, application: Application, by, reason: str = "") -> Application:
    """The talent withdraws an open application (not after a contract is recorded)."""
    if application.talent.user_id != getattr(by, "pk", None):
        raise EngagementPermissionError(_("応募を辞退できるのは応募した本人だけです。"))
    reason = clean_text(reason, field="reason", label=LABEL_REASON, max_chars=REASON_MAX_CHARS)
    locked = pipeline.lock_application(application)
    if locked.status not in OPEN_STATUSES:
        raise EngagementError(
            _("「%(status)s」の応募は辞退できません。") % {"status": locked.get_status_display()}
        )
    locked.close_reason = reason
    pipeline.move(locked, to=S.WITHDRAWN, by=by, note=reason)
    notify_company(
        locked.sheet.organization_id,
        kind=Kind.STATUS,
        title=Text(
            gettext_lazy("%(name)sさんが「%(sheet)s」への応募を辞退しました"),
            name=locked.talent.display_name,
            sheet=locked.sheet.title,
        ),
        body=reason,
        url=application_url(locked.pk),
    )
    return pipeline.sync(application, locked)


CLOSED_SHEET_MESSAGE = gettext_lazy(
    "「%(title)s」の募集は終了しました。ご応募いただき、ありがとうございました。"
    "今回はご一緒できませんでしたが、あなたの経験を必要としている地域はほかにもあります。"
)


SIMILAR_SHEETS = 3


def _sheet_line(pk: int, title: str) -> Linked:
    """An open sheet suggested in a notification: its title, linking to its page."""
    return Linked(Text(gettext_lazy("・%(title)s"), title=title), url=sheet_url(pk))


def next_best_note(talent, sheet: SpecSheet, *, fallback=None) -> list[Text | Linked]:
    """The talent's next-best open sheets from their recommendations (not ``sheet``, nothing they
    applied to), with the reason each fits; open sheets sharing a theme when there are none yet
    (``fallback``: a function giving that note, so that a caller can compute it once per sheet)."""
    from duallife.recommendations.selectors.recommendations import next_best_sheets

    best = next_best_sheets(talent, excluding=sheet.pk, limit=SIMILAR_SHEETS)
    if not best:
        return (fallback or similar_sheets_note)(sheet)
    lines: list[Text | Linked] = [Text(""), Text(gettext_lazy("あなたに合いそうな、募集中の案件："))]
    for pk, title, reasons in best:
        lines.append(_sheet_line(pk, title))
        if reasons:
            # Translators: the reason a sheet fits, indented under the sheet's line.
            lines.append(Text(gettext_lazy("　%(reason)s"), reason=reasons[0]))
    return lines


def similar_sheets_note(sheet: SpecSheet) -> list[Text | Linked]:
    """A few open sheets sharing a theme with ``sheet`` (for a talent without recommendations yet)."""

    similar = list(
        SpecSheet.objects.filter(status=SpecSheet.Status.PUBLISHED, themes__in=sheet.themes.all())
        .exclude(pk=sheet.pk)
        .distinct()
        .order_by("-published_at", "-pk")
        .values_list("pk", "title")[:SIMILAR_SHEETS]
    )
    if not similar:
        return []
    return [
        Text(""),
        Text(gettext_lazy("近いテーマで募集中の案件：")),
        *(_sheet_line(pk, title) for pk, title in similar),
    ]


def applications_close_for_sheet(
    *, sheet: SpecSheet, by=None, keep_open: Iterable[int] = (), message: str = ""
) -> int:
    """A sheet closed: end every open application with a kind note, expire pending scouts and close
    casual talks (they stay readable).

    The applications in ``keep_open`` stay as they are (a meeting already booked); the others are
    told ``message`` — the company's own words — or, when it is empty, a kind default. Called inside
    the transaction that closed the sheet (sheet row already locked). Returns how many
    applications were ended.
    """
    note = Text(message) if message else Text(CLOSED_SHEET_MESSAGE, title=sheet.title)
    fallback = functools.cache(similar_sheets_note)  # once for the sheet, not once per applicant
    open_ids = list(
        Application.objects.filter(sheet=sheet, status__in=OPEN_STATUSES)
        .exclude(pk__in=list(keep_open))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for application in (
        Application.objects.select_for_update(of=("self",))
        .select_related("talent", "talent__user", "sheet")
        .filter(pk__in=open_ids)
        .order_by("pk")
    ):
        # Stored in the source language, translated when shown (see ``stored_note``).
        application.close_reason = gettext_noop("募集終了")
        pipeline.move(application, to=S.EXPIRED, by=by, note=gettext_noop("募集が終了しました。"))
        notify_user(
            application.talent.user,
            kind=Kind.SHEET_CLOSED,
            title=Text(gettext_lazy("「%(sheet)s」の募集が終了しました"), sheet=sheet.title),
            body=[note, *next_best_note(application.talent, sheet, fallback=fallback)],
            url=application_url(application.pk),
        )
    Scout.objects.filter(sheet=sheet, status=Scout.Status.PENDING).update(
        status=Scout.Status.EXPIRED, responded_at=timezone.now()
    )
    Scout.objects.filter(sheet=sheet, status=Scout.Status.TALKING).update(
        status=Scout.Status.CLOSED, talk_closed_at=timezone.now()
    )
    return len(open_ids)
