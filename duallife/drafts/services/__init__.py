"""Writes and rules of the draft: one module per topic, one service per use case.

- ``events``: create and edit an event; ``teams``: join as a team, the team page, the consortium;
- ``players``: enter, edit the entry, withdraw; ``choices``: both sides' preference lists;
- ``camps``: camps, seats and attendance; ``messages``: team–player threads;
- ``runs``: run and replay the nominations; ``nominations``: answers, the team's message, outcomes.

Every service is keyword-only (``<entity>_<action>``), runs in a transaction, asks
:mod:`duallife.drafts.permissions` whether it may (the same functions the pages ask to explain),
and raises :class:`~duallife.drafts.errors.DraftError` with a Japanese message when a rule refuses.
Locks are taken in one order: the event, its teams, the player, the camp.
"""
