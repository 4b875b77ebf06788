"""Applications, offers, contracts and scouts for the engagement tests (and those of the apps above).

``applicant_in_offer(world, sheet, name)``: a new talent applied and got an offer; ``propose``:
the company's proposal of ``terms()`` (業務委託, six months from next week); ``record``: that
proposal confirmed by the applicant (a contract); ``send``: a scout from the company;
``in_talk``: a scout the talent answered with まずは話を聞く (a casual talk, opened by ``TALK_OPENING``);
``another_talent``: one more talent profile to scout; ``copy_per_sheet``: the same application,
scout or 気になる on many sheets, for a list's pages.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import models
from django.utils import timezone

from duallife.engagements.models import Application, Contract
from duallife.engagements.services.applications import application_advance, application_submit
from duallife.engagements.services.proposals import contract_confirm, contract_propose
from duallife.engagements.services.scouts import scout_send, scout_talk_start
from duallife.regions.models import Prefecture
from duallife.talents.models import TalentProfile

from .talents import make_talent_user

APPLY_MESSAGE = "首都圏で食品のEC運営を五年担当してきました。数字を一緒に見ながら進めたいです。"


def terms(**overrides: Any) -> dict[str, Any]:
    """業務委託, starting in a week for six months, 4 days and 40,000円 a month, paid at the end
    of the next month by bank transfer."""
    starts_on = timezone.localdate() + datetime.timedelta(days=7)
    data: dict[str, Any] = {
        "contract_type": "outsourcing",
        "starts_on": starts_on,
        "ends_on": starts_on + datetime.timedelta(days=182),
        "days_per_month": 4,
        "monthly_fee_yen": 40_000,
        "travel_paid_by": "company",
        "subsidy_eligible": True,
        "work_description": "味噌の新商品を首都圏のECで売るための販路づくりと、月次の数字の振り返り",
        "work_place": "オンライン（月1回は会津若松市の事務所）",
    }
    data.update(overrides)
    return data


def to_offer(application: Application, by) -> Application:
    return application_advance(application=application, by=by, to=Application.Status.OFFER)


def applicant_in_offer(world, sheet, name: str) -> Application:
    """A new talent ``name`` applied to ``sheet``; the company made an offer."""
    user = make_talent_user(name)
    application = application_submit(sheet=sheet, by=user, message=APPLY_MESSAGE, shared_fields=["name"])
    return to_offer(application, world.owner)


def applicant_in_interview(world, sheet, name: str, *, days_ahead: int = 3) -> Application:
    """A new talent ``name`` applied to ``sheet``; a meeting online is booked ``days_ahead`` days on."""
    application = application_submit(sheet=sheet, by=make_talent_user(name), message=APPLY_MESSAGE)
    return application_advance(
        application=application,
        by=world.owner,
        to=Application.Status.INTERVIEW,
        interview_mode="online",
        interview_at=timezone.now() + datetime.timedelta(days=days_ahead),
    )


def propose(application: Application, by, **overrides: Any):
    """The company ``by`` proposes ``terms(**overrides)``; returns the proposal."""
    return contract_propose(application=application, by=by, **terms(**overrides))


def record(application: Application, by, **overrides: Any) -> Contract:
    """A contract both sides agreed: ``by`` proposes, the applicant confirms."""
    proposal = propose(application, by, **overrides)
    return contract_confirm(application=application, by=application.talent.user, version=proposal.version)


SCOUT_MESSAGE = (
    "首都圏で食品のECを五年運営されてきたご経験に惹かれました。"
    "数字を一緒に見ながら、味噌の新商品を首都圏に届ける手順を一緒に作っていただけませんか。"
)


def profile(user) -> TalentProfile:
    return TalentProfile.objects.get(user=user)


def another_talent(name: str, *, visibility: str = TalentProfile.Visibility.ANONYMOUS) -> TalentProfile:
    user = make_talent_user(name)
    talent = profile(user)
    if visibility != talent.visibility:
        talent.visibility = visibility
        talent.save(update_fields=["visibility"])
    return talent


def send(world, sheet, *, talent=None, by=None, message: str = SCOUT_MESSAGE):
    return scout_send(
        sheet=sheet, talent=talent or profile(world.talent), by=by or world.owner, message=message
    )


TALK_OPENING = "まずはお話を聞かせてください。週にどのくらい関わる想定でしょうか。"


def in_talk(world, sheet, *, talent=None, by=None, opening: str = TALK_OPENING):
    """A scout of ``by`` (the company's owner) that its talent answered まずは話を聞く, writing
    ``opening`` (the talk's first message; none when empty)."""
    scout = send(world, sheet, talent=talent, by=by)
    return scout_talk_start(scout=scout, by=scout.talent.user, message=opening)


def post_json(client, path, body, method: str = "post"):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def pref(code: str) -> Prefecture:
    return Prefecture.objects.get(code=code)


def copy_per_sheet(row: models.Model, sheets, **changes: Any) -> list[models.Model]:
    """A copy of ``row`` (an application, a scout, a 気になる) on each of ``sheets``, written
    directly; ``changes``: fields to set on every copy (e.g. ``status``)."""
    copies = []
    for sheet in sheets:
        copy = type(row).objects.get(pk=row.pk)
        copy.pk = None
        copy.sheet = sheet
        for name, value in changes.items():
            setattr(copy, name, value)
        copy.save()
        copies.append(copy)
    return copies
