"""Write the English name of every place of a region pack into its ``municipalities.csv``.

    .venv/bin/python scripts/romanise_places.py data/regions/tohoku

The ``name_en`` column (after ``name_kana``) is generated from each reading in Hepburn without
macrons (``duallife.regions.english_names``); run it again after adding places. Other columns and
the rows' order are kept.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duallife.regions.english_names import english_name  # noqa: E402


def romanise(pack: Path) -> int:
    path = pack / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        columns = [c for c in reader.fieldnames or [] if c != "name_en"]
        rows = list(reader)
    columns.insert(columns.index("name_kana") + 1, "name_en")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row["name_en"] = english_name(row["code"], row["name"], row["name_kana"])
        writer.writerow({column: row[column] for column in columns})
    path.write_text(out.getvalue(), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "municipalities.csv").is_file():
        sys.exit("usage: romanise_places.py <pack folder with municipalities.csv>")
    print(f"{romanise(Path(sys.argv[1]))} places named in English")
