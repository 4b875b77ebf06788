"""Every route of the site and every API operation, asked as each kind of person, against what its
view declares (:mod:`duallife.core.audience`).

- :func:`site_routes`, :func:`api_routes`: the routes of the URLconf (recursively, the language
  prefix included) and the operations of the API's routers, each with its view;
- :func:`undeclared`: what is wrong with a list of routes before anyone asks: a view of the site
  without a declaration, a third-party route outside ``THIRD_PARTY``, a route without a name;
- :class:`Persona`, :class:`Case`, :func:`expected`, :func:`outcome`: who asks, with which ids, what
  the declaration says they get and what they got, each as one word (``allowed``, ``login``,
  ``mfa``, ``401``, ``403``, ``404``…) so that one table lists every difference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from urllib.parse import urlsplit

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from ninja import NinjaAPI

from duallife.core.audience import ALL, ROLES, THIRD_PARTY, Audience, audience_of

#: What a person got (or is owed) when the route let them in: any answer below 500 that is not a
#: refusal, a login or an MFA redirect (200, a redirect elsewhere, 400 for an empty form, 409…).
ALLOWED = "allowed"
LOGIN, MFA = "login", "mfa"
#: Roles whose members must set MFA up before personal data (``accounts.mfa.mfa_setup_required``).
STAFF = ("coordinator", "operator")
#: The site's own routes: a view of a ``duallife`` module, routed by a ``duallife`` URLconf (the
#: admin's views of ``duallife.*.admin`` are routed by the admin's own list, so they are not).
SITE_VIEWS = re.compile(r"^duallife\.")


@dataclass(frozen=True)
class Route:
    """A page (``api=False``: ``key`` is the URL name) or an API operation (``key``: its id)."""

    key: str
    path: str  # as written: "sheets/<id:pk>/" (pages, without the leading slash), "/api/v1/my/…"
    view: Callable
    api: bool = False
    first_party: bool = True
    params: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()  # the API operation's; pages are asked by GET, or POST if GET is 405

    @property
    def audience(self) -> Audience | None:
        return audience_of(self.view)

    @property
    def personal_data(self) -> bool:
        """What the code does: a page's ``personal_data_view`` (the API declares it)."""
        if self.api:
            audience = self.audience
            return bool(audience and audience.personal_data)
        return bool(getattr(self.view, "personal_data", False))

    def third_party_prefix(self) -> str | None:
        url = "/" + self.path.lstrip("/")
        return next((prefix for prefix in THIRD_PARTY if url.startswith(prefix)), None)


def _owner(resolver: URLResolver, parent: str) -> str:
    """The URLconf a resolver's routes come from: an include's module, an app's own list of
    patterns (the admin, the API: their namespace), or, for ``i18n_patterns``, the parent's."""
    conf = resolver.urlconf_name
    if isinstance(conf, str):
        return conf
    if isinstance(conf, ModuleType):
        return conf.__name__
    if resolver.namespace:
        return f"<{resolver.app_name or resolver.namespace}>"
    return parent


