"""Paths and absolute addresses of notification pages, and the lines of a body that link to a page.

Paths are in the default language (no ``/en/`` prefix), like every path stored in a notification.
Absolute addresses use ``settings.SITE_URL``: emails are built outside any request.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme

from duallife.core.texts import Text

#: A notification's link, as stored (``Notification.url``).
URL_MAX_CHARS = 300


def path_to(name: str, *args) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(f"notifications:{name}", args=args)


def in_language(path: str, language: str) -> str:
    """A stored path (default language) as the same page in ``language`` (``/en/…``); a path that
    is not one of the site's pages is returned unchanged."""
    if language == settings.LANGUAGE_CODE:
        return path
    parts = urlsplit(path)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(parts.path)
        with translation.override(language):
            localized = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return path
    return urlunsplit(("", "", localized, parts.query, parts.fragment))


def absolute(path: str) -> str:
    """``path`` on this site as a full address, for emails."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def is_local_path(url: str) -> bool:
    """Whether ``url`` is a path on this site (``/applications/3/``), never another host.

    Refuses ``//evil.example``, ``/\\evil.example``, ``https://…``, ``javascript:…`` and control
    characters, so following a notification can never leave the site (no open redirect).
    """
    if not url or len(url) > URL_MAX_CHARS or not url.startswith("/") or url.startswith(("//", "/\\")):
        return False
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in url):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=set(), require_https=False)


@dataclass(frozen=True)
class Linked:
    """A line of a notification's body that leads to a page of this site (an open sheet suggested
    after another closed, an entry of the weekly digest): on the site its words are the link, in
    an email the page's full address follows on a line of its own. The words never hold the path.

    ``url`` is a path on this site in the default language, like ``Notification.url``."""

    text: Text | Promise | str
    url: str


@dataclass(frozen=True)
class Line:
    """A line of a body as read: its words in the active language, and the path (in the active
    language) it links to, or ``""``."""

    text: str
    url: str = ""
