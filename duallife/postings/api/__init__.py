"""JSON API of spec sheets, one router per topic: ``listing`` (public, mounted under ``/api/v1/``),
``sheets`` (a company's own, mounted under ``/api/v1/my/``) and ``cowriting`` (invitations to
co-write, for the company and the invited person, under ``/api/v1/my/``)."""
