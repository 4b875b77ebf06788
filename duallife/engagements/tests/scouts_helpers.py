"""Shared pieces of the scout and 気になる tests."""

from __future__ import annotations

import json

from duallife.engagements.services.scouts import scout_send
from duallife.regions.models import Prefecture
from duallife.talents.models import TalentProfile

from .conftest import make_talent

SCOUT_MESSAGE = (
    "首都圏で食品のECを五年運営されてきたご経験に惹かれました。"
    "数字を一緒に見ながら、味噌の新商品を首都圏に届ける手順を一緒に作っていただけませんか。"
)


def profile(user) -> TalentProfile:
    return TalentProfile.objects.get(user=user)


def another_talent(name: str, *, visibility: str = TalentProfile.Visibility.ANONYMOUS) -> TalentProfile:
    user = make_talent(name)
    talent = profile(user)
    if visibility != talent.visibility:
        talent.visibility = visibility
        talent.save(update_fields=["visibility"])
    return talent


def send(world, sheet, *, talent=None, by=None, message: str = SCOUT_MESSAGE):
    return scout_send(
        sheet=sheet, talent=talent or profile(world.talent), by=by or world.owner, message=message
    )


def post_json(client, path, body, method: str = "post"):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def pref(code: str) -> Prefecture:
    return Prefecture.objects.get(code=code)
