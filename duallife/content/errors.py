"""Domain errors of pages and inquiries: each a :class:`~duallife.core.errors.DomainError`."""

from __future__ import annotations

from duallife.core.errors import DomainError, ForbiddenError, RateLimitedError


class ContentError(DomainError):
    """A rule of pages or inquiries refused the request."""


class NotAnEditor(ContentError, ForbiddenError):
    """Only the secretariat writes and publishes the pages."""


class InquiryLimitReached(ContentError, RateLimitedError):
    """Too many inquiries from one place in a short time."""


class ContentLoadError(ContentError):
    """The files of ``data/content/`` have problems; nothing was loaded. ``problems`` lists them."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems), code="invalid_files")
        self.problems = problems


class TermsChanged(ContentError):
    """The terms a person was agreeing to are no longer the version in force."""

    status = 409
    default_code = "terms_changed"
