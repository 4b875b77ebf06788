"""Domain errors of organisations: a message for people (through gettext); ``code`` or ``field``
say what was wrong, ``errors`` maps form fields to messages where several can be wrong at once."""

from __future__ import annotations

from duallife.core.errors import DomainError


class InvitationError(DomainError):
    """An invitation cannot be created, accepted or revoked; ``message`` is for the user.

    ``code`` is one of: invalid_email, invalid_role, already_member, not_found, revoked, used,
    expired, inactive, wrong_email, unverified.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)


class CoordinatorSetupError(DomainError):
    """A coordinator body or scope cannot be created; ``field`` names the form field at fault."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message, code=code, field=field)


class ProfileInvalid(DomainError):
    """A profile cannot be saved as given; ``errors`` maps a field name to Japanese messages.

    The key ``None`` holds messages about the whole form.
    """

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__(errors=errors)


class RegistrationInvalid(DomainError):
    def __init__(self, errors: dict[str | None, list[str]]):
        super().__init__(errors=errors)


class VerificationError(DomainError):
    """A company's verification cannot be confirmed or revoked; ``code`` says why (``forbidden``,
    ``already_verified``, ``not_verified``, ``note_required``, ``not_company``)."""

    def __init__(self, code: str, message: str, *, field: str | None = None, status: int = 400) -> None:
        super().__init__(message, code=code, field=field, status=status)


class CorporateRegistryInvalid(DomainError):
    """A file of the published 法人番号 data cannot be loaded: ``problems`` lists each, with its
    line (Japanese, for the console). Nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems), code="invalid_file")
        self.problems = problems
