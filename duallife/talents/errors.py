"""Domain errors of talents: ``errors`` maps a form field (``None``: the whole form) to messages."""

from __future__ import annotations


class TalentProfileInvalid(Exception):
    """The profile cannot be saved as given; ``errors`` maps a field name (or ``None``) to messages."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__("; ".join(m for messages in errors.values() for m in messages))
        self.errors = errors
