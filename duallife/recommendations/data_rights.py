"""Data rights of recommendations: saved searches and digest opt-ins in the export; deleting the
account erases them (the user row stays, anonymised, so CASCADE alone would keep them), and the
person's talent profile leaves every recommendation list and every digest kept in other people's
notifications.

Erase steps run last registered first: the talent's mentions are scrubbed from the digests before
the saved searches' step deletes the mention rows the scrub reads.
"""

from __future__ import annotations

from duallife.core.data_rights import erase_step, export_section
from duallife.talents.models import TalentProfile

from .models import (
    DigestLog,
    DigestMention,
    DigestSubscription,
    SavedSearch,
    SheetRecommendation,
    TalentRecommendation,
)
from .services.digests import digest_mentions_scrub


@export_section("saved_searches")
def export_saved_searches(user) -> dict:
    return {
        "saved_searches": [
            {
                "kind": s.kind,
                "name": s.name,
                "query": s.query,
                "digest": s.digest,
                "last_digest_at": s.last_digest_at,
                "created_at": s.created_at,
            }
            for s in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "company_digests": [
            {"organization": d.organization.name, "since": d.created_at, "last_digest_at": d.last_digest_at}
            for d in DigestSubscription.objects.filter(user=user).select_related("organization")
        ],
    }


@erase_step("saved_searches")
def erase_saved_searches(user) -> None:
    SavedSearch.objects.filter(user=user).delete()
    DigestSubscription.objects.filter(user=user).delete()
    DigestLog.objects.filter(user=user).delete()
    DigestMention.objects.filter(recipient=user).delete()
    DigestMention.objects.filter(talent__user=user).delete()


@erase_step("recommendations_of_talent")
def erase_talent_recommendations(user) -> None:
    profile = TalentProfile.objects.filter(user=user).first()
    if profile is None:
        return
    digest_mentions_scrub(talent_id=profile.pk)
    SheetRecommendation.objects.filter(talent=profile).delete()
    TalentRecommendation.objects.filter(talent=profile).delete()
