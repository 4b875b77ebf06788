"""Parts of the application page that other pages contribute (messages, contract, check-ins).

Each entry is ``(template, context function)`` in the order they are shown, below the application
itself; the contract part comes first (it is what the page is for once terms are on the table); the
function gets ``(request, application, side)`` and returns a dict, or None to leave
the part out. A part's template reads its dict as ``panel``.
"""

from __future__ import annotations

from collections.abc import Callable

from .contracts import contract_panel
from .messages import thread_panel

CONTRACT_TEMPLATE = "engagements/contracts/_panel.html"

PANELS: list[tuple[str, Callable]] = [
    (CONTRACT_TEMPLATE, contract_panel),
    ("engagements/messages/_panel.html", thread_panel),
]


def render_panels(request, application, side) -> list[tuple[str, dict]]:
    parts = []
    for template, func in PANELS:
        context = func(request, application, side)
        if context is not None:
            parts.append((template, context))
    return parts


#: Statuses in which the contract part leads the page, right below its header.
CONTRACT_FIRST = frozenset({"offer", "contracted", "active", "completed"})


def split_panels(request, application, side) -> dict[str, list[tuple[str, dict]]]:
    """``lead``: the contract part once terms are on the table (it goes first on the page);
    ``panels``: the rest, below the application."""
    parts = render_panels(request, application, side)
    if application.status not in CONTRACT_FIRST:
        return {"lead_panels": [], "panels": parts}
    lead = [part for part in parts if part[0] == CONTRACT_TEMPLATE]
    return {"lead_panels": lead, "panels": [part for part in parts if part[0] != CONTRACT_TEMPLATE]}
