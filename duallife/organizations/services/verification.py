"""A company's verification (確認済み): compared automatically with the published 法人番号 data when
it registers or changes its number, name or place (and again after each load of the data), or
confirmed by hand by a coordinator of its area or an operator, who may also revoke it.

A company is never refused for what the comparison finds: it is saved as unverified with an
outcome the company reads as a note (``organizations/texts.py``), and staff may confirm it.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.engine.corporate_registry import MATCHED, Entered, compare

from .. import permissions, selectors
from ..errors import VerificationError
from ..models import CompanyProfile, Organization, VerificationEvent, VerificationMethod, VerificationOutcome

NOTE_MAX_LENGTH = 1000


def _comparison(organization: Organization) -> tuple[str, dict]:
    """The outcome code and what the data said, for ``organization`` as it is saved now."""
    profile = CompanyProfile.objects.filter(organization=organization).first()
    number = profile.corporate_number if profile else ""
    if not number:
        return VerificationOutcome.NO_NUMBER, {}
    data_date = selectors.registry_data_date()
    if data_date is None:  # no file loaded yet: nothing to compare with
        return VerificationOutcome.REGISTRY_EMPTY, {}
    municipality = organization.municipality
    entered = Entered(
        name=organization.name,
        prefecture_code=organization.prefecture.code,
        municipality_code=municipality.code if municipality else "",
        municipality_name=municipality.name if municipality else "",
    )
    result = compare(entered, selectors.registered_entry(number))
    detail = {
        "registered_name": result.registered_name,
        "registered_place": result.registered_place,
        "closed_on": result.closed_on.isoformat() if result.closed_on else "",
        "data_date": data_date.isoformat(),
    }
    return result.code, {key: value for key, value in detail.items() if value}


def _record(organization: Organization, *, action: str, by=None, note: str = "", now) -> None:
    profile = CompanyProfile.objects.filter(organization=organization).first()
    VerificationEvent.objects.create(
        organization=organization,
        action=action,
        outcome=organization.verification_outcome,
        verified=organization.verified_at is not None,
        corporate_number=profile.corporate_number if profile else "",
        by=by,
        note=note,
        at=now,
    )


@transaction.atomic
def company_verification_check(
    *, organization: Organization, identity_changed: bool = True, now: datetime.datetime | None = None
) -> Organization:
    """Compare the company with the published data and record the outcome.

    A match verifies it (method: the registry). ``identity_changed``: the company has just
    registered or changed its number, name or place, so a confirmation by hand or a revocation
    made for the old details no longer holds; otherwise (a check after a load of the data) both
    stand and only the outcome is updated.
    """
    now = now or timezone.now()
    org = (
        Organization.objects.select_for_update(of=("self",))
        .select_related("prefecture", "municipality")
        .get(pk=organization.pk)
    )
    if org.kind != Organization.Kind.COMPANY:
        return org
    code, detail = _comparison(org)
    was = (org.verification_outcome, org.verified_at is not None)
    if identity_changed:
        org.verification_revoked_at = None
        if org.verification_method == VerificationMethod.MANUAL:
            org.verified_at, org.verification_method, org.verified_by = None, "", None
    manual = org.verification_method == VerificationMethod.MANUAL and org.verified_at is not None
    if not manual:
        if code == MATCHED and org.verification_revoked_at is None:
            if org.verified_at is None:
                org.verified_at, org.verification_method, org.verified_by = (
                    now,
                    VerificationMethod.REGISTRY,
                    None,
                )
        else:
            org.verified_at, org.verification_method, org.verified_by = None, "", None
    org.verification_outcome, org.verification_detail, org.verification_checked_at = code, detail, now
    org.save(
        update_fields=[
            "verified_at",
            "verification_method",
            "verified_by",
            "verification_outcome",
            "verification_detail",
            "verification_checked_at",
            "verification_revoked_at",
        ]
    )
    if (org.verification_outcome, org.verified_at is not None) != was:
        _record(org, action=VerificationEvent.Action.CHECKED, now=now)
    return org


def _decision(organization: Organization, *, by, note: str, decision: str) -> tuple[Organization, str]:
    if not permissions.can_verify_company(by, organization):
        raise VerificationError(
            "forbidden",
            _("この企業を確認できるのは、所在地を担当する自治体・支援機関の担当者と事務局です。"),
            status=403,
        )
    note = (note or "").strip()
    if not note:
        raise VerificationError(
            "note_required", _("確認した内容や理由を、メモに書いてください。"), field="note"
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise VerificationError(
            "note_too_long",
            _("メモは%(max)d文字以内で書いてください。") % {"max": NOTE_MAX_LENGTH},
            field="note",
        )
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if refusal := permissions.verification_refusal(org, decision):
        raise VerificationError(f"{decision}_refused", refusal, status=409)
    return org, note


@transaction.atomic
def company_verification_confirm(
    *, organization: Organization, by, note: str, now: datetime.datetime | None = None
) -> Organization:
    """A coordinator of the company's area or an operator confirms the company by hand (a note
    says what they checked); recorded with who and when."""
    now = now or timezone.now()
    org, note = _decision(organization, by=by, note=note, decision="confirm")
    org.verified_at, org.verification_method, org.verified_by = now, VerificationMethod.MANUAL, by
    org.verification_revoked_at = None
    org.save(update_fields=["verified_at", "verification_method", "verified_by", "verification_revoked_at"])
    _record(org, action=VerificationEvent.Action.CONFIRMED, by=by, note=note, now=now)
    return org


@transaction.atomic
def company_verification_revoke(
    *, organization: Organization, by, note: str, now: datetime.datetime | None = None
) -> Organization:
    """Take the badge away (a note says why). A later comparison with the data does not give it
    back until the company changes its number, name or place, or staff confirm it again."""
    now = now or timezone.now()
    org, note = _decision(organization, by=by, note=note, decision="revoke")
    org.verified_at, org.verification_method, org.verified_by = None, "", None
    org.verification_revoked_at = now
    org.save(update_fields=["verified_at", "verification_method", "verified_by", "verification_revoked_at"])
    _record(org, action=VerificationEvent.Action.REVOKED, by=by, note=note, now=now)
    return org


def company_verifications_recheck(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """After a load of the data: compare again every active company that gave a number (keeping
    confirmations and revocations by hand). Returns (companies checked, verified by the data now)."""
    now = now or timezone.now()
    ids = list(
        Organization.objects.filter(kind=Organization.Kind.COMPANY, is_active=True)
        .exclude(company__corporate_number="")
        .filter(company__isnull=False)
        .values_list("pk", flat=True)
    )
    verified = 0
    for pk in ids:
        org = company_verification_check(organization=Organization(pk=pk), identity_changed=False, now=now)
        verified += org.verification_method == VerificationMethod.REGISTRY
    return len(ids), verified
