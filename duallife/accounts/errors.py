"""Domain errors of accounts: a message for the person, shown on the page."""

from __future__ import annotations

from duallife.core.errors import DomainError


class AccountDeletionError(DomainError):
    """The account cannot be deleted as asked; ``message`` is for the user, ``field`` the form field."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message, code=code, field=field)
