"""Pages of the draft (``/drafts/``), one module per topic; each module lists its own
``urlpatterns``. Thin: access through :mod:`duallife.drafts.permissions` (whose refusals also
explain on the page why something cannot be done), reads through
:mod:`duallife.drafts.selectors`, one service per write, whose
:class:`~duallife.drafts.errors.DraftError` becomes a form error or the page's message (status 400,
nothing saved). Anonymous users are sent to log in for private pages; people without the role get
a 403 saying who may; ids outside the event are 404. Players are shown by display name and what
they wrote for the draft, never by real name or contact details.
"""
