"""Spec-sheet quality check (仕様書チェック): a score and concrete findings, as codes.

Pure Python (no Django). Build a :class:`SheetDraft` from the form or the saved sheet, call
:func:`lint`, show :attr:`LintReport.score` and each :class:`Finding` next to its ``field``,
worded by the app from its ``key`` and ``params`` (``duallife.postings.lint_words``).
``report.ready`` is false while any error remains.
:func:`usual_fee_band` gives the fee band the check compares with, for form help texts.
"""

from .checks import (
    FAR_FACTOR,
    PENALTY,
    USUAL_FEE_HIGH_YEN,
    USUAL_FEE_LOW_YEN,
    lint,
    usual_fee_band,
)
from .types import (
    FIELD_ORDER,
    ContractType,
    FeeBand,
    Finding,
    LintReport,
    Param,
    Severity,
    SheetDraft,
    WorkStyle,
)

__all__ = [
    "FAR_FACTOR",
    "FIELD_ORDER",
    "PENALTY",
    "USUAL_FEE_HIGH_YEN",
    "USUAL_FEE_LOW_YEN",
    "ContractType",
    "FeeBand",
    "Finding",
    "LintReport",
    "Param",
    "Severity",
    "SheetDraft",
    "WorkStyle",
    "lint",
    "usual_fee_band",
]
