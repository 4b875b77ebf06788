"""Teams and players entering a draft event, and editing what they wrote for it.

- :func:`draft_team_enter`: an organisation joins as a team (``draft_team_join``) with its texts
  checked; the organiser's members and the organisation's other members hear about it;
- :func:`draft_team_update`: the team page's texts (strategy, wants, life), by the team's members
  or the organiser;
- :func:`player_entry_create`: a talent enters (``player_enter``) and gets a confirmation;
- :func:`player_entry_update`: the player's pitch (until the preference deadline) and whether the
  results page may show their display name (any time).

Each raises :class:`~.services.DraftError` with a Japanese message and saves nothing when refused.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import User
from duallife.notifications.models import Kind
from duallife.notifications.services import notify
from duallife.organizations.permissions import memberships

from .membership import acting_user_ids, acts_for, leads, partner_candidates
from .models import CampRegistration, DraftEvent, DraftPlayer, DraftTeam
from .permissions import organizes
from .permissions_events import can_edit_team
from .services import PITCH_MAX, DraftError, draft_team_join, player_enter

TEAM_TEXT_MAX = 2000
TEAM_TEXT_LABELS = {"strategy": "地域の戦略", "wants": "求める人と理由", "life": "暮らしの様子"}


def _when(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def _team_texts(**texts: str | None) -> dict[str, str]:
    cleaned = {}
    for field, value in texts.items():
        value = (value or "").strip()
        if len(value) > TEAM_TEXT_MAX:
            raise DraftError(f"{TEAM_TEXT_LABELS[field]}は{TEAM_TEXT_MAX}文字以内で入力してください。")
        cleaned[field] = value
    return cleaned


def _members(*organization_ids: int, skip=None) -> list[User]:
    users = User.objects.filter(
        memberships__organization_id__in=organization_ids,
        memberships__organization__is_active=True,
        is_active=True,
    )
    if skip is not None and getattr(skip, "pk", None):
        users = users.exclude(pk=skip.pk)
    return list(users.distinct().order_by("pk"))


def draft_team_enter(
    *, event: DraftEvent, organization, by, strategy: str = "", wants: str = "", life: str = ""
) -> DraftTeam:
    """``organization`` joins ``event`` as a team, by one of its members, before the preference
    deadline; the organiser's members and the organisation's other members are told."""
    texts = _team_texts(strategy=strategy, wants=wants, life=life)
    with transaction.atomic():
        team = draft_team_join(event=event, organization=organization, by=by, **texts)
        url = reverse("drafts:team", args=[event.pk, team.pk])
        for user in _members(event.organizer_id, organization.pk, skip=by):
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=f"{organization.name}が「{event.name}」にチームとして参加しました",
                body=f"希望リストの締切：{_when(event.preferences_deadline)}",
                url=url,
            )
    return team


UNSET = object()


def draft_team_update(
    *,
    team: DraftTeam,
    by,
    strategy: str = "",
    wants: str = "",
    life: str = "",
    partners=None,
    capacity=UNSET,
) -> DraftTeam:
    """The team page's texts, by anyone acting for the team or the event's organiser; and, when
    ``partners`` is given, the consortium's partner companies — chosen by the lead organisation's
    members or the organiser, before the preference deadline. New partners' members are told.
    ``capacity`` (the organiser only, before the first run): the team's own number of places,
    ``None`` for the event's."""
    if not can_edit_team(by, team):
        raise DraftError("チームのページを編集できるのは、そのチームのメンバーと主催者だけです。")
    texts = _team_texts(strategy=strategy, wants=wants, life=life)
    with transaction.atomic():
        if partners is not None:
            # Lock order: the event, then the team (as a withdrawal does). Two leads picking the
            # same company, or a company joining as a team while it is picked, wait for each
            # other, so that a company never acts for two teams of one event.
            DraftEvent.objects.select_for_update().filter(pk=team.event_id).values_list("pk", flat=True).get()
        locked = DraftTeam.objects.select_for_update().select_related("event").get(pk=team.pk)
        for field, value in texts.items():
            setattr(locked, field, value)
        locked.save(update_fields=list(texts))
        if partners is not None:
            _partners_set(locked, by, list(partners))
        if capacity is not UNSET:
            _capacity_set(locked, by, capacity)
            team.capacity = locked.capacity
    for field, value in texts.items():
        setattr(team, field, value)
    return team


def _capacity_set(team: DraftTeam, by, capacity) -> None:
    from .models import DraftRun

    if capacity == team.capacity:
        return
    if not organizes(by, team.event):
        raise DraftError("チームごとの指名できる人数を決められるのは、主催者と事務局だけです。")
    if DraftRun.objects.filter(event=team.event_id).exists():
        raise DraftError("指名を実行した後は、指名できる人数を変えられません。")
    if capacity is not None and (
        not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= 100
    ):
        raise DraftError("指名できる人数は1〜100で指定してください（空欄ならドラフト会議の人数）。")
    team.capacity = capacity
    team.save(update_fields=["capacity"])


