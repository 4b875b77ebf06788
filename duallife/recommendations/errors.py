"""Domain errors of recommendations: a message for people (through gettext), a field when one is at
fault. Views show it as a form error or a message."""

from __future__ import annotations


class SavedSearchError(Exception):
    """A rule refused the request. ``message`` can be shown as it is; ``field`` names the input."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
