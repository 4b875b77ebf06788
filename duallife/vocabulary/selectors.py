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
_cached: dict[str, object] = {"vocabulary": None, "version": None, "built_at": 0.0}


def _current_version() -> str:
    """A random token per load: a cleared cache yields a new token, never an old one again."""
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        cache.add(VERSION_CACHE_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_CACHE_KEY)
    return str(version)


def skill_vocabulary() -> SkillVocabulary:
    """The skill vocabulary as the database holds it (one query when the cached copy is stale)."""
    version = _current_version()
    with _lock:
        vocabulary = _cached["vocabulary"]
        fresh = (
            vocabulary is not None
            and _cached["version"] == version
            and time.monotonic() - float(_cached["built_at"]) < REBUILD_AFTER_SECONDS
        )
        if fresh:
            return vocabulary  # type: ignore[return-value]
    built = build_skill_vocabulary()
    with _lock:
        _cached.update(vocabulary=built, version=version, built_at=time.monotonic())
    return built


def build_skill_vocabulary() -> SkillVocabulary:
    rows = [
        SkillRow(
            key=skill.key,
            name=skill.name,
            name_en=skill.name_en,
            category=skill.category,
            synonyms=tuple(s for s in skill.synonyms.split("|") if s.strip()),
        )
        for skill in Skill.objects.order_by("position", "key")
    ]
    return SkillVocabulary(tuple(rows))


def skill_vocabulary_invalidate() -> None:
    """Forget the cached vocabulary here and (through the shared cache) in every other process."""
    with _lock:
        _cached.update(vocabulary=None, version=None, built_at=0.0)
    cache.set(VERSION_CACHE_KEY, secrets.token_hex(8), timeout=None)


def skills() -> QuerySet[Skill]:
    return Skill.objects.order_by("position", "key")


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position", "key")


def industries() -> QuerySet[IndustryGroup]:
    return IndustryGroup.objects.order_by("code")
