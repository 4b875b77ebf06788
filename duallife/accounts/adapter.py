"""How django-allauth fits the platform: email-only accounts, our site name in mail."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import gettext as _


def user_display(user) -> str:
    """What allauth shows for a user (messages, mail): the email address, never a username."""
    return getattr(user, "email", "") or ""


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**context, "site_name": _("デュアルライフ東北"), "site_url": settings.SITE_URL}
        super().send_mail(template_prefix, email, context)
