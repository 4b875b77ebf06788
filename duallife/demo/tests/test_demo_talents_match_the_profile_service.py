"""The demo writes its 2,000 talents in bulk; each must be the profile ``talent_profile_save`` writes
from the same data (fields, search text, matched skills, themes, prefectures of interest)."""

from duallife.demo.builders.talents import talent_data, talent_profiles_write
from duallife.demo.builders.world import World
from duallife.talents.models import TalentProfile
from duallife.talents.services import talent_profile_save
from duallife.testing.accounts import make_user
from duallife.vocabulary.services import vocabulary_load

TALENTS = 60  # every persona, home area and visibility several times


def written(profile: TalentProfile) -> dict:
    skip = {"id", "user", "created_at", "updated_at"}
    values = {
        f.attname: getattr(profile, f.attname) for f in profile._meta.concrete_fields if f.name not in skip
    }
    assert values["search_text"]
    values["themes"] = sorted(profile.themes.values_list("key", flat=True))
    values["interest"] = sorted(profile.prefectures_of_interest.values_list("code", flat=True))
    values["skills"] = list(
        profile.skills.order_by("pk").values_list("skill__key", "free_text", "normalized", "years", "level")
    )
    return values


def test_bulk_written_talents_equal_what_the_profile_service_writes(region_pack):
    # given the demo's first talents' data
    vocabulary_load()
    world = World()
    data = [talent_data(world, index) for index in range(TALENTS)]
    one_by_one = [make_user(f"service-{i}@example.com", signed_up=True) for i in range(TALENTS)]
    in_bulk = [make_user(f"bulk-{i}@example.com", signed_up=True) for i in range(TALENTS)]

    # when one set goes through the service and the other through the demo's bulk write
    for user, item in zip(one_by_one, data, strict=True):
        talent_profile_save(user=user, data=item)
    talent_profiles_write(list(zip(in_bulk, data, strict=True)))

    # then they are the same profiles
    for service_user, bulk_user in zip(one_by_one, in_bulk, strict=True):
        assert written(TalentProfile.objects.get(user=bulk_user)) == written(
            TalentProfile.objects.get(user=service_user)
        )
