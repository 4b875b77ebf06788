"""Which notifications a user may open: only their own. Anyone else's id is a 404, like a missing one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from duallife.core.errors import NotFoundError

from .models import Notification

MAX_ID = 2**63 - 1


def parse_id(pk) -> int:
    """A positive id from user input, or a 404 (never a 500 on ``abc`` or 10**30)."""
    try:
        value = int(pk)
    except (TypeError, ValueError, OverflowError):
        raise NotFoundError(_("お知らせが見つかりません。")) from None
    if not 0 < value <= MAX_ID:
        raise NotFoundError(_("お知らせが見つかりません。"))
    return value


def get_notification_for_user(user, pk) -> Notification:
    """``user``'s notification ``pk``; 404 for another user's, a missing one, or an anonymous user."""
    if not getattr(user, "is_authenticated", False):
        raise NotFoundError(_("お知らせが見つかりません。"))
    notification = Notification.objects.filter(pk=parse_id(pk), user=user).first()
    if notification is None:
        raise NotFoundError(_("お知らせが見つかりません。"))
    return notification
