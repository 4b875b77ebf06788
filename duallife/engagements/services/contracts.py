"""Contracts (成約), their start and end, and the follow-up check-ins that keep them alive.

- a contract is made when the talent confirms the company's proposal (see ``proposals``);
- :func:`contract_start` (the company, or the daily job on ``starts_on``): 成約 → 稼働中;
- :func:`contract_end` (either side): → 完了; ending before the planned day records why, and
  the area's coordinators hear of it;
- :func:`checkin_answer`: each side answers a check-in once; a worrying answer alerts the area's
  coordinators;
- :func:`checkins_process_due`: the daily job (start contracts, ask for due check-ins, mark the
  unanswered ones missed). Running it twice sends nothing twice.

Lock order everywhere: sheet → application → contract → check-in.
"""

from __future__ import annotations

import calendar
import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from duallife.accounts.models import User
from duallife.core.formats import format_date, format_yen
from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.organizations.models import CoordinatorScope, Organization
from duallife.organizations.permissions import companies_of
from duallife.postings.models import SpecSheet

from ..errors import (
    EngagementConflictError,
    EngagementError,
    EngagementPermissionError,
    EngagementTransitionError,
)
from ..links import application_url, checkin_url
from ..models import ENGAGED_STATUSES, Application, CheckIn, CheckInAnswer, Contract
from ..wording import worded_for_storage
from . import pipeline
from .applications import LABEL_NOTE, clean_text
from .notices import notify_company, notify_user

S = Application.Status
ContractType = SpecSheet.ContractType

#: What a contract recorded here can be. 雇用 (employment) is not: it is arranged by a licensed
#: placement partner outside the platform, so it is refused with a message that says so.
RECORDABLE_TYPES = (ContractType.OUTSOURCING, ContractType.PROBONO)
MAX_START_PAST_DAYS = 90
MAX_START_FUTURE_DAYS = 365
MAX_DURATION_YEARS = 5
MAX_MONTHLY_FEE_YEN = 10_000_000
NOTE_MAX_CHARS = 1000
COMMENT_MAX_CHARS = 2000

#: Follow-up rhythm: a first check-in a month after the start, then every two months, until the
#: planned end (or for a year when the contract has no end date).
FIRST_CHECKIN_MONTHS = 1
CHECKIN_EVERY_MONTHS = 2
OPEN_ENDED_FOLLOWUP_MONTHS = 12
#: A check-in still missing an answer this many days after it was due is marked missed.
MISSED_AFTER_DAYS = 14
#: An answer at or below this rating (1–5), or "not on track", alerts the coordinators.
WORRYING_RATING = 2
RATING_MIN, RATING_MAX = 1, 5

SIDES = (CheckInAnswer.Side.TALENT, CheckInAnswer.Side.COMPANY)

#: Names of the fields in the input errors (the subject of the sentence).
LABEL_STARTS_ON = pgettext_lazy("subject of an error message", "開始日")
LABEL_ENDS_ON = pgettext_lazy("subject of an error message", "終了予定日")
LABEL_ENDED_ON = pgettext_lazy("subject of an error message", "終了日")
LABEL_DAYS_PER_MONTH = pgettext_lazy("subject of an error message", "月の稼働日数")
LABEL_MONTHLY_FEE = pgettext_lazy("subject of an error message", "月額報酬")
LABEL_RATING = pgettext_lazy("subject of an error message", "満足度")
LABEL_COMMENT = pgettext_lazy("subject of an error message", "コメント")
LABEL_TODAY = pgettext_lazy("subject of an error message", "処理する日")


# --- Small helpers ------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, kept inside the target month (1月31日 + 1 → 2月28日)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def checkin_schedule(starts_on: datetime.date, ends_on: datetime.date | None) -> list[datetime.date]:
    """Due dates of the periodic check-ins: 1 month after the start, then every 2 months, before
    the planned end (or up to 12 months when there is none)."""
    dates = []
    months = FIRST_CHECKIN_MONTHS
    while True:
        due = add_months(starts_on, months)
        if ends_on is not None and due >= ends_on:
            break
        if ends_on is None and months > OPEN_ENDED_FOLLOWUP_MONTHS:
            break
        dates.append(due)
        months += CHECKIN_EVERY_MONTHS
    return dates


