"""Japanese-aware normalisation of skills and free text (表記ゆれ).

:func:`normalize` turns what people type into a matching key, in this order:

1. character folds: invisible characters removed, NFKC (全角英数→半角, 半角カナ→全角), dashes
   after katakana read as the long vowel mark (マ－ケ→マーケ), middle dots and spaces between
   katakana words dropped (データ・サイエンス = データサイエンス), other middle dots become spaces,
   symbol-bearing product names kept whole (C++, C#, .NET, Node.js);
2. an input written entirely in hiragana that is clearly a loanword (it has ー or small kana, or its
   katakana form is one dictionary word) is read as katakana (まーけてぃんぐ→マーケティング);
3. SudachiPy (``core`` dictionary, split mode C) splits the text into words and gives each its
   normalised form (ＳＮＳ→SNS, ウエブ/Web→ウェブ, だれ→誰); punctuation and spaces only separate;
4. case folded to upper case (python→PYTHON; the key is never shown to anyone);
5. the project synonym table (:mod:`.synonyms`), matched on whole words (マーケ→マーケティング,
   PR→広報); a word repeated right after itself is kept once (広報・PR → 広報).

The result is the words joined by single spaces, e.g. ``"Ｗｅｂマーケ"`` → ``"ウェブ マーケティング"``.
The steps are repeated until nothing changes (at most a few rounds), so ``normalize`` is idempotent.

Pure Python apart from reading the SudachiPy dictionary, which is loaded once, lazily, and shared;
tokenizers are per thread. Results are cached.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jaconv

from .synonyms import SYNONYMS

#: Sudachi refuses input above 49,149 bytes; chunks of this many characters stay below it
#: whatever the script (at most 4 bytes a character).
_CHUNK_CHARS = 12_000
#: Rounds of normalisation before giving up on reaching a fixed point.
_MAX_ROUNDS = 5
#: Part-of-speech classes that only separate words.
_BREAKS = ("。", "．", ".", "!", "！", "?", "？", "、", ",", " ", "\u3000", "\t")
_SEPARATOR_POS = frozenset({"補助記号", "空白"})
#: Part-of-speech classes never worth searching for on their own.
_FUNCTION_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "接尾辞", "接頭辞"})
#: Most search terms taken from one query.
MAX_SEARCH_TERMS = 12

_KATAKANA = "\u30a1-\u30fa\u30fc"  # ァ…ヺ and ー
_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u3096\u30fc\s]+$")
_LOANWORD_HINT = re.compile(r"(?<=[\u3041-\u3096])ー|[ぁぃぅぇぉゎゔ]")
_TRAILING_PARTICLES = frozenset("のをにがはでともや")
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096ー]+")
_KANA_ONLY = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$")
_DASH_AFTER_KATAKANA = re.compile(rf"(?<=[{_KATAKANA}])[-\u2010-\u2015\u2212\ufe63\uff0d]")
_DOT_BETWEEN_KATAKANA = re.compile(rf"(?<=[{_KATAKANA}])[\s・·•‧∙⋅]+(?=[{_KATAKANA}])")
_MIDDLE_DOTS = re.compile(r"[・·•‧∙⋅]")
_PROTECTED = (
    (re.compile(r"(?<![0-9A-Za-z])c\+\+", re.IGNORECASE), " CPLUSPLUS "),
    (re.compile(r"(?<![0-9A-Za-z])c#", re.IGNORECASE), " CSHARP "),
    (re.compile(r"(?<![0-9A-Za-z])f#", re.IGNORECASE), " FSHARP "),
    (re.compile(r"(?<![0-9A-Za-z])\.net(?![0-9A-Za-z])", re.IGNORECASE), " DOTNET "),
    (re.compile(r"(?<![0-9A-Za-z])([A-Za-z]+)\.js(?![0-9A-Za-z])", re.IGNORECASE), r" \1JS "),
)

_dictionary_lock = threading.Lock()
_dictionary = None
_local = threading.local()


def _tokenizer():
    """The calling thread's tokenizer over the shared ``core`` dictionary (loaded on first use)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        global _dictionary
        with _dictionary_lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
            tokenizer = _dictionary.tokenizer()
        _local.tokenizer = tokenizer
    return tokenizer


