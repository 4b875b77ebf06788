"""Domain errors of the vocabulary: what makes the vocabulary files unusable, with file and line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from duallife.core.errors import DomainError


@dataclass(frozen=True)
class VocabularyProblem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("%(file)s %(line)d行目: %(message)s") % {
                "file": self.file,
                "line": self.line,
                "message": self.message,
            }
        return f"{self.file}: {self.message}"


class VocabularyLoadError(DomainError):
    """The vocabulary files have problems; nothing was written. ``problems`` lists them all."""

    def __init__(self, problems: Sequence[VocabularyProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
