"""The real vocabulary files, read as the skill engine's tests need them (no Django, no database)."""

import csv
from pathlib import Path

VOCABULARY_DIR = Path(__file__).resolve().parents[3] / "data" / "vocabulary"


def read_csv(name: str) -> list[dict[str, str]]:
    with (VOCABULARY_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
