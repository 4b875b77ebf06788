"""Writes of organisations: one module per topic, one service per use case.

- ``registration``: a signed-up user registers a company and becomes its first admin;
- ``profiles``: a company's profile, a coordinator body's region page, their photos;
- ``invitations``: invite people to an organisation, accept, revoke (pages in accounts);
- ``coordinators``: create a coordinator body, grant it scopes (pages in accounts).

Every business rule about organisations lives in one of these services.
"""
