"""Texts of engagements kept in the database as words (event notes, close reasons, access logs).

Notifications keep their texts as :class:`~duallife.core.texts.Text` and are worded when read.
A few columns of ours and of other apps still hold plain strings; what the product writes there
is either a fixed note stored as its Japanese source (marked with ``gettext_noop`` and translated
when shown, by :func:`stored_note`) or a sentence with parameters worded in the site's language
(:func:`worded_for_storage`).
"""

from __future__ import annotations

from django.utils.translation import gettext

from duallife.core.texts import worded_for_storage

__all__ = ["stored_note", "worded_for_storage"]


def stored_note(note: str) -> str:
    """A stored note in the reader's language: a fixed note of ours is translated; what a person
    typed has no translation and is shown as written."""
    return gettext(note) if note else ""