def _split_mode(name: str):
    from sudachipy import SplitMode

    return getattr(SplitMode, name)


def _morphemes(text: str, mode: str = "C"):
    """Sudachi morphemes of ``text``, tokenised in chunks short enough for Sudachi."""
    split_mode = _split_mode(mode)
    tokenizer = _tokenizer()
    for chunk in _chunks(text):
        yield from tokenizer.tokenize(chunk, split_mode)


def _chunks(text: str) -> Iterable[str]:
    """Lines of ``text``, long lines cut after the last sentence or word break that fits."""
    for line in text.splitlines():
        start = 0
        while start < len(line):
            end = min(start + _CHUNK_CHARS, len(line))
            if end < len(line):
                window = line[start:end]
                cut = max(window.rfind(mark) for mark in _BREAKS)
                if cut > 0:
                    end = start + cut + 1
            piece = line[start:end]
            if piece.strip():
                yield piece
            start = end


def fold_characters(text: str) -> str:
    """Step 1 of :func:`normalize`: character-level folds, no dictionary needed."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cs", "Cf", "Co", "Cn"):
            continue  # lone surrogates, zero-width and format characters, unassigned
        kept.append(" " if category == "Cc" else char)
    folded = unicodedata.normalize("NFKC", "".join(kept))
    folded = _DASH_AFTER_KATAKANA.sub("ー", folded)
    folded = _DOT_BETWEEN_KATAKANA.sub("", folded)
    folded = _MIDDLE_DOTS.sub(" ", folded)
    for pattern, replacement in _PROTECTED:
        folded = pattern.sub(replacement, folded)
    return folded


def _katakana_if_loanword(run: re.Match[str]) -> str:
    word = run.group()
    if not _LOANWORD_HINT.search(word):
        return word
    particle = ""
    if len(word) > 2 and word[-1] in _TRAILING_PARTICLES:
        word, particle = word[:-1], word[-1]
    return jaconv.hira2kata(word) + particle


def _read_hiragana_loanword(text: str) -> str:
    """Step 2: hiragana that is clearly a loanword, in katakana; anything else unchanged.

    Two cases: any run of hiragana with ー or a small vowel (まーけ, てぃ), which native words
    almost never have; and an input written entirely in hiragana whose katakana form is a single
    dictionary word while the hiragana reads as several content words (ぱいそん → パイソン, but
    でも stays: it reads as two particles).
    """
    text = _HIRAGANA_RUN.sub(_katakana_if_loanword, text)
    stripped = text.strip()
    if not stripped or not _HIRAGANA_ONLY.match(stripped):
        return text
    katakana = jaconv.hira2kata(stripped)
    as_katakana = list(_morphemes(katakana))
    if len(as_katakana) != 1 or as_katakana[0].is_oov():
        return text
    as_hiragana = list(_morphemes(stripped))
    if len(as_hiragana) > 1 and not any(m.part_of_speech()[0] in _FUNCTION_POS for m in as_hiragana):
        return katakana
    return text


def _raw_tokens(text: str) -> list[str]:
    """Steps 3–4: Sudachi normalised forms, upper-cased, separators dropped."""
    tokens: list[str] = []
    for morpheme in _morphemes(text):
        if morpheme.part_of_speech()[0] in _SEPARATOR_POS:
            continue
        for part in unicodedata.normalize("NFKC", morpheme.normalized_form()).split():
            part = _MIDDLE_DOTS.sub("", part).upper()
            if part:
                tokens.append(part)
    return tokens


def _one_round(text: str, *, synonyms: bool) -> tuple[str, ...]:
    folded = _read_hiragana_loanword(fold_characters(text))
    tokens = _raw_tokens(folded)
    if synonyms:
        tokens = _apply_synonyms(tokens)
    deduplicated: list[str] = []
    for token in tokens:
        if not deduplicated or deduplicated[-1] != token:
            deduplicated.append(token)
    return tuple(deduplicated)


def _fixed_point(text: str, *, synonyms: bool) -> tuple[str, ...]:
    tokens = _one_round(text, synonyms=synonyms)
    for _ in range(_MAX_ROUNDS):
        again = _one_round(" ".join(tokens), synonyms=synonyms)
        if again == tokens:
            break
        tokens = again
    return tokens


@lru_cache(maxsize=1)
def _synonym_table() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """Variant token sequence → canonical token sequence, and the longest variant's length."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for canonical, variants in SYNONYMS:
        target = _fixed_point(canonical, synonyms=False)
        for variant in variants:
            source = _fixed_point(variant, synonyms=False)
            if source and source != target:
                table[source] = target
    longest = max((len(source) for source in table), default=0)
    return table, longest


