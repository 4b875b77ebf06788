"""The email of one notification: plain text from templates, with unsubscribe headers.

Every email says why it was sent, links to the email settings, and carries an unsubscribe link
that works without logging in (``tokens.py``), in the body and in the ``List-Unsubscribe`` /
``List-Unsubscribe-Post`` headers, so mail apps can offer one-click unsubscribe (RFC 8058).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .links import absolute, in_language, is_local_path, path_to
from .models import Kind, Notification
from .tokens import unsubscribe_token

SUBJECT_MAX_CHARS = 150


def greeting_name(user) -> str:
    """How the email addresses the person: their name if the account has one."""
    return " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)


def email_language(user) -> str:
    """The language of the person's emails: the one they last read the site in."""
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def unsubscribe_url(notification: Notification) -> str:
    token = unsubscribe_token(user=notification.user, kind=notification.kind)
    return absolute(path_to("unsubscribe", token))


def _one_line(text: str) -> str:
    """Header-safe: no line breaks (they would end the header), runs of spaces collapsed."""
    return " ".join(text.split())


def email_body(notification: Notification) -> str:
    """The body as an email says it, in the active language: each line, and under a line that
    leads to a page, that page's full address on a line of its own (mail apps make it a link)."""
    out: list[str] = []
    for line in notification.lines:
        out.append(line.text)
        if line.url:
            out.append(f"  {absolute(line.url)}")
    return "\n".join(out).strip()


def notification_email(notification: Notification) -> EmailMessage:
    """The email for ``notification``, addressed to its user, in the language they read the site in."""
    unsubscribe = unsubscribe_url(notification)
    language = email_language(notification.user)
    with translation.override(language):
        context = {
            "name": greeting_name(notification.user),
            "title": _one_line(notification.title),
            "body": email_body(notification),
            "link": absolute(in_language(notification.url, language))
            if is_local_path(notification.url)
            else "",
            "kind_label": Kind(notification.kind).label,
            "settings_url": absolute(in_language(path_to("settings"), language)),
            "list_url": absolute(in_language(path_to("list"), language)),
            "unsubscribe_url": unsubscribe,
        }
        subject = _one_line(render_to_string("notifications/email/subject.txt", context))
        body = render_to_string("notifications/email/body.txt", context)
    return EmailMessage(
        subject=subject[:SUBJECT_MAX_CHARS],
        body=body,
        to=[notification.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
