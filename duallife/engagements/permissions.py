"""Who sees and acts on which application, scout, contract or check-in.

Sides of an application:

- ``talent``: the talent who applied (or was scouted);
- ``company``: a member (any role) of the company that owns the sheet;
- ``staff``: a coordinator whose scope covers the sheet's place, or an operator. Staff follow
  engagements up (check-ins, alerts) and read them; every read of personal data is logged.

Anyone else gets a 404, so that an application's existence does not leak to another tenant.
"""

from __future__ import annotations

from typing import Literal

from duallife.core.errors import NotFoundError
from duallife.organizations.permissions import can_coordinate, companies_of

from .models import Application, ConsentRecord, Contract

Side = Literal["talent", "company", "staff"]

MAX_ID = 2**63 - 1


def authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def parse_id(pk, *, message: str = "見つかりません。") -> int:
    """A positive id from user input, or a 404 (never a 500 on ``abc`` or 10**30)."""
    try:
        value = int(pk)
    except (TypeError, ValueError, OverflowError):
        raise NotFoundError(message) from None
    if not 0 < value <= MAX_ID:
        raise NotFoundError(message)
    return value


def talent_of(user):
    """The user's talent profile, or None."""
    if not authenticated(user):
        return None
    from duallife.talents.models import TalentProfile

    return TalentProfile.objects.filter(user=user).first()


def is_company_side(user, sheet) -> bool:
    return authenticated(user) and companies_of(user).filter(pk=sheet.organization_id).exists()


def side_of(user, application: Application) -> Side | None:
    """Which side ``user`` is on for ``application``; None when they have no business with it."""
    if not authenticated(user):
        return None
    if application.talent.user_id == user.pk:
        return "talent"
    if is_company_side(user, application.sheet):
        return "company"
    if can_coordinate(user, application.sheet.municipality):
        return "staff"
    return None


def applications_with_details():
    return Application.objects.select_related(
        "sheet",
        "sheet__organization",
        "sheet__municipality",
        "sheet__municipality__prefecture",
        "talent",
        "talent__user",
    )


def get_application_for_user(user, pk) -> tuple[Application, Side]:
    """The application ``user`` asked for and their side on it; 404 when they may not see it."""
    message = "応募が見つかりません。"
    pk = parse_id(pk, message=message)
    application = applications_with_details().filter(pk=pk).first()
    side = side_of(user, application) if application is not None else None
    if side is None:
        raise NotFoundError(message)
    return application, side


def consented_fields(application: Application) -> frozenset[str]:
    """The optional profile fields the talent has agreed to give this application's company."""
    fields: set[str] = set()
    for row in ConsentRecord.objects.filter(
        application=application, recipient_id=application.sheet.organization_id
    ).values_list("fields", flat=True):
        fields.update(row)
    return frozenset(fields)


def get_contract_for_user(user, pk) -> tuple[Contract, Side]:
    message = "成約の記録が見つかりません。"
    pk = parse_id(pk, message=message)
    contract = (
        Contract.objects.select_related(
            "application",
            "application__sheet",
            "application__sheet__municipality",
            "application__talent",
            "organization",
            "talent",
            "talent__user",
        )
        .filter(pk=pk)
        .first()
    )
    side = side_of(user, contract.application) if contract is not None else None
    if side is None:
        raise NotFoundError(message)
    return contract, side
