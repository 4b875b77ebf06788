"""Travel-cost support programs: a program's rules in, a claim's payable amount and its reasons out.

Pure Python (no Django). :func:`rules_from_mapping` checks a program's rules (as read from its TOML
file) and returns :class:`Rules`, or raises :class:`RulesError` listing every bad key;
:func:`assess` computes one :class:`Claim` against what was granted before (:class:`Granted`);
:func:`assess_in_order` computes claims one after another, each counting the grants of those
before it. Amounts are integer yen; reasons are codes with their figures, worded by the caller.
"""

from .compute import assess, assess_in_order, fiscal_year_of
from .types import (
    Claim,
    Granted,
    Outcome,
    Reason,
    Rules,
    RulesError,
    Trip,
    rules_from_mapping,
)

__all__ = [
    "Claim",
    "Granted",
    "Outcome",
    "Reason",
    "Rules",
    "RulesError",
    "Trip",
    "assess",
    "assess_in_order",
    "fiscal_year_of",
    "rules_from_mapping",
]
