"""Reads about teams: a team's page, the people who act for a team (whom "tell the team" tells),
and the companies that may join a team's consortium."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from duallife.accounts.models import User
from duallife.organizations.models import Membership, Organization
from duallife.organizations.permissions import PUBLIC_KINDS
from duallife.regions.models import Municipality, Prefecture, RentBenchmark, Route
from duallife.simulator.selectors import REFERENCE_CODE

from ..models import DraftTeam


@dataclass(frozen=True)
class TeamPage:
    team: DraftTeam
    organization: Organization
    has_public_page: bool
    municipality: Municipality | None  # with a region page
    prefecture: Prefecture | None  # with a region page (when the municipality has none)
    simulator_destination: str | None  # a municipality code the simulator knows


def is_simulator_destination(municipality: Municipality) -> bool:
    """The simulator's destinations are places with a route to the reference place (東京都特別区部,
    either direction) and a benchmark rent (see ``simulator.selectors.cost_dataset``)."""
    has_route = Route.objects.filter(
        Q(origin__code=REFERENCE_CODE, destination=municipality)
        | Q(destination__code=REFERENCE_CODE, origin=municipality)
    ).exists()
    return has_route and RentBenchmark.objects.filter(municipality=municipality).exists()


def team_page(team: DraftTeam) -> TeamPage:
    organization = (
        Organization.objects.select_related("prefecture", "municipality__prefecture")
        .filter(pk=team.organization_id)
        .get()
    )
    municipality = organization.municipality
    with_page = (
        municipality
        if municipality is not None
        and municipality.role == Municipality.Role.PACK
        and municipality.prefecture.pack_id is not None
        else None
    )
    prefecture = organization.prefecture if organization.prefecture.pack_id is not None else None
    destination = (
        municipality.code if municipality is not None and is_simulator_destination(municipality) else None
    )
    return TeamPage(
        team=team,
        organization=organization,
        has_public_page=organization.is_active and organization.kind in PUBLIC_KINDS,
        municipality=with_page,
        prefecture=prefecture,
        simulator_destination=destination,
    )


# --- the people of a team ------------------------------------------------------------------------


def acting_user_ids(team: DraftTeam) -> QuerySet:
    """The ids of the users who act for ``team`` (members of its active lead or partner
    organisations), as a subquery."""
    partners = DraftTeam.partners.through.objects.filter(draftteam_id=team.pk).values("organization_id")
    return Membership.objects.filter(
        Q(organization_id=team.organization_id) | Q(organization_id__in=partners),
        organization__is_active=True,
    ).values("user_id")


def team_members(team: DraftTeam, *, skip=None) -> list[User]:
    """Active members of the team's active organisation and partners (those
    :func:`~duallife.drafts.permissions.teams.acts_for` answers yes for), each once, in a stable
    order: whom "tell the team" tells."""
    users = User.objects.filter(pk__in=acting_user_ids(team), is_active=True)
    if skip is not None and getattr(skip, "pk", None):
        users = users.exclude(pk=skip.pk)
    return list(users.order_by("pk"))


def organization_members(*organization_ids: int, skip=None) -> list[User]:
    """Active members of the given active organisations, each once, in a stable order."""
    users = User.objects.filter(
        memberships__organization_id__in=organization_ids,
        memberships__organization__is_active=True,
        is_active=True,
    )
    if skip is not None and getattr(skip, "pk", None):
        users = users.exclude(pk=skip.pk)
    return list(users.distinct().order_by("pk"))


def partner_candidates(team: DraftTeam) -> QuerySet[Organization]:
    """Companies that may join ``team``'s consortium: active companies in the event's prefectures
    that are neither a team of the event nor a partner of another of its teams."""
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
