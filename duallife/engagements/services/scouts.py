"""Scouts (スカウト): a company or coordinator invites a talent to a sheet with a personal message.

- :func:`scout_send`: one scout per sheet and talent, rate-limited per sender so scouts stay
  personal (``SCOUT_LIMIT_PER_DAY`` in a rolling 24 hours, ``SCOUT_LIMIT_PER_WEEK`` in 7 days);
- :func:`scout_accept`: the talent accepts; this creates the application, and the accept is the
  talent's consent for the profile parts they chose;
- :func:`scout_talk_start`: the talent answers まずは話を聞く: a casual talk opens on the scout, a
  message thread with the sending side before any application or consent (the sender sees what the
  scout showed them: the display name and the profile's public parts, no contact details);
- :func:`scout_talk_close`: the sending side closes the talk politely; the talent is thanked;
- :func:`scout_decline`: the talent declines, with an optional reason the sender sees;

From a talk the talent still accepts (the talk's messages then join the application's thread) or
declines. Writing in the talk is ``messages.talk_message_post``.
- :func:`scouts_expire`: pending scouts past their answer date expire; senders are told once.

Lock order: sheet → scout (and the sender's user row while counting their recent scouts).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy, pgettext_lazy

from duallife.accounts.models import User
from duallife.core.formats import format_datetime
from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.postings.models import SpecSheet
from duallife.talents.models import TalentProfile
from duallife.talents.permissions import visible_talents

from ..errors import (
    EngagementConflictError,
    EngagementError,
    EngagementPermissionError,
    EngagementRateLimitError,
    EngagementTransitionError,
)
from ..links import application_url, path_to, scout_url, talk_url
from ..models import Application, ConsentRecord, Message, Scout
from ..permissions import scout_side, sender_organization_for, talk_may_start
from ..selectors.scouts import DAY, WEEK, scout_limits
from .applications import application_create, clean_text, ensure_open_for_applications, lock_sheet
from .consent import clean_fields
from .notices import notify_company, notify_scouting_side, notify_user

MESSAGE_MIN_CHARS = 30
MESSAGE_MAX_CHARS = 2000
ACCEPT_MESSAGE_MAX_CHARS = 2000
REASON_MAX_CHARS = 1000
#: The optional first message of a casual talk, and the sender's closing words.
TALK_MESSAGE_MAX_CHARS = 2000
#: How long a talent has to answer (shortened to the sheet's closing date when that comes first).
ANSWER_DAYS = 14
TOKYO = ZoneInfo("Asia/Tokyo")
#: The talent's message to the company when they accept without writing one.
DEFAULT_ACCEPT_MESSAGE = gettext_lazy("スカウトを承諾しました。")
NO_SUCH_TALENT = gettext_lazy("指定された人材が見つかりません。")
LABEL_SCOUT_MESSAGE = pgettext_lazy("subject of an error message", "スカウトのメッセージ")
LABEL_ACCEPT_MESSAGE = pgettext_lazy("subject of an error message", "メッセージ")
LABEL_DECLINE_REASON = pgettext_lazy("subject of an error message", "辞退の理由")
LABEL_TALK_MESSAGE = pgettext_lazy("subject of an error message", "メッセージ")
#: What the talent reads when the sender closes a talk without writing their own words.
TALK_CLOSE_THANKS = gettext_lazy(
    "お話しいただき、ありがとうございました。今回のカジュアル面談はここで区切らせていただきます。"
    "またご縁がありましたら、よろしくお願いいたします。"
)


def answer_deadline(sheet: SpecSheet, *, now: datetime.datetime) -> datetime.datetime:
    """Fourteen days from now, or the end (Tokyo time) of the sheet's closing day if earlier."""
    deadline = now + datetime.timedelta(days=ANSWER_DAYS)
    if sheet.closes_on is not None:
        closing = datetime.datetime.combine(sheet.closes_on, datetime.time(23, 59, 59), tzinfo=TOKYO)
        deadline = min(deadline, closing)
    return deadline


def _lock_sender(user) -> None:
    """Hold the sender's user row so that parallel sends count each other (no-op on SQLite)."""
    User.objects.select_for_update().filter(pk=user.pk).first()


def _next_free_slot(times: list[datetime.datetime], *, limit: int, window: datetime.timedelta):
    """When the window has room again: the moment enough of the oldest sends leave it."""
    times = sorted(times)
    return times[len(times) - limit] + window


