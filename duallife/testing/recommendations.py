"""What the recommendation tests share: a talent that fits the spec-sheet tests' ``good_data``
sheet, and an application message long enough to be accepted (from the engagement builders)."""

from __future__ import annotations

from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture
from duallife.talents.models import TalentProfile
from duallife.talents.services import SkillInput, TalentProfileData, talent_profile_save
from duallife.vocabulary.models import Theme

from .accounts import make_user
from .talents import make_talent

Published = SpecSheet.Status.PUBLISHED


def fitting_talent(name: str, **overrides) -> TalentProfile:
    """A profile that fits ``good_data``'s sheet (Webマーケ and データ分析, marketing, hybrid, Miyagi)."""
    values = {
        "skills": ["Ｗｅｂマーケ", "データ分析"],
        "themes": [Theme.objects.get(key="marketing")],
        "days_per_month": 4,
        "work_style": "hybrid",
        "visits_per_month": 2,
        "prefectures_of_interest": [Prefecture.objects.get(code="04")],
    }
    values.update(overrides)
    return make_talent(make_user(name), **values)


def fitting_talent_update(profile: TalentProfile, **changes) -> TalentProfile:
    """Save ``profile`` again through the service with ``changes`` (as the profile form does)."""
    profile = TalentProfile.objects.get(pk=profile.pk)
    values = {
        "family_name": profile.family_name,
        "given_name": profile.given_name,
        "family_name_kana": profile.family_name_kana,
        "given_name_kana": profile.given_name_kana,
        "display_name": profile.display_name,
        "home_prefecture": profile.home_prefecture,
        "phone": profile.phone,
        "skills": tuple(
            SkillInput(text=s.skill.name if s.skill_id else s.free_text) for s in profile.skills.all()
        ),
        "themes": tuple(profile.themes.all()),
        "days_per_month": profile.days_per_month,
        "work_style": profile.work_style,
        "visits_per_month": profile.visits_per_month,
        "prefectures_of_interest": tuple(profile.prefectures_of_interest.all()),
        "visibility": profile.visibility,
    }
    values.update(changes)
    return talent_profile_save(user=profile.user, data=TalentProfileData(**values))
