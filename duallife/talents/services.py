"""Writes for talent profiles. ``talent_profile_save`` is the one way a profile is created or changed:
it checks every rule, matches skills against the vocabulary (表記ゆれ folded, unknown skills kept
as free skills), and keeps ``TalentSkill.normalized`` and ``TalentProfile.search_text`` in step."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from duallife.engine.people import is_katakana_name, is_valid_name, is_valid_phone
from duallife.engine.skills import MAX_SKILL_CHARS, normalize, search_text
from duallife.regions.models import Municipality, Prefecture
from duallife.regions.places import municipality_mismatch
from duallife.vocabulary.models import IndustryGroup, Skill, Theme
from duallife.vocabulary.selectors import skill_vocabulary, skills_by_key

from .errors import TalentProfileInvalid
from .models import TalentProfile, TalentSkill, WorkStyle

MAX_SKILLS = 30
MAX_SKILL_TEXT = TalentSkill._meta.get_field("free_text").max_length  # 60
MAX_YEARS = 60
MAX_DAYS = 31
MAX_VISITS = 31
MAX_FEE_YEN = 10_000_000
MAX_INTRODUCTION = 2000
NORMALIZED_LENGTH = TalentSkill._meta.get_field("normalized").max_length


@dataclass(frozen=True)
class SkillInput:
    text: str
    years: int = 0
    level: int = TalentSkill.Level.PRACTICAL


@dataclass(frozen=True)
class TalentProfileData:
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    display_name: str
    home_prefecture: Prefecture
    phone: str = ""
    home_municipality: Municipality | None = None
    hometown_prefecture: Prefecture | None = None
    hometown_municipality: Municipality | None = None
    current_job: str = ""
    current_industry: IndustryGroup | None = None
    skills: tuple[SkillInput, ...] = ()
    themes: tuple[Theme, ...] = ()
    days_per_month: int | None = None
    work_style: str = WorkStyle.REMOTE
    visits_per_month: int = 0
    desired_monthly_fee_yen: int | None = None
    accepts_pro_bono: bool = False
    prefectures_of_interest: tuple[Prefecture, ...] = ()
    motives: tuple[str, ...] = ()
    self_introduction: str = ""
    visibility: str = TalentProfile.Visibility.ANONYMOUS
    in_company_digests: bool = False


def _add(errors: dict[str | None, list[str]], field: str | None, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _max_length(field: str) -> int:
    return TalentProfile._meta.get_field(field).max_length


def talent_profile_problems(data: TalentProfileData) -> dict[str | None, list[str]]:
    """Why ``data`` cannot be saved (empty when it can). Messages are in Japanese."""
    errors: dict[str | None, list[str]] = {}
    for field, label in (("family_name", _("姓")), ("given_name", _("名"))):
        value = getattr(data, field)
        if not value.strip():
            _add(errors, field, _("%(label)sを入力してください。") % {"label": label})
        elif not is_valid_name(value):
            _add(errors, field, _("%(label)sに数字や改行は使えません。") % {"label": label})
        elif len(value) > _max_length(field):
            _add(
                errors,
                field,
                _("%(label)sは%(max)d文字以内にしてください。") % {"label": label, "max": _max_length(field)},
            )
    for field, label in (("family_name_kana", _("セイ")), ("given_name_kana", _("メイ"))):
        value = getattr(data, field)
        if not value.strip():
            _add(errors, field, _("%(label)sを入力してください。") % {"label": label})
        elif not is_katakana_name(value):
            _add(errors, field, _("%(label)sはカタカナで入力してください。") % {"label": label})
        elif len(value) > _max_length(field):
            _add(
                errors,
                field,
                _("%(label)sは%(max)d文字以内にしてください。") % {"label": label, "max": _max_length(field)},
            )
    display = data.display_name.strip()
    if not display:
        _add(errors, "display_name", _("表示名を入力してください。"))
    elif len(display) > _max_length("display_name"):
        _add(
            errors,
            "display_name",
            _("表示名は%(max)d文字以内にしてください。") % {"max": _max_length("display_name")},
        )
    elif _is_full_name(display, data):
        _add(
            errors,
            "display_name",
            _("表示名には氏名とは別の名前（ニックネームや「仙台出身のマーケター」など）を入れてください。"),
        )
    if data.phone and not is_valid_phone(data.phone):
        _add(errors, "phone", _("電話番号は0から始まる10桁または11桁の数字で入力してください。"))
    if mismatch := municipality_mismatch(data.home_municipality, data.home_prefecture):
        _add(errors, "home_municipality", mismatch)
    if data.hometown_municipality is not None and data.hometown_prefecture is None:
        _add(errors, "hometown_prefecture", _("出身地の市区町村を選んだ場合は、都道府県も選んでください。"))
    elif mismatch := municipality_mismatch(data.hometown_municipality, data.hometown_prefecture):
        _add(errors, "hometown_municipality", mismatch)
    if len(data.current_job) > _max_length("current_job"):
        _add(
            errors,
            "current_job",
            _("現在の仕事は%(max)d文字以内にしてください。") % {"max": _max_length("current_job")},
        )
    if data.days_per_month is not None and not 1 <= data.days_per_month <= MAX_DAYS:
        _add(errors, "days_per_month", _("月に使える日数は1〜31日の範囲で入力してください。"))
    if data.work_style not in WorkStyle.values:
        _add(errors, "work_style", _("希望する働き方を選んでください。"))
    elif data.work_style == WorkStyle.HYBRID and not 1 <= data.visits_per_month <= MAX_VISITS:
        _add(
            errors,
            "visits_per_month",
            _("「リモート中心＋現地訪問」を選んだ場合は、月の現地訪問回数を1〜31回で入力してください。"),
        )
    if data.desired_monthly_fee_yen is not None and not 0 <= data.desired_monthly_fee_yen <= MAX_FEE_YEN:
        _add(
            errors,
            "desired_monthly_fee_yen",
            _("希望月額報酬は0円〜1,000万円の範囲で、円単位で入力してください。"),
        )
    unknown_motives = set(data.motives) - set(TalentProfile.Motive.values)
    if unknown_motives:
        _add(errors, "motives", _("動機を選び直してください。"))
    if len(data.self_introduction) > MAX_INTRODUCTION:
        _add(
            errors,
            "self_introduction",
            _("自己紹介は%(max)d文字以内にしてください。") % {"max": MAX_INTRODUCTION},
        )
    if data.visibility not in TalentProfile.Visibility.values:
        _add(errors, "visibility", _("公開範囲を選んでください。"))
    skills = [s for s in data.skills if s.text.strip()]
    if len(skills) > MAX_SKILLS:
        _add(errors, "skills", _("スキルは%(max)d件までにしてください。") % {"max": MAX_SKILLS})
    for skill in skills:
        if len(skill.text.strip()) > MAX_SKILL_TEXT:
            _add(
                errors,
                "skills",
                _("スキル「%(text)s…」は%(max)d文字以内にしてください。")
                % {"text": skill.text.strip()[:20], "max": MAX_SKILL_TEXT},
            )
        if not 0 <= skill.years <= MAX_YEARS:
            _add(errors, "skills", _("経験年数は0〜60年の範囲で入力してください。"))
        if skill.level not in TalentSkill.Level.values:
            _add(errors, "skills", _("スキルのレベルを選び直してください。"))
    return errors


def _is_full_name(display: str, data: TalentProfileData) -> bool:
    compact = "".join(display.split())
    family, given = data.family_name.strip(), data.given_name.strip()
    kana = data.family_name_kana.strip() + data.given_name_kana.strip()
    return bool(family and given) and compact in {family + given, given + family, "".join(kana.split())}


@dataclass(frozen=True)
class _SkillRowValues:
    skill: Skill | None
    free_text: str
    normalized: str
    years: int
    level: int


def _resolve_skills(inputs: tuple[SkillInput, ...]) -> list[_SkillRowValues]:
    """Each typed skill matched against the vocabulary; a skill named twice is kept once (first wins)."""
    vocabulary = skill_vocabulary()
    resolved = [
        (vocabulary.resolve(item.text[:MAX_SKILL_CHARS]), item) for item in inputs if item.text.strip()
    ]
    known = skills_by_key()
    rows: list[_SkillRowValues] = []
    seen: set[str] = set()
    for found, item in resolved:
        skill = known.get(found.key) if found.key else None
        if skill is not None:
            normalized = normalize(skill.name)[:NORMALIZED_LENGTH]
            free_text = ""
        else:
            normalized = (found.normalized or normalize(found.text))[:NORMALIZED_LENGTH]
            free_text = found.text[:MAX_SKILL_TEXT]
        if not normalized or normalized in seen:
            continue
        seen.add(normalized)
        rows.append(
            _SkillRowValues(
                skill=skill, free_text=free_text, normalized=normalized, years=item.years, level=item.level
            )
        )
    return rows


def _search_text(data: TalentProfileData, rows: list[_SkillRowValues]) -> str:
    """What a search may match. Never the name, phone or email. For a profile shown to companies
    without its details (``anonymous``), only what that view shows: display name, skills, themes."""
    parts = [data.display_name]
    parts += [row.skill.name if row.skill else row.free_text for row in rows]
    parts += [theme.name for theme in data.themes]
    if data.visibility == TalentProfile.Visibility.PUBLIC:
        parts += [data.current_job, data.self_introduction]
        if data.current_industry is not None:
            parts.append(data.current_industry.name)
        for place in (data.hometown_prefecture, data.hometown_municipality):
            if place is not None:
                parts.append(place.name)
    return search_text(*parts)


def talent_profile_save(*, user, data: TalentProfileData) -> TalentProfile:
    """Create or update ``user``'s talent profile, its skills and its search text, all or nothing."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise TalentProfileInvalid({None: [_("ログインしてください。")]})
    errors = talent_profile_problems(data)
    if errors:
        raise TalentProfileInvalid(errors)
    rows = _resolve_skills(data.skills)
    hybrid = data.work_style == WorkStyle.HYBRID
    with transaction.atomic():
        profile = TalentProfile.objects.select_for_update().filter(user=user).first() or TalentProfile(
            user=user
        )
        was_listed = bool(profile.pk) and profile.in_company_digests and profile.visibility != "private"
        profile.family_name = data.family_name.strip()
        profile.given_name = data.given_name.strip()
        profile.family_name_kana = data.family_name_kana.strip()
        profile.given_name_kana = data.given_name_kana.strip()
        profile.display_name = data.display_name.strip()
        profile.phone = data.phone
        profile.home_prefecture = data.home_prefecture
        profile.home_municipality = data.home_municipality
        profile.hometown_prefecture = data.hometown_prefecture
        profile.hometown_municipality = data.hometown_municipality
        profile.current_job = data.current_job.strip()
        profile.current_industry = data.current_industry
        profile.days_per_month = data.days_per_month
        profile.work_style = data.work_style
        profile.visits_per_month = data.visits_per_month if hybrid else 0
        profile.desired_monthly_fee_yen = data.desired_monthly_fee_yen
        profile.accepts_pro_bono = data.accepts_pro_bono
        profile.motives = [m for m in TalentProfile.Motive.values if m in set(data.motives)]
        profile.self_introduction = data.self_introduction.strip()
        profile.visibility = data.visibility
        profile.in_company_digests = (
            data.in_company_digests and data.visibility != TalentProfile.Visibility.PRIVATE
        )
        profile.search_text = _search_text(data, rows)
        profile.save()
        profile.themes.set(data.themes)
        profile.prefectures_of_interest.set(data.prefectures_of_interest)
        TalentSkill.objects.filter(talent=profile).delete()
        TalentSkill.objects.bulk_create(
            TalentSkill(
                talent=profile,
                skill=row.skill,
                free_text=row.free_text,
                normalized=row.normalized,
                years=row.years,
                level=row.level,
            )
            for row in rows
        )
        _recommend_after_commit(profile)
        if was_listed and not profile.in_company_digests:
            _withdraw_from_digests(profile)
    return profile


def _withdraw_from_digests(profile: TalentProfile) -> None:
    """Private now, or no longer in companies' digests: the copies kept in notifications forget them."""
    from duallife.recommendations.services.digests import digest_mentions_scrub

    digest_mentions_scrub(talent_id=profile.pk)


def _recommend_after_commit(profile: TalentProfile) -> None:
    from duallife.recommendations.services.recommendations import after_talent_change

    after_talent_change(profile.pk)
