"""Domain errors of spec sheets: a Japanese message for people, a field when one is at fault."""

from __future__ import annotations


class SpecSheetError(Exception):
    """A rule refused the request. ``message`` can be shown as it is; ``field`` names the input."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return self.message


class SpecSheetTransitionError(SpecSheetError):
    """The sheet is not in a state that allows this step (e.g. approving a draft)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="transition")


class SpecSheetPermissionError(SpecSheetError):
    """The acting user may not take this step on this sheet."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="forbidden")
