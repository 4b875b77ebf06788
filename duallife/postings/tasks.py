"""Background work of spec sheets. Each task calls one service and is safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .services.sheets import spec_sheets_close_expired


@shared_task(name="postings.close_expired_spec_sheets")
def close_expired_spec_sheets() -> int:
    """Close published sheets whose closing date has passed (Asia/Tokyo dates). Scheduled daily."""
    return spec_sheets_close_expired(today=timezone.localdate())


@shared_task(name="postings.deliver_collaborator_invitation")
def deliver_collaborator_invitation(invitation_id: int) -> bool:
    """Tell the person behind a co-writing invitation's address (once; see the service)."""
    from .services.cowriting import spec_sheet_invitation_deliver

    return spec_sheet_invitation_deliver(invitation_id=invitation_id)
