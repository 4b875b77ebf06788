"""Camps (合宿): sessions, online or on site, where a draft's teams and players meet before ranking.

- ``camp_create``: the organiser announces a camp (it starts in the future and ends by the
  preference deadline; on site it needs a place, online a way to join); the event's players and
  team members hear about it;
- ``camp_update`` / ``camp_delete``: the organiser changes a camp (the same rules, and never fewer
  seats than are taken) or cancels it, before it starts; the registered people hear about a new
  time or place, and about a cancellation;
- ``camp_register`` / ``camp_cancel``: a player (as themself) or a team member (for their team)
  takes or gives back a seat before the camp starts. Seats are counted under a lock on the camp
  row, so two requests for the last seat cannot both win;
- ``camp_attendance_record``: the organiser records who came, once the camp has started.

Each refuses with a :class:`~duallife.drafts.errors.DraftError` (a
:class:`~duallife.drafts.errors.CampInputError` naming the field for bad input) in the user's
language and saves nothing when it may not happen.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.formats import format_datetime
from duallife.core.ids import is_id
from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from ..errors import CampInputError, DraftError
from ..links import camp_url, event_url
from ..models import CampRegistration, DraftCamp, DraftEvent, DraftTeam
from ..permissions.camps import camp_edit_refusal, camp_registration_refusal, camp_started
from ..permissions.events import organizes
from ..permissions.players import player_of
from ..permissions.teams import teams_of
from ..selectors.camps import registered_users, seats_taken
from ..selectors.events import event_participants
from ..texts import camp_when
from .inputs import aware, same_minute, whole_number

TITLE_MAX = 120
PLACE_MAX = 200
DESCRIPTION_MAX = 4000
CAPACITY_MIN = 1
CAPACITY_MAX = 1000


def _check_camp_fields(
    *,
    event: DraftEvent,
    title: str,
    mode: str,
    place: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    description: str,
) -> dict:
    """The rules every camp keeps, when created and when edited; the cleaned fields, or a
    :class:`CampInputError` naming the field."""
    title = (title or "").strip()
    if not title or len(title) > TITLE_MAX:
        raise CampInputError(_("名称は1〜%(max)d文字で入力してください。") % {"max": TITLE_MAX}, "title")
    if mode not in DraftCamp.Mode.values:
        raise CampInputError(_("開催方法は「オンライン」か「現地」から選んでください。"), "mode")
    place = (place or "").strip()
    if len(place) > PLACE_MAX:
        raise CampInputError(_("会場は%(max)d文字以内で入力してください。") % {"max": PLACE_MAX}, "place")
    if mode == DraftCamp.Mode.ONSITE and not place:
        raise CampInputError(_("現地で開く合宿には、会場を入力してください。"), "place")
    if mode == DraftCamp.Mode.ONLINE and not place:
        # registrants learn how to join from the camp page only
        raise CampInputError(
            _(
                "オンラインで開く合宿には、参加用のURLなど参加の方法を入力してください"
                "（参加登録した人と主催者にだけ表示します）。"
            ),
            "place",
        )
    if not aware(starts_at):
        raise CampInputError(_("開始の日時を入力してください。"), "starts_at")
    if not aware(ends_at):
        raise CampInputError(_("終了の日時を入力してください。"), "ends_at")
    if starts_at <= timezone.now():
        raise CampInputError(
            _("開始は、いまより後の日時にしてください（始まった合宿には参加登録できません）。"), "starts_at"
        )
    if ends_at <= starts_at:
        raise CampInputError(_("終了は、開始より後の日時にしてください。"), "ends_at")
    if ends_at > event.preferences_deadline:
        raise CampInputError(
            _(
                "合宿は、希望リストの締切（%(deadline)s）までに終わるようにしてください。"
                "選手とチームは、合宿で会ってから順位をつけます。"
            )
            % {"deadline": format_datetime(event.preferences_deadline)},
            "ends_at",
        )
    if not whole_number(capacity) or not CAPACITY_MIN <= capacity <= CAPACITY_MAX:
        raise CampInputError(
            _("定員は%(min)d〜%(max)s人で指定してください。")
            % {"min": CAPACITY_MIN, "max": number_format(CAPACITY_MAX, force_grouping=True)},
            "capacity",
        )
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise CampInputError(
            _("内容は%(max)s文字以内で入力してください。")
            % {"max": number_format(DESCRIPTION_MAX, force_grouping=True)},
            "description",
        )
    return {
        "title": title,
        "mode": mode,
        "place": place,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": capacity,
        "description": description,
    }


def camp_create(
    *,
    event: DraftEvent,
    by,
    title: str,
    mode: str,
    place: str = "",
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    description: str = "",
) -> DraftCamp:
    """A new camp of ``event``, by its organiser; the players and team members are told."""
    if not organizes(by, event):
        raise DraftError(_("合宿をつくれるのは、このドラフト会議の主催者と事務局だけです。"))
    with transaction.atomic():
        # the deadline that bounds the camp is read from the locked row (an edit of the schedule
        # waits, and checks the camps once this one exists)
        event = DraftEvent.objects.select_for_update().get(pk=event.pk)
        fields = _check_camp_fields(
            event=event,
            title=title,
            mode=mode,
            place=place,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            description=description,
        )
        camp = DraftCamp.objects.create(event=event, **fields)
        url = camp_url(event.pk, camp.pk)
        for user in event_participants(event):
            if user.pk == getattr(by, "pk", None):
                continue
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=Text(
                    gettext_lazy("ドラフト会議「%(event)s」の合宿「%(camp)s」の参加登録が始まりました"),
                    event=event.name,
                    camp=camp.title,
                ),
                body=Text(
                    gettext_lazy("%(start)sから（%(mode)s・定員%(capacity)d人）"),
                    start=camp.starts_at,
                    mode=DraftCamp.Mode(camp.mode).label,
                    capacity=camp.capacity,
                ),
                url=url,
            )
    return camp


def camp_update(
    *,
    camp: DraftCamp,
    by,
    title: str,
    mode: str,
    place: str = "",
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    description: str = "",
) -> DraftCamp:
    """The organiser changes a camp before it starts, with the rules of :func:`camp_create`; the
    capacity never goes below the seats already taken. When the time, the way of holding it or the
    place changes, the registered people are told."""
    event = camp.event
    if not organizes(by, event):
        raise DraftError(_("合宿を変更できるのは、このドラフト会議の主催者と事務局だけです。"))
    with transaction.atomic():
        # Lock order: the event (its deadline bounds the camp; an edit of the schedule waits),
        # then the camp (a registration waits).
        locked_event = DraftEvent.objects.select_for_update().get(pk=camp.event_id)
        locked = DraftCamp.objects.select_for_update().get(pk=camp.pk)
        locked.event = locked_event
        refusal = camp_edit_refusal(locked)
        if refusal:
            raise DraftError(refusal)
        # a time typed again to the minute is the stored one (which may carry seconds)
        starts_at, ends_at = (
            stored if aware(typed) and same_minute(typed, stored) else typed
            for typed, stored in ((starts_at, locked.starts_at), (ends_at, locked.ends_at))
        )
        fields = _check_camp_fields(
            event=locked.event,
            title=title,
            mode=mode,
            place=place,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            description=description,
        )
        taken = seats_taken(locked)
        if fields["capacity"] < taken:
            raise CampInputError(
                _("定員は、すでに参加登録している%(taken)d人より少なくできません。") % {"taken": taken},
                "capacity",
            )
        moved = any(
            getattr(locked, name) != fields[name] for name in ("mode", "place", "starts_at", "ends_at")
        )
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(fields))
        if moved:
            for user in registered_users(locked, skip=by):
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=Text(gettext_lazy("合宿「%(camp)s」の日時・会場が変わりました"), camp=locked.title),
                    body=Text(
                        gettext_lazy("ドラフト会議「%(event)s」の合宿の新しい日時：%(when)s"),
                        event=locked.event.name,
                        when=camp_when(locked),
                    ),
                    url=camp_url(locked.event_id, locked.pk),
                )
    return locked


def camp_delete(*, camp: DraftCamp, by) -> int:
    """The organiser cancels a camp before it starts: the camp and its registrations are deleted
    and the registered people are told. Returns how many were told."""
    event = camp.event
    if not organizes(by, event):
        raise DraftError(_("合宿を中止できるのは、このドラフト会議の主催者と事務局だけです。"))
    with transaction.atomic():
        locked = DraftCamp.objects.select_for_update(of=("self",)).select_related("event").get(pk=camp.pk)
        if camp_started(locked):
            raise DraftError(_("始まった合宿は中止できません（出欠の記録を残します）。"))
        users = registered_users(locked, skip=by)
        for user in users:
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=Text(gettext_lazy("合宿「%(camp)s」は中止になりました"), camp=locked.title),
                body=Text(
                    gettext_lazy(
                        "ドラフト会議「%(event)s」の合宿「%(camp)s」（%(when)s）は中止になりました。"
                        "参加登録は取り消されています。"
                    ),
                    event=locked.event.name,
                    camp=locked.title,
                    when=camp_when(locked),
                ),
                url=event_url(locked.event_id),
            )
        locked.delete()
    return len(users)


def camp_register(*, camp: DraftCamp, by, team: DraftTeam | None = None) -> CampRegistration:
    """``by`` takes a seat: as a player of the event, or for ``team`` (one of the event's teams
    they act for; required when they act for several and are not a player). The refusals are
    :func:`~duallife.drafts.permissions.camps.camp_registration_refusal`'s, asked under a lock on
    the camp's row, so that two requests for the last seat cannot both win."""
    with transaction.atomic():
        locked = DraftCamp.objects.select_for_update().get(pk=camp.pk)
        locked.event = camp.event
        refusal = camp_registration_refusal(by, locked, team=team)
        if refusal:
            raise DraftError(refusal.message)
        player = None
        if team is None:
            player = player_of(by, locked.event)
            if player is None:
                teams = list(teams_of(by, locked.event)[:2])
                if len(teams) > 1:
                    raise DraftError(
                        _("複数のチームのメンバーです。どのチームとして参加するか選んでください。")
                    )
                team = teams[0]
        return CampRegistration.objects.create(camp=locked, user=by, player=player, team=team)


