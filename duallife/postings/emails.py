"""The email inviting an address without an account to a sheet's co-writing: plain text from
templates, in the site's default language (nothing is known of the reader), with absolute links."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from duallife.core.formats import format_datetime
from duallife.notifications.links import absolute

from .links import invitations_url, signup_url
from .models import SpecSheetCollaborator

SUBJECT_MAX_CHARS = 150


def invitation_email(invitation: SpecSheetCollaborator) -> EmailMessage:
    """The invitation to sign up with the invited address and answer (its sheet and company loaded)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "company": invitation.sheet.organization.name,
            "title": invitation.sheet.title,
            "signup_url": absolute(signup_url()),
            "invitations_url": absolute(invitations_url()),
            "expires": format_datetime(timezone.localtime(invitation.expires_at)),
        }
        subject = " ".join(render_to_string("postings/email/invitation_subject.txt", context).split())
        body = render_to_string("postings/email/invitation_body.txt", context)
    return EmailMessage(
        subject=subject[:SUBJECT_MAX_CHARS],
        body=body,
        to=[invitation.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
