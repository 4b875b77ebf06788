"""Who sees and acts on which application, scout, contract or check-in.

Sides of an application:

- ``talent``: the talent who applied (or was scouted);
- ``company``: a member (any role) of the company that owns the sheet;
- ``staff``: a coordinator whose scope covers the sheet's place, or an operator. Staff follow
  engagements up (check-ins, alerts) and read them; every read of personal data is logged.

Anyone else gets a 404, so that an application's existence does not leak to another tenant.

The same holds for check-ins (by their contract's application), scouts and their casual talk (the
scouted talent and the sending organisation's and the sheet's company's members), a talent's own
気になる, and
referrals (the referring body's coordinators and operators). Who may scout for which sheet, who
sees interest counts and who may register referrals are decided here too.
"""

from __future__ import annotations

import datetime
from types import MappingProxyType
from typing import Literal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.accounts.services import personal_data_access_log
from duallife.core.audience import ALL, AREA, OWN
from duallife.core.errors import NotFoundError
from duallife.core.ids import parse_id
from duallife.organizations.models import Organization
from duallife.organizations.permissions import (
    can_coordinate,
    companies_of,
    coordinator_scopes,
    is_operator,
    memberships,
    scope_filter,
)
from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture
from duallife.talents.models import TalentProfile

from .errors import EngagementConflictError, EngagementError, EngagementPermissionError
from .models import Application, CheckIn, ConsentRecord, Contract, Interest, Message, Referral, Scout
from .wording import worded_for_storage

Side = Literal["talent", "company", "staff"]
ScoutSide = Literal["talent", "sender"]
#: Where a read came from, as the access log records it.
Via = Literal["page", "api"]
_VIA_SUFFIX = {"page": "", "api": gettext_lazy("（API）")}


def authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def talent_of(user):
    """The user's talent profile, or None."""
    if not authenticated(user):
        return None

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
            _("応募するには、先に人材プロフィールを作成してください。"), code=NO_PROFILE
        )
    if is_company_side(talent.user, sheet):
        return EngagementPermissionError(_("自社の案件には応募できません。"), code=OWN_COMPANY)
    if Application.objects.filter(sheet=sheet, talent=talent).exists():
        return EngagementConflictError(_("この案件にはすでに応募しています。"), code=ALREADY_APPLIED)
    return None


#: Who sees an application (and its messages, contract and check-ins), as routes declare it: the
#: sides of :func:`side_of` (``duallife.core.audience``).
APPLICATION_SIDES = MappingProxyType({"talent": OWN, "company": OWN, "coordinator": AREA, "operator": ALL})


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
    message = _("応募が見つかりません。")
    pk = parse_id(pk, not_found=message)
    application = applications_with_details().filter(pk=pk).first()
    side = side_of(user, application) if application is not None else None
    if side is None:
        raise NotFoundError(message)
    return application, side


def get_attachment_for_user(user, pk, message_pk) -> tuple[Message, Side]:
    """The message ``message_pk`` of application ``pk`` with its attachment, and the reader's side;
    404 when the reader may not see the application or the message has no attachment."""
    application, side = get_application_for_user(user, pk)
    message_id = parse_id(message_pk, not_found=_("添付ファイルが見つかりません。"))
    message = Message.objects.filter(pk=message_id, application=application).exclude(attachment="").first()
    if message is None:
        raise NotFoundError(_("添付ファイルが見つかりません。"))
    message.application = application
    return message, side


def consented_fields(application: Application) -> frozenset[str]:
    """The optional profile fields the talent has agreed to give this application's company."""
    fields: set[str] = set()
    for row in ConsentRecord.objects.filter(
        application=application, recipient_id=application.sheet.organization_id
    ).values_list("fields", flat=True):
        fields.update(row)
    return frozenset(fields)


def get_contract_for_user(user, pk) -> tuple[Contract, Side]:
    message = _("成約の記録が見つかりません。")
    pk = parse_id(pk, not_found=message)
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
            what=worded_for_storage(
                gettext_lazy("「%(sheet)s」への応募の閲覧%(via)s"),
                sheet=application.sheet.title[:60],
                via=_VIA_SUFFIX[via],
            ),
        )


def log_contract_read(user, contract: Contract, side: Side, *, via: Via) -> None:
    """A staff read of a contract is logged."""
    if side == "staff":
        personal_data_access_log(
            by=user,
            subject=contract.talent.user,
            what=worded_for_storage(
                gettext_lazy("「%(sheet)s」の成約の閲覧%(via)s"),
                sheet=contract.sheet.title[:60],
                via=_VIA_SUFFIX[via],
            ),
        )


