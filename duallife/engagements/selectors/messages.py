"""Reads of application threads and of the casual talks of scouts: the messages, and how many are
unread. Each is one query.

``unread_counts``, ``talk_unread_counts`` and ``unread_total`` count messages written by someone
else after the person's :class:`ThreadRead` (every message by someone else when they never opened
the thread). They are meant for the talent's list of applications, the company's pipeline, the
lists of scouts and the header.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, When

from duallife.core.queries import CompiledRead, count_of
from duallife.organizations.permissions import companies_of, memberships

from ..models import Application, Message, Scout, ThreadRead
from ..permissions import authenticated


def thread_messages(application: Application) -> QuerySet[Message]:
    """The thread of an application, oldest first (authors are compared by id: no join)."""
    return Message.objects.filter(application=application).order_by("created_at", "pk")


def last_read_at(user, application: Application) -> datetime.datetime | None:
    """When ``user`` last opened the thread (None: never)."""
    if not authenticated(user):
        return None
    return (
        ThreadRead.objects.filter(application=application, user=user)
        .values_list("last_read_at", flat=True)
        .first()
    )


def talk_messages(scout: Scout) -> QuerySet[Message]:
    """The casual talk of a scout, oldest first (also once it joined an application's thread)."""
    return Message.objects.filter(scout=scout).order_by("created_at", "pk")


def talk_last_read_at(user, scout: Scout) -> datetime.datetime | None:
    """When ``user`` last opened the scout's casual talk (None: never, or it became an application)."""
    if not authenticated(user):
        return None
    return (
        ThreadRead.objects.filter(scout=scout, application__isnull=True, user=user)
        .values_list("last_read_at", flat=True)
        .first()
    )


def _unread(user) -> QuerySet[Message]:
    """Messages by others that ``user`` has not read yet, on any application or casual talk."""
    read_thread = ThreadRead.objects.filter(application=OuterRef("application"), user=user).values(
        "last_read_at"
    )[:1]
    read_talk = ThreadRead.objects.filter(
        scout=OuterRef("scout"), application__isnull=True, user=user
    ).values("last_read_at")[:1]
    return (
        Message.objects.exclude(author=user)
        .annotate(
            read_to=Case(
                When(application__isnull=True, then=Subquery(read_talk)), default=Subquery(read_thread)
            )
        )
        .filter(Q(read_to__isnull=True) | Q(created_at__gt=F("read_to")))
    )


def unread_counts(user, application_ids: Iterable[int]) -> dict[int, int]:
    """Unread messages per application, for ids the caller already may show (0 included)."""
    ids = [int(pk) for pk in application_ids]
    if not ids or not authenticated(user):
        return dict.fromkeys(ids, 0)
    rows = (
        _unread(user)
        .filter(application_id__in=ids)
        .order_by()
        .values("application_id")
        .annotate(unread=Count("pk"))
        .values_list("application_id", "unread")
    )
    counts = dict.fromkeys(ids, 0)
    counts.update(dict(rows))
    return counts


def talk_unread_counts(user, scout_ids: Iterable[int]) -> dict[int, int]:
    """Unread messages per open or ended casual talk, for scout ids the caller already may show."""
    ids = [int(pk) for pk in scout_ids]
    if not ids or not authenticated(user):
        return dict.fromkeys(ids, 0)
    rows = (
        _unread(user)
        .filter(scout_id__in=ids, application__isnull=True)
        .order_by()
        .values("scout_id")
        .annotate(unread=Count("pk"))
        .values_list("scout_id", "unread")
    )
    counts = dict.fromkeys(ids, 0)
    counts.update(dict(rows))
    return counts


def _unread_total_query(user_id: int, _now: datetime.datetime) -> QuerySet:
    user = get_user_model()(pk=user_id)
    mine = Q(application__talent__user=user) | Q(
        application__sheet__organization__in=companies_of(user).values("pk")
    )
    talks = Q(scout__talent__user=user) | Q(
        scout__sheet__organization__in=memberships(user).values("organization")
    )
    talks |= Q(scout__sender_organization__in=memberships(user).values("organization"))
    unread = _unread(user).filter(mine | (Q(application__isnull=True) & talks))
    return get_user_model().objects.filter(pk=user_id).annotate(total=count_of(unread)).values("total")


#: Asked by the header of every page a talent or a company member opens: compiled once.
_UNREAD_TOTAL = CompiledRead(_unread_total_query, uses_now=False)


def unread_total(user) -> int:
    """Unread messages in every thread ``user`` writes in (as the talent or a company member), and
    in every casual talk they are a side of (the scouted talent, the sending side)."""
    if not authenticated(user):
        return 0
    return _UNREAD_TOTAL(user.pk).get("total", 0)
