"""Reads of notifications: a user's list (paginated, unread first), counts, email preferences."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from .models import EmailPreference, Kind, Notification

PER_PAGE = 20


def user_notifications(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """``user``'s notifications: unread first, then newest first."""
    rows = Notification.objects.filter(user=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.annotate(
        unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    ).order_by("-unread", "-created_at", "-pk")


def notifications_page(user, page_number=1, *, unread_only: bool = False, per_page: int = PER_PAGE) -> Page:
    """One page of ``user``'s notifications (two queries: the count and the rows).

    A page number that is not a number, or out of range, gives the first or last page.
    """
    return Paginator(user_notifications(user, unread_only=unread_only), per_page).get_page(page_number)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@dataclass(frozen=True)
class KindChoice:
    kind: str
    label: str
    email: bool


def email_preferences(user) -> list[KindChoice]:
    """Every kind of notification with whether ``user`` gets it by email (default: yes). One query."""
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "email"))
    return [
        KindChoice(kind=kind, label=str(label), email=chosen.get(kind, True)) for kind, label in Kind.choices
    ]
