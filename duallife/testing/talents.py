"""Talent profiles.

``make_talent(user, ...)`` saves one through the service (so skills are matched and the search
text is kept), with sensible defaults (髙橋美咲, Tokyo, a phone number). ``make_talent_user(name)``
is a new user with a bare profile (山田花子, Tokyo) written straight to the database.
"""

from __future__ import annotations

from duallife.accounts.models import User
from duallife.regions.models import Prefecture
from duallife.talents.models import TalentProfile
from duallife.talents.services import SkillInput, TalentProfileData, talent_profile_save

from .accounts import make_user


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


def make_talent_user(name: str) -> User:
    user = make_user(name)
    TalentProfile.objects.create(
        user=user,
        family_name="山田",
        given_name="花子",
        family_name_kana="ヤマダ",
        given_name_kana="ハナコ",
        display_name=f"{name}さん",
        home_prefecture=Prefecture.objects.get(code="13"),
    )
    return user
