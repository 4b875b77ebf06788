"""Paths of organisations' pages: the public profile (``None`` where no page exists) and the link
in an invitation email."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .models import Invitation


def organization_url(organization, *, language: str | None = None) -> str | None:
    """The organisation's public profile page, or ``None`` while no such page exists."""
    try:
        if language:
            with translation.override(language):
                return reverse("organizations:detail", kwargs={"slug": organization.slug})
        return reverse("organizations:detail", kwargs={"slug": organization.slug})
    except NoReverseMatch:
        return None


def invitation_accept_url(invitation: Invitation, *, base_url: str | None = None) -> str:
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    return f"{(base_url or settings.SITE_URL).rstrip('/')}{path}"
