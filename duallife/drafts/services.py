"""Running the draft's nominations, auditable and reproducible.

``draft_run_execute`` builds the instance from the locked preference lists — players who already
hold a pending or accepted nomination sit out, teams keep only the places not taken by one, and a
declined pair is not offered again — solves it with the engine, stores the exact input, seed and
result in a :class:`DraftRun` and creates the nominations, all in one transaction.
``draft_run_replay`` solves a stored run's input again: the answer must be the stored one.
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from duallife.engine.draft import DraftInputError, Proposing, parse_instance, solve
from duallife.organizations.permissions import is_operator, memberships

from .models import DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination, PlayerChoice, TeamChoice

TAKEN = (Nomination.Status.PENDING, Nomination.Status.ACCEPTED)
PITCH_MAX = 2000
OUTCOME_NOTE_MAX = 300


class DraftError(Exception):
    """A draft action that cannot be done; ``message`` is Japanese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def can_organize(user, event: DraftEvent) -> bool:
    """The organiser's members and operators run a draft."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_operator(user) or memberships(user).filter(organization=event.organizer_id).exists()


def _jp_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _player_key(pk: int) -> str:
    return f"p{pk}"


def _team_key(pk: int) -> str:
    return f"t{pk}"


def _append(ranking: list, ranks: list[int], rank: int, key: str) -> None:
    """Add ``key`` to a ranking; an entry sharing the previous entry's rank joins it in a tie
    (a list of ids, the engine's format for equal ranks)."""
    if ranks and ranks[-1] == rank:
        last = ranking[-1]
        ranking[-1] = [*last, key] if isinstance(last, list) else [last, key]
        return
    ranking.append(key)
    ranks.append(rank)


def draft_instance(event: DraftEvent) -> dict:
    """The instance the next run solves (in the engine's JSON format, ids ``p<pk>`` / ``t<pk>``)."""
    taken = Nomination.objects.filter(run__event=event, status__in=TAKEN)
    busy_players = set(taken.values_list("player_id", flat=True))
    places_taken: dict[int, int] = defaultdict(int)
    for team_id in taken.values_list("team_id", flat=True):
        places_taken[team_id] += 1
    declined = set(
        Nomination.objects.filter(run__event=event, status=Nomination.Status.DECLINED).values_list(
            "player_id", "team_id"
        )
    )
    teams = [t for t in DraftTeam.objects.filter(event=event).select_related("event").order_by("pk")]
    open_teams = {t.pk: t.places - places_taken[t.pk] for t in teams if t.places - places_taken[t.pk] > 0}
    players = [
        p.pk for p in DraftPlayer.objects.filter(event=event).order_by("pk") if p.pk not in busy_players
    ]
    player_lists: dict[int, list] = {pk: [] for pk in players}
    player_ranks: dict[int, list[int]] = defaultdict(list)
    for choice in PlayerChoice.objects.filter(player__event=event).order_by("player_id", "rank", "team_id"):
        pair = (choice.player_id, choice.team_id)
        if choice.player_id in player_lists and choice.team_id in open_teams and pair not in declined:
            _append(
                player_lists[choice.player_id],
                player_ranks[choice.player_id],
                choice.rank,
                _team_key(choice.team_id),
            )
    team_lists: dict[int, list] = {pk: [] for pk in open_teams}
    team_ranks: dict[int, list[int]] = defaultdict(list)
    for choice in TeamChoice.objects.filter(team__event=event).order_by("team_id", "rank", "player_id"):
        pair = (choice.player_id, choice.team_id)
        if choice.team_id in team_lists and choice.player_id in player_lists and pair not in declined:
            _append(
                team_lists[choice.team_id],
                team_ranks[choice.team_id],
                choice.rank,
                _player_key(choice.player_id),
            )
    return {
        "players": [{"id": _player_key(pk), "ranking": player_lists[pk]} for pk in players],
        "teams": [
            {"id": _team_key(pk), "capacity": places, "ranking": team_lists[pk]}
            for pk, places in open_teams.items()
        ],
    }


def _run_window_open(event: DraftEvent) -> None:
    """Runs happen after the preference deadline, from the nomination day to the end of the
    negotiation window (ADR 0010)."""
    if timezone.now() < event.preferences_deadline:
        raise DraftError("希望リストの締切前は指名を実行できません。締切後に実行してください。")
    today = timezone.localdate()
    if today < event.nomination_on:
        raise DraftError(f"指名は指名日（{_jp_date(event.nomination_on)}）から実行できます。")
    if today > event.negotiation_until:
        raise DraftError("交渉期間が終わったため、指名は実行できません（選手が回答できないため）。")


def draft_run_execute(
    *, event: DraftEvent, by, proposing: str = Proposing.PLAYERS, seed: int | None = None
) -> DraftRun:
    """Solve the next round and create its nominations (one transaction)."""
    if not can_organize(by, event):
        raise DraftError("指名の実行は、主催者と事務局だけができます。")
    try:
        proposing = Proposing(proposing)
    except ValueError:
        raise DraftError("申し込む側は players か teams を選んでください。") from None
    with transaction.atomic():
        # The schedule is read from the locked row: an edit of the event waits, and a run never
        # goes by dates the organiser has just changed.
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
        _run_window_open(locked)
        instance = draft_instance(locked)
        if not instance["players"] or not instance["teams"]:
            raise DraftError("指名できる選手かチームが残っていません。")
        if locked.allow_ties and seed is None:
            seed = secrets.randbelow(2**31)
        try:
            parsed = parse_instance(
                instance, allow_ties=locked.allow_ties, seed=seed if locked.allow_ties else None
            )
        except DraftInputError as exc:
            raise DraftError(f"希望リストを読めません: {exc}") from None
        result = solve(parsed, proposing)
        number = (
            DraftRun.objects.filter(event=locked).order_by("-number").values_list("number", flat=True).first()
            or 0
        ) + 1
        run = DraftRun.objects.create(
            event=locked,
            number=number,
            proposing=proposing.value,
            seed=seed if locked.allow_ties else None,
            instance=instance,
            result=result.as_json(),
            blocking_pairs=result.blocking_pairs,
            created_by=by,
        )
        Nomination.objects.bulk_create(
            Nomination(run=run, team_id=int(team[1:]), player_id=int(player[1:]))
            for team, players in result.matches.items()
            for player in players
        )
        from .services_nominations import notify_run_nominations

        notify_run_nominations(run_id=run.pk)  # in the transaction: emails go out after commit
    return run


def draft_run_replay(run: DraftRun) -> dict:
    """Solve the run's stored input again with its stored seed and side; the caller compares."""
    allow_ties = run.seed is not None
    parsed = parse_instance(run.instance, allow_ties=allow_ties, seed=run.seed)
    return solve(parsed, Proposing(run.proposing)).as_json()


# --- entering and ranking ----------------------------------------------------------------------


def _preferences_open(event: DraftEvent) -> None:
    if timezone.now() >= event.preferences_deadline:
        raise DraftError("希望リストは締切を過ぎたため変更できません。")


def player_enter(*, event: DraftEvent, talent, pitch: str = "", name_public: bool = False) -> DraftPlayer:
    """A talent enters the draft as a player with a pitch (during the entry period)."""
    today = timezone.localdate()
    if not event.entry_opens_on <= today <= event.entry_closes_on:
        raise DraftError("エントリーの受付期間ではありません。")
    pitch = (pitch or "").strip()
    if len(pitch) > PITCH_MAX:
        raise DraftError(f"自己アピールは{PITCH_MAX}文字以内で入力してください。")
    player, created = DraftPlayer.objects.get_or_create(
        event=event, talent=talent, defaults={"pitch": pitch, "name_public": name_public}
    )
    if not created:
        raise DraftError("このドラフト会議には、すでにエントリーしています。")
    return player


def _save_ranking(
    owner,
    others: list,
    *,
    event: DraftEvent,
    allowed: set[int],
    model,
    owner_field: str,
    other_field: str,
    label: str,
):
    """``others``: most wanted first; an entry may be a list (a group ranked equally), which only
    an event allowing ties accepts."""
    groups = [list(entry) if isinstance(entry, (list, tuple)) else [entry] for entry in others]
    groups = [[getattr(o, "pk", o) for o in group] for group in groups if group]
    if any(len(group) > 1 for group in groups) and not event.allow_ties:
        raise DraftError(
            f"同じ順位の{label}があります。このドラフト会議では、順位をすべて別々にしてください。"
        )
    ids = [i for group in groups for i in group]
    if len(set(ids)) != len(ids):
        raise DraftError(f"同じ{label}を2回選ぶことはできません。")
    unknown = [i for i in ids if i not in allowed]
    if unknown:
        raise DraftError(f"このドラフト会議に参加していない{label}が含まれています。")
    with transaction.atomic():
        # Two saves of one list at once (a double click, two tabs) would each delete the old rows
        # and insert the new ones, and the second insert would break the unique constraint: the
        # owner's row is locked first, so they run one after the other.
        list(type(owner).objects.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True))
        model.objects.filter(**{owner_field: owner}).delete()
        model.objects.bulk_create(
            model(**{owner_field: owner, f"{other_field}_id": other, "rank": position})
            for position, group in enumerate(groups, start=1)
            for other in group
        )


