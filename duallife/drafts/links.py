"""Paths to draft pages, for notifications and redirects (one place builds each URL)."""

from __future__ import annotations

from django.urls import reverse


def event_url(event_id: int) -> str:
    return reverse("drafts:detail", args=[event_id])


def team_url(event_id: int, team_id: int) -> str:
    return reverse("drafts:team", args=[event_id, team_id])


def team_choices_url(event_id: int, team_id: int) -> str:
    return reverse("drafts:team_choices", args=[event_id, team_id])


def camp_url(event_id: int, camp_id: int) -> str:
    return reverse("drafts:camp", args=[event_id, camp_id])


def thread_url(event_id: int, team_id: int, player_id: int) -> str:
    return reverse("drafts:thread", args=[event_id, team_id, player_id])


def nominations_url(event_id: int) -> str:
    return reverse("drafts:nominations", args=[event_id])


def nomination_url(nomination_id: int) -> str:
    """The nominated player's page of one nomination: what accepting means, questions, the answer."""
    return reverse("drafts:nomination", args=[nomination_id])
