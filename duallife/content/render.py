"""Markdown to HTML for the pages: CommonMark without raw HTML, so what an operator writes can
neither run a script nor break the page's layout. Headings start at level 2 (the page's title is
its only ``<h1>``: a ``# Heading`` in the text is an ``<h2>``, like ``## Heading``); tables are
kept (the privacy policy's retention table)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _demote_headings(tokens) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def markdown_html(text: str) -> SafeString:
    """The HTML of ``text``: raw HTML is shown as text, links to ``javascript:`` and the like are
    dropped by the parser, ``# Heading`` becomes ``<h2>``."""
    tokens = _MARKDOWN.parse(text or "")
    _demote_headings(tokens)
    return mark_safe(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))
