"""Closing a sheet with care: before its recruitment ends, the company sees who is still in
conversation and chooses. A conversation with a meeting booked may stay open; everyone else is
told in the company's own words, or in kind default words.

- :func:`clean_closing`: the company's choices, checked (a proposal that would fill the last
  opening carries them; so does closing by hand);
- :func:`closing_plan`: the choices as they apply when the sheet closes later (a kept
  conversation that has ended meanwhile is simply left out);
- :func:`sheet_close_with_care`: the company closes a published sheet by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from duallife.postings.models import SpecSheet
from duallife.postings.services.sheets import spec_sheet_close

from ..errors import EngagementError, EngagementPermissionError
from ..permissions import is_company_side
from ..selectors.applications import open_conversations
from .applications import clean_text

CLOSING_MESSAGE_MAX_CHARS = 2000
LABEL_CLOSING_MESSAGE = pgettext_lazy("subject of an error message", "ほかの応募者へのメッセージ")


def _ids(values, *, field: str) -> list[int]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise EngagementError(_("続ける応募を一覧から選んでください。"), field=field)
    ids = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise EngagementError(_("続ける応募を一覧から選んでください。"), field=field)
        ids.append(value)
    return sorted(set(ids))


def clean_closing(
    sheet: SpecSheet, *, keep_open: Iterable[int] | None, message: str, excluding: int | None = None
) -> tuple[list[int], str]:
    """The applications to keep open and the words for the others, checked.

    ``keep_open`` None means the default: every conversation with a meeting booked stays open.
    Only such conversations may be kept; ``excluding`` (the application being contracted) is
    never among the others.
    """
    message = clean_text(
        message, field="closing_message", label=LABEL_CLOSING_MESSAGE, max_chars=CLOSING_MESSAGE_MAX_CHARS
    )
    booked = {app.pk for app in open_conversations(sheet, excluding=excluding) if app.booked}
    if keep_open is None:
        return sorted(booked), message
    keep = _ids(keep_open, field="closing_keep")
    if not set(keep) <= booked:
        raise EngagementError(
            _("続けられるのは、面談の予定が入っている応募だけです。一覧から選び直してください。"),
            field="closing_keep",
        )
    return keep, message


def closing_plan(
    sheet: SpecSheet, *, keep_open: Iterable[int], message: str, excluding: int | None = None
) -> tuple[list[int], str]:
    """The stored choices as they apply now: kept conversations that are still open."""
    still_open = {app.pk for app in open_conversations(sheet, excluding=excluding)}
    return sorted(set(keep_open or ()) & still_open), message or ""


@transaction.atomic
def sheet_close_with_care(
    *, sheet: SpecSheet, by, reason: str, keep_open: Iterable[int] | None = None, message: str = ""
) -> SpecSheet:
    """The company closes a published sheet by hand, having seen who is still in conversation:
    ``keep_open`` (conversations with a meeting booked) stay, the others are told ``message`` or,
    when it is empty, kind default words."""
    if not is_company_side(by, sheet):
        raise EngagementPermissionError(_("募集を終了できるのは、仕様書の企業のメンバーだけです。"))
    keep, message = clean_closing(sheet, keep_open=keep_open, message=message)
    return spec_sheet_close(sheet=sheet, by=by, reason=reason, keep_open=keep, message=message)
