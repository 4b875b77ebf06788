"""Domain errors of recommendations: a message for people (through gettext), a field when one is at
fault. Views show it as a form error or a message."""

from __future__ import annotations

from duallife.core.errors import DomainError


class SavedSearchError(DomainError):
    """A rule of saved searches refused the request."""
