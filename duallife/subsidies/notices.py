"""Who hears about a claim or a budget: the payee side, and the program's managers."""

from __future__ import annotations

from duallife.accounts.models import User
from duallife.notifications.models import Kind
from duallife.notifications.services import notify
from duallife.organizations.models import Organization

from .models import Claim, Program


def payee_users(claim: Claim) -> list[User]:
    """The people who make the claim: the company's active members, or the talent."""
    if claim.payee == Program.Payee.COMPANY:
        return list(
            User.objects.filter(memberships__organization_id=claim.company_id, is_active=True)
            .distinct()
            .order_by("pk")
        )
    user = claim.talent.user
    return [user] if user is not None and user.is_active else []


def manager_users(program: Program) -> list[User]:
    """The coordinators of the owning body (the operators when the program has none)."""
    if program.owner_organization_id is not None:
        members = User.objects.filter(memberships__organization_id=program.owner_organization_id)
    else:
        members = User.objects.filter(memberships__organization__kind=Organization.Kind.SECRETARIAT)
    return list(members.filter(is_active=True).distinct().order_by("pk"))


def tell(users, *, title, body=(), url: str = "", skip=None) -> int:
    count = 0
    for user in users:
        if skip is not None and user.pk == getattr(skip, "pk", None):
            continue
        notify(user=user, kind=Kind.SUBSIDY, title=title, body=body, url=url)
        count += 1
    return count
