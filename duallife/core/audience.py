"""Who may open a route: every view and every API operation declares its audience.

The declaration is a decorator put closest to the function (under ``@router.get`` or the view's
other decorators)::

    @audience(PUBLIC)                                   # anyone, signed in or not
    @audience(SIGNED_IN)                                # any signed-in person
    @audience(talent=ALL)                               # any talent; everyone else refused
    @audience(company=OWN, coordinator=AREA, operator=ALL, denied=NOT_FOUND)
    @audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND)  # others 403, other areas 404
    @audience(company=OWN, readers=APPLICATION_SIDES, denied=NOT_FOUND)  # readers may not act: 403
    @audience(**OWNER, denied=NOT_FOUND)                # one person's own thing, whatever their role
    @audience(SIGNED_IN, personal_data=True)            # staff without MFA are refused first

Roles are the four kinds of signed-in person: ``talent``, ``company`` (a member of a company),
``coordinator`` (a member of a coordinator body) and ``operator`` (the secretariat). For each role
the route grants ``ALL`` of them, or only the ``OWN`` one (the talent or company the thing belongs
to) or the coordinator whose ``AREA`` covers it. Anyone else signed in is refused with ``denied``
(403, or 404 where saying "it exists" would already tell too much); an anonymous visitor is sent
to log in (pages) or answered 401 (API).

Two refinements say what the code answers when a role check and an object check differ:

- ``outside``: what a person of a granted role gets for a thing that is not theirs or not in their
  area (default: ``denied``). A review page says "reviews are for coordinators" (403) to a
  company, but "no such sheet" (404) to a coordinator of another prefecture.
- ``readers``: who sees the thing (the same grants as above; a role granted the route is granted).
  Readers not granted already know it exists, so they are refused with 403; anyone else gets
  ``denied``. The company advances an application; its talent and the area's staff read it and get
  403.

``personal_data=True``: a staff member (coordinator, operator) without MFA is refused before
anything else: a page sends them to set MFA up (``duallife.accounts.mfa.personal_data_view``, which
must be on the view exactly when this is declared), an API operation answers 403.

The declaration does not enforce anything by itself: the views and services do, through the
access functions of each app. ``duallife/demo/tests/test_route_audiences.py`` walks every route as
each kind of person on the demo and holds the code to what is declared; a route without a
declaration fails that test. Third-party routes (the admin, allauth, django-ninja's dispatch) are
declared by prefix in :data:`THIRD_PARTY`. A class-based view declares on its class.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

__all__ = [
    "ALL",
    "AREA",
    "FORBIDDEN",
    "NOT_FOUND",
    "OWN",
    "OWNER",
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


def _checked(grants: Mapping[str, Grant], what: str) -> Mapping[str, Grant]:
    unknown = set(grants) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)} in {what}; roles are {ROLES}")
    wrong = [role for role, grant in grants.items() if not isinstance(grant, Grant)]
    if wrong:
        raise ValueError(f"{what} of {sorted(wrong)} must be ALL, OWN or AREA")
    return MappingProxyType(dict(grants))


@dataclass(frozen=True)
class Audience:
    """Who may open a route (see the module's docstring)."""

    public: bool = False
    grants: Mapping[str, Grant] = field(default_factory=dict)
    denied: int = FORBIDDEN
    outside: int | None = None  # None: the same as ``denied``
    readers: Mapping[str, Grant] = field(default_factory=dict)
    personal_data: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "grants", _checked(self.grants, "grants"))
        object.__setattr__(self, "readers", _checked(self.readers, "readers"))
        if self.denied not in (FORBIDDEN, NOT_FOUND) or self.outside not in (None, FORBIDDEN, NOT_FOUND):
            raise ValueError("denied and outside must be 403 or 404")
        if self.public and (self.grants or self.readers or self.outside or self.personal_data):
            raise ValueError("a public route grants every role already")

    def grant(self, role: str) -> Grant | None:
        """What the route grants a signed-in person of ``role`` (``None``: refused)."""
        if self.public:
            return ALL
        return self.grants.get(role)

    def refusal(self, role: str, *, reads: bool) -> int:
        """The status a signed-in person of ``role`` who is not granted gets; ``reads``: they are
        one of the ``readers`` of the thing."""
        if reads:
            return FORBIDDEN
        if role in self.grants and self.outside is not None:
            return self.outside
        return self.denied

    def __str__(self) -> str:
        if self.public:
            return "public"
        mfa = " (staff: MFA)" if self.personal_data else ""
        if all(self.grants.get(role) == ALL for role in ROLES):
            return f"signed in{mfa}"
        text = ", ".join(f"{role}={grant.value}" for role, grant in self.grants.items())
        if self.readers:
            readers = {role: grant for role, grant in self.readers.items() if role not in self.grants}
            text += "; readers " + ", ".join(f"{role}={grant.value}" for role, grant in readers.items())
        text += f"; others {self.denied}"
        if self.outside is not None and self.outside != self.denied:
            text += f", not theirs {self.outside}"
        return text + mfa


PUBLIC = Audience(public=True)
SIGNED_IN = Audience(grants=dict.fromkeys(ROLES, ALL))
#: The grants of a thing that is one person's own whatever their role (a notification, a saved
#: search): ``@audience(**OWNER, denied=NOT_FOUND)``.
OWNER: Mapping[str, Grant] = MappingProxyType(dict.fromkeys(ROLES, OWN))

#: Routes of third-party apps, declared by path prefix (without the language prefix). The site's own
#: views under these prefixes (``/accounts/me/``…) declare their audience like every other view.
THIRD_PARTY: Mapping[str, str] = MappingProxyType(
    {
        "/admin/": "staff with MFA (Django's admin; duallife.accounts.middleware.StaffMFAMiddleware)",
        "/api/": "django-ninja: each operation declares its own audience; the OpenAPI document is public",
        "/accounts/": "allauth: log-in, sign-up, password reset (public); email, MFA (signed in)",
        "/i18n/": "public: changing the language",
        "/media/": "public: uploaded files in DEBUG only (attachments are served by their views)",
    }
)

View = TypeVar("View", bound=Callable)


def audience(
    declared: Audience | None = None,
    /,
    *,
    denied: int = FORBIDDEN,
    outside: int | None = None,
    readers: Mapping[str, Grant] | None = None,
    personal_data: bool = False,
    **grants: Grant,
):
    """Declare who may open the decorated view or API operation (see the module's docstring)."""
    if declared is None:
        declared = Audience(
            grants=grants, denied=denied, outside=outside, readers=readers or {}, personal_data=personal_data
        )
    elif grants or readers or outside is not None or denied != FORBIDDEN:
        raise TypeError("give an Audience or grants, not both")
    elif personal_data:
        declared = replace(declared, personal_data=True)

    def mark(view: View) -> View:
        view.audience = declared
        return view

    return mark


def audience_of(view: Callable) -> Audience | None:
    """The audience a view declared, looking through decorators that keep ``__wrapped__`` (and, for
    a class-based view, at its class)."""
    seen = 0
    while view is not None and seen < 20:
        declared = getattr(view, "audience", None)
        if isinstance(declared, Audience):
            return declared
        view_class = getattr(view, "view_class", None)
        if isinstance(getattr(view_class, "audience", None), Audience):
            return view_class.audience
        view = getattr(view, "__wrapped__", None)
        seen += 1
    return None
