"""Reasons in Japanese words, for the batch output (``duallife recommend-batch``), which runs
without Django and so without translations.

The site words reasons in the reader's language (:mod:`duallife.recommendations.reasons`, whose
Japanese messages read the same as these); this plain wording keeps the batch's JSON output as it
always was: each reason a short Japanese sentence such as 「スキル一致: Webマーケティング」.
"""

from __future__ import annotations

from .model import Reason

_STYLE = {"remote": "リモート", "hybrid": "リモート中心", "onsite": "現地中心"}


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}時間{rest}分" if hours and rest else (f"{hours}時間" if hours else f"{rest}分")


def _route(p: dict) -> str:
    note = "（県内の目安）" if p.get("estimate") else ""
    return f"{p['place']}まで片道{_duration(p['minutes'])}・往復{p['fare']:,}円{note}"


def _workload(p: dict) -> str:
    days = f"月{p['days']}日" if p.get("days") else "日数は相談"
    return f"{days}・{_STYLE.get(p.get('style'), '')}"


_WORDS = {
    "skill_match": lambda p: "スキル一致: " + "、".join(p["skills"]),
    "themes": lambda p: "テーマ: " + "、".join(p["themes"]),
    "workload": _workload,
    "route": _route,
    "hometown": lambda p: f"出身地: {p['place']}",
    "interest": lambda p: f"関心のある県: {p['place']}",
    "crowded": lambda p: f"応募が集中しています（募集{p['openings']}人に{p['applicants']}人）",
}


def japanese(reason: Reason) -> str:
    """One reason as the Japanese sentence the batch writes (an unknown code as the code itself)."""
    word = _WORDS.get(reason.code)
    return word(reason.params) if word else reason.code
