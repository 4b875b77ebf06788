"""The demo refuses to run before the region pack is loaded, and says how to load it (apart from
the tests that load the pack: those share one pack per module)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError

from duallife.demo.errors import RegionPackNotLoaded
from duallife.demo.services import demo_data_create


def test_demo_requires_the_region_pack(db, run_demo):
    with pytest.raises(RegionPackNotLoaded):
        demo_data_create(small=True)

    with pytest.raises(CommandError, match="load-region-pack tohoku"):
        run_demo("--small")
    assert get_user_model().objects.count() == 0
