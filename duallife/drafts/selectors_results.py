"""Reads of the runs, results and nominations pages, each with a fixed number of queries.

- **Is it public?** The results page is public once the event has at least one run *and* the
  nomination day has come (:func:`results_announced`); before that only the organiser previews
  it (:func:`results_access`). A nominated player appears by display name only if they agreed
  (``name_public``), otherwise as an anonymous label (:func:`player_label`), and then without
  the team's message (written to the player, it often names them). The rows carry strings only:
  no talent object reaches the template, so no real name or contact can leak.
- The organiser's run pages: readiness of the next run (:func:`run_readiness`), the runs
  (:func:`runs_of`), one run's audit with names put on the stored ids (:func:`run_audit`).
- The nominations page: per player, per team, the whole event (filterable by status), and the
  outcome summary (:func:`outcome_summary`).

For the event hub: :func:`results_announced` says whether the results link is for everyone, and
:func:`has_runs` whether there is anything to link to yet.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination, PlayerChoice, TeamChoice
from .permissions import organizes
from .services import TAKEN

# --- is it public? -------------------------------------------------------------------------------


def has_runs(event: DraftEvent) -> bool:
    return DraftRun.objects.filter(event=event).exists()


def results_announced(event: DraftEvent, *, today: datetime.date | None = None) -> bool:
    """Public once the event has at least one run and the nomination day has come."""
    today = today or timezone.localdate()
    return today >= event.nomination_on and has_runs(event)


@dataclass(frozen=True)
class ResultsAccess:
    visible: bool  # the viewer sees the results
    preview: bool  # ... only because they organise the event (not announced yet)
    announced: bool


def results_access(user, event: DraftEvent, *, today: datetime.date | None = None) -> ResultsAccess:
    announced = results_announced(event, today=today)
    if announced:
        return ResultsAccess(visible=True, preview=False, announced=True)
    preview = organizes(user, event) and has_runs(event)
    return ResultsAccess(visible=preview, preview=preview, announced=False)


def player_label(*, name_public: bool, display_name: str) -> str:
    """What the public results call a nominated player: their display name only if they agreed."""
    if name_public and display_name:
        return display_name
    return _("選手（非公開）")


@dataclass(frozen=True)
class ResultRow:
    pk: int
    run_number: int
    player: str  # display name or the anonymous label
    named: bool
    message: str
    status: str
    status_label: str


@dataclass(frozen=True)
class TeamResults:
    team: DraftTeam
    rows: list[ResultRow]


def event_results(event: DraftEvent) -> list[TeamResults]:
    """Every team of the event with its nominations (all rounds), in two queries."""
    teams = list(
        DraftTeam.objects.filter(event=event)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )
    labels = dict(Nomination.Status.choices)
    rows: dict[int, list[ResultRow]] = defaultdict(list)
    for values in (
        Nomination.objects.filter(run__event=event)
        .order_by("run__number", "pk")
        .values(
            "pk",
            "team_id",
            "status",
            "message",
            "run__number",
            "player__name_public",
            "player__talent__display_name",
        )
    ):
        named = bool(values["player__name_public"] and values["player__talent__display_name"])
        rows[values["team_id"]].append(
            ResultRow(
                pk=values["pk"],
                run_number=values["run__number"],
                player=player_label(
                    name_public=values["player__name_public"],
                    display_name=values["player__talent__display_name"],
                ),
                named=named,
                # a team's message speaks to the player, often by name: public only with theirs
                message=values["message"] if named else "",
                status=values["status"],
                status_label=str(labels.get(values["status"], values["status"])),
            )
        )
    return [TeamResults(team=team, rows=rows.get(team.pk, [])) for team in teams]


# --- the organiser's run pages -----------------------------------------------------------------


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
        deadline_passed=timezone.now() >= event.preferences_deadline,
        places=sum(team.places for team in teams),
        places_left=sum(max(team.places - taken.get(team.pk, 0), 0) for team in teams),
        players_free=players - busy,
        runs=DraftRun.objects.filter(event=event).count(),
        pending=statuses.get(Nomination.Status.PENDING, 0),
        accepted=statuses.get(Nomination.Status.ACCEPTED, 0),
        declined=statuses.get(Nomination.Status.DECLINED, 0),
        before_nomination_day=timezone.localdate() < event.nomination_on,
        window_over=timezone.localdate() > event.negotiation_until,
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
    from django.utils.translation import gettext as _

    from duallife.organizations.models import Membership
    from duallife.organizations.permissions import is_operator

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


# --- the nominations page ----------------------------------------------------------------------


def _nominations() -> QuerySet[Nomination]:
    # a run's stored input and result can be megabytes of JSON: never decoded once per row
    return Nomination.objects.with_run("run", "team__organization", "player__talent").order_by(
        "run__number", "team__organization__name", "pk"
    )


def nominations_of_player(player: DraftPlayer) -> list[Nomination]:
    return list(_nominations().filter(player=player))


def nominations_of_teams(team_ids) -> list[Nomination]:
    return list(_nominations().filter(team_id__in=list(team_ids)))


def nominations_of_event(event: DraftEvent, *, status: str = "") -> list[Nomination]:
    nominations = _nominations().filter(run__event=event)
    if status:
        nominations = nominations.filter(status=status)
    return list(nominations)


@dataclass(frozen=True)
class OutcomeCount:
    value: str
    label: str
    count: int


def outcome_summary(event: DraftEvent) -> list[OutcomeCount]:
    """Accepted nominations per recorded outcome, plus those not recorded yet (one query)."""
    counts = dict(
        Nomination.objects.filter(run__event=event, status=Nomination.Status.ACCEPTED)
        .values("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    rows = [
        OutcomeCount(value, str(label), counts.get(value, 0)) for value, label in Nomination.Outcome.choices
    ]
    rows.append(OutcomeCount("", _("未記録"), counts.get("", 0)))
    return rows
