"""What an organiser or a player changes after creating something.

- :func:`draft_event_update`: the organiser edits the event. Once a run exists only the name, the
  rebate and the rules may change (the schedule, capacity, fees, prefectures and ties are part of
  what was solved); a new schedule keeps the order and never moves the preference deadline into
  the past, nor before the end of a camp, nor the end of the negotiation window into the past;
  ties cannot be turned off while tied lists exist; a prefecture where a consortium partner is
  cannot be taken out of the area. The players and the teams' members hear about a new schedule;
- :func:`player_withdraw`: a player leaves the draft before the preference deadline (their entry,
  list, place in teams' lists, camp seats and message threads go with it); the teams that had
  ranked them are told, by display name.

Camps are edited and cancelled by :func:`~.services_camps.camp_update` and
:func:`~.services_camps.camp_delete`. Each write is one transaction and raises
:class:`~.services.DraftError` with a Japanese message, saving nothing, when refused.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from .membership import team_members
from .models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftMessage,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    Nomination,
    PlayerChoice,
    TeamChoice,
)
from .services import SCHEDULE, DraftError, can_organize, check_event_fields
from .services_camps import event_participants, jp_datetime

#: What a run was solved with: fixed once one exists (besides the prefectures).
SOLVED_FIELDS = (*SCHEDULE, "team_capacity", "player_fee_yen", "team_fee_yen", "allow_ties")
#: What may still change after a run.
FREE_FIELDS = ("name", "rebate", "rules")
WITHDRAW_AFTER_DEADLINE = "締切後の辞退は主催者にご連絡ください。"


def jp_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _same_minute(a: datetime.datetime, b: datetime.datetime) -> bool:
    """A deadline typed again to the minute is the stored one (which may carry seconds)."""
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def tied_list_counts(event: DraftEvent) -> tuple[int, int]:
    """How many players' lists and how many teams' lists give two entries the same rank."""

    def count(model, owner: str, **where) -> int:
        return (
            model.objects.filter(**where)
            .values(owner, "rank")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values(owner)
            .distinct()
            .count()
        )

    return count(PlayerChoice, "player_id", player__event=event), count(
        TeamChoice, "team_id", team__event=event
    )


def schedule_text(event: DraftEvent) -> str:
    """The schedule in Japanese, one step a line (what a notification repeats)."""
    deadline = jp_datetime(event.preferences_deadline)
    return (
        f"エントリー受付：{jp_date(event.entry_opens_on)}〜{jp_date(event.entry_closes_on)}\n"
        f"希望リストの締切：{deadline}\n"
        f"指名日：{jp_date(event.nomination_on)}\n"
        f"交渉期間：{jp_date(event.nomination_on)}〜{jp_date(event.negotiation_until)}"
    )


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
    if not can_organize(by, event):
        raise DraftError("ドラフト会議を編集できるのは、主催する機関のメンバーと事務局です。")
    with transaction.atomic():
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
        old_deadline = locked.preferences_deadline
        new_deadline = schedule.get("preferences_deadline")
        deadline_kept = isinstance(new_deadline, datetime.datetime) and _same_minute(
            new_deadline, old_deadline
        )
        if deadline_kept:
            schedule = {**schedule, "preferences_deadline": old_deadline}
        fields = check_event_fields(
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
                "指名を実行したあとは、名称・還元・ルールだけを変更できます。"
                "日程・指名できる人数・参加費・対象地域・同順位の扱いは、実行した指名の前提のため変更できません。"
            )
        if locked.allow_ties and not allow_ties:
            players, teams = tied_list_counts(locked)
            if players or teams:
                raise DraftError(
                    f"同じ順位を含む希望リストが{players + teams}件"
                    f"（選手{players}件・チーム{teams}件）あるため、"
                    "同順位を認めない設定にはできません。先に各リストの順位を別々にしてもらってください。"
                )
        if (
            values["negotiation_until"] != locked.negotiation_until
            and values["negotiation_until"] < timezone.localdate()
        ):
            raise DraftError(
                "交渉期間の終了日は、今日以降の日付にしてください（終わった交渉期間には、指名も回答もできません）。"
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
                    f"{outside.draftteam.organization.name}のチームのコンソーシアムに、対象地域から外す県の企業"
                    f"（{outside.organization.name}）が加わっているため、その県は外せません。"
                    "先にコンソーシアムの参加企業を見直してもらってください。"
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
                    f"合宿「{late_camp.title}」が{jp_datetime(late_camp.ends_at)}に終わるため、"
                    "希望リストの締切はそれより後にしてください（合宿は締切までに終わるようにします）。"
                )
        schedule_changed = any(getattr(locked, key) != values[key] for key in SCHEDULE)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.name, locked.rebate, locked.rules = fields["name"], fields["rebate"], fields["rules"]
        locked.save(update_fields=[*values, *FREE_FIELDS])
        if new_prefectures != old_prefectures:
            locked.prefectures.set(fields["prefectures"])
        if schedule_changed:
            url = reverse("drafts:detail", args=[locked.pk])
            for user in event_participants(locked):
                if user.pk == getattr(by, "pk", None):
                    continue
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=f"ドラフト会議「{locked.name}」の日程が変わりました",
                    body=f"新しい日程\n{schedule_text(locked)}",
                    url=url,
                )
    return locked


# --- a player leaves ----------------------------------------------------------------------------


def _renumber(team: DraftTeam) -> None:
    """Close the gaps a removed player leaves in a team's list (players sharing a rank keep
    sharing one), as :func:`~.services.team_choices_save` numbers a list."""
    choices = list(TeamChoice.objects.filter(team=team).order_by("rank", "player_id"))
    position, previous = 0, None
    changed = []
    for choice in choices:
        if choice.rank != previous:
            position += 1
            previous = choice.rank
        if choice.rank != position:
            choice.rank = position
            changed.append(choice)
    if changed:
        TeamChoice.objects.bulk_update(changed, ["rank"])


def withdraw_refusal(player: DraftPlayer, *, event: DraftEvent | None = None) -> str:
    """Why ``player`` may not withdraw now (empty when they may): the preference deadline has
    passed, or a nomination names them."""
    event = event or player.event
    if timezone.now() >= event.preferences_deadline:
        return f"希望リストの締切を過ぎたため、エントリーは取り消せません。{WITHDRAW_AFTER_DEADLINE}"
    if Nomination.objects.filter(player=player).exists():
        return (
            "指名を受けているため、エントリーは取り消せません。"
            "指名を受けるかどうかは、指名の一覧で回答してください。"
        )
    return ""


def player_withdraw(*, player: DraftPlayer, by) -> list[DraftTeam]:
    """The player leaves the draft before the preference deadline: their entry is deleted with
    their list, their place in teams' lists, their camp seats and their message threads. Refused
    once a nomination names them. The teams that had ranked them hear about it (display name
    only); their lists close up. Returns those teams."""
    event = player.event
    with transaction.atomic():
        # Lock order: the event (a run or an edit of the schedule waits), the event's teams (a
        # team saving its list waits; "no key" lets rows pointing at a team still be written),
        # then the player.
        locked_event = DraftEvent.objects.select_for_update().get(pk=event.pk)
        teams = {
            team.pk: team
            for team in DraftTeam.objects.select_for_update(no_key=True, of=("self",))
            .filter(event=locked_event)
            .select_related("organization")
            .order_by("pk")
        }
        locked = (
            DraftPlayer.objects.select_for_update()
            .select_related("talent")
            .filter(pk=player.pk, event=locked_event)
            .first()
        )
        if locked is None:
            raise DraftError("このエントリーは、すでに取り消されています。")
        if locked.talent.user_id != getattr(by, "pk", None):
            raise DraftError("エントリーを取り消せるのは、エントリーした本人だけです。")
        refusal = withdraw_refusal(locked, event=locked_event)
        if refusal:
            raise DraftError(refusal)
        ranked_by = sorted(set(TeamChoice.objects.filter(player=locked).values_list("team_id", flat=True)))
        display_name = locked.talent.display_name
        locked.delete()
        told = []
        for team_id in ranked_by:
            team = teams[team_id]
            _renumber(team)
            told.append(team)
            url = reverse("drafts:team_choices", args=[locked_event.pk, team.pk])
            for user in team_members(team):
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=f"{display_name}さんがドラフト会議「{locked_event.name}」への参加を取りやめました",
                    body=(
                        f"{team.organization.name}の希望リストにいた{display_name}さんが、エントリーを取り消しました。"
                        "希望リストから外し、順位を詰めています。締切までに見直してください。"
                    ),
                    url=url,
                )
    return told


def withdrawal_preview(player: DraftPlayer) -> dict:
    """What a withdrawal removes, for the confirmation page (a fixed number of queries)."""
    messages = DraftMessage.objects.filter(player=player).aggregate(
        threads=Count("team_id", distinct=True), messages=Count("pk")
    )
    return {
        "list_length": PlayerChoice.objects.filter(player=player).count(),
        "registrations": list(
            CampRegistration.objects.filter(player=player)
            .select_related("camp")
            .order_by("camp__starts_at", "pk")
        ),
        "threads": messages["threads"],
        "messages": messages["messages"],
    }
