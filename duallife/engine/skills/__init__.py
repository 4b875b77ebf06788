"""Skills and free text in Japanese: normalisation (表記ゆれ) and the skill vocabulary.

Pure Python (no Django). :func:`normalize` turns what people type into a matching key
(``"Ｗｅｂマーケ"`` → ``"ウェブ マーケティング"``); :class:`SkillVocabulary`, built from the rows of
``data/vocabulary/skills.csv``, maps free text to canonical skill keys and leaves unknown skills
free. For search, store :func:`search_text` of a row and require every term of
:func:`search_terms` (or :meth:`SkillVocabulary.search_terms`) to be a substring of it.
"""

from .normalize import (
    MAX_SEARCH_TERMS,
    as_kana_key,
    compact_key,
    fold_characters,
    kana_reading,
    normalize,
    normalize_tokens,
    search_terms,
    search_text,
)
from .synonyms import SYNONYMS
from .vocabulary import (
    MAX_SKILL_CHARS,
    IndustryRow,
    MatchVia,
    ResolvedSkill,
    SkillMatch,
    SkillRow,
    SkillVocabulary,
    ThemeRow,
    VocabularyError,
    parse_industry_rows,
    parse_skill_rows,
    parse_theme_rows,
)

__all__ = [
    "MAX_SEARCH_TERMS",
    "MAX_SKILL_CHARS",
    "SYNONYMS",
    "IndustryRow",
    "MatchVia",
    "ResolvedSkill",
    "SkillMatch",
    "SkillRow",
    "SkillVocabulary",
    "ThemeRow",
    "VocabularyError",
    "as_kana_key",
    "compact_key",
    "fold_characters",
    "kana_reading",
    "normalize",
    "normalize_tokens",
    "parse_industry_rows",
    "parse_skill_rows",
    "parse_theme_rows",
    "search_terms",
    "search_text",
]
