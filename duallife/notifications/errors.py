"""Domain errors of notifications: each a :class:`~duallife.core.errors.DomainError`.

Pages show the message (as a form error or on an error page); the API answers ``status`` with it.
"""

from __future__ import annotations

from duallife.core.errors import DomainError


class NotificationError(DomainError):
    """A rule of notifications refused the request."""


class UnsubscribeTokenError(NotificationError):
    """An unsubscribe link that was cut short, altered, or names a user or kind that is gone."""