def area_coordinators(municipality) -> list[User]:
    """Active members of the coordinator bodies whose scope covers ``municipality``.

    When no body covers the place, the operators (secretariat) are returned instead, so that an
    alert never goes nowhere.
    """
    scopes = CoordinatorScope.objects.filter(
        Q(municipality_id=municipality.pk)
        | Q(municipality__isnull=True, prefecture_id=municipality.prefecture_id),
        organization__kind=Organization.Kind.COORDINATOR,
        organization__is_active=True,
    )
    users = list(
        User.objects.filter(is_active=True, memberships__organization__in=scopes.values("organization"))
        .distinct()
        .order_by("pk")
    )
    if users:
        return users
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organization__kind=Organization.Kind.SECRETARIAT,
            memberships__organization__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def alert_coordinators(contract: Contract, *, title: Text, body: Text, url: str) -> int:
    """Tell the coordinators of the contract's area (kind ALERT). Returns how many were told."""
    users = area_coordinators(contract.sheet.municipality)
    for user in users:
        notify_user(user, kind=Kind.ALERT, title=title, body=body, url=url)
    return len(users)


def party_side(user, contract: Contract) -> str:
    """``talent`` or ``company`` for a party of the contract; staff and others are refused."""
    if getattr(user, "is_authenticated", False) and contract.talent.user_id == user.pk:
        return CheckInAnswer.Side.TALENT
    if getattr(user, "is_authenticated", False) and (
        companies_of(user).filter(pk=contract.organization_id).exists()
    ):
        return CheckInAnswer.Side.COMPANY
    raise EngagementPermissionError(_("この操作は、契約した人材と企業のメンバーだけができます。"))


# --- Input checks -------------------------------------------------------------------------------


def clean_date(value, *, field: str, label) -> datetime.date:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise EngagementError(_("%(label)sを日付で入力してください。") % {"label": label}, field=field)
    return value


