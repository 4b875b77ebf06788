"""Reading an English page for Japanese the product itself wrote.

What people typed (company names, sheet texts, display names) and place and skill names stay as
written, so a page about the Japanese demo is full of Japanese that is not ours. The check here
collects every text the database holds (:func:`data_corpus`) and reports only the runs of Japanese
on a page that are not part of any of them (:func:`our_japanese`): those are texts the product
wrote and forgot to translate. Japanese-style dates (「2026年12月7日」, 「12月7日」) are reported
wherever they are (:func:`japanese_dates`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models

JAPANESE_RUN = re.compile(r"[\u3001-\u303f\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]+")
JAPANESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月")
#: Japanese that belongs on an English page: the language switch names the other language, and
#: the examples of fields that take Japanese show Japanese (a name in old-style kanji, a company's
#: name in katakana for sorting, a skill written loosely that the site tidies up).
ALLOWED = {"日本語", "髙橋", "ミチノクジョウゾウ", "Ｗｅｂマーケ", "ウェブマーケティング"}
#: Attributes whose values a person reads (or hears).
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "aria-description"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.parts.append(value)
            if (
                tag == "input"
                and name == "value"
                and value
                and dict(attrs).get("type") in ("submit", "button")
            ):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def page_text(html: str) -> str:
    """What a person reads on the page: its text and the attributes read aloud, one per line."""
    reader = _Reader()
    reader.feed(html)
    return "\n".join(reader.parts)


def data_corpus() -> str:
    """Every text the database holds in a text column (what people typed, names, place names),
    joined by newlines: a run of Japanese found in it is data, not the product's words."""
    values: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            values.update(v for v in row if isinstance(v, str) and JAPANESE_RUN.search(v))
    return "\n".join(sorted(values))


#: Brackets and separators the page may put around and between data ("宮城県石巻市", 総務省『…』).
SEPARATORS = re.compile(r"[、。・「」『』（）：／〜\u3000]+")


def _is_data(piece: str, corpus: str) -> bool:
    """Whether ``piece`` is data: in the corpus, or two data texts written together (a prefecture
    and its municipality)."""
    if piece in corpus:
        return True
    return any(piece[:cut] in corpus and piece[cut:] in corpus for cut in range(1, len(piece)))


def our_japanese(text: str, corpus: str) -> list[str]:
    """Runs of Japanese in ``text`` that are not data: the product's untranslated words."""
    found = []
    for run in JAPANESE_RUN.findall(text):
        if run in ALLOWED or run in corpus:
            continue
        pieces = [piece for piece in SEPARATORS.split(run) if piece]
        if all(piece in ALLOWED or _is_data(piece, corpus) for piece in pieces):
            continue
        found.append(run)
    return found


def japanese_dates(text: str, corpus: str = "") -> list[str]:
    """Japanese-style dates in ``text``, but for those inside data (a publication's title)."""
    for value in corpus.split("\n"):
        if value and JAPANESE_DATE.search(value):
            text = text.replace(value, "")
    return JAPANESE_DATE.findall(text)
