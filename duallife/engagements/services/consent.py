"""Provisions of a talent's personal data to a company: recorded, never implied."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.engagements.services.pipeline import lock_application

from ..errors import EngagementError, EngagementPermissionError
from ..models import CONSENT_RETENTION, Application, ConsentRecord, ShareableField


def clean_fields(fields: Iterable[str] | None) -> list[str]:
    """The chosen shareable fields, in their canonical order; refuse unknown names."""
    chosen = set(fields or ())
    unknown = chosen - set(ShareableField.values)
    if unknown:
        raise EngagementError(
            _("共有する項目に選べないものがあります: %(fields)s")
            % {"fields": _("、").join(sorted(str(u) for u in unknown))},
            field="shared_fields",
        )
    return [value for value in ShareableField.values if value in chosen]


def consent_record(*, application: Application, fields: list[str], basis: str) -> ConsentRecord | None:
    """Write down that the talent gave ``fields`` to the sheet's company (nothing when empty)."""
    if not fields:
        return None
    now = timezone.now()
    return ConsentRecord.objects.create(
        talent_user_id=application.talent.user_id,
        application=application,
        recipient_id=application.sheet.organization_id,
        fields=fields,
        basis=basis,
        keep_until=(now + CONSENT_RETENTION).date(),
    )


@transaction.atomic
def consent_grant(*, application: Application, by, fields: Iterable[str]) -> ConsentRecord | None:
    """The talent shares more of their profile with the company of an application they are in.

    Fields already given are not recorded twice; returns None when nothing new was chosen.
    """
    if application.talent.user_id != getattr(by, "pk", None):
        raise EngagementPermissionError(_("共有する項目を選べるのは応募した本人だけです。"))

    locked = lock_application(application)
    if locked.status in (
        Application.Status.WITHDRAWN,
        Application.Status.EXPIRED,
        Application.Status.DECLINED,
    ):
        raise EngagementError(_("終了した応募では、共有する項目を増やせません。"))
    chosen = clean_fields(fields)
    already = set(locked.shared_fields)
    new = [field for field in chosen if field not in already]
    if not new:
        return None
    locked.shared_fields = clean_fields(already | set(new))
    locked.save(update_fields=["shared_fields", "updated_at"])
    application.shared_fields = locked.shared_fields
    return consent_record(application=locked, fields=new, basis=ConsentRecord.Basis.ADDITIONAL)


def consents_purge_expired(*, today) -> int:
    """Delete provision records past their three-year retention. Returns how many were deleted."""
    deleted, _ = ConsentRecord.objects.filter(keep_until__lt=today).delete()
    return deleted