def clean_int(value, *, field: str, label, minimum: int, maximum: int, unit: str = "") -> int:
    """An integer within bounds; ``unit`` is ``"days"``, ``"yen"`` or empty (a plain number)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise EngagementError(_("%(label)sは整数で入力してください。") % {"label": label}, field=field)
    if not minimum <= value <= maximum:
        if unit == "days":
            message = _("%(label)sは%(min)s日から%(max)s日までで入力してください。")
        else:
            message = _("%(label)sは%(min)sから%(max)sまでで入力してください。")
        if unit == "yen":
            low, high = format_yen(minimum), format_yen(maximum)
        else:
            low = formats.number_format(minimum, force_grouping=True)
            high = formats.number_format(maximum, force_grouping=True)
        raise EngagementError(message % {"label": label, "min": low, "max": high}, field=field)
    return value


def clean_terms(
    *,
    contract_type,
    starts_on,
    ends_on,
    days_per_month,
    monthly_fee_yen,
    travel_paid_by,
    subsidy_eligible,
    today: datetime.date,
) -> dict:
    """The contract's terms, checked; refuses the first problem with a message naming its field."""
    if contract_type == ContractType.EMPLOYMENT_REFERRAL:
        raise EngagementError(
            _(
                "雇用契約は提携する職業紹介事業者を通じて結ぶため、ここでは記録できません。"
                "業務委託かプロボノを選んでください。"
            ),
            field="contract_type",
        )
    if contract_type not in RECORDABLE_TYPES:
        raise EngagementError(
            _("契約形態は「業務委託」か「プロボノ」から選んでください。"), field="contract_type"
        )
    starts_on = clean_date(starts_on, field="starts_on", label=LABEL_STARTS_ON)
    if starts_on < today - datetime.timedelta(days=MAX_START_PAST_DAYS):
        raise EngagementError(
            _("開始日が古すぎます。%(days)d日前より後の日付にしてください。") % {"days": MAX_START_PAST_DAYS},
            field="starts_on",
        )
    if starts_on > today + datetime.timedelta(days=MAX_START_FUTURE_DAYS):
        raise EngagementError(_("開始日は1年以内の日付にしてください。"), field="starts_on")
    if ends_on is not None:
        ends_on = clean_date(ends_on, field="ends_on", label=LABEL_ENDS_ON)
        if ends_on <= starts_on:
            raise EngagementError(_("終了予定日は開始日より後の日付にしてください。"), field="ends_on")
        if ends_on > add_months(starts_on, 12 * MAX_DURATION_YEARS):
            raise EngagementError(
                _("契約期間は%(years)d年以内にしてください。") % {"years": MAX_DURATION_YEARS},
                field="ends_on",
            )
    days_per_month = clean_int(
        days_per_month, field="days_per_month", label=LABEL_DAYS_PER_MONTH, minimum=1, maximum=31, unit="days"
    )
    monthly_fee_yen = clean_int(
        monthly_fee_yen,
        field="monthly_fee_yen",
        label=LABEL_MONTHLY_FEE,
        minimum=0,
        maximum=MAX_MONTHLY_FEE_YEN,
        unit="yen",
    )
    if contract_type == ContractType.PROBONO and monthly_fee_yen != 0:
        raise EngagementError(
            _("プロボノは無償のため、月額報酬は0円にしてください。"), field="monthly_fee_yen"
        )
    if contract_type == ContractType.OUTSOURCING and monthly_fee_yen == 0:
        raise EngagementError(
            _("業務委託の月額報酬を入力してください（0円にできるのはプロボノだけです）。"),
            field="monthly_fee_yen",
        )
    if travel_paid_by not in SpecSheet.TravelPaidBy.values:
        raise EngagementError(_("交通費の負担を選んでください。"), field="travel_paid_by")
    if not isinstance(subsidy_eligible, bool):
        raise EngagementError(_("交通費補助の対象かどうかを選んでください。"), field="subsidy_eligible")
    return {
        "contract_type": contract_type,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "days_per_month": days_per_month,
        "monthly_fee_yen": monthly_fee_yen,
        "travel_paid_by": travel_paid_by,
        "subsidy_eligible": subsidy_eligible,
    }


# --- Locks --------------------------------------------------------------------------------------


def lock_contract(contract: Contract) -> tuple[Application, Contract]:
    """Lock the contract's application, then the contract (call inside ``atomic``)."""
    application = pipeline.lock_application(Application(pk=contract.application_id))
    locked = (
        Contract.objects.select_for_update(of=("self",))
        .select_related("sheet", "sheet__municipality", "organization", "talent", "talent__user")
        .get(pk=contract.pk)
    )
    return application, locked


def sync_contract(target: Contract, source: Contract) -> Contract:
    """Copy the saved state of ``source`` onto the caller's instance."""
    if target is not source:
        for model_field in Contract._meta.concrete_fields:
            setattr(target, model_field.attname, getattr(source, model_field.attname))
    return target


# --- Starting, ending ----------------------------------------------------------------


def _start(application: Application, *, by, note: str) -> None:
    pipeline.move(application, to=S.ACTIVE, by=by, note=note)


@transaction.atomic
def contract_start(*, contract: Contract, by) -> Contract:
    """The company says the work has begun: 成約 → 稼働中 (the daily job does it on ``starts_on``)."""
    if party_side_or_none(by, contract) != CheckInAnswer.Side.COMPANY:
        raise EngagementPermissionError(_("稼働の開始を記録できるのは、契約した企業のメンバーだけです。"))
    application, locked = lock_contract(contract)
    if application.status != S.CONTRACTED:
        raise EngagementTransitionError(
            _("稼働を開始できるのは「成約」の契約です（いまは「%(status)s」です）。")
            % {"status": application.get_status_display()}
        )
    _start(application, by=by, note=gettext_noop("稼働を開始しました。"))
    notify_user(
        locked.talent.user,
        kind=Kind.CONTRACT,
        title=Text(gettext_lazy("「%(sheet)s」の稼働が始まりました"), sheet=locked.sheet.title),
        url=application_url(application.pk),
    )
    return sync_contract(contract, locked)


