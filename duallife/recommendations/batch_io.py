"""Files for the batch recommender: the vocabulary and the region pack read from disk (no
database, no Django: the console runs ``recommend-batch`` before Django loads, docs/adr/0012),
turned into the engine's keys, labels, places and routes."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

from duallife.engine.recommend import Context
from duallife.engine.recommend.batch import routes_from_csv
from duallife.engine.skills import SkillVocabulary, parse_skill_rows

#: The project's folders, found from this package as the settings find them (``BASE_DIR``,
#: ``REGION_PACKS_DIR``, ``DEFAULT_REGION_PACK``; a test holds them equal).
BASE_DIR = Path(__file__).resolve().parent.parent.parent
VOCABULARY_DIR = BASE_DIR / "data" / "vocabulary"
REGION_PACKS_DIR = BASE_DIR / "data" / "regions"


def default_region_pack() -> str:
    return os.environ.get("DUALLIFE_REGION_PACK", "tohoku")


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
    base = vocabulary_dir or VOCABULARY_DIR
    keys = KeyMaker(SkillVocabulary.from_rows(parse_skill_rows(_rows(base / "skills.csv"))))
    for row in _rows(base / "themes.csv"):
        keys.labels.setdefault(row["key"], row["name"])
    return keys


def pack_context(keys: KeyMaker, *, routes_path: Path | None = None, pack: str | None = None) -> Context:
    directory = REGION_PACKS_DIR / (pack or default_region_pack())
    places = {row["code"]: row["name"] for row in _rows(directory / "prefectures.csv")}
    places.update({row["code"]: row["name"] for row in _rows(directory / "municipalities.csv")})
    with (routes_path or directory / "routes.csv").open(encoding="utf-8-sig", newline="") as handle:
        routes = routes_from_csv(handle)
    return Context(labels=keys.labels, places=places, routes=routes)
