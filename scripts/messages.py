"""The English catalogues: one per app (``duallife/<app>/locale``) and one for the project's own
templates and settings (``duallife/locale``).

    python scripts/messages.py          extract every catalogue, then compile them
    python scripts/messages.py --check  fail if a catalogue misses a text of the code, has an
                                        untranslated or fuzzy entry, or keeps an obsolete one

``--check`` extracts into a copy of the tree, so it never touches the working files.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "duallife"
#: Packages without texts of their own: the engine returns codes, the app words them.
NO_CATALOGUE = {"engine", "locale", "formats", "templates", "testing", "__pycache__"}
IGNORE = ["tests/*", "*/tests/*", "migrations/*", "*/migrations/*", "static/*"]


def catalogue_dirs(package: Path) -> list[tuple[Path, list[str]]]:
    """(directory to extract in, extra ignore patterns): every app, then the project itself."""
    apps = sorted(
        p
        for p in package.iterdir()
        if p.is_dir() and p.name not in NO_CATALOGUE and (p / "__init__.py").exists()
    )
    with_texts = [p for p in apps if (p / "apps.py").exists()]
    project_ignores = [f"{p.name}/*" for p in with_texts] + ["engine/*", "testing/*"]
    return [(p, []) for p in with_texts] + [(package, project_ignores)]


def extract(package: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "duallife.settings", "PYTHONPATH": str(ROOT)}
    # -P: run from an app's folder, its selectors.py must not hide the standard library's.
    django_admin = [sys.executable, "-P", "-m", "django"]
    for where, ignores in catalogue_dirs(package):
        (where / "locale").mkdir(exist_ok=True)
        po = where / "locale" / "en" / "LC_MESSAGES" / "django.po"
        before = po.read_text(encoding="utf-8") if po.exists() else None
        args = [
            *django_admin,
            *("makemessages", "-l", "en", "--no-obsolete", "--no-wrap", "--add-location=file"),
        ]
        for pattern in IGNORE + ignores:
            args += ["--ignore", pattern]
        subprocess.run(args, cwd=where, env=env, check=True, stdout=subprocess.DEVNULL)
        if before is not None and _without_date(po.read_text(encoding="utf-8")) == _without_date(before):
            po.write_text(before, encoding="utf-8")  # only the extraction time changed: keep the file


def _without_date(text: str) -> str:
    return re.sub(r'^"POT-Creation-Date: [^"]*"$', "", text, count=1, flags=re.M)


def compile_all(package: Path) -> None:
    for po in sorted(package.glob("**/locale/en/LC_MESSAGES/django.po")):
        subprocess.run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True)


def entries(po: Path) -> dict[tuple[str, str], tuple[bool, bool]]:
    """msgctxt+msgid → (translated, fuzzy) for every entry but the header."""
    out: dict[tuple[str, str], tuple[bool, bool]] = {}
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not lines:
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        translated = all(v for k, v in fields.items() if k.startswith("msgstr")) and any(
            k.startswith("msgstr") for k in fields
        )
        out[(fields.get("msgctxt", ""), fields["msgid"])] = (translated, fuzzy)
    return out


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "duallife"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
        extract(copy)
        for fresh in sorted(copy.glob("**/locale/en/LC_MESSAGES/django.po")):
            rel = fresh.relative_to(copy)
            kept = PACKAGE / rel
            want = entries(fresh)
            have = entries(kept) if kept.exists() else {}
            for _ctx, msgid in sorted(set(want) - set(have)):
                problems.append(f"duallife/{rel}: missing {msgid[:70]!r}")
            for _ctx, msgid in sorted(set(have) - set(want)):
                problems.append(f"duallife/{rel}: no longer in the code {msgid[:70]!r}")
            for (_ctx, msgid), (translated, fuzzy) in sorted(have.items()):
                if fuzzy:
                    problems.append(f"duallife/{rel}: fuzzy {msgid[:70]!r}")
                elif not translated:
                    problems.append(f"duallife/{rel}: untranslated {msgid[:70]!r}")
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) in the English catalogues: run `make messages` and translate.")
        return 1
    print("English catalogues: complete (0 missing, 0 untranslated, 0 fuzzy).")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    if parser.parse_args().check:
        return check()
    extract(PACKAGE)
    compile_all(PACKAGE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
