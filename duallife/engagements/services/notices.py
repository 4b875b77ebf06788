"""Who hears about what: the notification fan-out every engagement service uses."""

from __future__ import annotations

from duallife.accounts.models import User
from duallife.notifications.services import notify


def company_users(organization_id: int) -> list[User]:
    """Active members (any role) of a company, in a stable order."""
    return list(
        User.objects.filter(memberships__organization_id=organization_id, is_active=True)
        .distinct()
        .order_by("pk")
    )


def notify_company(
    organization_id: int, *, kind: str, title: str, body: str = "", url: str = "", skip=None
) -> int:
    """Notify every member of a company (but ``skip``, the person who acted). Returns how many."""
    count = 0
    for user in company_users(organization_id):
        if skip is not None and user.pk == getattr(skip, "pk", None):
            continue
        notify(user=user, kind=kind, title=title, body=body, url=url)
        count += 1
    return count


def notify_user(user, *, kind: str, title: str, body: str = "", url: str = "") -> None:
    if user is not None and user.is_active:
        notify(user=user, kind=kind, title=title, body=body, url=url)


def notify_scouting_side(scout, *, kind: str, title: str, body: str = "", url: str = "", skip=None) -> int:
    """Everyone on the sending side of a scout, once each: the members of the sheet's company and
    the person who sent it (the sending organisation's members when that account is gone), but
    ``skip``. Returns how many."""
    users = {user.pk: user for user in company_users(scout.sheet.organization_id)}
    sender = scout.sender
    if sender is not None and sender.is_active:
        users.setdefault(sender.pk, sender)
    elif scout.sender_organization_id != scout.sheet.organization_id:
        users.update((user.pk, user) for user in company_users(scout.sender_organization_id))
    count = 0
    for pk in sorted(users):
        if skip is not None and pk == getattr(skip, "pk", None):
            continue
        notify(user=users[pk], kind=kind, title=title, body=body, url=url)
        count += 1
    return count
