"""Helpers for tests that need talent profiles: ``make_talent(user, ...)`` saves one through the
service (so skills are matched and the search text is kept), with sensible defaults."""

from __future__ import annotations

from duallife.regions.models import Prefecture

from .services import SkillInput, TalentProfileData, talent_profile_save


def make_talent(user, *, skills=(), **overrides):
    values = {
        "family_name": "髙橋",
        "given_name": "美咲",
        "family_name_kana": "タカハシ",
        "given_name_kana": "ミサキ",
        "display_name": f"{user.username}さん",
        "home_prefecture": Prefecture.objects.get(code="13"),
        "phone": "090-1234-5678",
        "skills": tuple(s if isinstance(s, SkillInput) else SkillInput(text=s) for s in skills),
    }
    for name in ("themes", "prefectures_of_interest", "motives"):
        if name in overrides:
            overrides[name] = tuple(overrides[name])
    values.update(overrides)
    return talent_profile_save(user=user, data=TalentProfileData(**values))
