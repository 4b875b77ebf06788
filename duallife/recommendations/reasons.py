"""Recommendation reasons in the reader's language.

The engine gives each reason as a code and its values (:class:`duallife.engine.recommend.Reason`,
stored as JSON ``[code, params]`` in the recommendation rows); here they become
:class:`~duallife.core.texts.Text`, worded when shown (``str()``, ``{{ reason }}``) in the active
language. A stored reason from before codes (a Japanese sentence) is shown as written.

Place, skill and theme names inside a reason are kept as the data holds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy, ngettext_lazy

from duallife.core.texts import Text, Yen
from duallife.engine.recommend import Reason, is_personal

# Plural messages take their number from the ``count`` parameter (see duallife.core.texts).
_WORKLOAD_DAYS = {
    "remote": ngettext_lazy("月%(days)d日・リモート", "月%(days)d日・リモート", "count"),
    "hybrid": ngettext_lazy("月%(days)d日・リモート中心", "月%(days)d日・リモート中心", "count"),
    "onsite": ngettext_lazy("月%(days)d日・現地中心", "月%(days)d日・現地中心", "count"),
}
_WORKLOAD_OPEN = {
    "remote": gettext_lazy("日数は相談・リモート"),
    "hybrid": gettext_lazy("日数は相談・リモート中心"),
    "onsite": gettext_lazy("日数は相談・現地中心"),
}


def _duration(minutes: int) -> Text:
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return Text(gettext_lazy("%(hours)d時間%(minutes)d分"), hours=hours, minutes=rest)
    if hours:
        return Text(gettext_lazy("%(hours)d時間"), hours=hours)
    return Text(gettext_lazy("%(minutes)d分"), minutes=rest)


def _names(value: Any) -> list[str]:
    return [str(item) for item in (value or ())]


def _skill_match(p: dict) -> Text:
    skills = _names(p.get("skills"))
    # Translators: a recommendation reason: the skills the person has that the work asks for.
    message = ngettext_lazy("スキル一致: %(skills)s", "スキル一致: %(skills)s", "count")
    return Text(message, skills=skills, count=len(skills))


def _themes(p: dict) -> Text:
    themes = _names(p.get("themes"))
    # Translators: a recommendation reason: the themes the person and the work share.
    return Text(
        ngettext_lazy("テーマ: %(themes)s", "テーマ: %(themes)s", "count"), themes=themes, count=len(themes)
    )


def _workload(p: dict) -> Text:
    style = p.get("style") if p.get("style") in _WORKLOAD_OPEN else "remote"
    days = p.get("days")
    if days:
        return Text(_WORKLOAD_DAYS[style], days=int(days), count=int(days))
    return Text(_WORKLOAD_OPEN[style])


def _route(p: dict) -> Text:
    values = {
        "place": str(p.get("place", "")),
        "duration": _duration(p.get("minutes", 0)),
        "fare": Yen(int(p.get("fare", 0))),
    }
    if p.get("estimate"):
        # Translators: a recommendation reason: the journey from the person's home; the route is
        # that to another place in the same prefecture (an estimate).
        return Text(gettext_lazy("%(place)sまで片道%(duration)s・往復%(fare)s（県内の目安）"), **values)
    # Translators: a recommendation reason: the journey from the person's home to the work's place.
    return Text(gettext_lazy("%(place)sまで片道%(duration)s・往復%(fare)s"), **values)


def _hometown(p: dict) -> Text:
    # Translators: a recommendation reason: the work is in the person's hometown (or its prefecture).
    return Text(gettext_lazy("出身地: %(place)s"), place=str(p.get("place", "")))


def _interest(p: dict) -> Text:
    # Translators: a recommendation reason: the work is in a prefecture the person is interested in.
    return Text(gettext_lazy("関心のある県: %(place)s"), place=str(p.get("place", "")))


def _crowded(p: dict) -> Text:
    return Text(
        # Translators: a recommendation reason (a warning): many people applied for few openings.
        ngettext_lazy(
            "応募が集中しています（募集%(openings)d人に%(applicants)d人）",
            "応募が集中しています（募集%(openings)d人に%(applicants)d人）",
            "count",
        ),
        openings=int(p.get("openings", 1)),
        count=int(p.get("openings", 1)),
        applicants=int(p.get("applicants", 0)),
    )


_WORDING = {
    "skill_match": _skill_match,
    "themes": _themes,
    "workload": _workload,
    "route": _route,
    "hometown": _hometown,
    "interest": _interest,
    "crowded": _crowded,
}


def as_reason(value: Any) -> Reason | str | None:
    """A reason as the engine gives it or as stored (``[code, params]``); a stored sentence from
    before codes stays a str; anything else is None."""
    if isinstance(value, Reason):
        return value
    if isinstance(value, str):
        return value
    return Reason.from_json(value)


def reason_text(value: Any) -> Text | None:
    """One reason as a text worded when read (None for an unknown code)."""
    reason = as_reason(value)
    if reason is None:
        return None
    if isinstance(reason, str):
        return Text(reason)  # stored before codes: shown as written
    word = _WORDING.get(reason.code)
    return word(reason.params) if word else None


def reason_texts(values: Iterable[Any]) -> list[Text]:
    """Reasons (engine's or stored) as texts, in order, unknown ones left out."""
    texts = (reason_text(value) for value in values or ())
    return [text for text in texts if text is not None]


def reason_strings(values: Iterable[Any]) -> list[str]:
    """Reasons worded now, in the active language (for API responses)."""
    return [str(text) for text in reason_texts(values)]


def personal(value: Any) -> bool:
    """Whether a reason tells where the talent lives or comes from (see
    :func:`duallife.engine.recommend.is_personal`); stored sentences from before codes are
    recognised by their Japanese words."""
    reason = as_reason(value)
    if isinstance(reason, str):
        return reason.startswith("出身地: ") or "まで片道" in reason
    return reason is not None and is_personal(reason)


def reasons_json(reasons: Iterable[Reason]) -> list:
    """The engine's reasons as stored (JSON: ``[code, params]`` with lists)."""
    return [
        [r.code, {key: list(v) if isinstance(v, tuple) else v for key, v in r.params.items()}]
        for r in reasons
    ]


def joined(texts: list[Text]) -> Text | None:
    """Reasons in one line, joined by 「 ／ 」 (None when there are none)."""
    if not texts:
        return None
    if len(texts) == 1:
        return texts[0]
    # Translators: joins recommendation reasons in one line (first reason, then the others).
    return Text(gettext_lazy("%(first)s ／ %(rest)s"), first=texts[0], rest=joined(texts[1:]))
