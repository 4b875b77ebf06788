"""Domain errors of notifications: a Japanese message for people, a field when one input is at fault.

Pages show the message (as a form error or on an error page); the API answers ``status`` with it.
"""

from __future__ import annotations


class NotificationError(Exception):
    """A rule refused the request. ``message`` can be shown as it is; ``field`` names the input."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class UnsubscribeTokenError(NotificationError):
    """An unsubscribe link that was cut short, altered, or names a user or kind that is gone."""