def _apply_synonyms(tokens: list[str]) -> list[str]:
    table, longest = _synonym_table()
    result: list[str] = []
    index = 0
    while index < len(tokens):
        for length in range(min(longest, len(tokens) - index), 0, -1):
            replacement = table.get(tuple(tokens[index : index + length]))
            if replacement is not None:
                result.extend(replacement)
                index += length
                break
        else:
            result.append(tokens[index])
            index += 1
    return result


@lru_cache(maxsize=16_384)
def normalize_tokens(text: str) -> tuple[str, ...]:
    """The normalised words of ``text`` (see the module docstring); empty for blank text."""
    if not isinstance(text, str):
        raise TypeError("normalize_tokens() takes a str")
    return _fixed_point(text, synonyms=True)


def normalize(text: str) -> str:
    """A matching key for ``text``: its normalised words joined by single spaces.

    >>> normalize("Ｗｅｂマーケ")
    'ウェブ マーケティング'
    """
    return " ".join(normalize_tokens(text))


def compact_key(text: str) -> str:
    """:func:`normalize` without the spaces: equal for ``UI/UX``, ``UI UX`` and ``UIUX``."""
    return "".join(normalize_tokens(text))


def search_text(*parts: str) -> str:
    """What to store on a row for free-text search: each non-blank part normalised, space-joined.

    A query matches a row when every term of :func:`search_terms` is a substring of this text.
    """
    return " ".join(normalized for part in parts if part and (normalized := normalize(part)))


@lru_cache(maxsize=4_096)
def _search_terms(query: str) -> tuple[str, ...]:
    normalized = normalize(query)
    terms: list[str] = []
    for morpheme in _morphemes(normalized):
        if morpheme.part_of_speech()[0] in _FUNCTION_POS:
            continue
        word = unicodedata.normalize("NFKC", morpheme.normalized_form()).upper()
        if not word.strip() or word not in normalized:
            word = unicodedata.normalize("NFKC", morpheme.surface()).upper()
        if len(word) == 1 and "\u3041" <= word <= "\u3096":
            continue  # a lone hiragana is a particle the dictionary did not recognise
        parts = [
            unicodedata.normalize("NFKC", part.normalized_form()).upper()
            for part in morpheme.split(_split_mode("A"))
            if part.part_of_speech()[0] not in _FUNCTION_POS
        ]
        split_ok = len(parts) > 1 and all(part and part in word for part in parts)
        candidates = parts if split_ok else [word]
        for candidate in candidates:
            candidate = candidate.strip()
            if candidate and candidate not in terms:
                terms.append(candidate)
    return tuple(terms[:MAX_SEARCH_TERMS])


def search_terms(query: str) -> list[str]:
    """Normalised words of a search query, each to be found as a substring of :func:`search_text`.

    Particles and punctuation are dropped, compounds are split into their parts so that a query
    for データ分析 also finds データの分析, duplicates removed; at most ``MAX_SEARCH_TERMS``.
    """
    if not isinstance(query, str):
        raise TypeError("search_terms() takes a str")
    return list(_search_terms(query))


def kana_reading(text: str) -> str | None:
    """The katakana reading of ``text`` per Sudachi, or ``None`` when a word has no kana reading."""
    readings = []
    for morpheme in _morphemes(fold_characters(text)):
        if morpheme.part_of_speech()[0] in _SEPARATOR_POS:
            continue
        reading = morpheme.reading_form()
        if not _KANA_ONLY.match(reading):
            return None
        readings.append(reading)
    return "".join(readings) or None


def as_kana_key(text: str) -> str | None:
    """``text`` in katakana with spaces removed, when it is written in kana only; else ``None``."""
    folded = "".join(fold_characters(text).split())
    if not folded or not _KANA_ONLY.match(folded):
        return None
    return jaconv.hira2kata(folded)
