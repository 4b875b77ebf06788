"""Who may open a route: every view and every API operation declares its audience.

The declaration is a decorator put closest to the function (under ``@router.get`` or the view's
other decorators)::

    @audience(PUBLIC)                                   # anyone, signed in or not
    @audience(SIGNED_IN)                                # any signed-in person
    @audience(talent=ALL)                               # any talent; everyone else refused
    @audience(company=OWN, coordinator=AREA, operator=ALL, denied=NOT_FOUND)

Roles are the four kinds of signed-in person: ``talent``, ``company`` (a member of a company),
``coordinator`` (a member of a coordinator body) and ``operator`` (the secretariat). For each role
the route grants ``ALL`` of them, or only the ``OWN`` one (the talent or company the thing belongs
to) or the coordinator whose ``AREA`` covers it. Anyone else signed in is refused with ``denied``
(403, or 404 where saying "it exists" would already tell too much); an anonymous visitor is sent
to log in (pages) or answered 401 (API). A staff member without MFA who opens a page marked as
showing personal data is first sent to set MFA up (``duallife.accounts.mfa``).

The declaration does not enforce anything by itself: the views and services do, through the
access functions of each app. ``duallife/demo/tests/test_route_audiences.py`` walks every route as
each kind of person on the demo and holds the code to what is declared; a route without a
declaration fails that test. Third-party routes (the admin, allauth) are declared by prefix in
:data:`THIRD_PARTY`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

__all__ = [
    "ALL",
    "AREA",
    "FORBIDDEN",
    "NOT_FOUND",
    "OWN",
    "PUBLIC",
    "ROLES",
    "SIGNED_IN",
    "THIRD_PARTY",
    "Audience",
    "Grant",
    "audience",
    "audience_of",
]

ROLES = ("talent", "company", "coordinator", "operator")
FORBIDDEN = 403
NOT_FOUND = 404


class Grant(StrEnum):
    ALL = "all"  # every person of the role
    OWN = "own"  # the talent or company the thing belongs to
    AREA = "area"  # the coordinator whose area covers the thing


ALL, OWN, AREA = Grant.ALL, Grant.OWN, Grant.AREA


@dataclass(frozen=True)
class Audience:
    """Who may open a route (see the module's docstring)."""

    public: bool = False
    grants: Mapping[str, Grant] = field(default_factory=dict)
    denied: int = FORBIDDEN

    def __post_init__(self) -> None:
        unknown = set(self.grants) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}; roles are {ROLES}")
        if self.denied not in (FORBIDDEN, NOT_FOUND):
            raise ValueError("denied must be 403 or 404")
        if self.public and self.grants:
            raise ValueError("a public route grants every role already")
        object.__setattr__(self, "grants", MappingProxyType(dict(self.grants)))

    def grant(self, role: str) -> Grant | None:
        """What the route grants a signed-in person of ``role`` (``None``: refused)."""
        if self.public:
            return ALL
        return self.grants.get(role)

    def __str__(self) -> str:
        if self.public:
            return "public"
        if all(self.grants.get(role) == ALL for role in ROLES):
            return "signed in"
        granted = ", ".join(f"{role}={grant.value}" for role, grant in self.grants.items())
        return f"{granted}; others {self.denied}"


PUBLIC = Audience(public=True)
SIGNED_IN = Audience(grants=dict.fromkeys(ROLES, ALL))

#: Routes of third-party apps, declared by path prefix (without the language prefix).
THIRD_PARTY: Mapping[str, str] = MappingProxyType(
    {
        "/admin/": "staff with MFA (Django's admin; duallife.accounts.middleware.StaffMFAMiddleware)",
        "/accounts/": "allauth: log-in, sign-up, password reset (public); email, MFA (signed in)",
        "/i18n/": "public: changing the language",
        "/media/": "public: uploaded files in DEBUG only (attachments are served by their views)",
    }
)

View = TypeVar("View", bound=Callable)


def audience(declared: Audience | None = None, /, *, denied: int = FORBIDDEN, **grants: Grant):
    """Declare who may open the decorated view or API operation (see the module's docstring)."""
    if declared is None:
        declared = Audience(grants=grants, denied=denied)
    elif grants or denied != FORBIDDEN:
        raise TypeError("give an Audience or grants, not both")

    def mark(view: View) -> View:
        view.audience = declared
        return view

    return mark


def audience_of(view: Callable) -> Audience | None:
    """The audience a view declared, looking through decorators that keep ``__wrapped__``."""
    seen = 0
    while view is not None and seen < 20:
        declared = getattr(view, "audience", None)
        if isinstance(declared, Audience):
            return declared
        view = getattr(view, "__wrapped__", None)
        seen += 1
    return None
