"""Who acts for a team, and what a team's people may change.

A team is a coordinator body or a company (its lead organisation) and, for a consortium, its
partner companies: the members of all of them act for the team everywhere. Every "is this person
on that team" check goes through :func:`teams_of` and :func:`acts_for` (and every "tell the team"
through :func:`duallife.drafts.selectors.teams.team_members`), so that a consortium's partners are
never forgotten in one place. Members of a deactivated organisation are told nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from duallife.organizations.models import Organization
from duallife.organizations.permissions import memberships

from ..models import DraftEvent, DraftRun, DraftTeam
from .events import as_id, organizes, preferences_open, signed_in

TEAM_KINDS = (Organization.Kind.COORDINATOR, Organization.Kind.COMPANY)


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def teams_of(user, event: DraftEvent) -> QuerySet[DraftTeam]:
    """The event's teams ``user`` acts for, as a member of the lead organisation or of a
    consortium partner (empty for anonymous users)."""
    if not _authenticated(user):
        return DraftTeam.objects.none()
    orgs = memberships(user).values("organization_id")
    ids = DraftTeam.objects.filter(event=event).filter(Q(organization_id__in=orgs) | Q(partners__in=orgs))
    return DraftTeam.objects.filter(pk__in=ids.values("pk")).select_related("organization")


def acts_for(user, team: DraftTeam) -> bool:
    """Whether ``user`` acts for ``team`` (its organisation or a consortium partner)."""
    if not _authenticated(user):
        return False
    orgs = memberships(user).values("organization_id")
    return (
        DraftTeam.objects.filter(pk=team.pk)
        .filter(Q(organization_id__in=orgs) | Q(partners__in=orgs))
        .exists()
    )


def leads(user, team: DraftTeam) -> bool:
    """Whether ``user`` is a member of the team's lead organisation (who chooses the partners)."""
    return _authenticated(user) and memberships(user).filter(organization=team.organization_id).exists()


def is_partner_member(user, team: DraftTeam) -> bool:
    """Whether ``user`` is a member of one of the team's consortium partners."""
    if not _authenticated(user):
        return False
    return team.partners.filter(pk__in=memberships(user).values("organization_id")).exists()


def can_edit_team(user, team: DraftTeam) -> bool:
    """A team page is edited by the people acting for the team and by the event's organiser."""
    if not signed_in(user):
        return False
    return organizes(user, team.event) or acts_for(user, team)


def get_team(event: DraftEvent, team_pk) -> DraftTeam:
    """The event's team, or 404."""
    team_pk = as_id(team_pk)
    return get_object_or_404(
        DraftTeam.objects.select_related("organization", "event"), event=event, pk=team_pk
    )


# --- joining as a team ---------------------------------------------------------------------------


def team_organizations(user) -> QuerySet[Organization]:
    """The active coordinator bodies and companies ``user`` is a member of."""
    if not signed_in(user):
        return Organization.objects.none()
    own = memberships(user).filter(organization__kind__in=TEAM_KINDS).values("organization_id")
    return Organization.objects.filter(pk__in=own, is_active=True).order_by("prefecture__code", "name", "pk")


def joinable_organizations(user, event: DraftEvent) -> QuerySet[Organization]:
    """The user's coordinator bodies and companies that are not yet a team or a partner of ``event``."""
    taken = DraftTeam.objects.filter(event=event).values("organization_id")
    partners = DraftTeam.partners.through.objects.filter(draftteam__event=event).values("organization_id")
    return team_organizations(user).exclude(pk__in=taken).exclude(pk__in=partners)


def team_join_refusal(user, event: DraftEvent, organization: Organization | None = None) -> str | None:
    """Why ``user`` may not join ``event`` with ``organization`` as a team (with no organisation:
    with any), or ``None``. Teams join until the preference deadline."""
    if organization is not None:
        if organization.kind not in TEAM_KINDS:
            return _("チームになれるのは、自治体・支援機関と企業です。")
        if not memberships(user).filter(organization=organization).exists():
            return _("チームとして参加できるのは、その機関のメンバーだけです。")
    if not preferences_open(event):
        return _("希望リストの締切を過ぎたため、チームとして参加できません。")
    return None


# --- changing a team -----------------------------------------------------------------------------


def partners_change_refusal(user, team: DraftTeam) -> str | None:
    """Why ``user`` may not choose the consortium's partners now, or ``None``: the lead
    organisation's members and the organiser choose them, until the preference deadline."""
    if not (leads(user, team) or organizes(user, team.event)):
        return _("コンソーシアムの参加企業を選べるのは、代表の機関のメンバーと主催者です。")
    if not preferences_open(team.event):
        return _("希望リストの締切を過ぎたため、コンソーシアムの参加企業は変更できません。")
    return None


def capacity_change_refusal(user, team: DraftTeam) -> str | None:
    """Why ``user`` may not set the team's own number of places, or ``None``: the organiser sets
    it until the first run."""
    if not organizes(user, team.event):
        return _("チームごとの指名できる人数を決められるのは、主催者と事務局だけです。")
    if DraftRun.objects.filter(event=team.event_id).exists():
        return _("指名を実行した後は、指名できる人数を変えられません。")
    return None


def partner_leave_refusal(user, team: DraftTeam) -> str | None:
    """Why ``user`` may not take their company out of the consortium, or ``None``: a member of a
    partner company may, until the preference deadline."""
    if not preferences_open(team.event):
        return _(
            "希望リストの締切を過ぎたため、コンソーシアムから抜けることはできません。主催者にご連絡ください。"
        )
    if not is_partner_member(user, team):
        return _("この企業は、このチームのコンソーシアムに加わっていません。")
    return None
