"""Files for the batch recommender: the vocabulary and the region pack read from disk (no
database), turned into the engine's keys, labels, places and routes."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from duallife.engine.recommend import Context
from duallife.engine.recommend.batch import routes_from_csv
from duallife.engine.skills import SkillVocabulary, parse_skill_rows


@dataclass
class KeyMaker:
    """Turns what people typed into matching keys, remembering a label for each key."""

    vocabulary: SkillVocabulary
    labels: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> str:
        resolved = self.vocabulary.resolve(text)
        key = resolved.key or resolved.normalized or text.strip()
        self.labels.setdefault(key, resolved.label)
        return key


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def key_maker(vocabulary_dir: Path | None = None) -> KeyMaker:
    base = vocabulary_dir or Path(settings.BASE_DIR) / "data" / "vocabulary"
    keys = KeyMaker(SkillVocabulary.from_rows(parse_skill_rows(_rows(base / "skills.csv"))))
    for row in _rows(base / "themes.csv"):
        keys.labels.setdefault(row["key"], row["name"])
    return keys


def pack_context(keys: KeyMaker, *, routes_path: Path | None = None, pack: str | None = None) -> Context:
    directory = Path(settings.REGION_PACKS_DIR) / (pack or settings.DEFAULT_REGION_PACK)
    places = {row["code"]: row["name"] for row in _rows(directory / "prefectures.csv")}
    places.update({row["code"]: row["name"] for row in _rows(directory / "municipalities.csv")})
    with (routes_path or directory / "routes.csv").open(encoding="utf-8-sig", newline="") as handle:
        routes = routes_from_csv(handle)
    return Context(labels=keys.labels, places=places, routes=routes)
