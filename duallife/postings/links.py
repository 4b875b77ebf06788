"""Paths of public pages, reversed lazily: the organisations app may not serve profiles yet."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation


def organization_url(organization, *, language: str | None = None) -> str | None:
    """The organisation's public profile page, or ``None`` while no such page exists."""
    try:
        if language:
            with translation.override(language):
                return reverse("organizations:detail", kwargs={"slug": organization.slug})
        return reverse("organizations:detail", kwargs={"slug": organization.slug})
    except NoReverseMatch:
        return None


def sheet_url(sheet_id: int) -> str:
    """The sheet's page in the default language (what the API returns)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("postings:detail", args=[sheet_id])
