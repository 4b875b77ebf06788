"""Spec-sheet pages, one module per topic; each module lists its own ``urlpatterns``.

- ``listing``: the public listing (search, filters, htmx results) and a sheet's page;
- ``sheets``: the company's dashboard, the guided form with its live quality check, submit, close;
- ``cowriting``: invited collaborators, comments and the versions page;
- ``approval``: the coordinators' review queue and decisions.

Thin: every sheet is loaded through :mod:`duallife.postings.permissions` (404 for anyone who may not
see it), input is validated by a form, one service does the write, and its
:class:`~duallife.postings.errors.SpecSheetError` becomes a form error or a message. Forms work
without JavaScript; with htmx the listing swaps its results and the sheet form shows the quality
check live.
"""
