"""Writes and rules of engagements: one module per part, one service per use case.

- ``pipeline``: the status machine of an application (shared by every part);
- ``applications``: apply, withdraw, move through the pipeline, decline, close a sheet's rest;
- ``scouts``: send, accept, decline, expire; ``interests``: 気になる;
- ``messages``: the thread of an application; ``consent``: provisions of personal data;
- ``contracts``: 成約, start, end (early or not), check-ins and feedback;
- ``referrals``: coordinator bodies that brought a company.

Every service is keyword-only, runs in a transaction, locks rows in one order (sheet → application
→ contract → check-in), and raises :mod:`..errors` with a Japanese message when a rule refuses.
"""
