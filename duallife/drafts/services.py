"""Running the draft's nominations, auditable and reproducible.

``draft_run_execute`` builds the instance from the locked preference lists — players who already
hold a pending or accepted nomination sit out, teams keep only the places not taken by one, and a
declined pair is not offered again — solves it with the engine, stores the exact input, seed and
result in a :class:`DraftRun` and creates the nominations, all in one transaction.
``draft_run_replay`` solves a stored run's input again: the answer must be the stored one.
"""

from __future__ import annotations

import secrets
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from duallife.engine.draft import DraftInputError, Proposing, parse_instance, solve
from duallife.organizations.permissions import is_operator, memberships

from .models import DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination, PlayerChoice, TeamChoice

TAKEN = (Nomination.Status.PENDING, Nomination.Status.ACCEPTED)


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


def _player_key(pk: int) -> str:
    return f"p{pk}"


def _team_key(pk: int) -> str:
    return f"t{pk}"


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
    player_lists: dict[int, list[str]] = {pk: [] for pk in players}
    for choice in PlayerChoice.objects.filter(player__event=event).order_by("player_id", "rank"):
        pair = (choice.player_id, choice.team_id)
        if choice.player_id in player_lists and choice.team_id in open_teams and pair not in declined:
            player_lists[choice.player_id].append(_team_key(choice.team_id))
    team_lists: dict[int, list[str]] = {pk: [] for pk in open_teams}
    for choice in TeamChoice.objects.filter(team__event=event).order_by("team_id", "rank"):
        pair = (choice.player_id, choice.team_id)
        if choice.team_id in team_lists and choice.player_id in player_lists and pair not in declined:
            team_lists[choice.team_id].append(_player_key(choice.player_id))
    return {
        "players": [{"id": _player_key(pk), "ranking": player_lists[pk]} for pk in players],
        "teams": [
            {"id": _team_key(pk), "capacity": places, "ranking": team_lists[pk]}
            for pk, places in open_teams.items()
        ],
    }


def draft_run_execute(
    *, event: DraftEvent, by, proposing: str = Proposing.PLAYERS, seed: int | None = None
) -> DraftRun:
    """Solve the next round and create its nominations (one transaction)."""
    if not can_organize(by, event):
        raise DraftError("指名の実行は、主催者と事務局だけができます。")
    if timezone.now() < event.preferences_deadline:
        raise DraftError("希望リストの締切前は指名を実行できません。締切後に実行してください。")
    try:
        proposing = Proposing(proposing)
    except ValueError:
        raise DraftError("申し込む側は players か teams を選んでください。") from None
    with transaction.atomic():
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
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
    return run


def draft_run_replay(run: DraftRun) -> dict:
    """Solve the run's stored input again with its stored seed and side; the caller compares."""
    allow_ties = run.seed is not None
    parsed = parse_instance(run.instance, allow_ties=allow_ties, seed=run.seed)
    return solve(parsed, Proposing(run.proposing)).as_json()
