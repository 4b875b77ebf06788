"""From the database to the engine: profiles and published sheets as the recommender's frozen
inputs, and the context (labels, place names, routes) its reasons need.

Skills meet by key: a vocabulary skill by its ``key``, a free skill by its normalised form (both
sides are normalised the same way when saved), so 「Ｗｅｂマーケ」 and 「ウェブマーケティング」 are one key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from duallife.engagements.models import Application
from duallife.engine.recommend import Context, RouteTable, Sheet, Style, Talent
from duallife.postings.models import SheetSkill, SpecSheet
from duallife.regions.models import Municipality, Prefecture, Route
from duallife.talents.models import TalentProfile, TalentSkill, WorkStyle
from duallife.vocabulary.models import Skill, Theme

#: Where a home in Tokyo's wards (or in Tokyo without a municipality) starts its journey.
TOKYO_REFERENCE = "131008"
_KANA_ONLY = re.compile(r"^[\u3041-\u309f\u30fc]+$")
MAX_TERMS = 200


def _terms(search_text: str) -> frozenset[str]:
    """Content words of a stored search text (already normalised): two characters or more, and not
    hiragana alone (particles and endings)."""
    words = {w for w in search_text.split() if len(w) >= 2 and not _KANA_ONLY.match(w)}
    return frozenset(sorted(words)[:MAX_TERMS])


def _skill_key(row: TalentSkill | SheetSkill) -> str:
    return row.skill.key if row.skill_id else row.normalized


def recommendation_context() -> Context:
    """Labels of skill and theme keys, names of places, and the routes of the loaded region pack."""
    labels = dict(Skill.objects.values_list("key", "name"))
    labels.update(Theme.objects.values_list("key", "name"))
    places = dict(Prefecture.objects.values_list("code", "name"))
    places.update(Municipality.objects.values_list("code", "name"))
    routes: dict[tuple[str, str], tuple[int, int]] = {}
    for origin, destination, minutes, fare in Route.objects.values_list(
        "origin__code", "destination__code", "one_way_minutes", "round_trip_fare_yen"
    ):
        value = (minutes, fare)
        routes[(origin, destination)] = min(value, routes.get((origin, destination), value))
    origins = {}
    if any(origin == TOKYO_REFERENCE for origin, _ in routes):
        origins = {"131": TOKYO_REFERENCE, "13": TOKYO_REFERENCE}
    return Context(labels=labels, places=places, routes=RouteTable(routes=routes, origins=origins))


# --- talents ---------------------------------------------------------------------------------


def talents_with_inputs() -> QuerySet[TalentProfile]:
    """Profiles with everything :func:`engine_talent` reads (four queries for any number)."""
    return TalentProfile.objects.select_related(
        "home_prefecture", "home_municipality", "hometown_prefecture", "hometown_municipality"
    ).prefetch_related(
        Prefetch("skills", queryset=TalentSkill.objects.select_related("skill")),
        "themes",
        "prefectures_of_interest",
    )


def candidate_talents() -> QuerySet[TalentProfile]:
    """Profiles that may be recommended to anyone: not private, account active."""
    return (
        talents_with_inputs()
        .filter(user__is_active=True)
        .exclude(visibility=TalentProfile.Visibility.PRIVATE)
    )


#: 現地中心 talents give no visit count (the form asks hybrid talents only): no limit for them.
NO_VISIT_LIMIT = 31


def _visit_limit(profile: TalentProfile) -> int:
    if profile.work_style == WorkStyle.ONSITE:
        return NO_VISIT_LIMIT
    return profile.visits_per_month if profile.work_style == WorkStyle.HYBRID else 0


def engine_talent(profile: TalentProfile) -> Talent:
    home = profile.home_municipality.code if profile.home_municipality_id else None
    if home is None and profile.home_prefecture_id:
        home = profile.home_prefecture.lg_code
    return Talent(
        id=profile.pk,
        skills=frozenset(_skill_key(row) for row in profile.skills.all()),
        themes=frozenset(theme.key for theme in profile.themes.all()),
        days_per_month=profile.days_per_month,
        style=Style(profile.work_style),
        max_visits_per_month=_visit_limit(profile),
        min_monthly_fee_yen=profile.desired_monthly_fee_yen,
        accepts_pro_bono=profile.accepts_pro_bono,
        home_municipality=home,
        hometown_municipality=profile.hometown_municipality.code
        if profile.hometown_municipality_id
        else None,
        hometown_prefecture=profile.hometown_prefecture.code if profile.hometown_prefecture_id else None,
        interest_prefectures=frozenset(p.code for p in profile.prefectures_of_interest.all()),
        motives=frozenset(profile.motives or ()),
        terms=_terms(profile.search_text),
    )


# --- sheets ----------------------------------------------------------------------------------


def open_sheets_with_inputs(today=None) -> QuerySet[SpecSheet]:
    """Published sheets still open on ``today`` (no closing date, or not yet passed), with what
    :func:`engine_sheet` reads and the number of applications received (withdrawn ones aside)."""

    today = today or timezone.localdate()
    return (
        SpecSheet.objects.filter(status=SpecSheet.Status.PUBLISHED)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .select_related("municipality")
        .prefetch_related(Prefetch("skills", queryset=SheetSkill.objects.select_related("skill")), "themes")
        .annotate(
            received=Count(
                "applications", filter=~Q(applications__status=Application.Status.WITHDRAWN), distinct=True
            )
        )
        .order_by("pk")
    )


def engine_sheet(sheet: SpecSheet) -> Sheet:
    required = frozenset(_skill_key(r) for r in sheet.skills.all() if r.kind == SheetSkill.Kind.REQUIRED)
    welcome = frozenset(_skill_key(r) for r in sheet.skills.all() if r.kind == SheetSkill.Kind.WELCOME)
    return Sheet(
        id=sheet.pk,
        municipality=sheet.municipality.code,
        required_skills=required,
        welcome_skills=welcome - required,
        themes=frozenset(theme.key for theme in sheet.themes.all()),
        days_per_month=sheet.days_per_month_min,
        style=Style(sheet.work_style),
        visits_per_month=sheet.visits_per_month,
        fee_min_yen=None if sheet.is_probono else sheet.fee_min_yen,
        fee_max_yen=None if sheet.is_probono else sheet.fee_max_yen,
        pro_bono=sheet.is_probono,
        openings=max(sheet.openings, 1),
        applicants=getattr(sheet, "received", 0),
        is_open=sheet.status == SpecSheet.Status.PUBLISHED,
        terms=_terms(sheet.search_text),
    )


def engine_sheets(sheets: Iterable[SpecSheet]) -> list[Sheet]:
    return [engine_sheet(sheet) for sheet in sheets]