def party_side_or_none(user, contract: Contract) -> str | None:
    try:
        return party_side(user, contract)
    except EngagementPermissionError:
        return None


def clean_end(contract: Contract, *, ended_on, reason, note, today: datetime.date) -> tuple[str, bool]:
    """Check an end against the (locked) contract; returns the reason and whether it is early."""
    if ended_on > today:
        raise EngagementError(
            _("終了日に未来の日付は指定できません。終わった日に記録してください。"), field="ended_on"
        )
    recorded_on = timezone.localtime(contract.recorded_at).date()
    if ended_on < min(contract.starts_on, recorded_on):
        raise EngagementError(_("終了日が開始日より前になっています。"), field="ended_on")
    before_plan = contract.ends_on is not None and ended_on < contract.ends_on
    if before_plan and reason in ("", Contract.EndReason.COMPLETED):
        raise EngagementError(
            _("終了予定日（%(date)s）より前に終えるときは、理由を選んでください。")
            % {"date": format_date(contract.ends_on)},
            field="reason",
        )
    reason = reason or Contract.EndReason.COMPLETED
    if reason == Contract.EndReason.OTHER and not note:
        raise EngagementError(_("「その他」を選んだときは、メモに理由を書いてください。"), field="note")
    return reason, before_plan or reason != Contract.EndReason.COMPLETED


@transaction.atomic
def contract_end(
    *, contract: Contract, by, ended_on: datetime.date, reason: str = "", note: str = ""
) -> Contract:
    """Either side ends the contract: → 完了.

    Ending before the planned day, or for any reason but 予定どおり完了, is an early end: the
    reason (:class:`Contract.EndReason`) is required and the area's coordinators are alerted.
    Check-ins planned after the end are dropped; a completion check-in asks both sides for
    feedback; the other side is told.
    """
    side = party_side(by, contract)
    ended_on = clean_date(ended_on, field="ended_on", label=LABEL_ENDED_ON)
    if reason not in ("", *Contract.EndReason.values):
        raise EngagementError(_("終了の理由を一覧から選んでください。"), field="reason")
    note = clean_text(note, field="note", label=LABEL_NOTE, max_chars=NOTE_MAX_CHARS)
    application, locked = lock_contract(contract)
    if application.status not in ENGAGED_STATUSES:
        raise EngagementTransitionError(_("この契約はすでに終了しています。"))
    today = timezone.localdate()
    reason, early = clean_end(locked, ended_on=ended_on, reason=reason, note=note, today=today)
    locked.ended_on = ended_on
    locked.end_reason = reason
    locked.end_note = note
    locked.ended_early = early
    locked.save(update_fields=["ended_on", "end_reason", "end_note", "ended_early"])
    reason_label = Contract.EndReason(reason).label
    pipeline.move(
        application,
        to=S.COMPLETED,
        by=by,
        note=worded_for_storage(
            gettext_lazy("%(date)s終了（%(reason)s）"), date=ended_on, reason=reason_label
        ),
    )
    CheckIn.objects.filter(
        contract=locked, kind=CheckIn.Kind.PERIODIC, status=CheckIn.Status.OPEN, due_on__gt=ended_on
    ).filter(answers__isnull=True).delete()
    completion, _created = CheckIn.objects.get_or_create(
        contract=locked, kind=CheckIn.Kind.COMPLETION, defaults={"due_on": today}
    )
    completion.contract = locked
    announce(completion, now=timezone.now())
    _tell_other_side(
        locked,
        side=side,
        title=Text(gettext_lazy("「%(sheet)s」の契約が終了しました"), sheet=locked.sheet.title),
        body=Text(reason_label),
    )
    if early:
        alert_coordinators(
            locked,
            title=Text(
                gettext_lazy("「%(sheet)s」の契約が予定より早く終了しました"), sheet=locked.sheet.title
            ),
            body=Text(
                gettext_lazy("%(company)s・%(name)sさん：%(reason)s"),
                company=locked.organization.name,
                name=locked.talent.display_name,
                reason=reason_label,
            ),
            url=application_url(application.pk),
        )
    return sync_contract(contract, locked)


