"""Paths of sheet pages."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def sheet_url(sheet_id: int) -> str:
    """The sheet's page in the default language (what the API returns)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("postings:detail", args=[sheet_id])


def invitations_url() -> str:
    """The page of a person's pending co-writing invitations, in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("postings:invitations")


def signup_url() -> str:
    """The sign-up page, in the default language (an invitation to an address without an account)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("account_signup")
