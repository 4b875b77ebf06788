"""Reads of the shared vocabularies.

:func:`skill_vocabulary` builds the engine's :class:`~duallife.engine.skills.SkillVocabulary` from
the ``Skill`` table once per process and keeps it. Loading the vocabulary
(:func:`duallife.vocabulary.services.vocabulary_load`) calls :func:`skill_vocabulary_invalidate`,
which drops this process's copy and bumps a version number in the Django cache, so other
processes sharing that cache (Redis in deployments) rebuild theirs on their next call. Without a
shared cache, a copy is also rebuilt after ``REBUILD_AFTER_SECONDS``.
"""

from __future__ import annotations

import secrets
import threading
import time

from django.core.cache import cache
from django.db.models import QuerySet

from duallife.engine.skills import SkillRow, SkillVocabulary

from .models import IndustryGroup, Skill, Theme

VERSION_CACHE_KEY = "vocabulary:skills:version"
REBUILD_AFTER_SECONDS = 300

_lock = threading.Lock()
_cached: dict[str, object] = {"vocabulary": None, "skills": None, "version": None, "built_at": 0.0}


def _current_version() -> str:
    """A random token per load: a cleared cache yields a new token, never an old one again."""
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        cache.add(VERSION_CACHE_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_CACHE_KEY)
    return str(version)


def _fresh() -> tuple[SkillVocabulary, dict[str, Skill]]:
    """The cached vocabulary and skill rows, rebuilt (one query) when stale."""
    version = _current_version()
    with _lock:
        vocabulary, by_key = _cached["vocabulary"], _cached["skills"]
        fresh = (
            vocabulary is not None
            and _cached["version"] == version
            and time.monotonic() - float(_cached["built_at"]) < REBUILD_AFTER_SECONDS
        )
        if fresh:
            return vocabulary, by_key  # type: ignore[return-value]
    rows = list(Skill.objects.order_by("position", "key"))
    built = _vocabulary_of(rows)
    by_key = {skill.key: skill for skill in rows}
    with _lock:
        _cached.update(vocabulary=built, skills=by_key, version=version, built_at=time.monotonic())
    return built, by_key


def skill_vocabulary() -> SkillVocabulary:
    """The skill vocabulary as the database holds it (one query when the cached copy is stale)."""
    return _fresh()[0]


def skills_by_key() -> dict[str, Skill]:
    """Every ``Skill`` row by its key, cached with :func:`skill_vocabulary` (so that matching typed
    skills to rows costs no query per profile or sheet). Read-only: rows to point foreign keys at."""
    return _fresh()[1]


def _vocabulary_of(skills: list[Skill]) -> SkillVocabulary:
    rows = [
        SkillRow(
            key=skill.key,
            name=skill.name,
            name_en=skill.name_en,
            category=skill.category,
            synonyms=tuple(s for s in skill.synonyms.split("|") if s.strip()),
        )
        for skill in skills
    ]
    return SkillVocabulary(tuple(rows))


def build_skill_vocabulary() -> SkillVocabulary:
    return _vocabulary_of(list(Skill.objects.order_by("position", "key")))


def skill_vocabulary_invalidate() -> None:
    """Forget the cached vocabulary here and (through the shared cache) in every other process."""
    with _lock:
        _cached.update(vocabulary=None, skills=None, version=None, built_at=0.0)
    cache.set(VERSION_CACHE_KEY, secrets.token_hex(8), timeout=None)


def skills() -> QuerySet[Skill]:
    return Skill.objects.order_by("position", "key")


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position", "key")


def industries() -> QuerySet[IndustryGroup]:
    return IndustryGroup.objects.order_by("code")