def _tell_other_side(contract: Contract, *, side: str, title: Text, body: Text) -> None:
    url = application_url(contract.application_id)
    if side == CheckInAnswer.Side.TALENT:
        notify_company(contract.organization_id, kind=Kind.CONTRACT, title=title, body=body, url=url)
    else:
        notify_user(contract.talent.user, kind=Kind.CONTRACT, title=title, body=body, url=url)


# --- Check-ins ----------------------------------------------------------------------------------


def announce(checkin: CheckIn, *, now: datetime.datetime) -> None:
    """Ask the sides that have not answered yet (kind CHECKIN), once; marks it announced."""
    if checkin.announced_at is not None:
        return
    contract = checkin.contract
    answered = set(checkin.answers.values_list("side", flat=True))
    if checkin.kind == CheckIn.Kind.COMPLETION:
        title = Text(gettext_lazy("「%(sheet)s」のふりかえりにご回答ください"), sheet=contract.sheet.title)
    else:
        title = Text(
            gettext_lazy("「%(sheet)s」のフォローアップにご回答ください"), sheet=contract.sheet.title
        )
    body = Text(
        gettext_lazy(
            "満足度、取り決めどおりに進んでいるか、ひとことの三つに答えてください（1分ほどです）。"
            "回答は地域のコーディネーターが確認します。相手には、回答したかどうかだけが伝わります。"
        )
    )
    url = checkin_url(checkin.pk)
    if CheckInAnswer.Side.TALENT not in answered:
        notify_user(contract.talent.user, kind=Kind.CHECKIN, title=title, body=body, url=url)
    if CheckInAnswer.Side.COMPANY not in answered:
        notify_company(contract.organization_id, kind=Kind.CHECKIN, title=title, body=body, url=url)
    checkin.announced_at = now
    checkin.save(update_fields=["announced_at"])


def lock_checkin(checkin: CheckIn) -> CheckIn:
    return (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related(
            "contract",
            "contract__sheet",
            "contract__sheet__municipality",
            "contract__organization",
            "contract__talent",
            "contract__talent__user",
        )
        .get(pk=checkin.pk)
    )


def _is_worrying(*, rating: int, on_track: bool) -> bool:
    return rating <= WORRYING_RATING or not on_track


@transaction.atomic
def checkin_answer(*, checkin: CheckIn, by, rating: int, on_track: bool, comment: str = "") -> CheckInAnswer:
    """The talent or a member of the company answers a due check-in, once per side.

    When both sides have answered the check-in is done. A worrying answer (rating 1–2 or not on
    track) alerts the area's coordinators, once per check-in.
    """
    side = party_side(by, checkin.contract)
    rating = clean_int(rating, field="rating", label=LABEL_RATING, minimum=RATING_MIN, maximum=RATING_MAX)
    if not isinstance(on_track, bool):
        raise EngagementError(
            _("取り決めどおりに進んでいるかを「はい」か「いいえ」で選んでください。"), field="on_track"
        )
    comment = clean_text(comment, field="comment", label=LABEL_COMMENT, max_chars=COMMENT_MAX_CHARS)
    locked = lock_checkin(checkin)
    if locked.due_on > timezone.localdate():
        raise EngagementTransitionError(
            _("このフォローアップには%(date)sから回答できます。") % {"date": format_date(locked.due_on)}
        )
    if locked.answers.filter(side=side).exists():
        raise EngagementConflictError(_("このフォローアップには、すでに回答しています。"))
    try:
        with transaction.atomic():
            answer = CheckInAnswer.objects.create(
                checkin=locked, side=side, by=by, rating=rating, on_track=on_track, comment=comment
            )
    except IntegrityError:  # the other request of a double click
        raise EngagementConflictError(_("このフォローアップには、すでに回答しています。")) from None
    now = timezone.now()
    update = []
    if set(locked.answers.values_list("side", flat=True)) >= set(SIDES):
        locked.status = CheckIn.Status.DONE
        locked.closed_at = now
        update += ["status", "closed_at"]
    if _is_worrying(rating=rating, on_track=on_track) and locked.alerted_at is None:
        contract = locked.contract
        alert_coordinators(
            contract,
            title=Text(
                gettext_lazy("「%(sheet)s」のフォローアップに気になる回答がありました"),
                sheet=contract.sheet.title,
            ),
            body=Text(
                gettext_lazy("%(side)sの回答：満足度 %(rating)d／%(max)d、取り決めどおり：%(on_track)s"),
                side=CheckInAnswer.Side(side).label,
                rating=rating,
                max=RATING_MAX,
                on_track=gettext_lazy("はい") if on_track else gettext_lazy("いいえ"),
            ),
            url=checkin_url(locked.pk),
        )
        locked.alerted_at = now
        update.append("alerted_at")
    if update:
        locked.save(update_fields=update)
    if checkin is not locked:
        checkin.status, checkin.closed_at, checkin.alerted_at = (
            locked.status,
            locked.closed_at,
            locked.alerted_at,
        )
    return answer


