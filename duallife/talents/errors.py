"""Domain errors of talents: ``errors`` maps a form field (``None``: the whole form) to messages."""

from __future__ import annotations

from duallife.core.errors import DomainError


class TalentProfileInvalid(DomainError):
    """The profile cannot be saved as given; ``errors`` maps a field name (or ``None``) to messages."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__(errors=errors)
