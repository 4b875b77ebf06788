"""The demo's talents: 2,000 varied, clearly fictional profiles.

Written in bulk: the profiles, their skills, themes and prefectures of interest (one insert a
table, not a dozen statements a talent). The talents app's rules still judge and shape every
profile: :func:`~duallife.talents.services.talent_profile_problems` refuses what the profile form
would refuse, and the service's own skill matching (表記ゆれ folded, unknown skills kept as free
skills) and search text are used, so a bulk-written profile is the one ``talent_profile_save``
would write (a test holds the two side by side). Recommendations are rebuilt once at the end.
"""

from __future__ import annotations

from typing import Any

from duallife.talents.models import TalentProfile, TalentSkill
from duallife.talents.services import (
    SkillInput,
    TalentProfileData,
    _resolve_skills,
    _search_text,
    talent_profile_problems,
)

from ..errors import DemoDataError
from ..plan import DEMO_USERNAME_PREFIX, rng, talent_account
from .world import DemoRun, World

JOB_YEARS = (3, 5, 8, 10, 12, 15, 20)
#: Desired monthly fee in yen (None: none asked, pro bono welcome).
FEES: tuple[int | None, ...] = (None, 30_000, 30_000, 40_000, 50_000, 50_000, 60_000, 80_000, 50_000)
DAYS = (1, 2, 2, 3, 4, 4, 4, 5, 6, 8)
BATCH = 500


def short_place(name: str) -> str:
    """「弘前市」→「弘前」, 「秋田県」→「秋田」 (for display names); towns and villages keep their suffix."""
    for suffix in ("市", "県", "府", "都"):
        if name.endswith(suffix) and len(name) > 2:
            return name[: -len(suffix)]
    return name


def talent_data(world: World, index: int) -> TalentProfileData:
    """Talent number ``index``, drawn from its own generators."""
    content = world.content
    talents = content.talents
    draw = rng("talent", index)
    family, family_kana = draw.choice(content.people.family_names)
    given, given_kana = draw.choice(content.people.given_names)
    persona = draw.choice(talents.persona)
    roll = draw.random()
    if roll < 0.5:
        home = "13"
    elif roll < 0.7:
        home = "14"
    elif roll < 0.85:
        home = "11"
    elif roll < 0.97:
        home = "12"
    else:
        home = draw.choice(("04", "15"))  # already back in the region
    home_areas = content.places.home_areas
    home_municipality = None if home in home_areas else world.capitals[home]
    roll = draw.random()
    hometown = hometown_municipality = None
    if roll < 0.55:
        code = draw.choice(world.pack_codes)
        hometown = world.prefectures[code]
        if draw.random() < 0.7:
            hometown_municipality = draw.choice(world.towns_by_prefecture[code])
    elif roll < 0.7:
        hometown = world.prefectures[draw.choice(world.other_codes)]
    from_region = hometown is not None and hometown.code in world.pack_codes

    area = draw.choice(home_areas[home]) if home_municipality is None else short_place(home_municipality.name)
    roll = draw.random()
    if from_region and roll < 0.6:
        display = f"{short_place((hometown_municipality or hometown).name)}出身の{persona.role}"
    elif roll < 0.8:
        display = f"{area}在住の{persona.role}"
    else:
        display = f"{persona.role}（{area}）"

    keys = draw.sample(persona.skills, k=draw.randint(2, min(4, len(persona.skills))))
    if draw.random() < 0.3:
        extra = draw.choice(draw.choice(talents.persona).skills)
        if extra not in keys:
            keys.append(extra)
    skills = [
        SkillInput(
            text=world.skill_text(key, draw),
            years=draw.randint(1, 15),
            level=draw.choice((1, 2, 2, 3, 3, 4)),
        )
        for key in keys
    ]
    for free in draw.sample(talents.free_skills, k=draw.choice((0, 0, 0, 1, 1, 2))):
        skills.append(SkillInput(text=free, years=draw.randint(1, 10), level=draw.choice((1, 2, 3))))

    theme_keys = list(persona.themes[: draw.randint(1, len(persona.themes))])
    if draw.random() < 0.2:
        extra_theme = draw.choice(list(world.themes))
        if extra_theme not in theme_keys:
            theme_keys.append(extra_theme)
    days = draw.choice(DAYS)
    roll = draw.random()
    style = "remote" if roll < 0.45 else "hybrid" if roll < 0.9 else "onsite"
    visits = min(draw.choice((1, 1, 2)), days) if style == "hybrid" else 0
    fee = draw.choice(FEES)
    interest = [hometown] if from_region else []
    for code in draw.sample(world.pack_codes, k=draw.choice((0, 1, 1, 2))):
        if world.prefectures[code] not in interest:
            interest.append(world.prefectures[code])
    motives = set(draw.sample(list(talents.motives), k=draw.randint(1, 2)))
    if from_region and draw.random() < 0.7:
        motives.add("give_back")
    elif not from_region:
        motives.discard("give_back")
    motives = [m for m in talents.motives if m in motives] or ["regional_contribution"]
    roll = draw.random()
    visibility = "public" if roll < 0.5 else "anonymous" if roll < 0.85 else "private"
    extra = rng("talent-preferences", index)  # its own stream: the draws above stay as they were
    job = f"{draw.choice(persona.jobs)}（{draw.choice(JOB_YEARS)}年目）"

    intro = [f"{persona.intro}。"]
    if from_region:
        place = f"{hometown.name}{hometown_municipality.name}" if hometown_municipality else hometown.name
        intro.append(f"{place}の出身です。")
    intro += [talents.motives[m] for m in motives]
    intro.append(f"平日の夜と週末を中心に、月{days}日ほど関われます。")
    if style == "hybrid":
        intro.append(f"現地へは月{visits}回ほど伺えます。")
    return TalentProfileData(
        family_name=family,
        given_name=given,
        family_name_kana=family_kana,
        given_name_kana=given_kana,
        display_name=display,
        home_prefecture=world.prefectures[home],
        home_municipality=home_municipality,
        hometown_prefecture=hometown,
        hometown_municipality=hometown_municipality,
        current_job=job,
        current_industry=world.industries[draw.choice(persona.industries)],
        skills=tuple(skills),
        themes=tuple(world.themes[key] for key in theme_keys),
        days_per_month=days,
        work_style=style,
        visits_per_month=visits,
        desired_monthly_fee_yen=fee,
        prefectures_of_interest=tuple(interest),
        motives=tuple(motives),
        self_introduction="".join(intro) + "\n" + content.notes.talent,
        visibility=visibility,
        accepts_pro_bono=not fee or extra.random() < 0.35,
        in_company_digests=visibility != "private" and extra.random() < 0.5,
    )


