"""A second run of the demo adds nothing and changes no password; the demo never runs on a
database with real users (unless told to), nor without the region pack."""

import pytest
from django.contrib.auth import get_user_model

from duallife.demo.errors import RealUsersPresent
from duallife.demo.plan import DEMO_SMALL
from duallife.demo.services import demo_data_create
from duallife.regions.models import SupportProgram
from duallife.talents.models import TalentProfile
from duallife.vocabulary.models import Skill
from duallife.vocabulary.services import vocabulary_load


def test_demo_is_idempotent(region_pack, counts):
    # given
    first = demo_data_create(small=True)
    before = counts()
    admin = get_user_model().objects.get(username="admin")

    # when
    second = demo_data_create(password="another-password-456", small=True)

    # then
    assert counts() == before
    assert second.programs_created == 0
    assert second.programs_updated == 0
    assert second.programs_unchanged == before["programs"]
    assert not second.admin_created
    assert second.password is None
    assert second.admin_password is None
    assert second.users_created == 0
    assert sum(second.created.values()) == 0
    assert second.existing == {
        "coordinators": 2,
        "companies": 6,
        "talents": 30,
        "sheets": 20,
        "applications": first.created["applications"],
        "drafts": 3,
    }
    assert not second.vocabulary_loaded
    admin.refresh_from_db()
    assert admin.check_password(first.password)  # a re-run never changes the password


def test_demo_restores_an_edited_demo_program(region_pack):
    demo_data_create(small=True)
    program = SupportProgram.objects.order_by("pk").first()
    program.summary = "書き換えた"
    program.save()

    report = demo_data_create(small=True)

    program.refresh_from_db()
    assert report.programs_updated == 1
    assert "架空" in program.summary


def test_demo_refuses_when_a_real_user_exists(region_pack, counts, real_user):
    # given
    real_user()

    # when / then
    with pytest.raises(RealUsersPresent, match="--force"):
        demo_data_create(small=True)
    assert counts()["users"] == 1
    assert sum(v for k, v in counts().items() if k != "users") == 0


def test_demo_uses_a_vocabulary_that_is_already_loaded(region_pack):
    vocabulary_load()

    report = demo_data_create(small=True)

    assert not report.vocabulary_loaded
    assert TalentProfile.objects.count() == 30


def test_small_demo_creates_the_expected_counts(region_pack, counts):
    # given a fresh database with the pack (and no vocabulary yet)
    assert not Skill.objects.exists()

    # when
    report = demo_data_create(password="demo-password-123", small=True)

    # then
    assert report.vocabulary_loaded
    made = counts()
    assert made["users"] == 1 + 2 + DEMO_SMALL.coordinators + DEMO_SMALL.companies + DEMO_SMALL.talents
    assert (made["secretariats"], made["coordinators"], made["companies"]) == (1, 2, 6)
    assert (made["talents"], made["sheets"]) == (30, 20)
    assert made["programs"] == report.programs_created
    assert {key: report.created[key] for key in ("coordinators", "companies", "talents", "sheets")} == {
        "coordinators": 2,
        "companies": 6,
        "talents": 30,
        "sheets": 20,
    }
    assert report.users_created == 40
    assert report.password == "demo-password-123"
