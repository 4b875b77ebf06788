"""Draft events: the organiser creates one and edits it.

- :func:`draft_event_create`: a member of a coordinator body (or the secretariat, or an operator)
  creates an event for that body: ``entry_opens_on`` ≤ ``entry_closes_on`` ≤ the day of the
  ``preferences_deadline`` ≤ ``nomination_on`` ≤ ``negotiation_until``, the deadline still ahead;
- :func:`draft_event_update`: the organiser edits the event. Once a run exists only the name, the
  rebate and the rules may change (the schedule, capacity, fees, prefectures and ties are part of
  what was solved); a new schedule keeps the order and never moves the preference deadline into
  the past, nor before the end of a camp, nor the end of the negotiation window into the past;
  ties cannot be turned off while tied lists exist; a prefecture where a consortium partner is
  cannot be taken out of the area. The players and the teams' members hear about a new schedule.

Each write is one transaction and raises :class:`~duallife.drafts.errors.DraftError` with a
message in the user's language, saving nothing, when refused.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from duallife.core.formats import format_datetime, format_yen
from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from ..errors import DraftError
from ..links import event_url
from ..models import DraftCamp, DraftEvent, DraftRun, DraftTeam
from ..permissions.events import event_create_refusal, organizes
from ..selectors.choices import tied_list_counts
from ..selectors.events import event_participants
from ..texts import schedule_text
from .inputs import same_minute, whole_number

NAME_MAX = 120
RULES_MAX = 4000
REBATE_MAX = DraftEvent._meta.get_field("rebate").max_length
CAPACITY_MAX = 100
FEE_MAX = 10_000_000
SCHEDULE = ("entry_opens_on", "entry_closes_on", "preferences_deadline", "nomination_on", "negotiation_until")
#: What a run was solved with: fixed once one exists (besides the prefectures).
SOLVED_FIELDS = (*SCHEDULE, "team_capacity", "player_fee_yen", "team_fee_yen", "allow_ties")
#: What may still change after a run.
FREE_FIELDS = ("name", "rebate", "rules")


def _check_event_fields(
    *,
    name: str,
    prefectures,
    schedule: dict,
    team_capacity: int,
    player_fee_yen: int,
    team_fee_yen: int,
    rebate: str = "",
    rules: str = "",
    deadline_ahead: bool = True,
) -> dict:
    """The event's fields cleaned, or a :class:`DraftError` naming the first one wrong.

    ``schedule``: ``entry_opens_on`` ≤ ``entry_closes_on`` ≤ the day of ``preferences_deadline``
    (an aware datetime) ≤ ``nomination_on`` ≤ ``negotiation_until``; with ``deadline_ahead`` the
    deadline must also be later than now."""
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise DraftError(_("名称は1〜%(max)d文字で入力してください。") % {"max": NAME_MAX})
    rebate = (rebate or "").strip()
    if len(rebate) > REBATE_MAX:
        raise DraftError(_("還元は%(max)d文字以内で入力してください。") % {"max": REBATE_MAX})
    rules = (rules or "").strip()
    if len(rules) > RULES_MAX:
        raise DraftError(_("ルールは%(max)d文字以内で入力してください。") % {"max": RULES_MAX})
    if not whole_number(team_capacity) or not 1 <= team_capacity <= CAPACITY_MAX:
        raise DraftError(_("1チームが指名できる人数は1〜%(max)dで指定してください。") % {"max": CAPACITY_MAX})
    fees = (
        (gettext_lazy("参加費（選手）は0〜%(max)sの整数で指定してください。"), player_fee_yen),
        (gettext_lazy("参加費（チーム）は0〜%(max)sの整数で指定してください。"), team_fee_yen),
    )
    for message, fee in fees:
        if not whole_number(fee) or not 0 <= fee <= FEE_MAX:
            raise DraftError(str(message) % {"max": format_yen(FEE_MAX)})
    missing = [key for key in SCHEDULE if schedule.get(key) is None]
    if missing:
        raise DraftError(
            _("日程（%(field)s）を指定してください。")
            % {"field": DraftEvent._meta.get_field(missing[0]).verbose_name}
        )
    opens, closes, deadline, nomination, until = (schedule[key] for key in SCHEDULE)
    if not isinstance(deadline, datetime.datetime) or timezone.is_naive(deadline):
        raise DraftError(_("希望リストの締切を日時で指定してください。"))
    deadline_day = timezone.localtime(deadline).date()
    if not opens <= closes <= deadline_day <= nomination <= until:
        raise DraftError(
            _(
                "日程は、エントリー開始 ≤ エントリー締切 ≤ 希望リストの締切 ≤ 指名日 ≤ 交渉期間の終了"
                " の順にしてください。"
            )
        )
    if deadline_ahead and deadline <= timezone.now():
        raise DraftError(_("希望リストの締切は、いまより後の日時にしてください。"))
    prefectures = list(prefectures or [])
    if not prefectures:
        raise DraftError(_("対象地域（県）を1つ以上選んでください。"))
    return {
        "name": name,
        "prefectures": prefectures,
        "schedule": dict(zip(SCHEDULE, (opens, closes, deadline, nomination, until), strict=True)),
        "team_capacity": team_capacity,
        "player_fee_yen": player_fee_yen,
        "team_fee_yen": team_fee_yen,
        "rebate": rebate,
        "rules": rules,
    }


def draft_event_create(
    *,
    by,
    organizer,
    name: str,
    prefectures,
    schedule: dict,
    team_capacity: int = 3,
    player_fee_yen: int = 0,
    team_fee_yen: int = 0,
    rebate: str = "",
    rules: str = "",
    allow_ties: bool = False,
) -> DraftEvent:
    """A new draft event, by a member of its organiser (a coordinator body, or the secretariat).

    ``schedule``: ``entry_opens_on`` ≤ ``entry_closes_on`` < ``preferences_deadline`` (a datetime)
    ≤ ``nomination_on`` ≤ ``negotiation_until``, the preference deadline still ahead."""
    refusal = event_create_refusal(by, organizer)
    if refusal:
        raise DraftError(refusal)
    fields = _check_event_fields(
        name=name,
        prefectures=prefectures,
        schedule=schedule,
        team_capacity=team_capacity,
        player_fee_yen=player_fee_yen,
        team_fee_yen=team_fee_yen,
        rebate=rebate,
        rules=rules,
    )
    opens, closes, deadline, nomination, until = (fields["schedule"][key] for key in SCHEDULE)
    with transaction.atomic():
        event = DraftEvent.objects.create(
            name=fields["name"],
            organizer=organizer,
            entry_opens_on=opens,
            entry_closes_on=closes,
            preferences_deadline=deadline,
            nomination_on=nomination,
            negotiation_until=until,
            team_capacity=team_capacity,
            player_fee_yen=player_fee_yen,
            team_fee_yen=team_fee_yen,
            rebate=fields["rebate"],
            rules=fields["rules"],
            allow_ties=allow_ties,
            created_by=by,
        )
        event.prefectures.set(fields["prefectures"])
    return event


def draft_event_update(
    *,
    event: DraftEvent,
    by,
    name: str,
    prefectures,
    schedule: dict,
    team_capacity: int,
    player_fee_yen: int,
    team_fee_yen: int,
    rebate: str = "",
    rules: str = "",
    allow_ties: bool = False,
) -> DraftEvent:
    """The organiser edits ``event`` (its organising body stays). See the module's rules."""
    if not organizes(by, event):
        raise DraftError(_("ドラフト会議を編集できるのは、主催する機関のメンバーと事務局です。"))
    with transaction.atomic():
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
        old_deadline = locked.preferences_deadline
        new_deadline = schedule.get("preferences_deadline")
        deadline_kept = isinstance(new_deadline, datetime.datetime) and same_minute(
            new_deadline, old_deadline
        )
        if deadline_kept:
            schedule = {**schedule, "preferences_deadline": old_deadline}
        fields = _check_event_fields(
            name=name,
            prefectures=prefectures,
            schedule=schedule,
            team_capacity=team_capacity,
            player_fee_yen=player_fee_yen,
            team_fee_yen=team_fee_yen,
            rebate=rebate,
            rules=rules,
            deadline_ahead=not deadline_kept,
        )
        allow_ties = bool(allow_ties)
        values = {
            **fields["schedule"],
            "team_capacity": fields["team_capacity"],
            "player_fee_yen": fields["player_fee_yen"],
            "team_fee_yen": fields["team_fee_yen"],
            "allow_ties": allow_ties,
        }
        old_prefectures = set(locked.prefectures.values_list("pk", flat=True))
        new_prefectures = {getattr(p, "pk", p) for p in fields["prefectures"]}
        solved_changed = [key for key in SOLVED_FIELDS if getattr(locked, key) != values[key]]
        if new_prefectures != old_prefectures:
            solved_changed.append("prefectures")
        if solved_changed and DraftRun.objects.filter(event=locked).exists():
            raise DraftError(
                _(
                    "指名を実行したあとは、名称・還元・ルールだけを変更できます。"
                    "日程・指名できる人数・参加費・対象地域・同順位の扱いは、実行した指名の前提のため変更できません。"
                )
            )
        if locked.allow_ties and not allow_ties:
            players, teams = tied_list_counts(locked)
            if players or teams:
                raise DraftError(
                    ngettext(
                        "同じ順位を含む希望リストが%(count)d件（選手%(players)d件・チーム%(teams)d件）あるため、"
                        "同順位を認めない設定にはできません。先に各リストの順位を別々にしてもらってください。",
                        "同じ順位を含む希望リストが%(count)d件（選手%(players)d件・チーム%(teams)d件）あるため、"
                        "同順位を認めない設定にはできません。先に各リストの順位を別々にしてもらってください。",
                        players + teams,
                    )
                    % {"count": players + teams, "players": players, "teams": teams}
                )
        if (
            values["negotiation_until"] != locked.negotiation_until
            and values["negotiation_until"] < timezone.localdate()
        ):
            raise DraftError(
                _(
                    "交渉期間の終了日は、今日以降の日付にしてください（終わった交渉期間には、指名も回答もできません）。"
                )
            )
        if new_prefectures != old_prefectures:
            outside = (
                DraftTeam.partners.through.objects.filter(draftteam__event=locked)
                .exclude(organization__prefecture_id__in=new_prefectures)
                .select_related("organization", "draftteam__organization")
                .order_by("organization__name", "pk")
                .first()
            )
            if outside is not None:
                raise DraftError(
                    _(
                        "%(team)sのチームのコンソーシアムに、対象地域から外す県の企業（%(company)s）が加わっているため、"
                        "その県は外せません。先にコンソーシアムの参加企業を見直してもらってください。"
                    )
                    % {"team": outside.draftteam.organization.name, "company": outside.organization.name}
                )
        new_deadline = values["preferences_deadline"]
        if new_deadline != old_deadline:
            late_camp = (
                DraftCamp.objects.filter(event=locked, ends_at__gt=new_deadline)
                .order_by("-ends_at", "pk")
                .first()
            )
            if late_camp is not None:
                raise DraftError(
                    _(
                        "合宿「%(camp)s」が%(end)sに終わるため、"
                        "希望リストの締切はそれより後にしてください（合宿は締切までに終わるようにします）。"
                    )
                    % {"camp": late_camp.title, "end": format_datetime(late_camp.ends_at)}
                )
        schedule_changed = any(getattr(locked, key) != values[key] for key in SCHEDULE)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.name, locked.rebate, locked.rules = fields["name"], fields["rebate"], fields["rules"]
        locked.save(update_fields=[*values, *FREE_FIELDS])
        if new_prefectures != old_prefectures:
            locked.prefectures.set(fields["prefectures"])
        if schedule_changed:
            url = event_url(locked.pk)
            for user in event_participants(locked):
                if user.pk == getattr(by, "pk", None):
                    continue
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=Text(
                        gettext_lazy("ドラフト会議「%(event)s」の日程が変わりました"), event=locked.name
                    ),
                    body=[Text(gettext_lazy("新しい日程")), *schedule_text(locked)],
                    url=url,
                )
    return locked