# --- The daily job ------------------------------------------------------------------------------


def _start_due_contracts(today: datetime.date) -> int:
    application_ids = list(
        Contract.objects.filter(application__status=S.CONTRACTED, starts_on__lte=today)
        .order_by("application_id")
        .values_list("application_id", flat=True)
    )
    started = 0
    for application in (
        Application.objects.select_for_update(of=("self",))
        .filter(pk__in=application_ids, status=S.CONTRACTED)
        .order_by("pk")
    ):
        _start(application, by=None, note=gettext_noop("開始日になったため、稼働中にしました。"))
        started += 1
    return started


def _announce_due_checkins(today: datetime.date, now: datetime.datetime) -> int:
    due = list(
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("contract", "contract__sheet", "contract__talent", "contract__talent__user")
        .filter(status=CheckIn.Status.OPEN, due_on__lte=today, announced_at__isnull=True)
        .order_by("pk")
    )
    for checkin in due:
        announce(checkin, now=now)
    return len(due)


def _mark_missed_checkins(today: datetime.date, now: datetime.datetime) -> int:
    overdue = list(
        CheckIn.objects.select_for_update(of=("self",))
        .select_related(
            "contract", "contract__sheet", "contract__sheet__municipality", "contract__organization"
        )
        .filter(status=CheckIn.Status.OPEN, due_on__lte=today - datetime.timedelta(days=MISSED_AFTER_DAYS))
        .order_by("pk")
    )
    for checkin in overdue:
        contract = checkin.contract
        answered = set(checkin.answers.values_list("side", flat=True))
        missing = [CheckInAnswer.Side(side).label for side in SIDES if side not in answered]
        alert_coordinators(
            contract,
            title=Text(
                gettext_lazy("「%(sheet)s」のフォローアップに回答がありません"), sheet=contract.sheet.title
            ),
            body=Text(
                gettext_lazy("%(date)sのフォローアップ：%(missing)sの回答がまだです。"),
                date=checkin.due_on,
                missing=missing,
            ),
            url=checkin_url(checkin.pk),
        )
        checkin.status = CheckIn.Status.MISSED
        checkin.closed_at = now
        checkin.alerted_at = checkin.alerted_at or now
        checkin.save(update_fields=["status", "closed_at", "alerted_at"])
    return len(overdue)


@transaction.atomic
def checkins_process_due(*, today: datetime.date) -> dict[str, int]:
    """The daily follow-up job, safe to run twice (nothing is started, asked or alerted twice).

    1. contracts whose ``starts_on`` has come become 稼働中;
    2. open check-ins due by ``today`` not asked yet are announced to the sides still to answer;
    3. open check-ins due more than 14 days ago become missed; the coordinators are alerted.
    """
    today = clean_date(today, field="today", label=LABEL_TODAY)
    now = timezone.now()
    return {
        "started": _start_due_contracts(today),
        "announced": _announce_due_checkins(today, now),
        "missed": _mark_missed_checkins(today, now),
    }
