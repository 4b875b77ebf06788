"""Fixtures of the demo's tests. The tests run the small demo (``small=True`` / ``--small``)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from duallife.organizations.models import Organization
from duallife.postings.models import SpecSheet, SpecSheetEvent
from duallife.regions.models import SupportProgram
from duallife.talents.models import TalentProfile
from duallife.testing.vocabulary import forget_vocabulary


@pytest.fixture(autouse=True)
def fresh_vocabulary_cache():
    """The demo loads the vocabulary; its cached copy must not outlive this test's rows."""
    forget_vocabulary()
    yield
    forget_vocabulary()


@pytest.fixture
def real_user(db):
    """Makes someone who is not part of the demo (an address outside example.jp)."""

    def make():
        return get_user_model().objects.create_user(
            username="tanaka", email="tanaka@city.example.com", password="x" * 12
        )

    return make


@pytest.fixture
def run_demo():
    """``duallife demo`` with these arguments; returns what it printed."""

    def run(*args: str) -> str:
        out = StringIO()
        call_command("demo", *args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def counts():
    """How many rows of each kind the demo writes are in the database now."""

    def count() -> dict[str, int]:
        return {
            "users": get_user_model().objects.count(),
            "coordinators": Organization.objects.filter(kind=Organization.Kind.COORDINATOR).count(),
            "companies": Organization.objects.filter(kind=Organization.Kind.COMPANY).count(),
            "secretariats": Organization.objects.filter(kind=Organization.Kind.SECRETARIAT).count(),
            "talents": TalentProfile.objects.count(),
            "sheets": SpecSheet.objects.count(),
            "events": SpecSheetEvent.objects.count(),
            "programs": SupportProgram.objects.count(),
        }

    return count