def log_thread_read(user, application: Application, side: Side, *, messages: int, via: Via) -> None:
    """A staff read of an application's messages is logged (a thread with no message is not)."""
    if side == "staff" and messages:
        personal_data_access_log(
            by=user,
            subject=application.talent.user,
            what=worded_for_storage(
                gettext_lazy("「%(sheet)s」への応募のメッセージの閲覧%(via)s"),
                sheet=application.sheet.title[:60],
                via=_VIA_SUFFIX[via],
            ),
        )


def get_checkin_for_user(user, pk) -> tuple[CheckIn, Side]:
    """The check-in ``user`` asked for and their side on its application; 404 when they may not see it."""
    message = _("フォローアップが見つかりません。")
    pk = parse_id(pk, not_found=message)
    checkin = (
        CheckIn.objects.select_related(
            "contract",
            "contract__application",
            "contract__application__sheet",
            "contract__application__sheet__municipality",
            "contract__application__talent",
            "contract__sheet",
            "contract__sheet__municipality",
            "contract__organization",
            "contract__talent",
            "contract__talent__user",
        )
        .filter(pk=pk)
        .first()
    )
    side = side_of(user, checkin.contract.application) if checkin is not None else None
    if side is None:
        raise NotFoundError(message)
    return checkin, side


# --- Scouts ---------------------------------------------------------------------------------------


def _coordinator_body_for(user, sheet: SpecSheet) -> Organization | None:
    """The user's coordinator body whose scope covers the sheet's place (the first, by name)."""
    municipality = sheet.municipality
    bodies = (
        memberships(user, kind=Organization.Kind.COORDINATOR)
        .prefetch_related("organization__scopes")
        .order_by("organization__name", "organization_id")
    )
    for membership in bodies:
        for scope in membership.organization.scopes.all():
            if scope.municipality_id == municipality.pk or (
                scope.municipality_id is None and scope.prefecture_id == municipality.prefecture_id
            ):
                return membership.organization
    return None


def sender_organization_for(user, sheet: SpecSheet) -> Organization | None:
    """In whose name ``user`` scouts for ``sheet``; None when they may not scout for it."""
    if not authenticated(user):
        return None
    company = companies_of(user).filter(pk=sheet.organization_id).first()
    if company is not None:
        return company
    body = _coordinator_body_for(user, sheet)
    if body is not None:
        return body
    if is_operator(user):
        return memberships(user, kind=Organization.Kind.SECRETARIAT).first().organization
    return None


def can_send_scouts(user) -> bool:
    """Company members, coordinators with a scope, and operators send scouts."""
    if not authenticated(user):
        return False
    return companies_of(user).exists() or bool(coordinator_scopes(user)) or is_operator(user)


def open_sheets_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status=SpecSheet.Status.PUBLISHED) & (Q(closes_on__isnull=True) | Q(closes_on__gte=today))


def scoutable_sheets(user) -> QuerySet[SpecSheet]:
    """Published, open sheets ``user`` may scout for: their companies' and those in their scope."""
    if not authenticated(user):
        return SpecSheet.objects.none()
    allowed = Q(organization__in=companies_of(user))
    if is_operator(user):
        allowed = Q()
    elif coordinator_scopes(user):
        allowed |= scope_filter(user)
    return (
        SpecSheet.objects.filter(open_sheets_q())
        .filter(allowed)
        .select_related("organization", "municipality", "municipality__prefecture")
        .order_by("-published_at", "-pk")
    )


def scouts_with_details() -> QuerySet[Scout]:
    return Scout.objects.select_related(
        "sheet",
        "sheet__organization",
        "sheet__municipality",
        "sheet__municipality__prefecture",
        "talent",
        "talent__user",
        "sender_organization",
    )


def scout_side(user, scout: Scout) -> ScoutSide | None:
    if not authenticated(user):
        return None
    if scout.talent.user_id == user.pk:
        return "talent"
    org_ids = set(memberships(user).values_list("organization_id", flat=True))
    if scout.sender_organization_id in org_ids or scout.sheet.organization_id in org_ids:
        return "sender"
    return None


