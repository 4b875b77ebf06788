"""Paths to engagement pages in the default language, for notifications and the API."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def path_to(name: str, *args) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(f"engagements:{name}", args=args)


def application_url(application_id: int) -> str:
    return path_to("application_detail", application_id)


def scout_url(scout_id: int) -> str:
    return path_to("scout_detail", scout_id)


def talk_url(scout_id: int) -> str:
    """The casual talk on the scout's page."""
    return scout_url(scout_id) + "#thread"


def checkin_url(checkin_id: int) -> str:
    return path_to("checkin", checkin_id)


def terms_sheet_url(application_id: int) -> str:
    return path_to("contract_terms_sheet", application_id)
