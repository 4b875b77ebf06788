"""Teams: joining an event, the team page's texts, the consortium's partners and places.

- :func:`draft_team_join`: a coordinator body or a company joins as a team, by one of its members,
  before the preference deadline, with its texts; the organiser's members and the organisation's
  other members hear about it;
- :func:`draft_team_update`: the team page's texts (strategy, wants, life), by anyone acting for
  the team or the organiser; the consortium's partners (the lead organisation's members or the
  organiser, before the deadline: new partners hear of it, removed ones give back their seats at
  camps ahead and hear of it); the team's own number of places (the organiser, before the first
  run);
- :func:`draft_team_partner_leave`: a partner company leaves a consortium, by one of its members,
  before the deadline (seats at camps ahead go back; the lead is told).

Each raises :class:`~duallife.drafts.errors.DraftError` with a message in the user's language and
saves nothing when refused. Notifications are :class:`~duallife.core.texts.Text`, worded when read.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
from duallife.notifications.models import Kind
from duallife.notifications.services import notify
from duallife.organizations.permissions import memberships

from ..errors import DraftError
from ..links import event_url, team_url
from ..models import CampRegistration, DraftEvent, DraftTeam
from ..permissions.teams import (
    acts_for,
    can_edit_team,
    capacity_change_refusal,
    partner_leave_refusal,
    partners_change_refusal,
    team_join_refusal,
)
from ..selectors.teams import acting_user_ids, organization_members, partner_candidates
from .inputs import whole_number

TEAM_TEXT_MAX = 2000
TEAM_TEXT_TOO_LONG = {
    "strategy": gettext_lazy("地域の戦略は%(max)d文字以内で入力してください。"),
    "wants": gettext_lazy("求める人と理由は%(max)d文字以内で入力してください。"),
    "life": gettext_lazy("暮らしの様子は%(max)d文字以内で入力してください。"),
}
PARTNERS_MAX = 20
PLACES_MAX = 100
UNSET = object()


def _team_texts(**texts: str | None) -> dict[str, str]:
    cleaned = {}
    for field, value in texts.items():
        value = (value or "").strip()
        if len(value) > TEAM_TEXT_MAX:
            raise DraftError(str(TEAM_TEXT_TOO_LONG[field]) % {"max": TEAM_TEXT_MAX})
        cleaned[field] = value
    return cleaned


def draft_team_join(
    *, event: DraftEvent, organization, by, strategy: str = "", wants: str = "", life: str = ""
) -> DraftTeam:
    """``organization`` (a coordinator body or a company) joins ``event`` as a team, by one of its
    members, before the preference deadline; the organiser's members and the organisation's other
    members are told."""
    texts = _team_texts(strategy=strategy, wants=wants, life=life)
    with transaction.atomic():
        # the event's row first, as a change of partners takes it: a company picked as a partner
        # at the same moment is either a partner or a team, never both
        locked = DraftEvent.objects.select_for_update().get(pk=event.pk)
        refusal = team_join_refusal(by, locked, organization)
        if refusal:
            raise DraftError(refusal)
        if DraftTeam.partners.through.objects.filter(
            draftteam__event=locked, organization=organization
        ).exists():
            raise DraftError(_("この機関は、すでにほかのチームのコンソーシアムに加わっています。"))
        team, created = DraftTeam.objects.get_or_create(
            event=locked, organization=organization, defaults=texts
        )
        if not created:
            raise DraftError(_("この機関は、すでにチームとして参加しています。"))
        url = team_url(locked.pk, team.pk)
        for user in organization_members(locked.organizer_id, organization.pk, skip=by):
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=Text(
                    gettext_lazy("%(organization)sが「%(event)s」にチームとして参加しました"),
                    organization=organization.name,
                    event=locked.name,
                ),
                body=Text(
                    gettext_lazy("希望リストの締切：%(deadline)s"), deadline=locked.preferences_deadline
                ),
                url=url,
            )
    return team


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
        raise DraftError(_("チームのページを編集できるのは、そのチームのメンバーと主催者だけです。"))
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
    if capacity == team.capacity:
        return
    refusal = capacity_change_refusal(by, team)
    if refusal:
        raise DraftError(refusal)
    if capacity is not None and (not whole_number(capacity) or not 1 <= capacity <= PLACES_MAX):
        raise DraftError(
            _("指名できる人数は1〜%(max)dで指定してください（空欄ならドラフト会議の人数）。")
            % {"max": PLACES_MAX}
        )
    team.capacity = capacity
    team.save(update_fields=["capacity"])


def _partners_set(team: DraftTeam, by, partners: list) -> None:
    refusal = partners_change_refusal(by, team)
    if refusal:
        raise DraftError(refusal)
    ids = {getattr(p, "pk", p) for p in partners}
    if len(ids) > PARTNERS_MAX:
        raise DraftError(_("コンソーシアムの参加企業は%(max)d社までです。") % {"max": PARTNERS_MAX})
    allowed = set(partner_candidates(team).filter(pk__in=ids).values_list("pk", flat=True))
    if ids - allowed:
        raise DraftError(
            _("対象地域の企業で、このドラフト会議のほかのチームに加わっていない企業だけを選べます。")
        )
    before = set(team.partners.values_list("pk", flat=True))
    team.partners.set(ids)
    url = team_url(team.event_id, team.pk)
    for user in organization_members(*(ids - before)):
        notify(
            user=user,
            kind=Kind.DRAFT,
            title=Text(
                gettext_lazy("「%(event)s」で、%(organization)sのチームに加わりました"),
                event=team.event.name,
                organization=team.organization.name,
            ),
            body=Text(
                gettext_lazy("チームのメンバーとして、希望リストやメッセージ、指名への対応ができます。")
            ),
            url=url,
        )
    removed = before - ids
    if removed:
        released = _release_seats_of_former_members(team)
        for user in organization_members(*removed, skip=by):
            if acts_for(user, team):
                continue
            notify(
                user=user,
                kind=Kind.DRAFT,
                title=Text(
                    gettext_lazy("「%(event)s」で、%(organization)sのチームのコンソーシアムから外れました"),
                    event=team.event.name,
                    organization=team.organization.name,
                ),
                body=_left_body(team, released.get(user.pk, [])),
                url=event_url(team.event_id),
            )


def draft_team_partner_leave(*, team: DraftTeam, by, organization=None) -> list:
    """A partner company (``organization``, or else every partner company ``by`` is a member of)
    leaves a consortium, by one of its members, before the preference deadline, in one
    transaction. Seats its members took for the team at camps still ahead are given back. The lead
    organisation's members and the company's other members are told. Returns the companies."""
    if organization is not None and not memberships(by).filter(organization=organization).exists():
        raise DraftError(_("コンソーシアムから抜けられるのは、その企業のメンバーだけです。"))
    with transaction.atomic():
        locked = DraftTeam.objects.select_for_update().select_related("organization", "event").get(pk=team.pk)
        refusal = partner_leave_refusal(by, locked)
        if refusal:
            raise DraftError(refusal)
        leaving = locked.partners.filter(pk__in=memberships(by).values("organization_id"))
        if organization is not None:
            leaving = leaving.filter(pk=organization.pk)
        leaving = list(leaving.order_by("name", "pk"))
        if not leaving:
            raise DraftError(_("この企業は、このチームのコンソーシアムに加わっていません。"))
        locked.partners.remove(*leaving)
        released = _release_seats_of_former_members(locked)
        url = team_url(locked.event_id, locked.pk)
        for company in leaving:
            for user in organization_members(locked.organization_id):
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=Text(
                        gettext_lazy("%(company)sがコンソーシアムから抜けました"), company=company.name
                    ),
                    body=Text(
                        gettext_lazy("「%(event)s」の%(organization)sのチーム"),
                        event=locked.event.name,
                        organization=locked.organization.name,
                    ),
                    url=url,
                )
            for user in organization_members(company.pk):
                if acts_for(user, locked) or (user.pk == by.pk and user.pk not in released):
                    continue
                notify(
                    user=user,
                    kind=Kind.DRAFT,
                    title=Text(
                        gettext_lazy("%(company)sが「%(event)s」のコンソーシアムから抜けました"),
                        company=company.name,
                        event=locked.event.name,
                    ),
                    body=_left_body(locked, released.get(user.pk, [])),
                    url=event_url(locked.event_id),
                )
    return leaving


def _left_body(team: DraftTeam, camps: list[str]) -> list[Text]:
    body = [
        Text(
            gettext_lazy(
                "%(organization)sのチームとしての希望リスト・メッセージ・指名には、今後は関われません。"
            ),
            organization=team.organization.name,
        )
    ]
    if camps:
        body.append(
            Text(
                gettext_lazy("チームとして参加登録していた合宿（%(camps)s）の参加登録は取り消しました。"),
                camps=camps,
            )
        )
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