def player_choices_save(*, player: DraftPlayer, teams: list) -> None:
    """The teams a player would accept, most wanted first (any left out: not acceptable; a list
    inside the list is a group ranked equally, where the event allows ties)."""
    _preferences_open(player.event)
    allowed = set(DraftTeam.objects.filter(event=player.event_id).values_list("pk", flat=True))
    _save_ranking(
        player,
        teams,
        event=player.event,
        allowed=allowed,
        model=PlayerChoice,
        owner_field="player",
        other_field="team",
        label="チーム",
    )


def team_choices_save(*, team: DraftTeam, players: list) -> None:
    """The players a team would nominate, most wanted first (any left out: not acceptable)."""
    _preferences_open(team.event)
    allowed = set(DraftPlayer.objects.filter(event=team.event_id).values_list("pk", flat=True))
    _save_ranking(
        team,
        players,
        event=team.event,
        allowed=allowed,
        model=TeamChoice,
        owner_field="team",
        other_field="player",
        label="選手",
    )


# --- after the run -------------------------------------------------------------------------------


def nomination_respond(*, nomination: Nomination, by, accept: bool) -> Nomination:
    """The nominated talent accepts or declines, within the negotiation window (from the
    nomination day, when the results are announced, to its last day)."""
    with transaction.atomic():
        locked = (
            Nomination.objects.select_for_update()
            .with_run("player__talent", "run__event")
            .get(pk=nomination.pk)
        )
        if locked.player.talent.user_id != getattr(by, "pk", None):
            raise DraftError("指名に回答できるのは、指名された本人だけです。")
        if locked.status != Nomination.Status.PENDING:
            raise DraftError("この指名には、すでに回答しています。")
        event = locked.run.event
        if timezone.localdate() < event.nomination_on:
            raise DraftError(
                f"回答は、指名日（{_jp_date(event.nomination_on)}）から受け付けます。"
                "指名日に結果が発表されてから回答してください。"
            )
        if timezone.localdate() > event.negotiation_until:
            raise DraftError("交渉期間が終わったため、回答できません。主催者にご相談ください。")
        locked.status = Nomination.Status.ACCEPTED if accept else Nomination.Status.DECLINED
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "responded_at"])
        from .services_nominations import notify_nomination_answer

        notify_nomination_answer(nomination_id=locked.pk)
    return locked


