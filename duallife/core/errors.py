"""The one error type of the product's rules, and the one way to show it on a form.

A service that refuses raises a subclass of :class:`DomainError` carrying a message for people
(through gettext, in the language of the request), a machine-readable ``code``, the input
``field`` at fault (when one is) and the HTTP ``status`` the API answers. Pages put it on a form
with :func:`add_to_form` or show it as a message; the API has one exception handler for all of
them (``duallife.api``).

The kinds below cover every refusal the product makes; an app's own error root subclasses
:class:`DomainError` and, where it needs the other kinds, combines its root with them
(``class ScoutConflict(ScoutError, ConflictError)``) so ``except <AppError>`` still catches all of
that app's refusals.
"""

from __future__ import annotations

from django.http import Http404

__all__ = [
    "ConflictError",
    "DomainError",
    "ForbiddenError",
    "NotFoundError",
    "RateLimitedError",
    "TransitionError",
    "add_to_form",
]


class DomainError(Exception):
    """A rule refused the request. ``message`` can be shown as it is; ``field`` names the input.

    A refusal about several inputs at once gives ``errors``, a mapping of field name (``None`` for
    the whole form) to messages; ``message`` is then all of them joined.
    """

    status: int = 400
    default_code: str = "invalid"

    def __init__(
        self,
        message: str = "",
        *,
        field: str | None = None,
        code: str | None = None,
        status: int | None = None,
        errors: dict[str | None, list[str]] | None = None,
    ) -> None:
        if errors:
            message = message or "; ".join(str(m) for messages in errors.values() for m in messages)
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or self.default_code
        self.errors: dict[str | None, list[str]] = errors or {field: [message]}
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return str(self.message)


class ForbiddenError(DomainError):
    """The acting user may not take this step."""

    status = 403
    default_code = "forbidden"


class NotFoundError(DomainError, Http404):
    """What was asked for does not exist, or the reader may not know it exists. Pages answer 404
    like any :class:`~django.http.Http404`; the API answers 404 with the message."""

    status = 404
    default_code = "not_found"


class TransitionError(DomainError):
    """The object is not in a state that allows this step."""

    status = 409
    default_code = "transition"


class ConflictError(DomainError):
    """A limit shared with others is reached (seats, openings, one per person)."""

    status = 409
    default_code = "conflict"


class RateLimitedError(DomainError):
    """Too many of something in a short time."""

    status = 429
    default_code = "rate_limited"


def add_to_form(form, error: DomainError) -> None:
    """Show ``error`` on ``form``: each message beside its field when the form has that field,
    else at the top of the form."""
    for field, messages in error.errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, str(message))
