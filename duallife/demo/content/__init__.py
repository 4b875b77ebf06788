"""The texts of ``duallife demo``, read from ``data/demo/*.toml`` and checked before any is used.

Why TOML: Japanese paragraphs read as they are (no escaped quotes or ``\\uXXXX``), a long text wraps
over several lines with a trailing backslash, comments say what a table is for, and Python reads it
with the standard library (``tomllib``). JSON has neither comments nor multi-line strings; CSV fits
flat lists only, not a company type with its twenty fields.

Each file maps to a frozen dataclass (:mod:`.schema`); :func:`load_content` (:mod:`.loader`)
reads every file, converts it field by field and refuses, naming the file, the entry and the field,
anything missing, unknown or of the wrong type, a ``{placeholder}`` the builder does not fill, and a
reference to a key that is not there (a company type's sheet templates, a duplicate key). A file
that is not TOML at all is refused with the parser's line and column.

Everything in these files is invented and says so: organisations carry ``（デモ）`` in their name,
texts end with a note, web sites are ``https://*.example.jp`` and addresses end in ``@example.jp``.
Places are real (the region pack's municipalities); skills, themes and industries are vocabulary
keys (``data/vocabulary/*.csv``), so a renamed skill keeps working.
"""

from .loader import content_dir, demo_content, load_content
from .schema import CompanyType, CoordinatorSpec, DemoContent, SheetTemplate

__all__ = [
    "CompanyType",
    "CoordinatorSpec",
    "DemoContent",
    "SheetTemplate",
    "content_dir",
    "demo_content",
    "load_content",
]
