"""Parts of the application page that other modules contribute (messages, contract, check-ins).

Each entry is ``(order, template, context function)``; the function gets ``(request, application,
side)`` and returns a dict, or None to leave the part out. The application page renders the parts
by ``order``, below the application itself; a part's template reads its dict as ``panel``.
"""

from __future__ import annotations

from collections.abc import Callable

Panel = tuple[int, str, Callable]

PANELS: list[Panel] = []


def register(template: str, *, order: int):
    def decorator(func: Callable) -> Callable:
        PANELS.append((order, template, func))
        return func

    return decorator


def render_panels(request, application, side) -> list[tuple[str, dict]]:
    from . import contracts, messages  # noqa: F401  (modules register their panels on import)

    parts = []
    for _order, template, func in sorted(PANELS, key=lambda panel: panel[0]):
        context = func(request, application, side)
        if context is not None:
            parts.append((template, context))
    return parts
