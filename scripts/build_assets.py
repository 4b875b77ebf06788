"""Copy the front-end files we use from node_modules into build/static/vendor.

Nothing here is committed: `make setup` runs `npm ci` and then this script. A missing file is an
error, so a changed package layout fails loudly instead of shipping a page without its assets.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
OUT = ROOT / "build" / "static" / "vendor"

FILES = {
    "@digital-go-jp/design-tokens/dist/tokens.css": "design-tokens/tokens.css",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
    "echarts/i18n/langJA.js": "echarts/langJA.js",
    "echarts/i18n/langEN.js": "echarts/langEN.js",
    "axe-core/axe.min.js": "axe-core/axe.min.js",
    "axe-core/locales/ja.json": "axe-core/ja.json",
}


def main() -> int:
    missing = [src for src in FILES if not (NODE / src).is_file()]
    if missing:
        print("missing front-end files (run `npm ci`):", *missing, sep="\n  ", file=sys.stderr)
        return 1
    for src, dest in FILES.items():
        target = OUT / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / src, target)
    print(f"copied {len(FILES)} asset files into {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