def draft_team_partner_leave(*, team: DraftTeam, by, organization=None) -> list:
    """A partner company (``organization``, or else every partner company ``by`` is a member of)
    leaves a consortium, by one of its members, before the preference deadline, in one
    transaction. Seats its members took for the team at camps still ahead are given back. The lead
    organisation's members and the company's other members are told. Returns the companies."""
    if organization is not None and not memberships(by).filter(organization=organization).exists():
        raise DraftError("コンソーシアムから抜けられるのは、その企業のメンバーだけです。")
    with transaction.atomic():
        locked = DraftTeam.objects.select_for_update().select_related("organization", "event").get(pk=team.pk)
        if timezone.now() >= locked.event.preferences_deadline:
            raise DraftError(
                "希望リストの締切を過ぎたため、コンソーシアムから抜けることはできません。主催者にご連絡ください。"
            )
        leaving = locked.partners.filter(pk__in=memberships(by).values("organization_id"))
        if organization is not None:
            leaving = leaving.filter(pk=organization.pk)
        leaving = list(leaving.order_by("name", "pk"))
        if not leaving:
            raise DraftError("この企業は、このチームのコンソーシアムに加わっていません。")
        locked.partners.remove(*leaving)
        released = _release_seats_of_former_members(locked)
        url = reverse("drafts:team", args=[locked.event_id, locked.pk])
        event_url = reverse("drafts:detail", args=[locked.event_id])
        for company in leaving:
            for user in _members(locked.organization_id):
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=f"{company.name}がコンソーシアムから抜けました",
                    body=f"「{locked.event.name}」の{locked.organization.name}のチーム",
                    url=url,
                )
            for user in _members(company.pk):
                if acts_for(user, locked) or (user.pk == by.pk and user.pk not in released):
                    continue
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=f"{company.name}が「{locked.event.name}」のコンソーシアムから抜けました",
                    body=_left_body(locked, released.get(user.pk, [])),
                    url=event_url,
                )
    return leaving


def _left_body(team: DraftTeam, camps: list[str]) -> str:
    body = f"{team.organization.name}のチームとしての希望リスト・メッセージ・指名には、今後は関われません。"
    if camps:
        body += f"チームとして参加登録していた合宿（{'、'.join(camps)}）の参加登録は取り消しました。"
    return body


def _release_seats_of_former_members(team: DraftTeam) -> dict[int, list[str]]:
    """Give back the seats taken for ``team`` at camps not yet started by people who no longer act
    for it (their company left the consortium). Returns the camps' titles by user id."""
    stale = (
        CampRegistration.objects.filter(team=team, camp__starts_at__gt=timezone.now())
        .exclude(user_id__in=acting_user_ids(team))
        .select_related("camp")
        .order_by("camp__starts_at", "pk")
    )
    released: dict[int, list[str]] = {}
    for registration in stale:
        released.setdefault(registration.user_id, []).append(registration.camp.title)
    CampRegistration.objects.filter(pk__in=[r.pk for r in stale]).delete()
    return released


PARTNERS_MAX = 20


def _partners_set(team: DraftTeam, by, partners: list) -> None:
    if not (leads(by, team) or organizes(by, team.event)):
        raise DraftError("コンソーシアムの参加企業を選べるのは、代表の機関のメンバーと主催者です。")
    if timezone.now() >= team.event.preferences_deadline:
        raise DraftError("希望リストの締切を過ぎたため、コンソーシアムの参加企業は変更できません。")
    ids = {getattr(p, "pk", p) for p in partners}
    if len(ids) > PARTNERS_MAX:
        raise DraftError(f"コンソーシアムの参加企業は{PARTNERS_MAX}社までです。")
    allowed = set(partner_candidates(team).filter(pk__in=ids).values_list("pk", flat=True))
    if ids - allowed:
        raise DraftError(
            "対象地域の企業で、このドラフト会議のほかのチームに加わっていない企業だけを選べます。"
        )
    before = set(team.partners.values_list("pk", flat=True))
    team.partners.set(ids)
    url = reverse("drafts:team", args=[team.event_id, team.pk])
    for user in _members(*(ids - before)):
        notify(
            user=user,
            kind=Kind.DRAFT,
            title=f"「{team.event.name}」で、{team.organization.name}のチームに加わりました",
            body="チームのメンバーとして、希望リストやメッセージ、指名への対応ができます。",
            url=url,
        )
    removed = before - ids
    if removed:
        released = _release_seats_of_former_members(team)
        for user in _members(*removed, skip=by):
            if acts_for(user, team):
                continue
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=f"「{team.event.name}」で、{team.organization.name}のチームのコンソーシアムから外れました",
                body=_left_body(team, released.get(user.pk, [])),
                url=reverse("drafts:detail", args=[team.event_id]),
            )


def player_entry_create(
    *, event: DraftEvent, talent, pitch: str = "", name_public: bool = False
) -> DraftPlayer:
    """``talent`` enters ``event`` as a player (during the entry period) and is sent a
    confirmation with the preference deadline."""
    with transaction.atomic():
        player = player_enter(event=event, talent=talent, pitch=pitch, name_public=bool(name_public))
        notify(
            user=talent.user,
            kind=Kind.DRAFT,
            title=f"「{event.name}」へのエントリーを受け付けました",
            body=(
                f"希望リストの締切：{_when(event.preferences_deadline)}\n"
                "自己アピールは締切まで、表示名の公開はいつでも変更できます。"
            ),
            url=reverse("drafts:detail", args=[event.pk]),
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
            raise DraftError("エントリーを変更できるのは、エントリーした本人だけです。")
        changed = []
        if pitch is not None:
            pitch = pitch.strip()
            if len(pitch) > PITCH_MAX:
                raise DraftError(f"自己アピールは{PITCH_MAX}文字以内で入力してください。")
            if pitch != locked.pitch:
                if timezone.now() >= locked.event.preferences_deadline:
                    raise DraftError(
                        "希望リストの締切を過ぎたため、自己アピールは変更できません。"
                        "表示名の公開は引き続き変更できます。"
                    )
                locked.pitch = pitch
                changed.append("pitch")
        if name_public is not None and bool(name_public) != locked.name_public:
            locked.name_public = bool(name_public)
            changed.append("name_public")
        if changed:
            locked.save(update_fields=changed)
    return locked
