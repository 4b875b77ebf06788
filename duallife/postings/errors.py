"""Domain errors of spec sheets: each a :class:`~duallife.core.errors.DomainError`."""

from __future__ import annotations

from duallife.core.errors import DomainError, ForbiddenError, RateLimitedError, TransitionError


class SpecSheetError(DomainError):
    """A rule of spec sheets refused the request."""


class SpecSheetTransitionError(SpecSheetError, TransitionError):
    """The sheet is not in a state that allows this step (e.g. approving a draft)."""


class SpecSheetPermissionError(SpecSheetError, ForbiddenError):
    """The acting user may not take this step on this sheet."""


class SpecSheetRateLimitedError(SpecSheetError, RateLimitedError):
    """Too many invitations for one sheet: pending at once, or sent within a day."""
