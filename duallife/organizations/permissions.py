"""Who may act for which organisation and see which area: the one audited path for roles.

Roles come from memberships (see ``models``): company member, coordinator, operator; a talent is
a user with a talent profile. Views and APIs ask these functions; none re-implements them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from duallife.regions.models import Municipality

from .models import Membership, Organization


def _is_authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def memberships(user, *, kind: str | None = None) -> QuerySet[Membership]:
    if not _is_authenticated(user):
        return Membership.objects.none()
    qs = Membership.objects.filter(user=user, organization__is_active=True).select_related("organization")
    if kind:
        qs = qs.filter(organization__kind=kind)
    return qs


def is_operator(user) -> bool:
    """A member of the secretariat: sees and manages every prefecture."""
    return memberships(user, kind=Organization.Kind.SECRETARIAT).exists()


def is_coordinator(user) -> bool:
    return memberships(user, kind=Organization.Kind.COORDINATOR).exists()


def is_staff_role(user) -> bool:
    """Coordinators and operators handle personal data: they must have MFA turned on."""
    return _is_authenticated(user) and (
        user.is_staff or memberships(user).exclude(organization__kind=Organization.Kind.COMPANY).exists()
    )


def companies_of(user, *, admin_only: bool = False) -> QuerySet[Organization]:
    qs = Organization.objects.filter(kind=Organization.Kind.COMPANY, is_active=True)
    if not _is_authenticated(user):
        return qs.none()
    filters = Q(memberships__user=user)
    if admin_only:
        filters &= Q(memberships__role=Membership.Role.ADMIN)
    return qs.filter(filters).distinct()


def coordinator_scopes(user) -> list[tuple[int, int | None]]:
    """(prefecture id, municipality id or None) for every area the user's coordinator bodies cover."""
    from .models import CoordinatorScope

    coordinator_orgs = memberships(user, kind=Organization.Kind.COORDINATOR).values("organization")
    return list(
        CoordinatorScope.objects.filter(organization__in=coordinator_orgs).values_list(
            "prefecture_id", "municipality_id"
        )
    )


def scope_filter(user, *, municipality_field: str = "municipality") -> Q | None:
    """A ``Q`` limiting rows (by their municipality) to the user's coordinator scopes.

    ``None`` means no limit (operators); ``Q(pk__in=[])`` matches nothing (no scope at all).
    """
    if is_operator(user):
        return None
    scopes = coordinator_scopes(user)
    if not scopes:
        return Q(pk__in=[])
    condition = Q()
    for prefecture_id, municipality_id in scopes:
        if municipality_id:
            condition |= Q(**{f"{municipality_field}_id": municipality_id})
        else:
            condition |= Q(**{f"{municipality_field}__prefecture_id": prefecture_id})
    return condition


def can_coordinate(user, municipality: Municipality) -> bool:
    """True when the user is an operator, or a coordinator whose scope covers ``municipality``."""
    if is_operator(user):
        return True
    return any(
        municipality_id == municipality.pk if municipality_id else prefecture_id == municipality.prefecture_id
        for prefecture_id, municipality_id in coordinator_scopes(user)
    )