def ensure_under_limit(user, *, now: datetime.datetime) -> None:
    """Refuse when the sender reached their daily or weekly number of scouts (call with the lock)."""
    day_limit, week_limit = scout_limits()
    week_times = list(
        Scout.objects.filter(sender_id=user.pk, created_at__gt=now - WEEK).values_list(
            "created_at", flat=True
        )
    )
    day_times = [t for t in week_times if t > now - DAY]
    for times, limit, window in ((day_times, day_limit, DAY), (week_times, week_limit, WEEK)):
        if len(times) >= limit:
            when = _next_free_slot(times, limit=limit, window=window) if limit > 0 else now + window
            if window == DAY:
                message = ngettext(
                    "スカウトは一人24時間に%(limit)d件までです。一通ずつ丁寧に届けるための上限です。"
                    "次に送れるのは%(when)s以降です。",
                    "スカウトは一人24時間に%(limit)d件までです。一通ずつ丁寧に届けるための上限です。"
                    "次に送れるのは%(when)s以降です。",
                    limit,
                )
            else:
                message = ngettext(
                    "スカウトは一人7日間に%(limit)d件までです。一通ずつ丁寧に届けるための上限です。"
                    "次に送れるのは%(when)s以降です。",
                    "スカウトは一人7日間に%(limit)d件までです。一通ずつ丁寧に届けるための上限です。"
                    "次に送れるのは%(when)s以降です。",
                    limit,
                )
            raise EngagementRateLimitError(message % {"limit": limit, "when": format_datetime(when)})


def _scoutable_talent(by, talent: TalentProfile) -> TalentProfile:
    """The talent as ``by`` may see them; a private or unknown profile is answered as not found."""
    found = visible_talents(by).select_related("user").filter(pk=talent.pk).first()
    if found is None:
        raise EngagementError(str(NO_SUCH_TALENT), field="talent_id")
    if found.user_id == by.pk:
        raise EngagementError(_("自分自身にはスカウトを送れません。"), field="talent_id")
    return found


@transaction.atomic
def scout_send(*, sheet: SpecSheet, talent: TalentProfile, by, message: str) -> Scout:
    """``by`` invites ``talent`` to ``sheet`` with a personal "why we need you" message.

    The sheet must be published and open, the talent visible to ``by`` and not yet applied; one
    scout per sheet and talent; at most the configured number per sender and day / week.
    """
    if not getattr(by, "is_authenticated", False):
        raise EngagementPermissionError(_("スカウトを送るにはログインしてください。"))
    message = clean_text(
        message,
        field="message",
        label=LABEL_SCOUT_MESSAGE,
        min_chars=MESSAGE_MIN_CHARS,
        max_chars=MESSAGE_MAX_CHARS,
    )
    locked = lock_sheet(sheet)
    organization = sender_organization_for(by, locked)
    if organization is None:
        raise EngagementPermissionError(
            _("この仕様書のスカウトを送れるのは、掲載企業のメンバーと担当地域のコーディネーターです。")
        )
    ensure_open_for_applications(locked)
    target = _scoutable_talent(by, talent)
    if Application.objects.filter(sheet=locked, talent=target).exists():
        raise EngagementConflictError(_("この方はすでにこの仕様書に応募しています。"), field="talent_id")
    if Scout.objects.filter(sheet=locked, talent=target).exists():
        raise EngagementConflictError(
            _("この方には、この仕様書のスカウトをすでに送っています。"), field="talent_id"
        )
    now = timezone.now()
    _lock_sender(by)
    ensure_under_limit(by, now=now)
    try:
        with transaction.atomic():
            scout = Scout.objects.create(
                sheet=locked,
                talent=target,
                sender=by,
                sender_organization=organization,
                message=message,
                expires_at=answer_deadline(locked, now=now),
            )
    except IntegrityError:  # a parallel send for the same sheet and talent won
        raise EngagementConflictError(
            _("この方には、この仕様書のスカウトをすでに送っています。"), field="talent_id"
        ) from None
    notify_user(
        target.user,
        kind=Kind.SCOUT,
        title=Text(
            gettext_lazy("%(sender)sから「%(sheet)s」のスカウトが届きました"),
            sender=organization.name,
            sheet=locked.title,
        ),
        body=[message[:200], Text(""), Text(gettext_lazy("回答期限：%(date)s"), date=scout.expires_at)],
        url=scout_url(scout.pk),
    )
    return scout


def _lock_scout(scout: Scout) -> Scout:
    return (
        Scout.objects.select_for_update(of=("self",))
        .select_related("sheet", "talent", "talent__user", "sender", "sender_organization")
        .get(pk=scout.pk)
    )


