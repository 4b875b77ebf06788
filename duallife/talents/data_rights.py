"""Data rights of talents: the talent profile in the export; deleting the account deletes the
profile, or anonymises it where records that must stay point at it.

Recommendations and digests that mention the profile are removed by the recommendations app's own
erase step, which runs first (it comes later in ``INSTALLED_APPS``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError

from duallife.core.data_rights import erase_step, export_section

from .models import TalentProfile


@export_section("talent_profile")
def export_talent_profile(user) -> dict | None:
    profile = (
        TalentProfile.objects.filter(user=user)
        .select_related(
            "home_prefecture",
            "home_municipality",
            "hometown_prefecture",
            "hometown_municipality",
            "current_industry",
        )
        .prefetch_related("themes", "prefectures_of_interest", "skills__skill")
        .first()
    )
    if profile is None:
        return None

    def name(obj) -> str | None:
        return str(obj) if obj is not None else None

    return {
        "family_name": profile.family_name,
        "given_name": profile.given_name,
        "family_name_kana": profile.family_name_kana,
        "given_name_kana": profile.given_name_kana,
        "display_name": profile.display_name,
        "phone": profile.phone,
        "home_prefecture": name(profile.home_prefecture),
        "home_municipality": name(profile.home_municipality),
        "hometown_prefecture": name(profile.hometown_prefecture),
        "hometown_municipality": name(profile.hometown_municipality),
        "current_job": profile.current_job,
        "current_industry": name(profile.current_industry),
        "themes": [t.name for t in profile.themes.all()],
        "days_per_month": profile.days_per_month,
        "work_style": profile.work_style,
        "visits_per_month": profile.visits_per_month,
        "desired_monthly_fee_yen": profile.desired_monthly_fee_yen,
        "prefectures_of_interest": [p.name for p in profile.prefectures_of_interest.all()],
        "motives": list(profile.motives or []),
        "self_introduction": profile.self_introduction,
        "visibility": profile.visibility,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
        "skills": [
            {
                "skill": s.skill.name if s.skill_id else None,
                "free_text": s.free_text,
                "years": s.years,
                "level": s.level,
            }
            for s in profile.skills.all()
        ],
    }


#: The display name an anonymised talent profile keeps (applications and contracts still show one).
FORMER_TALENT_NAME = "退会したユーザー"


@erase_step("talent_profile")
def erase_talent_profile(user) -> None:
    """Delete the profile (skills go with it); when records that must stay point at it
    (applications, scouts, contracts: ``PROTECT``), anonymise it instead."""
    profile = TalentProfile.objects.filter(user=user).first()
    if profile is None:
        return
    try:
        with transaction.atomic():
            profile.delete()
    except ProtectedError:
        anonymise_talent_profile(profile)


def anonymise_talent_profile(profile) -> None:
    """Keep the row, drop everything about the person: names, contact, places, work, free text."""
    profile.skills.all().delete()
    profile.themes.clear()
    profile.prefectures_of_interest.clear()
    TalentProfile.objects.filter(pk=profile.pk).update(
        family_name="",
        given_name="",
        family_name_kana="",
        given_name_kana="",
        display_name=FORMER_TALENT_NAME,
        phone="",
        home_municipality=None,
        hometown_prefecture=None,
        hometown_municipality=None,
        current_job="",
        current_industry=None,
        days_per_month=None,
        desired_monthly_fee_yen=None,
        motives=[],
        self_introduction="",
        visibility=TalentProfile.Visibility.PRIVATE,
        search_text="",
    )
