"""Data rights of inquiries: what the account export holds, and what deleting an account erases.

The export's ``inquiries`` section has every message the person sent through the contact form
while signed in. Deleting the account deletes them (the secretariat answers by email; once the
person has left, nothing is left to answer).
"""

from __future__ import annotations

from duallife.core.data_rights import erase_step, export_section

from .models import Inquiry, TermsConsent


@export_section("inquiries")
def export_inquiries(user) -> list[dict]:
    return [
        {
            "topic": inquiry.topic,
            "name": inquiry.name,
            "email": inquiry.email,
            "body": inquiry.body,
            "status": inquiry.status,
            "created_at": inquiry.created_at,
        }
        for inquiry in Inquiry.objects.filter(user=user).order_by("created_at", "pk")
    ]


@erase_step("inquiries")
def erase_inquiries(user) -> None:
    Inquiry.objects.filter(user=user).delete()


@export_section("terms_consents")
def export_terms_consents(user) -> list[dict]:
    """Which versions of the terms the person agreed to, and when (kept after the account is
    deleted: the proof of what was agreed; the account row it points at is anonymised)."""
    return [
        {"version": consent.version.number, "agreed_at": consent.agreed_at}
        for consent in TermsConsent.objects.filter(user=user).select_related("version").order_by("agreed_at")
    ]