def _ensure_answerable(scout: Scout, *, now: datetime.datetime) -> None:
    """Pending before its answer date, or in a casual talk (whose answer is still to come)."""
    if scout.status == Scout.Status.TALKING:
        return
    if scout.status != Scout.Status.PENDING:
        raise EngagementTransitionError(
            _("「%(status)s」のスカウトには回答できません。") % {"status": scout.get_status_display()}
        )
    if scout.expires_at <= now:
        raise EngagementTransitionError(_("このスカウトは回答期限を過ぎています。"))


def _ensure_scouted_talent(scout: Scout, by) -> None:
    if scout.talent.user_id != getattr(by, "pk", None):
        raise EngagementPermissionError(_("スカウトに回答できるのは、スカウトを受け取った本人だけです。"))


def _copy(target: Scout, source: Scout) -> Scout:
    if target is not source:
        for model_field in Scout._meta.concrete_fields:
            setattr(target, model_field.attname, getattr(source, model_field.attname))
    return target


def _tell_sender(scout: Scout, *, title: Text, body: Text | str | list = "", url: str = "") -> None:
    """The person who sent it; the sending organisation's members if that account is gone."""
    if scout.sender is not None and scout.sender.is_active:
        notify_user(scout.sender, kind=Kind.STATUS, title=title, body=body, url=url)
    else:
        notify_company(scout.sender_organization_id, kind=Kind.STATUS, title=title, body=body, url=url)


@transaction.atomic
def scout_accept(*, scout: Scout, by, shared_fields: Iterable[str] = (), message: str = "") -> Scout:
    """The scouted talent accepts: an application is created and the chosen fields are shared.

    Accepting is the explicit consent for ``shared_fields``; it is recorded like an application's.
    A scout in a casual talk may be accepted too: the talk's messages join the application's thread.
    """
    _ensure_scouted_talent(scout, by)
    fields = clean_fields(shared_fields)
    message = clean_text(
        message, field="message", label=LABEL_ACCEPT_MESSAGE, max_chars=ACCEPT_MESSAGE_MAX_CHARS
    ) or str(DEFAULT_ACCEPT_MESSAGE)
    sheet = lock_sheet(scout.sheet)
    locked = _lock_scout(scout)
    now = timezone.now()
    _ensure_answerable(locked, now=now)
    ensure_open_for_applications(sheet)
    application = application_create(
        sheet=sheet,
        talent=locked.talent,
        origin=Application.Origin.SCOUT,
        message=message,
        shared_fields=fields,
        basis=ConsentRecord.Basis.SCOUT_ACCEPT,
        by=by,
    )
    locked.status = Scout.Status.ACCEPTED
    locked.responded_at = now
    locked.application = application
    locked.save(update_fields=["status", "responded_at", "application"])
    title = Text(
        gettext_lazy("%(name)sさんが「%(sheet)s」のスカウトを承諾しました"),
        name=locked.talent.display_name,
        sheet=sheet.title,
    )
    url = application_url(application.pk)
    _tell_sender(locked, title=title, body=message[:200], url=url)
    notify_company(
        sheet.organization_id, kind=Kind.STATUS, title=title, body=message[:200], url=url, skip=locked.sender
    )
    return _copy(scout, locked)


@transaction.atomic
def scout_talk_start(*, scout: Scout, by, message: str = "") -> Scout:
    """The scouted talent answers まずは話を聞く: the scout's casual talk opens.

    No application and no consent: the sending side goes on seeing what the scout showed them.
    ``message`` (optional) is the talk's first message. The sender and the sheet's company hear of it.
    """
    _ensure_scouted_talent(scout, by)
    message = clean_text(message, field="message", label=LABEL_TALK_MESSAGE, max_chars=TALK_MESSAGE_MAX_CHARS)
    locked = _lock_scout(scout)
    now = timezone.now()
    if locked.status == Scout.Status.TALKING:
        raise EngagementTransitionError(_("このスカウトでは、すでにカジュアル面談が始まっています。"))
    _ensure_answerable(locked, now=now)
    if not talk_may_start(locked, now=now):  # the rule the page asks to show the button
        raise EngagementTransitionError(_("このスカウトでは、カジュアル面談を始められません。"))
    locked.status = Scout.Status.TALKING
    locked.responded_at = now
    locked.talk_started_at = now
    locked.save(update_fields=["status", "responded_at", "talk_started_at"])
    if message:
        Message.objects.create(scout=locked, author=by, body=message)
    notify_scouting_side(
        locked,
        kind=Kind.STATUS,
        title=Text(
            gettext_lazy("%(name)sさんが「%(sheet)s」のスカウトに「まずは話を聞く」と答えました"),
            name=locked.talent.display_name,
            sheet=locked.sheet.title,
        ),
        body=[
            *([message[:200], Text("")] if message else []),
            Text(
                gettext_lazy(
                    "スカウトのページのメッセージで、カジュアル面談を始めてください。"
                    "応募ではないため、氏名や連絡先はまだ届きません。"
                )
            ),
        ],
        url=talk_url(locked.pk),
    )
    return _copy(scout, locked)


