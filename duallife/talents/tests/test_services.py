"""talent_profile_save: skills matched to the vocabulary, search text kept, every rule enforced."""

import pytest
from django.contrib.auth.models import AnonymousUser

from duallife.regions.models import Municipality, Prefecture
from duallife.talents.errors import TalentProfileInvalid
from duallife.talents.models import TalentProfile, TalentSkill, WorkStyle
from duallife.talents.services import SkillInput, TalentProfileData, talent_profile_save
from duallife.testing.accounts import make_user
from duallife.testing.talents import make_talent
from duallife.vocabulary.models import Theme


@pytest.fixture
def user(region_pack, vocabulary):
    return make_user("misaki")


def test_spelling_variants_of_a_skill_become_one_known_skill_and_unknown_ones_stay_free(user):
    profile = make_talent(
        user,
        skills=[
            SkillInput("Webマーケティング", years=8, level=TalentSkill.Level.LEAD),
            SkillInput("ウェブマーケティング", years=1),
            SkillInput("Ｗｅｂマーケ", years=2),
            SkillInput("ドローン空撮", years=3, level=TalentSkill.Level.BASIC),
        ],
    )

    skills = list(profile.skills.select_related("skill").order_by("pk"))
    assert len(skills) == 2
    web, drone = skills
    assert web.skill.key == "web-marketing"
    assert (web.years, web.level) == (8, TalentSkill.Level.LEAD)  # the first mention wins
    assert web.free_text == ""
    assert web.normalized == "ウェブ マーケティング"
    assert drone.skill is None
    assert drone.free_text == "ドローン空撮"
    assert drone.normalized
    assert (drone.years, drone.level) == (3, TalentSkill.Level.BASIC)


def test_saving_again_replaces_the_skills(user):
    make_talent(user, skills=["Python", "SNS運用"])
    profile = make_talent(user, skills=["パイソン"])

    assert [s.skill.key for s in profile.skills.select_related("skill")] == ["python"]
    assert TalentProfile.objects.count() == 1


def test_full_utf8_names_are_kept_as_written(user):
    profile = make_talent(
        user, family_name="𠮷田", given_name="髙子", family_name_kana="ヨシダ", given_name_kana="タカコ"
    )

    profile.refresh_from_db()
    assert (profile.family_name, profile.given_name) == ("𠮷田", "髙子")
    assert (profile.family_name_kana, profile.given_name_kana) == ("ヨシダ", "タカコ")


def test_search_text_never_holds_name_or_contact_details(user):
    profile = make_talent(
        user,
        display_name="仙台出身のマーケター",
        skills=["Ｗｅｂマーケ"],
        themes=Theme.objects.filter(key="tourism"),
        visibility=TalentProfile.Visibility.PUBLIC,
        current_job="都内IT企業のマーケター",
        self_introduction="地元の観光を盛り上げたい。",
        hometown_prefecture=Prefecture.objects.get(code="04"),
    )

    text = profile.search_text
    assert "ウェブ マーケティング" in text
    assert "観光" in text
    assert "仙台" in text
    for secret in ("髙橋", "美咲", "タカハシ", "ミサキ", "090", "misaki@example.jp"):
        assert secret not in text


def test_anonymous_profiles_are_searchable_only_by_what_companies_see(user):
    profile = make_talent(
        user,
        display_name="マーケター",
        visibility=TalentProfile.Visibility.ANONYMOUS,
        current_job="秘密の勤務先",
        self_introduction="秘密の自己紹介",
        hometown_prefecture=Prefecture.objects.get(code="04"),
    )

    assert "秘密" not in profile.search_text
    assert "宮城" not in profile.search_text


def test_visits_are_kept_for_hybrid_only(user):
    hybrid = make_talent(user, work_style=WorkStyle.HYBRID, visits_per_month=2)
    assert hybrid.visits_per_month == 2
    remote = make_talent(user, work_style=WorkStyle.REMOTE, visits_per_month=3)
    assert remote.visits_per_month == 0


def defaults(**overrides):
    values = {
        "family_name": "髙橋",
        "given_name": "美咲",
        "family_name_kana": "タカハシ",
        "given_name_kana": "ミサキ",
        "display_name": "マーケター",
        "home_prefecture": Prefecture.objects.get(code="13"),
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"family_name": ""}, "family_name"),
        ({"given_name": "美咲2"}, "given_name"),
        ({"family_name_kana": "たかはし"}, "family_name_kana"),
        ({"given_name_kana": "Misaki"}, "given_name_kana"),
        ({"display_name": "髙橋 美咲"}, "display_name"),
        ({"display_name": "タカハシミサキ"}, "display_name"),
        ({"display_name": "  "}, "display_name"),
        ({"phone": "12345"}, "phone"),
        ({"home_municipality": "041009"}, "home_municipality"),
        ({"hometown_municipality": "041009"}, "hometown_prefecture"),
        ({"days_per_month": 0}, "days_per_month"),
        ({"days_per_month": 32}, "days_per_month"),
        ({"work_style": "moon"}, "work_style"),
        ({"work_style": WorkStyle.HYBRID, "visits_per_month": 0}, "visits_per_month"),
        ({"desired_monthly_fee_yen": -1}, "desired_monthly_fee_yen"),
        ({"desired_monthly_fee_yen": 10_000_001}, "desired_monthly_fee_yen"),
        ({"motives": ("fame",)}, "motives"),
        ({"visibility": "everyone"}, "visibility"),
        ({"self_introduction": "あ" * 2001}, "self_introduction"),
        ({"skills": tuple(SkillInput(f"スキル{i}") for i in range(31))}, "skills"),
        ({"skills": (SkillInput("あ" * 61),)}, "skills"),
        ({"skills": (SkillInput("Python", years=61),)}, "skills"),
        ({"skills": (SkillInput("Python", level=9),)}, "skills"),
    ],
)
def test_bad_data_is_refused_and_nothing_is_written(user, overrides, field):
    for name in ("home_municipality", "hometown_municipality"):
        if name in overrides:
            overrides[name] = Municipality.objects.get(code=overrides[name])

    with pytest.raises(TalentProfileInvalid) as caught:
        talent_profile_save(user=user, data=TalentProfileData(**defaults(**overrides)))

    assert field in caught.value.errors
    assert all(isinstance(m, str) and m for m in caught.value.errors[field])
    assert not TalentProfile.objects.exists()
    assert not TalentSkill.objects.exists()


def test_an_anonymous_user_cannot_save_a_profile(region_pack, vocabulary):
    with pytest.raises(TalentProfileInvalid):
        talent_profile_save(user=AnonymousUser(), data=TalentProfileData(**defaults()))
