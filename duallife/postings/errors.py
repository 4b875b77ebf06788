"""Domain errors of spec sheets: each a :class:`~duallife.core.errors.DomainError`."""

from __future__ import annotations

from duallife.core.errors import DomainError, ForbiddenError, TransitionError


class SpecSheetError(DomainError):
    """A rule of spec sheets refused the request."""


class SpecSheetTransitionError(SpecSheetError, TransitionError):
    """The sheet is not in a state that allows this step (e.g. approving a draft)."""


class SpecSheetPermissionError(SpecSheetError, ForbiddenError):
    """The acting user may not take this step on this sheet."""
