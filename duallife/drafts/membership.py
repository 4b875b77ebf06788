"""Who acts for a team: the members of its organisation and, for a consortium, of its partner
companies. Every check of "is this person on that team" and every "tell the team" goes through
here, so that a consortium's partners are never forgotten in one place."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from duallife.organizations.models import Membership
from duallife.organizations.permissions import memberships

from .models import DraftEvent, DraftTeam


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def teams_acted_for(user, event: DraftEvent) -> QuerySet[DraftTeam]:
    """The event's teams ``user`` acts for (empty for anonymous users)."""
    if not _authenticated(user):
        return DraftTeam.objects.none()
    orgs = memberships(user).values("organization_id")
    ids = DraftTeam.objects.filter(event=event).filter(Q(organization_id__in=orgs) | Q(partners__in=orgs))
    return DraftTeam.objects.filter(pk__in=ids.values("pk")).select_related("organization")


def acts_for(user, team: DraftTeam) -> bool:
    if not _authenticated(user):
        return False
    orgs = memberships(user).values("organization_id")
    return (
        DraftTeam.objects.filter(pk=team.pk)
        .filter(Q(organization_id__in=orgs) | Q(partners__in=orgs))
        .exists()
    )


def acting_user_ids(team: DraftTeam) -> QuerySet:
    """The ids of the users who act for ``team`` (members of its active lead or partner
    organisations), as a subquery."""
    partners = DraftTeam.partners.through.objects.filter(draftteam_id=team.pk).values("organization_id")
    return Membership.objects.filter(
        Q(organization_id=team.organization_id) | Q(organization_id__in=partners),
        organization__is_active=True,
    ).values("user_id")


def team_members(team: DraftTeam, *, skip=None) -> list:
    """Active members of the team's active organisation and partners (those :func:`acts_for`
    answers yes for), each once, in a stable order."""
    users = get_user_model().objects.filter(pk__in=acting_user_ids(team), is_active=True)
    if skip is not None and getattr(skip, "pk", None):
        users = users.exclude(pk=skip.pk)
    return list(users.order_by("pk"))


def leads(user, team: DraftTeam) -> bool:
    """Whether ``user`` is a member of the team's lead organisation (who chooses the partners)."""
    return _authenticated(user) and memberships(user).filter(organization=team.organization_id).exists()


def partner_candidates(team: DraftTeam):
    """Companies that may join ``team``'s consortium: active companies in the event's prefectures
    that are neither a team of the event nor a partner of another of its teams."""
    from duallife.organizations.models import Organization

    event_teams = DraftTeam.objects.filter(event=team.event_id)
    elsewhere = DraftTeam.partners.through.objects.filter(draftteam__event=team.event_id).exclude(
        draftteam_id=team.pk
    )
    return (
        Organization.objects.filter(
            kind=Organization.Kind.COMPANY,
            is_active=True,
            prefecture__in=team.event.prefectures.values("pk"),
        )
        .exclude(pk__in=event_teams.values("organization_id"))
        .exclude(pk__in=elsewhere.values("organization_id"))
        .select_related("prefecture")
        .order_by("prefecture__code", "name", "pk")
    )
