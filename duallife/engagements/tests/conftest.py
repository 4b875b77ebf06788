"""Fixtures for engagement tests, on top of the spec-sheet world (see postings/tests/conftest.py).

``world``: company ``sendai-miso`` (仙台市) with ``owner`` (admin) and ``member``; ``stranger``
(admin of another company in Akita); ``talent`` (a profile, 山田花子); coordinators for 宮城県
(``coordinator``) and 秋田県 (``far_coordinator``); ``operator``; ``nobody`` (no role).
Staff in ``world`` have no MFA: give it with ``give_mfa`` where a personal-data page needs it.
"""

from __future__ import annotations

import pytest

from duallife.engagements.services.applications import application_submit
from duallife.postings.models import SpecSheet
from duallife.postings.tests.conftest import World, good_data, make_sheet, make_talent, vocabulary, world  # noqa: F401
from duallife.testing.accounts import give_mfa

__all__ = ["World", "give_mfa", "good_data", "make_talent"]

APPLY_MESSAGE = "首都圏で食品のEC運営を五年担当してきました。数字を一緒に見ながら進めたいです。"


@pytest.fixture
def sheet(make_sheet) -> SpecSheet:  # noqa: F811
    """A published sheet of ``world.company`` with two openings."""
    return make_sheet(SpecSheet.Status.PUBLISHED, openings=2)


@pytest.fixture
def application(world, sheet):  # noqa: F811
    """``world.talent`` applied to ``sheet`` sharing name and email."""
    return application_submit(
        sheet=sheet, by=world.talent, message=APPLY_MESSAGE, shared_fields=["name", "email"]
    )


@pytest.fixture
def staff_mfa(world):  # noqa: F811
    for user in (world.coordinator, world.far_coordinator, world.operator):
        give_mfa(user)
    return world
