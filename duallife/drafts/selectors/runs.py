"""Reads of the runs: the instance the next run solves, readiness of the next run, the runs so
far and one run's audit, each in a fixed number of queries.

:func:`draft_instance` builds the engine's JSON from the locked preference lists (ids ``p<pk>`` /
``t<pk>``, tied groups as lists): players who already hold a pending or accepted nomination sit
out, teams keep only the places not taken by one, and a declined pair is not offered again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from duallife.organizations.models import Membership
from duallife.organizations.permissions import is_operator

from ..models import DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination, PlayerChoice, TeamChoice
from ..permissions.events import negotiation_open, nomination_day_reached, preferences_open

#: The nominations holding a player and a team's place.
TAKEN = (Nomination.Status.PENDING, Nomination.Status.ACCEPTED)


def has_runs(event: DraftEvent) -> bool:
    return DraftRun.objects.filter(event=event).exists()


# --- the next run's instance ---------------------------------------------------------------------


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


# --- the organiser's run pages -------------------------------------------------------------------


@dataclass(frozen=True)
class Readiness:
    teams: int
    players: int
    player_lists: int  # players who ranked at least one team
    team_lists: int  # teams that ranked at least one player
    deadline_passed: bool
    places: int  # all teams' places
    places_left: int  # not taken by a pending or accepted nomination
    players_free: int  # players holding no pending or accepted nomination
    runs: int
    pending: int
    accepted: int
    declined: int

    #: today is before the nomination day / after the negotiation window (no run possible)
    before_nomination_day: bool = False
    window_over: bool = False

    @property
    def ready(self) -> bool:
        return (
            self.deadline_passed
            and not self.before_nomination_day
            and not self.window_over
            and self.places_left > 0
            and self.players_free > 0
        )


def run_readiness(event: DraftEvent) -> Readiness:
    teams = list(DraftTeam.objects.filter(event=event).only("pk", "capacity", "event_id"))
    for team in teams:
        team.event = event
    taken = dict(
        Nomination.objects.filter(run__event=event, status__in=TAKEN)
        .values("team_id")
        .annotate(n=Count("pk"))
        .values_list("team_id", "n")
    )
    statuses = dict(
        Nomination.objects.filter(run__event=event)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    players = DraftPlayer.objects.filter(event=event).count()
    busy = (
        Nomination.objects.filter(run__event=event, status__in=TAKEN).values("player_id").distinct().count()
    )
    return Readiness(
        teams=len(teams),
        players=players,
        player_lists=PlayerChoice.objects.filter(player__event=event).values("player_id").distinct().count(),
        team_lists=TeamChoice.objects.filter(team__event=event).values("team_id").distinct().count(),
        deadline_passed=not preferences_open(event),
        places=sum(team.places for team in teams),
        places_left=sum(max(team.places - taken.get(team.pk, 0), 0) for team in teams),
        players_free=players - busy,
        runs=DraftRun.objects.filter(event=event).count(),
        pending=statuses.get(Nomination.Status.PENDING, 0),
        accepted=statuses.get(Nomination.Status.ACCEPTED, 0),
        declined=statuses.get(Nomination.Status.DECLINED, 0),
        before_nomination_day=not nomination_day_reached(event),
        window_over=not negotiation_open(event),
    )


def runs_of(event: DraftEvent) -> QuerySet[DraftRun]:
    """The event's runs, newest first, with their nomination counts (the stored JSON not loaded)."""
    return (
        DraftRun.objects.filter(event=event)
        .defer("instance", "result")
        .select_related("created_by")
        .annotate(nomination_count=Count("nominations"))
        .order_by("-number")
    )


def with_runners(runs, event: DraftEvent) -> list[DraftRun]:
    """Each run with ``runner``: who ran it, as the organisation they acted for (the organiser's
    name, or the secretariat) — never a person's email address."""
    runs = list(runs)
    organiser_members = set(
        Membership.objects.filter(organization=event.organizer_id).values_list("user_id", flat=True)
    )
    operators: dict[int, bool] = {}
    for run in runs:
        user = run.created_by
        if user is None:
            run.runner = _("（削除されたユーザー）")
        elif user.pk in organiser_members:
            run.runner = event.organizer.name
        else:
            if user.pk not in operators:
                operators[user.pk] = is_operator(user)
            run.runner = _("事務局") if operators[user.pk] else _("（主催者ではなくなったユーザー）")
    return runs


def _pk(key: str, prefix: str) -> int | None:
    if isinstance(key, str) and key.startswith(prefix) and key[1:].isdigit():
        return int(key[1:])
    return None


def _flat(ranking) -> list[str]:
    return [key for entry in ranking for key in (entry if isinstance(entry, list) else [entry])]


@dataclass(frozen=True)
class TeamAudit:
    key: str
    name: str
    team_pk: int | None
    capacity: int
    list_length: int
    ties: int  # groups of equal rank in its list
    nominated: list[str]  # display names


@dataclass(frozen=True)
class RunAudit:
    players: int
    teams: list[TeamAudit]
    player_list_min: int
    player_list_max: int
    player_list_mean: float
    players_without_list: int
    player_ties: int  # players whose list has a group of equal rank
    unmatched: list[str]  # display names
    nominations: int


def run_audit(run: DraftRun) -> RunAudit:
    """The stored input and result of a run, with names put on the ids (two queries)."""
    instance, result = run.instance or {}, run.result or {}
    players_in = instance.get("players", [])
    teams_in = instance.get("teams", [])
    player_pks = [pk for pk in (_pk(p.get("id"), "p") for p in players_in) if pk is not None]
    team_pks = [pk for pk in (_pk(t.get("id"), "t") for t in teams_in) if pk is not None]
    player_names = dict(
        DraftPlayer.objects.filter(pk__in=player_pks).values_list("pk", "talent__display_name")
    )
    team_names = dict(DraftTeam.objects.filter(pk__in=team_pks).values_list("pk", "organization__name"))

    def player_name(key: str) -> str:
        pk = _pk(key, "p")
        return player_names.get(pk) or key

    matches = result.get("matches", {})
    teams = []
    for team in teams_in:
        key = team.get("id")
        pk = _pk(key, "t")
        ranking = team.get("ranking", [])
        teams.append(
            TeamAudit(
                key=key,
                name=team_names.get(pk) or str(key),
                team_pk=pk if pk in team_names else None,
                capacity=team.get("capacity", 0),
                list_length=len(_flat(ranking)),
                ties=sum(1 for entry in ranking if isinstance(entry, list)),
                nominated=[player_name(p) for p in matches.get(key, [])],
            )
        )
    lengths = [len(_flat(p.get("ranking", []))) for p in players_in]
    return RunAudit(
        players=len(players_in),
        teams=teams,
        player_list_min=min(lengths, default=0),
        player_list_max=max(lengths, default=0),
        player_list_mean=round(sum(lengths) / len(lengths), 1) if lengths else 0.0,
        players_without_list=sum(1 for n in lengths if n == 0),
        player_ties=sum(1 for p in players_in if any(isinstance(e, list) for e in p.get("ranking", []))),
        unmatched=[player_name(p) for p in result.get("unmatched_players", [])],
        nominations=sum(len(v) for v in matches.values()),
    )
