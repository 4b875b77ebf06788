"""Sentences about a result for people, shared by the pages and the API."""

from __future__ import annotations

from django.utils.translation import gettext as _


def invited_message(address: str) -> str:
    """What the company is told after inviting someone to co-write: the same for every address."""
    return _(
        "%(email)s に招待を送りました。相手が承諾すると、共同編集者としてここに表示されます"
        "（承諾するまでは「招待中（承諾待ち）」と表示されます）。"
    ) % {"email": address}
