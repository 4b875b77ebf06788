"""After a run: the team's message to the player it nominated, and who hears about what.

``nomination_message_save`` lets the nominating team (or the organiser) write the message shown
with the nomination, until the negotiation window ends. ``notify_run_nominations`` and
``notify_nomination_answer`` are called inside the transactions of
:func:`duallife.drafts.services.draft_run_execute` and
:func:`duallife.drafts.services.nomination_respond` (a rolled-back action leaves no notice; the
emails are queued for after the commit by ``notify``): each nominated player and each nominating
team hears about a run, and the team hears the player's answer; ``notify_nomination_message``
tells the player about a new message. Notifications name players by their display name only.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import User
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from .membership import team_members
from .models import DraftRun, DraftTeam, Nomination
from .permissions_nominations import acts_for_team
from .services import DraftError, can_organize

MESSAGE_MAX = 1000


def nomination_message_save(*, nomination: Nomination, by, message: str) -> Nomination:
    """The nominating team's message to the player (the team's members or the organiser), until
    the negotiation window ends; an empty message removes it. The player hears about a new one."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise DraftError(f"メッセージは{MESSAGE_MAX}文字以内で入力してください。")
    with transaction.atomic():
        locked = (
            Nomination.objects.select_for_update()
            .with_run("run__event", "team__organization")
            .get(pk=nomination.pk)
        )
        if not (acts_for_team(by, locked.team) or can_organize(by, locked.run.event)):
            raise DraftError("チームからのメッセージを書けるのは、指名したチームのメンバーと主催者です。")
        if timezone.localdate() > locked.run.event.negotiation_until:
            raise DraftError("交渉期間が終わったため、メッセージは変更できません。")
        changed = locked.message != message
        locked.message = message
        locked.save(update_fields=["message"])
        if changed and message:
            notify_nomination_message(nomination_id=locked.pk)
    return locked


# --- who hears about what ------------------------------------------------------------------------


def team_users(team: DraftTeam) -> list[User]:
    """Active members of a team's organisation and its consortium partners, in a stable order."""
    return team_members(team)


def _nominations_url(event_id: int) -> str:
    return reverse("drafts:nominations", args=[event_id])


def notify_run_nominations(*, run_id: int) -> None:
    """After a run: each nominated player, and the members of each team with nominations."""
    run = DraftRun.objects.select_related("event").get(pk=run_id)
    event = run.event
    url = _nominations_url(event.pk)
    until = (
        f"{event.negotiation_until.year}年{event.negotiation_until.month}月{event.negotiation_until.day}日"
    )
    day = event.nomination_on
    when = (
        f"指名日（{day.year}年{day.month}月{day.day}日）から交渉期間の終わり（{until}）までに"
        if timezone.localdate() < day
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
        for user in team_users(team):
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


def notify_nomination_answer(*, nomination_id: int) -> None:
    """The nominating team's members hear the player's answer."""
    nomination = Nomination.objects.with_run("run__event", "team__organization", "player__talent").get(
        pk=nomination_id
    )
    name = nomination.player.talent.display_name
    event = nomination.run.event
    if nomination.status == Nomination.Status.ACCEPTED:
        title = f"{name}さんが指名を受諾しました"
        body = (
            f"「{event.name}」で{nomination.team.organization.name}が指名した{name}さんが、指名を受諾しました。"
            "メッセージで今後の進め方を相談しましょう。"
        )
    elif nomination.status == Nomination.Status.DECLINED:
        title = f"{name}さんが指名を辞退しました"
        body = (
            f"「{event.name}」で{nomination.team.organization.name}が指名した{name}さんが、"
            "指名を辞退しました。"
        )
    else:
        return
    url = _nominations_url(event.pk)
    for user in team_users(nomination.team):
        notify(user=user, kind=Kind.DRAFT, title=title, body=body, url=url)


def notify_nomination_message(*, nomination_id: int) -> None:
    """The nominated player hears that the team wrote them a message."""
    nomination = Nomination.objects.with_run("run__event", "team__organization", "player__talent__user").get(
        pk=nomination_id
    )
    user = nomination.player.talent.user
    if not user.is_active:
        return
    notify(
        user=user,
        kind=Kind.DRAFT,
        title=f"{nomination.team.organization.name}からメッセージが届きました",
        body=f"「{nomination.run.event.name}」の指名に、チームからのメッセージが届きました。",
        url=_nominations_url(nomination.run.event_id),
    )
