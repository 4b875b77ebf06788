"""The weekly digest as a notification's title and body: texts worded when read
(:class:`~duallife.core.texts.Text`), so that the reader gets them in their language.

The body is a list of lines: the introduction, a heading per section, per entry its title line
(linking to the sheet's or the talent's page: a :class:`~duallife.notifications.links.Linked`)
and its details and reasons, then how to manage the digest (linking to the saved searches). An
entry runs from its 「・」 line to the empty line before the next one
(:func:`duallife.recommendations.services.digests.digest_mentions_scrub` relies on that).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy, ngettext_lazy

from duallife.core.texts import Text
from duallife.notifications.links import Linked

from .links import path_to
from .reasons import joined
from .selectors.digests import Digest, SheetItem, TalentItem


def digest_title(digest: Digest) -> Text:
    """「今週のおすすめ：新しい案件2件、新しい人材1人」."""
    parts = []
    if digest.sheet_count:
        parts.append(
            Text(
                ngettext_lazy("新しい案件%(count)d件", "新しい案件%(count)d件", "count"),
                count=digest.sheet_count,
            )
        )
    if digest.talent_count:
        parts.append(
            Text(
                ngettext_lazy("新しい人材%(count)d人", "新しい人材%(count)d人", "count"),
                count=digest.talent_count,
            )
        )
    # Translators: the title of the weekly digest; %(parts)s lists what is new (new sheets, new talents).
    return Text(gettext_lazy("今週のおすすめ：%(parts)s"), parts=parts)


def _reasons_line(item: SheetItem | TalentItem) -> list[Text]:
    reasons = joined(list(item.reasons))
    if reasons is None:
        return []
    # Translators: a line of the weekly digest's entry; keep the two leading spaces (they indent it).
    return [Text(gettext_lazy("  おすすめの理由：%(reasons)s"), reasons=reasons)]


def _sheet_entry(item: SheetItem) -> list[Text | Linked]:
    return [
        # Translators: the first line of an entry of the weekly digest (a bullet and the title).
        Linked(Text(gettext_lazy("・%(title)s"), title=item.title), url=item.url),
        Text(
            # Translators: a line of the weekly digest's entry; keep the two leading spaces (they indent it).
            gettext_lazy("  場所：%(place)s／%(organization)s"),
            place=item.place,
            organization=item.organization,
        ),
        *_reasons_line(item),
    ]


def _talent_entry(item: TalentItem) -> list[Text | Linked]:
    lines: list[Text | Linked] = [
        Linked(Text(gettext_lazy("・%(title)s"), title=item.display_name), url=item.url)
    ]
    if item.skills:
        # Translators: a line of the weekly digest's entry; keep the two leading spaces (they indent it).
        lines.append(Text(gettext_lazy("  スキル：%(skills)s"), skills=list(item.skills)))
    if item.fits:
        # Translators: a line of the weekly digest's entry: the company's sheet the talent fits best.
        lines.append(Text(gettext_lazy("  合う仕様書：%(title)s"), title=item.fits))
    lines += _reasons_line(item)
    return lines


def digest_body(digest: Digest) -> list[Text | Linked]:
    body: list[Text | Linked] = [Text(gettext_lazy("保存した検索条件に合う新着をお知らせします（週1回）。"))]
    for section in digest.sections:
        # Translators: the heading of a section of the weekly digest (a square mark and the heading).
        body += [Text(""), Text(gettext_lazy("■ %(heading)s"), heading=section.heading)]
        for item in section.items:
            body.append(Text(""))
            body += _sheet_entry(item) if section.kind == "sheets" else _talent_entry(item)
    body += [
        Text(""),
        Linked(
            Text(
                gettext_lazy(
                    "保存した検索条件の確認や、週次ダイジェストを止める設定はこちらです（ログインが必要です）。"
                )
            ),
            url=path_to("recommendations:saved_search_list"),
        ),
    ]
    return body


def digest_text(digest: Digest) -> tuple[Text, list[Text | Linked]]:
    """(title, body) of the notification, worded when read, its entries linking to their pages."""
    return digest_title(digest), digest_body(digest)
