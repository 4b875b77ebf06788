"""The organiser of an event, who may create events, and the event's stages by date.

The stages (``entry_open``, ``preferences_open``, ``nomination_day_reached``,
``negotiation_open``) are the one reading of the schedule: pages use them to say what is possible
now, services to refuse what is not.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.core.ids import parse_id
from duallife.organizations.models import Organization
from duallife.organizations.permissions import is_operator, memberships

from ..models import DraftEvent

ORGANIZER_KINDS = (Organization.Kind.COORDINATOR, Organization.Kind.SECRETARIAT)


def signed_in(user) -> bool:
    """An authenticated, active account."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def organizes(user, event: DraftEvent) -> bool:
    """The organiser's members and operators run a draft."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_operator(user) or memberships(user).filter(organization=event.organizer_id).exists()


def as_id(value) -> int:
    """An id typed in a URL or a form, or a 404 (anything that is not an id, duallife/core/ids.py)."""
    return parse_id(value, not_found="")


def get_event(pk) -> DraftEvent:
    """The event, or 404 (any id that is not a positive integer is a 404 too)."""
    pk = as_id(pk)
    return get_object_or_404(DraftEvent.objects.select_related("organizer"), pk=pk)


# --- creating events -----------------------------------------------------------------------------


def organizer_choices(user) -> QuerySet[Organization]:
    """The bodies on whose behalf ``user`` may create a draft event (all of them for operators)."""
    if not signed_in(user):
        return Organization.objects.none()
    qs = Organization.objects.filter(kind__in=ORGANIZER_KINDS, is_active=True).select_related("prefecture")
    if is_operator(user):
        return qs.order_by("prefecture__code", "name", "pk")
    own = memberships(user).filter(organization__kind__in=ORGANIZER_KINDS).values("organization_id")
    return qs.filter(pk__in=own).order_by("prefecture__code", "name", "pk")


def may_create_events(user) -> bool:
    """Operators and members of a coordinator body (the ones the 「ドラフト会議をつくる」 link is for)."""
    return signed_in(user) and (
        is_operator(user) or memberships(user).filter(organization__kind__in=ORGANIZER_KINDS).exists()
    )


def event_create_refusal(user, organizer: Organization) -> str | None:
    """Why ``user`` may not create an event organised by ``organizer``, or ``None``."""
    if organizer.kind not in ORGANIZER_KINDS:
        return _("ドラフト会議を主催できるのは、自治体・支援機関と事務局です。")
    if not (is_operator(user) or memberships(user).filter(organization=organizer).exists()):
        return _("ドラフト会議を作成できるのは、主催する機関のメンバーと事務局です。")
    return None


# --- the stages ----------------------------------------------------------------------------------


def entry_open(event: DraftEvent, *, today: datetime.date | None = None) -> bool:
    """Talents enter from ``entry_opens_on`` to ``entry_closes_on``."""
    today = today or timezone.localdate()
    return event.entry_opens_on <= today <= event.entry_closes_on


def preferences_open(event: DraftEvent, *, now: datetime.datetime | None = None) -> bool:
    """Before the preference deadline: teams join, partners change, players withdraw and edit
    their pitch, lists change. From the deadline on, all of it is locked."""
    return (now or timezone.now()) < event.preferences_deadline


def nomination_day_reached(event: DraftEvent, *, today: datetime.date | None = None) -> bool:
    return (today or timezone.localdate()) >= event.nomination_on


def negotiation_open(event: DraftEvent, *, today: datetime.date | None = None) -> bool:
    """Until the last day of the negotiation window (runs, answers and teams' messages)."""
    return (today or timezone.localdate()) <= event.negotiation_until


def answers_open(event: DraftEvent, *, today: datetime.date | None = None) -> bool:
    """The nominated player answers from the nomination day to the end of the negotiation window."""
    today = today or timezone.localdate()
    return nomination_day_reached(event, today=today) and negotiation_open(event, today=today)
