"""Reads of talent profiles: the company-side search and a profile with everything its page shows.

The search is one page query plus the paginator's count and one query per prefetched relation,
whatever the number of results.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from duallife.regions.models import Prefecture
from duallife.vocabulary.models import Skill, Theme
from duallife.vocabulary.selectors import skill_vocabulary

from .models import TalentProfile, TalentSkill
from .permissions import visible_talents

SEARCH_PER_PAGE = 20
Visibility = TalentProfile.Visibility


def talents_with_details(qs: QuerySet[TalentProfile]) -> QuerySet[TalentProfile]:
    """``qs`` with places, industry, skills, themes and prefectures of interest loaded."""
    return _with_details(qs)


def _with_details(qs: QuerySet[TalentProfile]) -> QuerySet[TalentProfile]:
    return qs.select_related(
        "home_prefecture",
        "home_municipality",
        "hometown_prefecture",
        "hometown_municipality",
        "current_industry",
    ).prefetch_related(
        Prefetch(
            "skills",
            queryset=TalentSkill.objects.select_related("skill").order_by("-level", "-years", "pk"),
        ),
        Prefetch("themes", queryset=Theme.objects.order_by("position", "key")),
        Prefetch("prefectures_of_interest", queryset=Prefecture.objects.order_by("code")),
    )


def talent_with_details(pk: int) -> TalentProfile:
    return _with_details(TalentProfile.objects.select_related("user")).get(pk=pk)


def own_profile(user) -> TalentProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return _with_details(TalentProfile.objects.select_related("user")).filter(user=user).first()


@dataclass(frozen=True)
class TalentFilters:
    q: str = ""
    skill: str = ""
    theme: Theme | None = None
    interest_prefecture: Prefecture | None = None
    hometown_prefecture: Prefecture | None = None
    work_style: str = ""
    min_days: int | None = None
    max_fee: int | None = None

    @property
    def any(self) -> bool:
        return any(
            [
                self.q.strip(),
                self.skill.strip(),
                self.theme,
                self.interest_prefecture,
                self.hometown_prefecture,
                self.work_style,
                self.min_days is not None,
                self.max_fee is not None,
            ]
        )


def search_talents(user, filters: TalentFilters = TalentFilters()) -> QuerySet[TalentProfile]:
    """Profiles ``user`` may find (public and anonymous, for companies and staff), filtered.

    Free text is normalised like the stored ``search_text`` (表記ゆれ folded; a query naming a known
    skill searches for its canonical name) and every term must match.
    """
    qs = visible_talents(user)
    vocabulary = skill_vocabulary()
    if filters.q.strip():
        for term in vocabulary.search_terms(filters.q):
            qs = qs.filter(search_text__contains=term)
    if filters.skill.strip():
        found = vocabulary.resolve(filters.skill.strip())
        known = Skill.objects.filter(key=found.key).first() if found.key else None
        if known is not None:
            match = TalentSkill.objects.filter(talent=OuterRef("pk"), skill=known)
        elif found.normalized:
            match = TalentSkill.objects.filter(talent=OuterRef("pk"), normalized__contains=found.normalized)
        else:
            match = TalentSkill.objects.none()
        qs = qs.filter(Exists(match))
    if filters.theme is not None:
        qs = qs.filter(themes=filters.theme)
    if filters.interest_prefecture is not None:
        qs = qs.filter(prefectures_of_interest=filters.interest_prefecture)
    if filters.hometown_prefecture is not None:
        # hometowns are shown on public profiles only: anonymous ones never match this filter
        qs = qs.filter(hometown_prefecture=filters.hometown_prefecture, visibility=Visibility.PUBLIC)
    if filters.work_style:
        qs = qs.filter(work_style=filters.work_style)
    if filters.min_days is not None:
        qs = qs.filter(days_per_month__gte=filters.min_days)
    if filters.max_fee is not None:
        qs = qs.filter(desired_monthly_fee_yen__lte=filters.max_fee)
    return _with_details(qs).order_by("-updated_at", "-pk")


def search_page(user, filters: TalentFilters, page_number=1, *, per_page: int = SEARCH_PER_PAGE) -> Page:
    return Paginator(search_talents(user, filters), per_page).get_page(page_number)


def skill_choices() -> list[str]:
    """Canonical skill names, for the search form's suggestions."""
    return list(Skill.objects.order_by("position", "key").values_list("name", flat=True))


@dataclass(frozen=True)
class SkillReading:
    typed: str
    label: str
    known: bool

    @property
    def renamed(self) -> bool:
        return self.known and self.typed != self.label


def read_skills(texts: list[str]) -> list[SkillReading]:
    """How typed skills will be understood: the vocabulary's name, or kept as typed (free)."""
    vocabulary = skill_vocabulary()
    readings: list[SkillReading] = []
    for text in dict.fromkeys(t.strip() for t in texts if t.strip()):
        resolved = vocabulary.resolve(text)
        readings.append(SkillReading(typed=resolved.text, label=resolved.label, known=not resolved.is_free))
    return readings