def get_scout_for_user(user, pk) -> tuple[Scout, ScoutSide]:
    """The scout ``user`` asked for and their side on it; 404 when they have no business with it."""
    message = _("スカウトが見つかりません。")
    pk = parse_id(pk, not_found=message)
    scout = scouts_with_details().filter(pk=pk).first()
    side = scout_side(user, scout) if scout is not None else None
    if side is None:
        raise NotFoundError(message)
    return scout, side


def scout_answerable(scout: Scout, *, now: datetime.datetime | None = None) -> bool:
    """The talent may still accept or decline: pending before its answer date, or in a casual talk."""
    if scout.status == Scout.Status.TALKING:
        return True
    return scout.status == Scout.Status.PENDING and scout.expires_at > (now or timezone.now())


def talk_may_start(scout: Scout, *, now: datetime.datetime | None = None) -> bool:
    """まずは話を聞く is one of the answers to a pending scout, before its answer date."""
    return scout.status == Scout.Status.PENDING and scout.expires_at > (now or timezone.now())


def talk_refusal(scout: Scout) -> str | None:
    """Why nobody may write in the scout's casual talk now (a sentence), or None while it is open.

    The scout page shows it under the talk; posting asks it again under the scout's lock.
    """
    status = scout.status
    if status == Scout.Status.TALKING:
        return None
    if status == Scout.Status.ACCEPTED:
        return _("このカジュアル面談は応募になりました。やりとりは応募のページで続けられます。")
    if status == Scout.Status.DECLINED:
        return _("スカウトが辞退されたため、カジュアル面談は終わりました。これまでのやりとりは読めます。")
    if status == Scout.Status.CLOSED:
        return _("このカジュアル面談は終了しました。これまでのやりとりは読めます。")
    return _("このスカウトでは、カジュアル面談は始まっていません。")


# --- 気になる ------------------------------------------------------------------------------------


def sees_sheet_interest(user, sheet: SpecSheet) -> bool:
    """The sheet's company members see its count and the names shared with them."""
    return authenticated(user) and companies_of(user).filter(pk=sheet.organization_id).exists()


def sees_prefecture_interest(user, prefecture: Prefecture) -> bool:
    """Operators, and coordinators whose scope lies in the prefecture, see its count."""
    if not authenticated(user):
        return False
    if is_operator(user):
        return True
    return any(prefecture_id == prefecture.pk for prefecture_id, _m in coordinator_scopes(user))


def get_interest_for_owner(user, pk) -> Interest:
    """One of the acting talent's 気になる; 404 for anyone else's."""
    message = _("「気になる」が見つかりません。")
    pk = parse_id(pk, not_found=message)
    talent = talent_of(user)
    interest = (
        Interest.objects.select_related("sheet", "prefecture", "talent").filter(pk=pk, talent=talent).first()
        if talent is not None
        else None
    )
    if interest is None:
        raise NotFoundError(message)
    return interest


# --- Referrals ------------------------------------------------------------------------------------


def is_member_of(user, organization: Organization) -> bool:
    return memberships(user).filter(organization=organization).exists()


def referrer_bodies_of(user) -> QuerySet[Organization]:
    """The coordinator bodies ``user`` may register referrals for: their own; every active one for an
    operator. Ordered by name."""
    bodies = Organization.objects.filter(kind=Organization.Kind.COORDINATOR, is_active=True)
    if is_operator(user):
        return bodies.order_by("name", "pk")
    own = memberships(user, kind=Organization.Kind.COORDINATOR).values("organization")
    return bodies.filter(pk__in=own).order_by("name", "pk")


def can_use_referrals(user) -> bool:
    """Coordinators (members of an active coordinator body) and operators."""
    return is_operator(user) or referrer_bodies_of(user).exists()


def referrals_visible_to(user) -> QuerySet[Referral]:
    """The referrals ``user`` may see: of their own bodies, or all of them for an operator."""
    qs = Referral.objects.select_related(
        "referrer", "company", "company__prefecture", "company__municipality"
    )
    if is_operator(user):
        return qs
    own = memberships(user, kind=Organization.Kind.COORDINATOR).values("organization")
    return qs.filter(referrer__in=own)


def get_referral_for_user(user, pk) -> Referral:
    """The referral ``user`` asked for; 404 when it is not theirs to see (or does not exist)."""
    message = _("紹介の記録が見つかりません。")
    pk = parse_id(pk, not_found=message)
    referral = referrals_visible_to(user).filter(pk=pk).first()
    if referral is None:
        raise NotFoundError(message)
    return referral
