"""Who is who in a draft event, and what each may do — decided here once, for pages and services.

One module per topic, as in every layer (``events``, ``teams``, ``players``, ``choices``,
``camps``, ``messages``, ``runs``, ``nominations``, ``results``):

- the **organiser**: members of the event's organising body, and operators
  (:func:`.events.organizes`);
- a **team**: the event's ``DraftTeam`` rows whose organisation — the lead or a consortium
  partner — the user is a member of (:func:`.teams.teams_of`, :func:`.teams.acts_for`; a person
  may act for more than one);
- a **player**: the user's own ``DraftPlayer`` entry (:func:`.players.player_of`).

Predicates (``organizes``, ``acts_for``, ``*_open``) and refusal reasons (``*_refusal``: a
Japanese sentence, or ``None`` when the action is allowed) are what a page asks to explain and
what a service asks to refuse. ``get_*`` load what a user asked for by id, answering 404 for
anything outside the event (so that ids do not leak). Players' pitches and display names are
shown to the organiser and the event's teams only; a talent's contact details are never shown
anywhere in a draft.
"""
