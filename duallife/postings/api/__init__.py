"""JSON API of spec sheets, one router per topic: ``listing`` (public, mounted under ``/api/v1/``)
and ``sheets`` (a company's own, mounted under ``/api/v1/my/``)."""
