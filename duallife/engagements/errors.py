"""Domain errors of engagements: a Japanese message for people, a field when one is at fault.

Views map them to form errors or messages, the API to status codes: ``invalid`` → 400,
``forbidden`` → 403, ``transition`` / ``conflict`` → 409, ``rate_limited`` → 429.
"""

from __future__ import annotations


class EngagementError(Exception):
    """A rule refused the request. ``message`` can be shown as it is; ``field`` names the input."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return self.message


class EngagementTransitionError(EngagementError):
    """The application (or scout, contract, check-in) is not in a state that allows this step."""

    status = 409

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, code="transition")


class EngagementConflictError(EngagementError):
    """A limit shared with others is reached (openings of a sheet, one application per sheet)."""

    status = 409

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, code="conflict")


class EngagementPermissionError(EngagementError):
    """The acting user may not take this step."""

    status = 403

    def __init__(self, message: str) -> None:
        super().__init__(message, code="forbidden")


class EngagementRateLimitError(EngagementError):
    """Too many of something in a short time (scouts per sender)."""

    status = 429

    def __init__(self, message: str) -> None:
        super().__init__(message, code="rate_limited")


class AttachmentTooLargeError(EngagementError):
    """The file is over :data:`~duallife.engagements.services.messages.ATTACHMENT_MAX_BYTES` (the
    API answers 413)."""

    status = 413

    def __init__(self, message: str) -> None:
        super().__init__(message, field="attachment", code="too_large")
