"""Texts shared by pages, notifications and refusals: an event's dates, and the engine's
refusals of an instance.

The dates are :class:`~duallife.core.texts.Text`: kept with their dates as parameters and worded
when read, in the reader's language (``str(text)`` on a page; a notification keeps it as it is).
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from duallife.core.formats import format_time, tokyo_time
from duallife.core.texts import Text
from duallife.engine.draft import DraftInputError
from duallife.engine.ids import id_text

from .models import DraftCamp, DraftEvent


def schedule_text(event: DraftEvent) -> list[Text]:
    """The schedule, one step a line (what a notification of a new schedule repeats)."""
    return [
        Text(
            gettext_lazy("エントリー受付：%(opens)s〜%(closes)s"),
            opens=event.entry_opens_on,
            closes=event.entry_closes_on,
        ),
        Text(gettext_lazy("希望リストの締切：%(deadline)s"), deadline=event.preferences_deadline),
        Text(gettext_lazy("指名日：%(date)s"), date=event.nomination_on),
        Text(
            gettext_lazy("交渉期間：%(start)s〜%(end)s"),
            start=event.nomination_on,
            end=event.negotiation_until,
        ),
    ]


def messaging_period(event: DraftEvent) -> Text:
    """When teams and players may write: 「2027年1月10日から2027年3月31日まで」."""
    return Text(
        gettext_lazy("%(start)sから%(end)sまで"), start=event.entry_opens_on, end=event.negotiation_until
    )


def camp_when(camp: DraftCamp) -> Text:
    """「2027年3月5日 13:00〜17:00（オンライン）」 (the end's day too when it is another day)."""
    start, end = tokyo_time(camp.starts_at), tokyo_time(camp.ends_at)
    mode = DraftCamp.Mode(camp.mode).label
    # the end's time of day only (13:00: written the same way in every language we offer), or
    # its day and time when the camp ends on another day
    until = format_time(camp.ends_at) if start.date() == end.date() else camp.ends_at
    return Text(gettext_lazy("%(start)s〜%(end)s（%(mode)s）"), start=camp.starts_at, end=until, mode=mode)


#: The engine's refusals of an instance (:class:`~duallife.engine.draft.DraftInputError`), by code.
INPUT_ERRORS = {
    "not_object": gettext_lazy("入力は players と teams を持つJSONオブジェクトにしてください。"),
    "not_list": gettext_lazy("%(kind)s は配列で指定してください。"),
    "entry_not_object": gettext_lazy("%(kind)s の%(position)d番目がオブジェクトではありません。"),
    "bad_id": gettext_lazy(
        "%(kind)s の%(position)d番目の id は、空でない文字列か整数で指定してください（%(value)s）。"
    ),
    "bad_ranking_id": gettext_lazy(
        "%(owner)s の ranking の%(position)d番目は、"
        "空でない文字列か整数の id で指定してください（%(value)s）。"
    ),
    "duplicate_id": gettext_lazy("%(kind)s の id %(id)s が重複しています。"),
    "same_key": gettext_lazy(
        "teams の%(first)d番目と%(second)d番目の id（%(a)s と %(b)s）は、"
        "結果の matches で同じキーになります。どちらかの id を変えてください。"
    ),
    "capacity": gettext_lazy("チーム %(team)s の capacity は1以上の整数で指定してください。"),
    "seed_needed": gettext_lazy("同順位を抽選で決めるには seed（整数）が必要です。"),
    "ranking_not_list": gettext_lazy("%(owner)s の ranking は配列で指定してください。"),
    "empty_tie": gettext_lazy("%(owner)s の ranking に空の同順位グループがあります。"),
    "unknown_id": gettext_lazy("%(owner)s の ranking にある %(id)s は %(kind)s にいません。"),
    "unknown_id_twin": gettext_lazy(
        "%(owner)s の ranking にある %(id)s は %(kind)s にいません（%(twin)s ならいます。別の id です）。"
    ),
    "repeated_id": gettext_lazy("%(owner)s の ranking に %(id)s が2回あります。"),
    "tie": gettext_lazy("%(owner)s の ranking に同順位（%(ids)s）があります。順位をつけてください。"),
}


def input_error_text(error: DraftInputError) -> str:
    """The engine's refusal of an instance, in the active language (ids as JSON writes them)."""
    params = dict(error.params)
    code = error.code
    if code == "unknown_id" and params.get("twin") is not None:
        code = "unknown_id_twin"
    message = INPUT_ERRORS.get(code)
    if message is None:  # a code this app does not know yet: the engine's own words
        return str(error)
    for key in ("owner", "id", "a", "b", "team", "twin", "value"):
        if key in params:
            params[key] = id_text(params[key])
    if "ids" in params:
        params["ids"] = gettext("、").join(id_text(i) for i in params["ids"])
    return str(message) % params
