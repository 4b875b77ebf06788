"""Test helpers: reading a rendered page for the form rules (stdlib HTML parser).

:func:`form_problems` lists what breaks the rules every form follows (``duallife.core.forms``):
help ``<auto_id>_helptext`` and errors ``<auto_id>_error`` named in the aria-describedby of the
field's widget (of its fieldset, for radio buttons and checkbox lists), ``aria-invalid="true"``
on every widget in error, a label for every control, ids that exist and are unique, none of the
old per-app id styles, and one error summary (role="alert", a heading that says エラー, links
that lead somewhere) whenever a field shows an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CONTROLS = {"input", "select", "textarea"}
NOT_LABELLED = {"hidden", "submit", "button", "reset", "image"}
#: The id styles of the partials that came before forms/field.html (-help, -errors, help-x, …).
OLD_ID = re.compile(r"^(?:help|field)-|-(?:help|errors?)$|^error-(?!summary)")
HEADINGS = {"h2", "h3", "h4"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def tokens(self, name: str) -> list[str]:
        return self.attrs.get(name, "").split()

    def closest(self, tag: str) -> Element | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()

    def all_text(self) -> str:
        return "".join(self.text).strip()

    def describe(self) -> str:
        return f"<{self.tag}{' #' + self.id if self.id else ''}>"


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.stack = [self.root]
        self.elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        for element in self.stack[1:]:
            element.text.append(data)


def parse(html: str) -> list[Element]:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.elements


def form_problems(html: str) -> list[str]:
    elements = parse(html)
    problems: list[str] = []
    by_id: dict[str, Element] = {}
    for element in elements:
        if not element.id:
            continue
        if element.id in by_id:
            problems.append(f"id {element.id!r} is used twice")
        by_id[element.id] = element
        if OLD_ID.search(element.id):
            problems.append(f"{element.describe()} has an id in an old style")

    for element in elements:
        for name in ("aria-describedby", "aria-labelledby"):
            for token in element.tokens(name):
                if token not in by_id:
                    problems.append(f"{element.describe()} {name} names #{token}, which is not on the page")

    # Help and errors are named by the widget (or the group's fieldset) they belong to.
    for id_, element in by_id.items():
        for suffix in ("_helptext", "_error"):
            if not id_.endswith(suffix):
                continue
            base = by_id.get(id_.removesuffix(suffix))
            if base is None:
                problems.append(f"{element.describe()} belongs to no field")
                continue
            carrier = base if base.tag in CONTROLS else base.closest("fieldset")
            if carrier is None or id_ not in carrier.tokens("aria-describedby"):
                problems.append(f"#{id_} is not in the aria-describedby of its field #{base.id}")
            if suffix == "_error":
                controls = (
                    [base] if base.tag in CONTROLS else [c for c in base.descendants() if c.tag in CONTROLS]
                )
                for control in controls:
                    if control.attrs.get("aria-invalid") != "true":
                        problems.append(f"{control.describe()} shows #{id_} but has no aria-invalid")

    for element in elements:
        if element.tag not in CONTROLS or element.attrs.get("type") in NOT_LABELLED:
            continue
        if element.attrs.get("aria-invalid") == "true":
            field_ids = {element.id, re.sub(r"_\d+$", "", element.id)}  # a radio button: its group's id
            if not any(f"{id_}_error" in by_id for id_ in field_ids):
                problems.append(f"{element.describe()} is aria-invalid without its errors")
        labelled = (
            element.attrs.get("aria-label")
            or element.attrs.get("aria-labelledby")
            or element.closest("label") is not None
            or any(e.tag == "label" and e.attrs.get("for") == element.id for e in elements if element.id)
        )
        if not labelled:
            problems.append(f"{element.describe()} has no label")

    summaries = [e for e in elements if "error-summary" in e.classes]
    if len(summaries) > 1:
        problems.append(f"{len(summaries)} error summaries on one page")
    for summary in summaries:
        if summary.attrs.get("role") != "alert" or summary.attrs.get("tabindex") != "-1":
            problems.append("the error summary is not role=alert with tabindex=-1")
        headings = [e for e in summary.descendants() if e.tag in HEADINGS]
        if not headings or "エラー" not in headings[0].all_text():
            problems.append("the error summary has no heading that says エラー")
        for link in (e for e in summary.descendants() if e.tag == "a"):
            href = link.attrs.get("href", "")
            if href.startswith("#") and href[1:] not in by_id:
                problems.append(f"the error summary links to {href}, which is not on the page")
    shown = [e for e in elements if e.tag == "ul" and "errorlist" in e.classes and e.id.endswith("_error")]
    if shown and not summaries:
        problems.append(f"{len(shown)} field error(s) shown without an error summary")
    return problems


def label_text(html: str, control_id: str, *, group: bool = False) -> str:
    """The text of the <label for=control_id>; for a group (radio buttons, checkbox lists), of
    the legend of the fieldset around #control_id."""
    elements = parse(html)
    if not group:
        label = next((e for e in elements if e.tag == "label" and e.attrs.get("for") == control_id), None)
        return label.all_text() if label is not None else ""
    target = next((e for e in elements if e.id == control_id), None)
    fieldset = target.closest("fieldset") if target is not None else None
    legend = next((c for c in fieldset.children if c.tag == "legend"), None) if fieldset is not None else None
    return legend.all_text() if legend is not None else ""


def card_table_problems(html: str) -> list[str]:
    """What breaks the rule of the tables that read as cards on a phone (``class="table-cards"``,
    duallife/core/static/core/site.css): every cell of the body or the footer that holds something
    (a ``<td>`` not spanning columns) names its column in ``data-label``, worded as the column's
    header."""
    problems: list[str] = []
    for table in (e for e in parse(html) if e.tag == "table" and "table-cards" in e.classes):
        headers = [e.all_text() for e in table.descendants() if e.tag == "th" and e.closest("thead")]
        for row in (e for e in table.descendants() if e.tag == "tr" and not e.closest("thead")):
            column = 0
            for cell in (child for child in row.children if child.tag in ("td", "th")):
                span = int(cell.attrs.get("colspan") or 1)
                if cell.tag == "td" and span == 1 and cell.all_text():
                    expected = headers[column] if column < len(headers) else None
                    label = cell.attrs.get("data-label")
                    if label != expected:
                        problems.append(
                            f"a cell of column {column + 1} ({expected!r}) is labelled {label!r}: "
                            f"{cell.all_text()[:40]!r}"
                        )
                column += span
    return problems