def _params(pattern) -> tuple[str, ...]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return tuple(converters)
    regex = getattr(pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def _walk(patterns, *, prefix: str, owner: str, namespace: str, params: tuple) -> Iterator[Route]:
    for entry in patterns:
        here = prefix + str(entry.pattern).lstrip("^")  # a regex pattern's anchor is no part of the path
        found = params + _params(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(
                entry.url_patterns,
                prefix=here,
                owner=_owner(entry, owner),
                namespace=inner,
                params=found,
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            module = getattr(entry.callback, "__module__", "") or ""
            first_party = bool(SITE_VIEWS.match(owner) and SITE_VIEWS.match(module))
            yield Route(key=name, path=here, view=entry.callback, first_party=first_party, params=found)


def site_routes(urlconf: str | None = None) -> list[Route]:
    """Every route of ``urlconf`` (the site's), recursively; the language prefix is the active
    language's (none in Japanese)."""
    resolver = get_resolver(urlconf)
    return list(_walk(resolver.url_patterns, prefix="", owner=resolver.urlconf_name, namespace="", params=()))


def api_routes(api: NinjaAPI) -> list[Route]:
    """Every operation of ``api``'s routers (one route per operation and method list)."""
    root = reverse(f"{api.urls_namespace}:api-root")
    routes = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                url = re.sub(r"/+", "/", f"{root}/{prefix}/{path}")
                routes.append(
                    Route(
                        key=operation.operation_id or operation.view_func.__name__,
                        path=url,
                        view=operation.view_func,
                        api=True,
                        params=tuple(re.findall(r"{(?:\w+:)?(\w+)}", path)),
                        methods=tuple(operation.methods),
                    )
                )
    return routes


def undeclared(routes: list[Route]) -> list[str]:
    """What keeps ``routes`` from being walked, one sentence each: the site's views (and the API's
    operations) that declare no audience, the site's routes without a name, and third-party routes
    outside the prefixes of ``THIRD_PARTY``."""
    problems = []
    for route in routes:
        where = f"{route.key or '(no name)'} [{route.path}]"
        view = route.view
        function = f"{getattr(view, '__module__', '?')}.{getattr(view, '__qualname__', '?')}"
        if route.api or route.first_party:
            if route.audience is None:
                problems.append(
                    f"{where}: {function} declares no audience (@audience, duallife.core.audience)"
                )
            if not route.key:
                problems.append(f"{where}: {function} has no URL name to find its ids by")
        elif route.third_party_prefix() is None:
            problems.append(f"{where}: {function} is not the site's and not under a THIRD_PARTY prefix")
    return problems


@dataclass(frozen=True)
class Persona:
    """Who asks: ``role`` None is an anonymous visitor. ``own``: the "A" of their role — the talent
    or company the route's thing belongs to, the coordinator whose area covers it (an operator
    covers every area); the "B" owns nothing the routes are asked about."""

    name: str
    role: str | None
    own: bool = True
    mfa: bool = True


@dataclass(frozen=True)
class Case:
    """The ids a route is asked with (and the query, and the form or JSON sent). ``roles``: the
    roles the thing concerns — a company's invitation is no coordinator's, whatever the route
    grants coordinators for their own body; persons of other roles are expected to be refused."""

    kwargs: Mapping[str, object] = field(default_factory=dict)
    query: str = ""
    data: Mapping | None = None
    roles: tuple[str, ...] = ROLES


def expected(audience: Audience, persona: Persona, case: Case, *, api: bool, personal_data: bool) -> str:
    """What ``persona`` should get from a route that declares ``audience``, asked with ``case``."""
    if audience.public:
        return ALLOWED
    if persona.role is None:
        return "401" if api else LOGIN
    if personal_data and persona.role in STAFF and not persona.mfa:
        return "403" if api else MFA
    concerned = persona.role in case.roles

    def covers(grant) -> bool:
        return grant is not None and concerned and (grant == ALL or persona.own)

    if covers(audience.grant(persona.role)):
        return ALLOWED
    return str(audience.refusal(persona.role, reads=covers(audience.readers.get(persona.role))))


def outcome(response, *, api: bool) -> str:
    """What a response says, in the words of :func:`expected`."""
    status = response.status_code
    if not api and status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target == reverse("account_login"):
            return LOGIN
        if target == reverse("mfa_index"):
            return MFA
    if not api and status == 204 and response.get("HX-Redirect") == reverse("mfa_index"):
        return MFA
    if status in (401, 403, 404, 405) or status >= 500:
        return str(status)
    return ALLOWED


def url_of(route: Route, case: Case) -> str:
    if route.api:
        url = route.path
        for name, value in case.kwargs.items():
            url = re.sub(r"{(?:\w+:)?" + re.escape(name) + "}", str(value), url)
    else:
        url = reverse(route.key, kwargs=dict(case.kwargs))
    return f"{url}?{case.query}" if case.query else url


def ask(client: Client, method: str, url: str, data: Mapping | None, *, api: bool):
    """One request, inside a transaction rolled back afterwards: what one person sends changes
    nothing the next one sees. An exception the view lets out is returned as a string."""
    try:
        with transaction.atomic():
            if method == "GET":
                response = client.get(url)
            elif api:
                send = getattr(client, method.lower())
                response = send(url, json.dumps(data or {}), content_type="application/json")
            else:
                response = client.post(url, data or {})
            transaction.set_rollback(True)
    except Exception as exc:  # a route must never fail: the table says which did, and how
        return f"raised {type(exc).__name__}: {exc}"[:160]
    return response
