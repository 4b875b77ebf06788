"""Fixtures for engagement tests, on top of the spec-sheet world (``world`` and ``make_sheet``
from duallife/testing/fixtures.py).

``world``: company ``sendai-miso`` (仙台市) with ``owner`` (admin) and ``member``; ``stranger``
(admin of another company in Akita); ``talent`` (a profile, 山田花子); coordinators for 宮城県
(``coordinator``) and 秋田県 (``far_coordinator``); ``operator``; ``nobody`` (no role).
Staff in ``world`` have no MFA: give it with ``give_mfa`` where a personal-data page needs it.
"""

from __future__ import annotations

import pytest

from duallife.engagements.services.applications import application_submit
from duallife.postings.models import SpecSheet
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE


@pytest.fixture
def sheet(make_sheet) -> SpecSheet:
    """A published sheet of ``world.company`` with two openings."""
    return make_sheet(SpecSheet.Status.PUBLISHED, openings=2)


@pytest.fixture
def application(world, sheet):
    """``world.talent`` applied to ``sheet`` sharing name and email."""
    return application_submit(
        sheet=sheet, by=world.talent, message=APPLY_MESSAGE, shared_fields=["name", "email"]
    )


@pytest.fixture
def staff_mfa(world):
    for user in (world.coordinator, world.far_coordinator, world.operator):
        give_mfa(user)
    return world