@transaction.atomic
def scout_talk_close(*, scout: Scout, by, message: str = "") -> Scout:
    """The sending side ends a casual talk politely: the talent is thanked (with ``message``, the
    sender's own words, when given; they are also the talk's last message). The talk stays readable."""
    if scout_side(by, scout) != "sender":
        raise EngagementPermissionError(
            _("カジュアル面談を終えられるのは、スカウトを送った組織と仕様書の企業のメンバーです。")
        )
    message = clean_text(message, field="message", label=LABEL_TALK_MESSAGE, max_chars=TALK_MESSAGE_MAX_CHARS)
    locked = _lock_scout(scout)
    if locked.status != Scout.Status.TALKING:
        raise EngagementTransitionError(
            _("「%(status)s」のスカウトでは、カジュアル面談を終えられません。")
            % {"status": locked.get_status_display()}
        )
    locked.status = Scout.Status.CLOSED
    locked.talk_closed_at = timezone.now()
    locked.save(update_fields=["status", "talk_closed_at"])
    if message:
        Message.objects.create(scout=locked, author=by, body=message)
    notify_user(
        locked.talent.user,
        kind=Kind.STATUS,
        title=Text(
            gettext_lazy("%(org)sとの「%(sheet)s」のカジュアル面談が終了しました"),
            org=locked.sender_organization.name,
            sheet=locked.sheet.title,
        ),
        body=message[:200] or Text(TALK_CLOSE_THANKS),
        url=talk_url(locked.pk),
    )
    return _copy(scout, locked)


@transaction.atomic
def scout_decline(*, scout: Scout, by, reason: str = "") -> Scout:
    """The scouted talent declines (also from a casual talk), optionally saying why; the sender is
    told."""
    _ensure_scouted_talent(scout, by)
    reason = clean_text(reason, field="reason", label=LABEL_DECLINE_REASON, max_chars=REASON_MAX_CHARS)
    locked = _lock_scout(scout)
    now = timezone.now()
    _ensure_answerable(locked, now=now)
    locked.status = Scout.Status.DECLINED
    locked.decline_reason = reason
    locked.responded_at = now
    locked.save(update_fields=["status", "decline_reason", "responded_at"])
    _tell_sender(
        locked,
        title=Text(
            gettext_lazy("%(name)sさんが「%(sheet)s」のスカウトを辞退しました"),
            name=locked.talent.display_name,
            sheet=locked.sheet.title,
        ),
        body=reason,
        url=scout_url(locked.pk),
    )
    return _copy(scout, locked)


@transaction.atomic
def scouts_expire(*, now: datetime.datetime) -> int:
    """Pending scouts past their answer date become expired; each sender hears once, in one
    notification listing theirs. Safe to run again: expired scouts are not touched. Returns how many."""
    due_ids = list(
        Scout.objects.filter(status=Scout.Status.PENDING, expires_at__lte=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    expired: dict[tuple, list[Scout]] = defaultdict(list)
    for scout in (
        Scout.objects.select_for_update(of=("self",))
        .select_related("sheet", "talent", "sender", "sender_organization")
        .filter(pk__in=due_ids, status=Scout.Status.PENDING, expires_at__lte=now)
        .order_by("pk")
    ):
        scout.status = Scout.Status.EXPIRED
        scout.responded_at = now
        scout.save(update_fields=["status", "responded_at"])
        expired[(scout.sender_id, scout.sender_organization_id)].append(scout)
    for scouts in expired.values():
        lines = [
            Text(
                gettext_lazy("・%(name)sさん（「%(sheet)s」）"),
                name=s.talent.display_name,
                sheet=s.sheet.title,
            )
            for s in scouts
        ]
        _tell_sender(
            scouts[0],
            title=Text(
                ngettext_lazy(
                    "回答のなかったスカウト%(count)d件が期限切れになりました",
                    "回答のなかったスカウト%(count)d件が期限切れになりました",
                    "count",
                ),
                count=len(scouts),
            ),
            body=[
                *lines,
                Text(""),
                Text(gettext_lazy("ほかの方へのスカウトや、仕様書の見直しもご検討ください。")),
            ],
            url=path_to("scouts_sent"),
        )
    return sum(len(scouts) for scouts in expired.values())
