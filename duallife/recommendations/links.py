"""Paths to pages, in the default language (paths stored in notifications or mailed), and the
listing a saved search runs on."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .models import SavedSearch


def path_to(name: str, *args) -> str:
    """``reverse(name, args)`` in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


def listing_path(kind: str) -> str:
    """The listing a kind of search runs on, in the default language (paths stored or mailed)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("postings:list" if kind == SavedSearch.Kind.SHEETS else "talents:search")


def run_url(search: SavedSearch, *, base: str | None = None) -> str:
    """The listing with the saved parameters."""
    base = base if base is not None else listing_path(search.kind)
    return f"{base}?{urlencode(search.query)}" if search.query else base
