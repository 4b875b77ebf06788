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

from duallife.accounts.services import personal_data_access_log
from duallife.core.errors import NotFoundError
from duallife.organizations.permissions import can_coordinate, companies_of

from .errors import EngagementConflictError, EngagementError, EngagementPermissionError
from .models import Application, ConsentRecord, Contract

Side = Literal["talent", "company", "staff"]
#: Where a read came from, as the access log records it.
Via = Literal["page", "api"]
_VIA_SUFFIX = {"page": "", "api": "（API）"}

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


#: The refusal codes of :func:`application_refusal`.
NO_PROFILE = "no_profile"
OWN_COMPANY = "own_company"
ALREADY_APPLIED = "already_applied"


def application_refusal(talent, sheet) -> EngagementError | None:
    """Why ``talent`` (a profile, or None) may not apply to ``sheet``; None when they may.

    The apply page asks it to explain before showing the form; applying (and accepting a scout)
    asks it again under the sheet's lock to refuse.
    """
    if talent is None:
        return EngagementPermissionError(
            "応募するには、先に人材プロフィールを作成してください。", code=NO_PROFILE
        )
    if is_company_side(talent.user, sheet):
        return EngagementPermissionError("自社の仕様書には応募できません。", code=OWN_COMPANY)
    if Application.objects.filter(sheet=sheet, talent=talent).exists():
        return EngagementConflictError("この仕様書にはすでに応募しています。", code=ALREADY_APPLIED)
    return None


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


# --- Reads of personal data by staff: one rule for pages and the API, logged -----------------------------


def log_application_read(user, application: Application, side: Side, *, via: Via) -> None:
    """A coordinator's or operator's read of what the applicant shared is logged (only when the
    talent shared anything with the company)."""
    if side == "staff" and consented_fields(application):
        personal_data_access_log(
            by=user,
            subject=application.talent.user,
            what=f"「{application.sheet.title[:60]}」への応募の閲覧{_VIA_SUFFIX[via]}",
        )


def log_contract_read(user, contract: Contract, side: Side, *, via: Via) -> None:
    """A staff read of a contract is logged."""
    if side == "staff":
        personal_data_access_log(
            by=user,
            subject=contract.talent.user,
            what=f"「{contract.sheet.title[:60]}」の成約の閲覧{_VIA_SUFFIX[via]}",
        )


def log_thread_read(user, application: Application, side: Side, *, messages: int, via: Via) -> None:
    """A staff read of an application's messages is logged (a thread with no message is not)."""
    if side == "staff" and messages:
        personal_data_access_log(
            by=user,
            subject=application.talent.user,
            what=f"「{application.sheet.title[:60]}」への応募のメッセージの閲覧{_VIA_SUFFIX[via]}",
        )
