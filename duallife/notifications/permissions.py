"""Which notifications a user may open: only their own. Anyone else's id is a 404, like a missing one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from duallife.core.errors import NotFoundError
from duallife.core.ids import parse_id

from .models import Notification


def get_notification_for_user(user, pk) -> Notification:
    """``user``'s notification ``pk``; 404 for another user's, a missing one, or an anonymous user."""
    not_found = _("お知らせが見つかりません。")
    if not getattr(user, "is_authenticated", False):
        raise NotFoundError(not_found)
    notification = Notification.objects.filter(pk=parse_id(pk, not_found=not_found), user=user).first()
    if notification is None:
        raise NotFoundError(not_found)
    return notification