def nomination_outcome_record(*, nomination: Nomination, by, outcome: str, note: str = "") -> Nomination:
    """What came of a nomination (moved, dual life, side job, none), recorded by the organiser or
    the nominating team — the figures later KPIs read."""
    if outcome not in Nomination.Outcome.values:
        raise DraftError("その後の状況は、移住・二地域居住・副業・協業・なしから選んでください。")
    note = (note or "").strip()
    if len(note) > OUTCOME_NOTE_MAX:
        raise DraftError(f"メモは{OUTCOME_NOTE_MAX}文字以内で入力してください。")
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().with_run("run__event", "team").get(pk=nomination.pk)
        from .membership import acts_for

        if not (can_organize(by, locked.run.event) or acts_for(by, locked.team)):
            raise DraftError("その後の状況を記録できるのは、主催者・事務局・指名したチームです。")
        if locked.status != Nomination.Status.ACCEPTED:
            raise DraftError("その後の状況は、受諾された指名にだけ記録できます。")
        locked.outcome, locked.outcome_note, locked.outcome_recorded_at = outcome, note, timezone.now()
        locked.save(update_fields=["outcome", "outcome_note", "outcome_recorded_at"])
    return locked


# --- the event and its teams -------------------------------------------------------------------

NAME_MAX = 120
RULES_MAX = 4000
REBATE_MAX = DraftEvent._meta.get_field("rebate").max_length
CAPACITY_MAX = 100
FEE_MAX = 10_000_000
SCHEDULE = ("entry_opens_on", "entry_closes_on", "preferences_deadline", "nomination_on", "negotiation_until")


