"""Referrals (紹介): a coordinator body registers that it brought a company to the platform.

- :func:`referral_register`: a member of the body (whose area covers the company) or an operator
  registers it; a company has one referrer at most;
- :func:`referral_remove`: the registering body or an operator removes it.

From the registration on, the company's sheets, applications and contracts are credited to the
body (see ``selectors.referrals.with_credits``); applications and contracts also store the referrer
they were created under.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from duallife.organizations.models import Organization
from duallife.organizations.permissions import is_operator

from ..errors import EngagementConflictError, EngagementError, EngagementPermissionError
from ..models import Referral
from ..permissions import is_member_of
from ..selectors.referrals import body_scopes, scope_covers
from .applications import LABEL_NOTE, clean_text

NOTE_MAX_CHARS = 300


def _ensure_may_act_for(by, referrer: Organization) -> None:
    if is_operator(by):
        return
    if not is_member_of(by, referrer):
        raise EngagementPermissionError(_("紹介を登録・削除できるのは、その機関のメンバーと事務局だけです。"))


def _lock_company(company: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=company.pk)


@transaction.atomic
def referral_register(*, referrer: Organization, company: Organization, by, note: str = "") -> Referral:
    """``by`` records that the coordinator body ``referrer`` brought ``company`` here.

    ``by`` is a member of ``referrer`` whose area covers the company, or an operator (any company).
    A second referrer for the same company is refused, naming the body already registered (only
    coordinators and operators ever see this message).
    """
    if referrer.kind != Organization.Kind.COORDINATOR or not referrer.is_active:
        raise EngagementError(_("紹介元には、有効な自治体・支援機関を選んでください。"), field="referrer")
    if company.kind != Organization.Kind.COMPANY or not company.is_active:
        raise EngagementError(_("紹介先には、有効な企業を選んでください。"), field="company")
    note = clean_text(note, field="note", label=LABEL_NOTE, max_chars=NOTE_MAX_CHARS)
    _ensure_may_act_for(by, referrer)
    if not is_operator(by) and not scope_covers(body_scopes(referrer), company):
        raise EngagementPermissionError(
            _("「%(company)s」は「%(referrer)s」の担当地域の企業ではないため、紹介として登録できません。")
            % {"company": company.name, "referrer": referrer.name}
        )
    locked = _lock_company(company)
    existing = Referral.objects.select_related("referrer").filter(company=locked).first()
    if existing is not None:
        raise _already_registered(existing, company=locked, referrer=referrer)
    try:
        with transaction.atomic():
            return Referral.objects.create(referrer=referrer, company=locked, registered_by=by, note=note)
    except IntegrityError:  # a concurrent registration won
        existing = Referral.objects.select_related("referrer").get(company=locked)
        raise _already_registered(existing, company=locked, referrer=referrer) from None


def _already_registered(existing: Referral, *, company: Organization, referrer: Organization):
    if existing.referrer_id == referrer.pk:
        return EngagementConflictError(
            _("「%(company)s」は、すでに「%(referrer)s」の紹介として登録されています。")
            % {"company": company.name, "referrer": referrer.name},
            field="company",
        )
    return EngagementConflictError(
        _(
            "「%(company)s」には、すでに紹介元（「%(referrer)s」）が登録されています。"
            "紹介元は一社につき一つです。変更が必要なら、登録した機関か事務局に連絡してください。"
        )
        % {"company": company.name, "referrer": existing.referrer.name},
        field="company",
    )


@transaction.atomic
def referral_remove(*, referral: Referral, by) -> None:
    """The registering body (any of its members) or an operator removes a referral.

    Credits already stored on applications and contracts stay (they record what happened).
    """
    _ensure_may_act_for(by, referral.referrer)
    locked = Referral.objects.select_for_update().filter(pk=referral.pk).first()
    if locked is None:
        raise EngagementConflictError(_("この紹介の記録は、すでに削除されています。"))
    locked.delete()
