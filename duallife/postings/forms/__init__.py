"""Forms of spec sheets, one module per topic: parsing and per-field ranges only.

- ``listing``: the public listing's search and filters (GET);
- ``sheets``: the guided form of a sheet, and closing a published one;
- ``cowriting``: inviting a collaborator, writing a comment;
- ``approval``: a coordinator's comment on the decision.

Rules that involve more than one field, the vocabulary or the sheet's status live in
:mod:`duallife.postings.services`; a view turns their
:class:`~duallife.postings.errors.SpecSheetError` into a field error.
"""
