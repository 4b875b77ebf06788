"""Domain errors of travel-cost support (programs, claims, budgets).

Each is a :class:`~duallife.core.errors.DomainError`: views put it on a form or a message, the API
answers its ``status``: invalid → 400, forbidden → 403, transition / conflict → 409.
"""

from __future__ import annotations

from duallife.core.errors import ConflictError, DomainError, ForbiddenError, TransitionError


class SupportError(DomainError):
    """A rule of travel-cost support refused the request."""


class SupportTransitionError(SupportError, TransitionError):
    """The claim is not in a state that allows this step."""


class SupportConflictError(SupportError, ConflictError):
    """The budget cannot take the amount, or intake is closed."""


class SupportPermissionError(SupportError, ForbiddenError):
    """The acting user may not take this step (the two-person rule, a reviewer's own claim)."""
