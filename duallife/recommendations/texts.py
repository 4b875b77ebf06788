"""The weekly digest as a notification's title and body (a template, in the default language)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from duallife.notifications.links import absolute

from .links import path_to
from .selectors.digests import Digest


def digest_text(digest: Digest) -> tuple[str, str]:
    """(title, body) of the notification: plain Japanese text with absolute links."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = []
        if digest.sheet_count:
            parts.append(_("新しい仕様書%(count)d件") % {"count": digest.sheet_count})
        if digest.talent_count:
            parts.append(_("新しい人材%(count)d人") % {"count": digest.talent_count})
        title = _("今週のおすすめ：%(parts)s") % {"parts": "、".join(parts)}
        body = render_to_string(
            "recommendations/digests/body.txt",
            {
                "sections": digest.sections,
                "manage_url": absolute(path_to("recommendations:saved_search_list")),
            },
        )
    return title, body.strip()
