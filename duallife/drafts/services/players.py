"""Players: a talent enters an event, edits their entry, or withdraws.

- :func:`player_enter`: a talent enters as a player with a pitch, during the entry period, and is
  sent a confirmation with the preference deadline;
- :func:`player_entry_update`: the player's pitch (until the preference deadline) and whether the
  results page may show their display name (any time);
- :func:`player_withdraw`: a player leaves the draft before the preference deadline (their entry,
  list, place in teams' lists, camp seats and message threads go with it); the teams that had
  ranked them are told, by display name.

Each raises :class:`~duallife.drafts.errors.DraftError` with a message in the user's language and
saves nothing when refused.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify

from ..errors import DraftError
from ..links import event_url, team_choices_url
from ..models import DraftEvent, DraftPlayer, DraftTeam, TeamChoice
from ..permissions.players import entry_refusal, pitch_change_refusal, withdrawal_refusal
from ..selectors.teams import team_members

PITCH_MAX = 2000


def player_enter(*, event: DraftEvent, talent, pitch: str = "", name_public: bool = False) -> DraftPlayer:
    """``talent`` enters ``event`` as a player with a pitch (during the entry period) and is sent a
    confirmation with the preference deadline."""
    refusal = entry_refusal(event)
    if refusal:
        raise DraftError(refusal)
    pitch = (pitch or "").strip()
    if len(pitch) > PITCH_MAX:
        raise DraftError(_("自己アピールは%(max)d文字以内で入力してください。") % {"max": PITCH_MAX})
    with transaction.atomic():
        player, created = DraftPlayer.objects.get_or_create(
            event=event, talent=talent, defaults={"pitch": pitch, "name_public": bool(name_public)}
        )
        if not created:
            raise DraftError(_("このドラフト会議には、すでにエントリーしています。"))
        notify(
            user=talent.user,
            kind=Kind.DRAFT,
            title=Text(gettext_lazy("「%(event)s」へのエントリーを受け付けました"), event=event.name),
            body=[
                Text(gettext_lazy("希望リストの締切：%(deadline)s"), deadline=event.preferences_deadline),
                Text(gettext_lazy("自己アピールは締切まで、表示名の公開はいつでも変更できます。")),
            ],
            url=event_url(event.pk),
        )
    return player


def player_entry_update(
    *, player: DraftPlayer, by, pitch: str | None = None, name_public: bool | None = None
) -> DraftPlayer:
    """The player changes their pitch (until the preference deadline) and whether the results page
    may show their display name (any time). ``None`` leaves a value as it is."""
    with transaction.atomic():
        locked = DraftPlayer.objects.select_for_update().select_related("talent", "event").get(pk=player.pk)
        if locked.talent.user_id != getattr(by, "pk", None):
            raise DraftError(_("エントリーを変更できるのは、エントリーした本人だけです。"))
        changed = []
        if pitch is not None:
            pitch = pitch.strip()
            if len(pitch) > PITCH_MAX:
                raise DraftError(_("自己アピールは%(max)d文字以内で入力してください。") % {"max": PITCH_MAX})
            if pitch != locked.pitch:
                refusal = pitch_change_refusal(locked.event)
                if refusal:
                    raise DraftError(refusal)
                locked.pitch = pitch
                changed.append("pitch")
        if name_public is not None and bool(name_public) != locked.name_public:
            locked.name_public = bool(name_public)
            changed.append("name_public")
        if changed:
            locked.save(update_fields=changed)
    return locked


# --- a player leaves ----------------------------------------------------------------------------


def _renumber(team: DraftTeam) -> None:
    """Close the gaps a removed player leaves in a team's list (players sharing a rank keep
    sharing one), as :func:`~.choices.team_choices_save` numbers a list."""
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
            raise DraftError(_("このエントリーは、すでに取り消されています。"))
        if locked.talent.user_id != getattr(by, "pk", None):
            raise DraftError(_("エントリーを取り消せるのは、エントリーした本人だけです。"))
        refusal = withdrawal_refusal(locked, event=locked_event)
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
            url = team_choices_url(locked_event.pk, team.pk)
            for user in team_members(team):
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=Text(
                        gettext_lazy("%(name)sさんがドラフト会議「%(event)s」への参加を取りやめました"),
                        name=display_name,
                        event=locked_event.name,
                    ),
                    body=Text(
                        gettext_lazy(
                            "%(team)sの希望リストにいた%(name)sさんが、エントリーを取り消しました。"
                            "希望リストから外し、順位を詰めています。締切までに見直してください。"
                        ),
                        team=team.organization.name,
                        name=display_name,
                    ),
                    url=url,
                )
    return told
