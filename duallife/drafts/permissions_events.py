"""Who may create a draft event, join one as a team, enter one as a player, or edit a team page.

Small helpers on top of :mod:`.permissions` for the event pages:

- organising bodies are coordinator bodies and the secretariat (:func:`organizer_choices`: the
  user's own, or all of them for operators);
- a team is a coordinator body or a company the user is a member of (:func:`joinable_organizations`
  leaves out those already in the event);
- a team page is edited by the members of its organisation and by the event's organiser
  (:func:`can_edit_team`).
"""

from __future__ import annotations

from django.db.models import QuerySet

from duallife.organizations.models import Organization
from duallife.organizations.permissions import is_operator, memberships

from .membership import acts_for
from .models import DraftEvent, DraftTeam
from .permissions import organizes

ORGANIZER_KINDS = (Organization.Kind.COORDINATOR, Organization.Kind.SECRETARIAT)
TEAM_KINDS = (Organization.Kind.COORDINATOR, Organization.Kind.COMPANY)


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def organizer_choices(user) -> QuerySet[Organization]:
    """The bodies on whose behalf ``user`` may create a draft event (all of them for operators)."""
    if not _authenticated(user):
        return Organization.objects.none()
    qs = Organization.objects.filter(kind__in=ORGANIZER_KINDS, is_active=True).select_related("prefecture")
    if is_operator(user):
        return qs.order_by("prefecture__code", "name", "pk")
    own = memberships(user).filter(organization__kind__in=ORGANIZER_KINDS).values("organization_id")
    return qs.filter(pk__in=own).order_by("prefecture__code", "name", "pk")


def may_create_events(user) -> bool:
    """Operators and members of a coordinator body (the ones the 「ドラフト会議をつくる」 link is for)."""
    return _authenticated(user) and (
        is_operator(user) or memberships(user).filter(organization__kind__in=ORGANIZER_KINDS).exists()
    )


def team_organizations(user) -> QuerySet[Organization]:
    """The active coordinator bodies and companies ``user`` is a member of."""
    if not _authenticated(user):
        return Organization.objects.none()
    own = memberships(user).filter(organization__kind__in=TEAM_KINDS).values("organization_id")
    return Organization.objects.filter(pk__in=own, is_active=True).order_by("prefecture__code", "name", "pk")


def joinable_organizations(user, event: DraftEvent) -> QuerySet[Organization]:
    """The user's coordinator bodies and companies that are not yet a team of ``event``."""
    taken = DraftTeam.objects.filter(event=event).values("organization_id")
    partners = DraftTeam.partners.through.objects.filter(draftteam__event=event).values("organization_id")
    return team_organizations(user).exclude(pk__in=taken).exclude(pk__in=partners)


def can_edit_team(user, team: DraftTeam) -> bool:
    if not _authenticated(user):
        return False
    return organizes(user, team.event) or acts_for(user, team)