def talents(run: DemoRun) -> list[Any]:
    """The users of this size of demo's talents, their profiles created where missing."""
    accounts = [talent_account(index) for index in range(run.size.talents)]
    users = run.users(accounts)
    with_profile = set(
        TalentProfile.objects.filter(user__username__startswith=f"{DEMO_USERNAME_PREFIX}talent-").values_list(
            "user_id", flat=True
        )
    )
    made, new = [], []
    for index, account in enumerate(accounts):
        user = users[account.email]
        if user.pk in with_profile:
            run.report.existing["talents"] += 1
        else:
            new.append((user, talent_data(run.world, index)))
        made.append(user)
    talent_profiles_write(new)
    run.report.created["talents"] += len(new)
    return made


def talent_profiles_write(profiles: list[tuple[Any, TalentProfileData]]) -> list[TalentProfile]:
    """New profiles for ``(user, data)`` pairs, in bulk, each as ``talent_profile_save`` writes it."""
    rows: list[TalentProfile] = []
    skills: list[list] = []
    for user, data in profiles:
        errors = talent_profile_problems(data)
        if errors:
            problems = "／".join(message for messages in errors.values() for message in messages)
            raise DemoDataError(f"{user.email} のプロフィールを作れません: {problems}")
        resolved = _resolve_skills(data.skills)
        rows.append(_profile(user, data, _search_text(data, resolved)))
        skills.append(resolved)
    TalentProfile.objects.bulk_create(rows, batch_size=BATCH)
    TalentSkill.objects.bulk_create(
        (
            TalentSkill(
                talent=profile,
                skill=row.skill,
                free_text=row.free_text,
                normalized=row.normalized,
                years=row.years,
                level=row.level,
            )
            for profile, resolved in zip(rows, skills, strict=True)
            for row in resolved
        ),
        batch_size=BATCH,
    )
    _links(rows, profiles, "themes", "theme_id", lambda data: data.themes)
    _links(
        rows, profiles, "prefectures_of_interest", "prefecture_id", lambda data: data.prefectures_of_interest
    )
    return rows


def _profile(user, data: TalentProfileData, search_text: str) -> TalentProfile:
    hybrid = data.work_style == "hybrid"
    return TalentProfile(
        user=user,
        family_name=data.family_name.strip(),
        given_name=data.given_name.strip(),
        family_name_kana=data.family_name_kana.strip(),
        given_name_kana=data.given_name_kana.strip(),
        display_name=data.display_name.strip(),
        phone=data.phone,
        home_prefecture=data.home_prefecture,
        home_municipality=data.home_municipality,
        hometown_prefecture=data.hometown_prefecture,
        hometown_municipality=data.hometown_municipality,
        current_job=data.current_job.strip(),
        current_industry=data.current_industry,
        days_per_month=data.days_per_month,
        work_style=data.work_style,
        visits_per_month=data.visits_per_month if hybrid else 0,
        desired_monthly_fee_yen=data.desired_monthly_fee_yen,
        accepts_pro_bono=data.accepts_pro_bono,
        motives=[m for m in TalentProfile.Motive.values if m in set(data.motives)],
        self_introduction=data.self_introduction.strip(),
        visibility=data.visibility,
        in_company_digests=data.in_company_digests and data.visibility != TalentProfile.Visibility.PRIVATE,
        search_text=search_text,
    )


def _links(rows: list[TalentProfile], profiles, name: str, target: str, chosen) -> None:
    """The many-to-many rows of ``name``, in the order ``ManyRelatedManager.set`` writes them."""
    through = getattr(TalentProfile, name).through
    links = []
    for profile, (_user, data) in zip(rows, profiles, strict=True):
        ids: set[int] = set()
        for item in chosen(data):
            ids.add(item.pk)
        links += [through(talentprofile_id=profile.pk, **{target: pk}) for pk in ids]
    through.objects.bulk_create(links, batch_size=BATCH)
