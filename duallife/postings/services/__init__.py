"""Writes and rules of spec sheets (仕様書): one module per topic, one service per use case.

- ``sheets``: create, edit, submit and close a sheet; the daily expiry; the search reindex;
- ``approval``: a coordinator approves (publishes) or returns a submitted sheet;
- ``cowriting``: invited collaborators and comments before publication;
- ``content``: the checks and the writing of what a company writes (shared, not use cases);
- ``lifecycle``: the statuses, the lock and the event every status change writes (shared).

Life cycle::

    draft ──submit──▶ submitted ──approve──▶ published ──close──▶ closed (filled / withdrawn)
      ▲                  │                       └──(closes_on passed, daily task)──▶ closed (expired)
      └──── returned ◀───┘ return (with a comment); a returned sheet is edited and submitted again

Every service is keyword-only, runs in a transaction, locks the sheet row before it reads the
status, refuses an illegal step with :class:`~duallife.postings.errors.SpecSheetError` (a message in
the request's language), and writes a :class:`~duallife.postings.models.SpecSheetEvent` for every
status change.

Versions: ``sheet.version`` is the number of the version being written or reviewed. Submitting
saves a :class:`~duallife.postings.models.SpecSheetVersion` snapshot; the first submission saves
version 1, every later one (after a return) bumps the number first. Comments are kept with
``sheet.version`` at the time they are written, so a comment on a returned sheet stays with the
version that was returned. Edits bump nothing.
"""
