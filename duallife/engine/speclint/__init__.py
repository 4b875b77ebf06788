"""Spec-sheet quality check (仕様書チェック): a score and concrete suggestions in Japanese.

Pure Python (no Django). Build a :class:`SheetDraft` from the form or the saved sheet, call
:func:`lint`, show :attr:`LintReport.score` and each :class:`Finding`'s ``message_ja`` and
``suggestion_ja`` next to its ``field``. ``report.ready`` is false while any error remains.
:func:`usual_fee_band` gives the fee band the check compares with, for form help texts.
"""

from .checks import (
    FAR_FACTOR,
    FIELD_LABELS_JA,
    PENALTY,
    USUAL_FEE_HIGH_YEN,
    USUAL_FEE_LOW_YEN,
    lint,
    usual_fee_band,
)
from .types import FIELD_ORDER, ContractType, FeeBand, Finding, LintReport, Severity, SheetDraft, WorkStyle

__all__ = [
    "FAR_FACTOR",
    "FIELD_LABELS_JA",
    "FIELD_ORDER",
    "PENALTY",
    "USUAL_FEE_HIGH_YEN",
    "USUAL_FEE_LOW_YEN",
    "ContractType",
    "FeeBand",
    "Finding",
    "LintReport",
    "Severity",
    "SheetDraft",
    "WorkStyle",
    "lint",
    "usual_fee_band",
]
