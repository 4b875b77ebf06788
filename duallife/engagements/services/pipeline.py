"""The status machine of an application, shared by every service that moves one.

Who may take which step is decided by the calling service; this module only knows which steps
exist, locks, moves, and writes the event both sides see.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import EngagementTransitionError
from ..models import Application, ApplicationEvent

S = Application.Status

#: Legal steps. declined / withdrawn / expired are possible from every open state.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.APPLIED: frozenset({S.IN_CONVERSATION, S.INTERVIEW, S.OFFER, S.DECLINED, S.WITHDRAWN, S.EXPIRED}),
    S.IN_CONVERSATION: frozenset({S.INTERVIEW, S.OFFER, S.DECLINED, S.WITHDRAWN, S.EXPIRED}),
    S.INTERVIEW: frozenset({S.IN_CONVERSATION, S.INTERVIEW, S.OFFER, S.DECLINED, S.WITHDRAWN, S.EXPIRED}),
    S.OFFER: frozenset({S.IN_CONVERSATION, S.CONTRACTED, S.DECLINED, S.WITHDRAWN, S.EXPIRED}),
    S.CONTRACTED: frozenset({S.ACTIVE, S.COMPLETED}),
    S.ACTIVE: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.EXPIRED: frozenset(),
}


def _can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def lock_application(application: Application) -> Application:
    """The application's row, locked for the rest of the transaction (call inside ``atomic``).

    Lock order: the sheet first (when a service needs it), then the application.
    """
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("sheet", "sheet__organization", "sheet__municipality", "talent", "talent__user")
        .get(pk=application.pk)
    )


def move(application: Application, *, to: str, by, note: str = "") -> ApplicationEvent:
    """Move a locked application to ``to``; refuse an illegal step with a message.

    ``note`` is what a person wrote, or a fixed note of ours stored as its source
    (``gettext_noop``; see :func:`duallife.engagements.wording.stored_note`)."""
    if not _can_move(application.status, to):
        raise EngagementTransitionError(
            _("「%(from)s」の応募を「%(to)s」にはできません。")
            % {"from": application.get_status_display(), "to": S(to).label}
        )
    from_status = application.status
    application.status = to
    application.status_changed_at = timezone.now()
    application.save(
        update_fields=[
            "status",
            "status_changed_at",
            "interview_mode",
            "interview_at",
            "close_reason",
            "updated_at",
        ]
    )
    return ApplicationEvent.objects.create(
        application=application,
        from_status=from_status,
        to_status=to,
        by=by if getattr(by, "is_authenticated", False) else None,
        note=note,
    )


def sync(target: Application, source: Application) -> Application:
    """Copy the saved state of ``source`` onto the caller's instance."""
    if target is not source:
        for model_field in Application._meta.concrete_fields:
            setattr(target, model_field.attname, getattr(source, model_field.attname))
    return target