def camp_cancel(*, camp: DraftCamp, by) -> None:
    """``by`` gives their seat back, before the camp starts."""
    with transaction.atomic():
        locked = DraftCamp.objects.select_for_update().get(pk=camp.pk)
        registration = CampRegistration.objects.filter(camp=locked, user_id=getattr(by, "pk", None)).first()
        if registration is None:
            raise DraftError(_("この合宿には参加登録していません。"))
        if camp_started(locked):
            raise DraftError(_("この合宿はすでに始まっているため、参加登録を取り消せません。"))
        registration.delete()


def camp_attendance_record(*, camp: DraftCamp, by, attended: Mapping[int, bool | None]) -> int:
    """Who came (``True``), who did not (``False``), and whose attendance is not known (``None``),
    by registration id; every id must be a registration of this camp. Returns how many were
    written."""
    if not organizes(by, camp.event):
        raise DraftError(_("出欠を記録できるのは、このドラフト会議の主催者と事務局だけです。"))
    if not camp_started(camp):
        raise DraftError(
            _("出欠は、合宿が始まってから（%(start)s以降）記録できます。")
            % {"start": format_datetime(camp.starts_at)}
        )
    groups: dict[bool | None, list[int]] = {True: [], False: [], None: []}
    for registration_id, value in attended.items():
        if not isinstance(registration_id, int) or isinstance(registration_id, bool) or value not in groups:
            raise DraftError(_("出欠は、参加登録ごとに「出席」「欠席」「未記録」から選んでください。"))
        groups[value].append(registration_id)
    ids = [pk for values in groups.values() for pk in values]
    with transaction.atomic():
        locked = DraftCamp.objects.select_for_update().get(pk=camp.pk)
        possible = [pk for pk in ids if is_id(pk)]  # others are no row's id
        known = set(
            CampRegistration.objects.filter(camp=locked, pk__in=possible).values_list("pk", flat=True)
        )
        unknown = sorted(set(ids) - known)
        if unknown:
            raise DraftError(
                _(
                    "この合宿の参加登録ではないものが含まれています（番号：%(numbers)s）。ページを開き直してから記録してください。"
                )
                % {"numbers": _("、").join(str(pk) for pk in unknown[:10])}
            )
        for value, pks in groups.items():
            if pks:
                CampRegistration.objects.filter(camp=locked, pk__in=pks).update(attended=value)
    return len(ids)
