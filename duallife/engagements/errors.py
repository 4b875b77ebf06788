"""Domain errors of engagements (applications, scouts, messages, contracts, referrals).

Each is a :class:`~duallife.core.errors.DomainError`: views put it on a form or a message, the API
answers its ``status``: invalid → 400, forbidden → 403, transition / conflict → 409,
rate_limited → 429.
"""

from __future__ import annotations

from duallife.core.errors import ConflictError, DomainError, ForbiddenError, RateLimitedError, TransitionError


class EngagementError(DomainError):
    """A rule of engagements refused the request."""


class EngagementTransitionError(EngagementError, TransitionError):
    """The application (or scout, contract, check-in) is not in a state that allows this step."""


class EngagementConflictError(EngagementError, ConflictError):
    """A limit shared with others is reached (openings of a sheet, one application per sheet)."""


class EngagementPermissionError(EngagementError, ForbiddenError):
    """The acting user may not take this step."""


class EngagementRateLimitError(EngagementError, RateLimitedError):
    """Too many of something in a short time (scouts per sender)."""


class AttachmentTooLargeError(EngagementError):
    """The file is over :data:`~duallife.engagements.services.messages.ATTACHMENT_MAX_BYTES` (the
    API answers 413)."""

    status = 413

    def __init__(self, message: str) -> None:
        super().__init__(message, field="attachment", code="too_large")
