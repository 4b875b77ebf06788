"""Helpers for contract and check-in tests: an application in 条件提示, contract terms, a contract."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from duallife.engagements.models import Application, Contract
from duallife.engagements.services.applications import application_advance, application_submit
from duallife.engagements.services.contracts import contract_record
from duallife.postings.tests.conftest import make_talent

APPLY_MESSAGE = "首都圏で食品のEC運営を五年担当してきました。数字を一緒に見ながら進めたいです。"


def terms(**overrides: Any) -> dict[str, Any]:
    """業務委託, starting in a week for six months, 4 days and 40,000円 a month."""
    starts_on = timezone.localdate() + datetime.timedelta(days=7)
    data: dict[str, Any] = {
        "contract_type": "outsourcing",
        "starts_on": starts_on,
        "ends_on": starts_on + datetime.timedelta(days=182),
        "days_per_month": 4,
        "monthly_fee_yen": 40_000,
        "travel_paid_by": "company",
        "subsidy_eligible": True,
    }
    data.update(overrides)
    return data


def to_offer(application: Application, by) -> Application:
    return application_advance(application=application, by=by, to=Application.Status.OFFER)


def applicant_in_offer(world, sheet, name: str) -> Application:
    """A new talent ``name`` applied to ``sheet``; the company made an offer."""
    user = make_talent(name)
    application = application_submit(sheet=sheet, by=user, message=APPLY_MESSAGE, shared_fields=["name"])
    return to_offer(application, world.owner)


def record(application: Application, by, **overrides: Any) -> Contract:
    return contract_record(application=application, by=by, **terms(**overrides))
