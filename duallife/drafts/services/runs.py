"""Running the draft's nominations, auditable and reproducible.

``draft_run_execute`` builds the instance from the locked preference lists
(:func:`~duallife.drafts.selectors.runs.draft_instance`), solves it with the engine, stores the
exact input, seed and result in a :class:`DraftRun`, creates the nominations and tells the
nominated players and their teams (``notify_run_nominations``), all in one transaction.
``draft_run_replay`` solves a stored run's input again: the answer must be the stored one.
"""

from __future__ import annotations

import secrets
from collections import defaultdict

from django.db import transaction

from duallife.core.formats import format_date
from duallife.engine.draft import DraftInputError, Proposing, parse_instance, solve
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from ..errors import DraftError
from ..links import nominations_url
from ..models import DraftEvent, DraftRun, DraftTeam, Nomination
from ..permissions.events import nomination_day_reached, organizes
from ..permissions.runs import run_refusal
from ..selectors.runs import draft_instance
from ..selectors.teams import team_members


def draft_run_execute(
    *, event: DraftEvent, by, proposing: str = Proposing.PLAYERS, seed: int | None = None
) -> DraftRun:
    """Solve the next round and create its nominations (one transaction)."""
    if not organizes(by, event):
        raise DraftError("指名の実行は、主催者と事務局だけができます。")
    try:
        proposing = Proposing(proposing)
    except ValueError:
        raise DraftError("申し込む側は players か teams を選んでください。") from None
    with transaction.atomic():
        # The schedule is read from the locked row: an edit of the event waits, and a run never
        # goes by dates the organiser has just changed.
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
        refusal = run_refusal(locked)
        if refusal:
            raise DraftError(refusal)
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
        notify_run_nominations(run_id=run.pk)  # in the transaction: emails go out after commit
    return run


def draft_run_replay(run: DraftRun) -> dict:
    """Solve the run's stored input again with its stored seed and side; the caller compares."""
    allow_ties = run.seed is not None
    parsed = parse_instance(run.instance, allow_ties=allow_ties, seed=run.seed)
    return solve(parsed, Proposing(run.proposing)).as_json()


def notify_run_nominations(*, run_id: int) -> None:
    """After a run: each nominated player, and the people acting for each team with nominations,
    hear of it (``draft_run_execute`` calls it in its transaction; the demo again, to date the
    notices of a past event's run)."""
    run = DraftRun.objects.select_related("event").defer("instance", "result").get(pk=run_id)
    event = run.event
    url = nominations_url(event.pk)
    until = format_date(event.negotiation_until)
    when = (
        f"指名日（{format_date(event.nomination_on)}）から交渉期間の終わり（{until}）までに"
        if not nomination_day_reached(event)
        else f"交渉期間の終わり（{until}）までに"
    )
    by_team: dict[int, list[str]] = defaultdict(list)
    teams: dict[int, DraftTeam] = {}
    nominations = run.nominations.select_related("team__organization", "player__talent__user").order_by(
        "team_id", "pk"
    )
    for nomination in nominations:
        teams[nomination.team_id] = nomination.team
        by_team[nomination.team_id].append(nomination.player.talent.display_name)
        user = nomination.player.talent.user
        if user.is_active:
            notify(
                user=user,
                kind=Kind.DRAFT,
                title="指名されました",
                body=(
                    f"「{event.name}」で、{nomination.team.organization.name}から指名されました。"
                    f"{when}、受諾するか辞退するかを回答してください。"
                ),
                url=url,
            )
    for team_id, names in by_team.items():
        team = teams[team_id]
        for user in team_members(team):
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=f"「{event.name}」の指名が決まりました",
                body=(
                    f"{team.organization.name}が指名した選手：{'、'.join(names)}。"
                    "選手へのメッセージを書いて、回答を待ちましょう。"
                ),
                url=url,
            )
