"""Why the demo data cannot be created; every message is in Japanese and says what to do."""


class DemoDataError(Exception):
    """The demo data cannot be created; the message says why."""


class RegionPackNotLoaded(DemoDataError):
    pass


class RealUsersPresent(DemoDataError):
    pass


class DemoContentError(DemoDataError):
    """A file of ``data/demo`` is malformed: the message names the file, the entry and the field."""
