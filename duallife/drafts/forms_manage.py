"""Forms of the organiser's and the player's changes: parsing and ranges only (the rules live in
:mod:`.services_manage` and :mod:`.services_camps`).

:class:`EventEditForm` is the create form without the organising body (it stays); once a run
exists every field but the name, the rebate and the rules is disabled, so that what a browser sends
for them is ignored. A camp is edited with the create form, :class:`~.forms_camps.CampForm`.
"""

from __future__ import annotations

from django.utils import timezone

from duallife.organizations.models import Organization

from .forms_events import EventForm
from .models import DraftCamp, DraftEvent
from .services_manage import FREE_FIELDS


def event_initial(event: DraftEvent) -> dict:
    """The event's values as the form shows them (the deadline in Tokyo time, to the minute)."""
    return {
        "name": event.name,
        "prefectures": [p.pk for p in event.prefectures.all()],
        "entry_opens_on": event.entry_opens_on,
        "entry_closes_on": event.entry_closes_on,
        "preferences_deadline": timezone.localtime(event.preferences_deadline),
        "nomination_on": event.nomination_on,
        "negotiation_until": event.negotiation_until,
        "team_capacity": event.team_capacity,
        "player_fee_yen": event.player_fee_yen,
        "team_fee_yen": event.team_fee_yen,
        "rebate": event.rebate,
        "rules": event.rules,
        "allow_ties": event.allow_ties,
    }


class EventEditForm(EventForm):
    """The event's fields for :func:`~.services_manage.draft_event_update`; ``solved`` (a run
    exists) leaves only the name, the rebate and the rules editable."""

    def __init__(self, *args, event: DraftEvent, solved: bool, **kwargs):
        kwargs.setdefault("initial", event_initial(event))
        super().__init__(*args, organizers=Organization.objects.none(), **kwargs)
        del self.fields["organizer"]
        self.solved = solved
        if solved:
            for name, field in self.fields.items():
                if name not in FREE_FIELDS:
                    field.disabled = True


def camp_initial(camp: DraftCamp) -> dict:
    return {
        "title": camp.title,
        "mode": camp.mode,
        "place": camp.place,
        "starts_at": camp.starts_at,
        "ends_at": camp.ends_at,
        "capacity": camp.capacity,
        "description": camp.description,
    }
