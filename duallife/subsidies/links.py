"""Paths to support pages in the default language, for notifications and the API."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def path_to(name: str, *args) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(f"subsidies:{name}", args=args)


def program_url(program_id: int) -> str:
    return path_to("program", program_id)


def claim_url(claim_id: int) -> str:
    return path_to("claim", claim_id)


def program_claims_url(program_id: int) -> str:
    return path_to("program_claims", program_id)
