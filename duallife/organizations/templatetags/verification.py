"""``{% verified_badge organization %}``: the 確認済み badge, only for a verified company, with an
accessible text saying what was checked; ``organization|verified_explanation`` the same sentence."""

from __future__ import annotations

from django import template

from .. import texts

register = template.Library()


@register.inclusion_tag("organizations/_verified_badge.html")
def verified_badge(organization, *, full: bool = False) -> dict:
    verified = organization is not None and getattr(organization, "verified_at", None) is not None
    return {
        "verified": verified,
        "explanation": texts.verified_explanation(organization) if verified else "",
        "full": full,
        "organization": organization,
    }


@register.filter
def verified_explanation(organization) -> str:
    return texts.verified_explanation(organization)


@register.filter
def verification_note(organization) -> str:
    return texts.verification_note(organization)
