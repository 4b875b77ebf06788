"""Data rights: what "download my data" contains and what "delete my account" erases.

Each app adds its part in its own ``<app>/data_rights.py`` (found automatically at start-up):

    from duallife.core.data_rights import erase_step, export_section

    @export_section("applications")
    def export_applications(user) -> list[dict]:
        return [{"sheet": a.sheet.title, "applied_at": a.created_at} for a in user.applications.all()]

    @erase_step("applications")
    def erase_applications(user) -> None:
        user.applications.all().delete()

An exporter returns JSON-ready data (dates and datetimes are fine); an eraser removes or
anonymises the user's personal data in that app. Erasers run inside the deletion's transaction,
before the user row itself is anonymised, in reverse registration order (apps later in
``INSTALLED_APPS`` first, so rows go before the rows they point at); an exception aborts it all.

This module is the registry (and two helpers every app's eraser may need); the account's own
sections are in ``duallife.accounts.data_rights``. ``duallife.accounts.services`` runs them:
``account_export`` and ``account_delete``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_EXPORTERS: dict[str, Exporter] = {}
_ERASERS: dict[str, Eraser] = {}


def _register(registry: dict, kind: str, name: str) -> Callable:
    def register(func: Callable) -> Callable:
        existing = registry.get(name)
        if existing is not None and existing.__qualname__ != func.__qualname__:
            raise ImproperlyConfigured(f"data rights: two {kind}s named {name!r}")
        registry[name] = func
        return func

    return register


def export_section(name: str) -> Callable[[Exporter], Exporter]:
    """Register ``func(user)`` as the ``name`` section of the account export."""
    return _register(_EXPORTERS, "export section", name)


def erase_step(name: str) -> Callable[[Eraser], Eraser]:
    """Register ``func(user)`` to erase the user's data of ``name`` when the account is deleted."""
    return _register(_ERASERS, "erase step", name)


def exporters() -> dict[str, Exporter]:
    return dict(_EXPORTERS)


def erasers() -> dict[str, Eraser]:
    """In the order they run: the last registered first."""
    return dict(reversed(_ERASERS.items()))


def user_emails(user) -> list[str]:
    """The user's verified addresses: an unverified one may belong to someone else."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return sorted({e.lower() for e in verified})


def emails_q(field: str, emails: list[str]) -> Q:
    """Rows whose ``field`` is one of ``emails``, whatever the case."""
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(**{f"{field}__iexact": email})
    return condition