def _whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_event_fields(
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
        raise DraftError(f"名称は1〜{NAME_MAX}文字で入力してください。")
    rebate = (rebate or "").strip()
    if len(rebate) > REBATE_MAX:
        raise DraftError(f"還元は{REBATE_MAX}文字以内で入力してください。")
    rules = (rules or "").strip()
    if len(rules) > RULES_MAX:
        raise DraftError(f"ルールは{RULES_MAX}文字以内で入力してください。")
    if not _whole_number(team_capacity) or not 1 <= team_capacity <= CAPACITY_MAX:
        raise DraftError(f"1チームが指名できる人数は1〜{CAPACITY_MAX}で指定してください。")
    for label, fee in (("選手", player_fee_yen), ("チーム", team_fee_yen)):
        if not _whole_number(fee) or not 0 <= fee <= FEE_MAX:
            raise DraftError(f"参加費（{label}）は0〜{FEE_MAX:,}円の整数で指定してください。")
    missing = [key for key in SCHEDULE if schedule.get(key) is None]
    if missing:
        raise DraftError(f"日程（{missing[0]}）を指定してください。")
    opens, closes, deadline, nomination, until = (schedule[key] for key in SCHEDULE)
    if not isinstance(deadline, datetime.datetime) or timezone.is_naive(deadline):
        raise DraftError("希望リストの締切を日時で指定してください。")
    deadline_day = timezone.localtime(deadline).date()
    if not opens <= closes <= deadline_day <= nomination <= until:
        raise DraftError(
            "日程は、エントリー開始 ≤ エントリー締切 ≤ 希望リストの締切 ≤ 指名日 ≤ 交渉期間の終了"
            " の順にしてください。"
        )
    if deadline_ahead and deadline <= timezone.now():
        raise DraftError("希望リストの締切は、いまより後の日時にしてください。")
    prefectures = list(prefectures or [])
    if not prefectures:
        raise DraftError("対象地域（県）を1つ以上選んでください。")
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
    from duallife.organizations.models import Organization

    if organizer.kind not in (Organization.Kind.COORDINATOR, Organization.Kind.SECRETARIAT):
        raise DraftError("ドラフト会議を主催できるのは、自治体・支援機関と事務局です。")
    if not (is_operator(by) or memberships(by).filter(organization=organizer).exists()):
        raise DraftError("ドラフト会議を作成できるのは、主催する機関のメンバーと事務局です。")
    fields = check_event_fields(
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


def draft_team_join(
    *, event: DraftEvent, organization, by, strategy: str = "", wants: str = "", life: str = ""
) -> DraftTeam:
    """A coordinator body or a company joins as a team, by one of its members, before the
    preference deadline."""
    from duallife.organizations.models import Organization

    if organization.kind not in (Organization.Kind.COORDINATOR, Organization.Kind.COMPANY):
        raise DraftError("チームになれるのは、自治体・支援機関と企業です。")
    if not memberships(by).filter(organization=organization).exists():
        raise DraftError("チームとして参加できるのは、その機関のメンバーだけです。")
    with transaction.atomic():
        # the event's row first, as a change of partners takes it: a company picked as a partner
        # at the same moment is either a partner or a team, never both
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
        _preferences_open(locked)
        if DraftTeam.partners.through.objects.filter(
            draftteam__event=locked, organization=organization
        ).exists():
            raise DraftError("この機関は、すでにほかのチームのコンソーシアムに加わっています。")
        team, created = DraftTeam.objects.get_or_create(
            event=locked,
            organization=organization,
            defaults={"strategy": strategy.strip(), "wants": wants.strip(), "life": life.strip()},
        )
        if not created:
            raise DraftError("この機関は、すでにチームとして参加しています。")
    return team
