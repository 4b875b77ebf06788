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

PANELS: list[tuple[str, Callable]] = [
    ("engagements/contracts/_panel.html", contract_panel),
    ("engagements/messages/_panel.html", thread_panel),
]


def render_panels(request, application, side) -> list[tuple[str, dict]]:
    parts = []
    for template, func in PANELS:
        context = func(request, application, side)
        if context is not None:
            parts.append((template, context))
    return parts
