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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
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
from ..texts import input_error_text


def draft_run_execute(
    *, event: DraftEvent, by, proposing: str = Proposing.PLAYERS, seed: int | None = None
) -> DraftRun:
    """Solve the next round and create its nominations (one transaction)."""
    if not organizes(by, event):
        raise DraftError(_("指名の実行は、主催者と事務局だけができます。"))
    try:
        proposing = Proposing(proposing)
    except ValueError:
        raise DraftError(_("申し込む側は players か teams を選んでください。")) from None
    with transaction.atomic():
        # The schedule is read from the locked row: an edit of the event waits, and a run never
        # goes by dates the organiser has just changed.
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
        refusal = run_refusal(locked)
        if refusal:
            raise DraftError(refusal)
        instance = draft_instance(locked)
        if not instance["players"] or not instance["teams"]:
            raise DraftError(_("指名できる選手かチームが残っていません。"))
        if locked.allow_ties and seed is None:
            seed = secrets.randbelow(2**31)
        try:
            parsed = parse_instance(
                instance, allow_ties=locked.allow_ties, seed=seed if locked.allow_ties else None
            )
        except DraftInputError as exc:
            raise DraftError(
                _("希望リストを読めません: %(error)s") % {"error": input_error_text(exc)}
            ) from None
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
    if nomination_day_reached(event):
        answer = gettext_lazy(
            "「%(event)s」で、%(team)sから指名されました。"
            "交渉期間の終わり（%(until)s）までに、受諾するか辞退するかを回答してください。"
        )
        dates = {"until": event.negotiation_until}
    else:
        answer = gettext_lazy(
            "「%(event)s」で、%(team)sから指名されました。"
            "指名日（%(date)s）から交渉期間の終わり（%(until)s）までに、受諾するか辞退するかを回答してください。"
        )
        dates = {"date": event.nomination_on, "until": event.negotiation_until}
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
                title=Text(gettext_lazy("指名されました")),
                body=Text(answer, event=event.name, team=nomination.team.organization.name, **dates),
                url=url,
            )
    for team_id, names in by_team.items():
        team = teams[team_id]
        for user in team_members(team):
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=Text(gettext_lazy("「%(event)s」の指名が決まりました"), event=event.name),
                body=Text(
                    gettext_lazy(
                        "%(team)sが指名した選手：%(names)s。選手へのメッセージを書いて、回答を待ちましょう。"
                    ),
                    team=team.organization.name,
                    names=names,
                ),
                url=url,
            )
