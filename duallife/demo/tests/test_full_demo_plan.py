"""The full demo's plan (its 120 companies and 420 sheets), checked without writing it."""

import pytest
from django.utils import timezone

from duallife.demo.builders.organizations import company_plan
from duallife.demo.builders.sheets import sheet_data, sheet_slots
from duallife.demo.builders.talents import talent_data
from duallife.demo.builders.world import World
from duallife.demo.plan import DEMO_FULL, DEMO_SMALL, PUBLISHED, rng
from duallife.engine.speclint import lint
from duallife.postings.selectors import draft_from_data
from duallife.vocabulary.services import vocabulary_load


@pytest.fixture
def world(region_pack):
    vocabulary_load()
    return World()


def test_full_demo_plan_has_distinct_companies_and_only_sheets_that_pass_the_quality_check(world):
    plans = [company_plan(world, index) for index in range(DEMO_FULL.companies)]
    assert len({plan.name for plan in plans}) == DEMO_FULL.companies
    assert {plan.prefecture.code for plan in plans} == set(world.content.places.company_prefectures)
    slots = sheet_slots(world, [(plan, None, None) for plan in plans], DEMO_FULL.sheets)
    assert len(slots) == DEMO_FULL.sheets
    today = timezone.localdate()
    titles = set()
    for number, (plan, _company, _user, template) in enumerate(slots):
        data = sheet_data(world, plan, template, PUBLISHED, rng("sheet", number), today)
        titles.add((plan.index, data["title"]))
        draft, _matches = draft_from_data(data, today=today)
        report = lint(draft)
        assert report.score == 100, (plan.name, template.key, report.codes)
        assert len(data["title"]) <= 50
    assert len(titles) == DEMO_FULL.sheets  # a company never has two sheets with one title


def test_the_small_demo_is_the_start_of_the_full_one(world):
    full_plans = [company_plan(world, i) for i in range(DEMO_FULL.companies)]
    small_plans = [company_plan(World(), i) for i in range(DEMO_SMALL.companies)]

    assert [p.name for p in small_plans] == [p.name for p in full_plans[: DEMO_SMALL.companies]]
    full_slots = sheet_slots(world, [(p, None, None) for p in full_plans], DEMO_FULL.sheets)
    small_slots = sheet_slots(world, [(p, None, None) for p in small_plans], DEMO_SMALL.sheets)
    assert [(p.index, t.key) for p, _c, _u, t in small_slots] == [
        (p.index, t.key) for p, _c, _u, t in full_slots[: DEMO_SMALL.sheets]
    ]
    assert talent_data(World(), 7) == talent_data(world, 7)  # deterministic
