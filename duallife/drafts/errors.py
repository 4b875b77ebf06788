"""Domain errors of the draft: a message for people, a field when one is at fault.

The message is worded when the error is raised (``gettext``), in the language of the request that
caused it. Views show ``message`` as a form error or a page message (status 400); the services'
callers never show anything else.
"""

from __future__ import annotations


class DraftError(Exception):
    """A draft action that cannot be done; ``message`` is in the active language."""

    def __init__(self, message: str) -> None:
        message = str(message)
        super().__init__(message)
        self.message = message


class CampInputError(DraftError):
    """A camp's field that cannot be saved; ``field`` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
